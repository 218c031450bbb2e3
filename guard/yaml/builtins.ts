/**
 * The `fn::` functions of Pulumi YAML that API Gateway programs use, with the YAML language host's semantics
 * (pulumi-yaml run.go, v1.25.0): arguments that are unknown make the result unknown, secret arguments make it
 * secret. Assets and archives are passed on as values the pack does not judge. Any other function is an error:
 * guard would otherwise judge a program it only half understood.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { isMap, isScalar, isSeq, type Node, type YAMLMap, type YAMLSeq } from "yaml";
import { secret, specialSigKey, type WireValue } from "../../analyzer/wire";
import { apply, known, type Evaluated } from "./values";

export interface Scope {
  evaluate(node: Node | null): Evaluated;
  error(node: Node | null | undefined, message: string): Error;
  /** A provider function call (fn::invoke), answered as guard's mocks answer it. */
  invoke(call: Node, token: string, args: Evaluated, returnField: string | undefined): Evaluated;
  /** The program's directory, against which fn::readFile paths resolve. */
  programDir: string;
}

export type Builtin = (argument: Node | null, scope: Scope, call: Node) => Evaluated;

/** Go's encoding/json: map keys sorted, <, > and & and the line separators escaped. */
export function goJson(value: WireValue): string {
  if (value === null || typeof value !== "object") {
    return JSON.stringify(value).replace(
      /[<>&\u2028\u2029]/g,
      (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
    );
  }
  if (Array.isArray(value)) return `[${value.map(goJson).join(",")}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((key) => `${goJson(key)}:${goJson(value[key])}`).join(",")}}`;
}

function pair(argument: Node | null, scope: Scope, name: string): [Node, Node] {
  if (!isSeq(argument) || (argument as YAMLSeq).items.length !== 2) {
    throw scope.error(argument, `${name} takes a list of two arguments`);
  }
  const [first, second] = (argument as YAMLSeq).items as Node[];
  return [first, second];
}

function typeName(value: WireValue): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

const join: Builtin = (argument, scope) => {
  const [delimiterNode, valuesNode] = pair(argument, scope, "fn::join");
  return apply([scope.evaluate(delimiterNode), scope.evaluate(valuesNode)], (delimiter, values) => {
    if (delimiter !== null && typeof delimiter !== "string") {
      throw scope.error(delimiterNode, `delimiter must be a string, not ${typeName(delimiter)}`);
    }
    if (!Array.isArray(values)) {
      throw scope.error(
        valuesNode,
        `the second argument to fn::join must be a list, found ${typeName(values)}`,
      );
    }
    return values
      .map((item, index) => {
        if (typeof item !== "string") {
          throw scope.error(
            valuesNode,
            `fn::join needs a list of strings, found ${typeName(item)} at index ${index}`,
          );
        }
        return item;
      })
      .join(delimiter ?? "");
  });
};

const split: Builtin = (argument, scope) => {
  const [delimiterNode, sourceNode] = pair(argument, scope, "fn::split");
  return apply([scope.evaluate(delimiterNode), scope.evaluate(sourceNode)], (delimiter, source) => {
    if (typeof delimiter !== "string") throw scope.error(delimiterNode, "the delimiter must be a string");
    if (typeof source !== "string") throw scope.error(sourceNode, "the source must be a string");
    return source.split(delimiter);
  });
};

const select: Builtin = (argument, scope) => {
  const [indexNode, valuesNode] = pair(argument, scope, "fn::select");
  return apply([scope.evaluate(indexNode), scope.evaluate(valuesNode)], (index, values) => {
    if (typeof index !== "number")
      throw scope.error(indexNode, `index must be a number, not ${typeName(index)}`);
    if (!Number.isInteger(index) || index < 0) {
      throw scope.error(indexNode, `index must be a positive integral, not ${index}`);
    }
    if (!Array.isArray(values))
      throw scope.error(valuesNode, `fn::select needs a list, found ${typeName(values)}`);
    if (index >= values.length) {
      throw scope.error(indexNode, `index ${index} out of bounds for a list of length ${values.length}`);
    }
    return values[index];
  });
};

const toJSON: Builtin = (argument, scope) => apply([scope.evaluate(argument)], (value) => goJson(value));

const toBase64: Builtin = (argument, scope) =>
  apply([scope.evaluate(argument)], (value) => {
    if (typeof value !== "string") throw scope.error(argument, "fn::toBase64 needs a string");
    return Buffer.from(value, "utf8").toString("base64");
  });

const fromBase64: Builtin = (argument, scope) =>
  apply([scope.evaluate(argument)], (value) => {
    if (typeof value !== "string") throw scope.error(argument, "fn::fromBase64 needs a string");
    return Buffer.from(value, "base64").toString("utf8");
  });

const readFile: Builtin = (argument, scope) =>
  apply([scope.evaluate(argument)], (file) => {
    if (typeof file !== "string") throw scope.error(argument, "fn::readFile needs a path");
    try {
      return fs.readFileSync(path.resolve(scope.programDir, file), "utf8");
    } catch (error) {
      throw scope.error(argument, `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? error}`);
    }
  });

const secretBuiltin: Builtin = (argument, scope) => {
  const value = scope.evaluate(argument);
  return known(secret(value.value), value.dependencies);
};

const invoke: Builtin = (argument, scope, call) => {
  if (!isMap(argument))
    throw scope.error(argument, "fn::invoke takes {function, arguments, options, return}");
  const fields = new Map(
    (argument as YAMLMap).items.map((item) => [isScalar(item.key) ? String(item.key.value) : "", item]),
  );
  for (const [key, item] of fields) {
    if (!["function", "arguments", "options", "return"].includes(key)) {
      throw scope.error(item.key as Node, `fn::invoke has no field "${key}"`);
    }
  }
  const token = fields.get("function")?.value as Node | undefined;
  if (!isScalar(token) || typeof token.value !== "string") {
    throw scope.error(token ?? argument, "fn::invoke needs a function token");
  }
  const returned = fields.get("return")?.value as Node | undefined;
  if (returned !== undefined && !(isScalar(returned) && typeof returned.value === "string")) {
    throw scope.error(returned, "return must be a property name");
  }
  const args = scope.evaluate((fields.get("arguments")?.value as Node | undefined) ?? null);
  return scope.invoke(call, token.value, args, returned ? String(returned.value) : undefined);
};

const assetSig = "c44067f5952c0a294b673a41bacd8c17";
const archiveSig = "0def7320c3a5731c473e5ecbe6d01bc7";

/** An asset or archive the program passes to a resource; the pack judges no file contents. */
function asset(sig: string, field: string): Builtin {
  return (argument, scope) =>
    apply([scope.evaluate(argument)], (value) => {
      if (typeof value !== "string") throw scope.error(argument, "an asset or archive needs a string");
      return { [specialSigKey]: sig, [field]: value };
    });
}

export const builtins: Record<string, Builtin> = {
  "fn::join": join,
  "fn::split": split,
  "fn::select": select,
  "fn::toJSON": toJSON,
  "fn::toBase64": toBase64,
  "fn::fromBase64": fromBase64,
  "fn::readFile": readFile,
  "fn::secret": secretBuiltin,
  "fn::invoke": invoke,
  "fn::fileAsset": asset(assetSig, "path"),
  "fn::stringAsset": asset(assetSig, "text"),
  "fn::remoteAsset": asset(assetSig, "uri"),
  "fn::fileArchive": asset(archiveSig, "path"),
  "fn::remoteArchive": asset(archiveSig, "uri"),
};
