/**
 * Configuration a YAML program reads with `${name}`: the stack's values (namespaced keys; `name` alone is the
 * project's `project:name`, `aws:region` is itself), typed by the template's `config` declarations
 * (`type: Number`, `List<String>`, …, `default`, `secret`). A secure value is a secret whose plaintext guard
 * does not know: unknown, so the pack never judges ciphertext.
 */
import { isMap, isScalar, type Node, type YAMLMap } from "yaml";
import { secret, unknownValue, type WireValue } from "../../analyzer/wire";
import type { StackConfig } from "../program/stackConfig";
import type { YamlSource } from "./source";
import type { Declaration } from "./template";
import { known, type Evaluated } from "./values";

interface Declared {
  node: Node;
  type?: string;
  default?: unknown;
  secret: boolean;
}

function declared(declaration: Declaration): Declared {
  const { value } = declaration;
  if (!isMap(value)) {
    return { node: declaration.key, default: isScalar(value) ? value.value : value?.toJSON(), secret: false };
  }
  const fields = (value as YAMLMap).toJSON() as Record<string, unknown>;
  return {
    node: declaration.key,
    type: typeof fields.type === "string" ? fields.type : undefined,
    default: fields.value ?? fields.default,
    secret: fields.secret === true,
  };
}

export class ProgramConfig {
  private readonly declarations = new Map<string, Declared>();

  constructor(
    declarations: Declaration[],
    private readonly stack: StackConfig,
    private readonly project: string,
    private readonly source: YamlSource,
  ) {
    for (const declaration of declarations) this.declarations.set(declaration.name, declared(declaration));
  }

  private fullKey(name: string): string {
    return name.includes(":") ? name : `${this.project}:${name}`;
  }

  /** The value of a config key, or undefined when the program declares no such key and the stack sets none. */
  lookup(name: string, at: Node): Evaluated | undefined {
    const key = this.fullKey(name);
    const declaration = this.declarations.get(name);
    const isSecret = declaration?.secret === true || this.stack.secretKeys.includes(key);
    if (this.stack.secretKeys.includes(key)) return known(secret(unknownValue));
    const text = this.stack.config[key];
    let value: WireValue;
    if (text !== undefined) {
      value = this.typed(text, declaration, at);
    } else if (declaration?.default !== undefined) {
      value = declaration.default as WireValue;
    } else if (declaration) {
      throw this.source.error(
        at,
        `missing required configuration value "${key}" (set it in Pulumi.<stack>.yaml)`,
      );
    } else {
      return undefined;
    }
    return known(isSecret ? secret(value) : value);
  }

  /** Stack values are strings; a declared type says how to read them, as the YAML host does. */
  private typed(text: string, declaration: Declared | undefined, at: Node): WireValue {
    const type = declaration?.type?.toLowerCase();
    if (!type || type === "string") return text;
    if (type === "number" || type === "integer") {
      const number = Number(text);
      if (text.trim() === "" || Number.isNaN(number)) {
        throw this.source.error(at, `configuration value "${text}" is not a ${declaration?.type}`);
      }
      return number;
    }
    if (type === "boolean") {
      if (text !== "true" && text !== "false") {
        throw this.source.error(at, `configuration value "${text}" is not a Boolean`);
      }
      return text === "true";
    }
    try {
      return JSON.parse(text) as WireValue;
    } catch {
      throw this.source.error(at, `configuration value "${text}" is not a ${declaration?.type}`);
    }
  }
}
