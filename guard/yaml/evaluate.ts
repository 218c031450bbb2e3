/**
 * Evaluates a Pulumi YAML program as the YAML language host would run it under guard's mocks: each resource
 * is registered once, after everything its properties and options refer to (a reference registers its target
 * first, as the host's topological sort does); variables are evaluated when first used. Outputs of a resource
 * are its inputs (the mocks' state), `id` its placeholder ID, anything else unknown, as a preview shows it.
 */
import { isMap, isScalar, isSeq, type Node, type Scalar, type YAMLMap, type YAMLSeq } from "yaml";
import type { ResourceOptions } from "../../analyzer/types";
import { isObject, isSecret, isUnknown, secret, type WireObject, type WireValue } from "../../analyzer/wire";
import { durationSeconds } from "../program/recorder";
import { providerTypePrefix } from "../program/defaultProviders";
import type { Unchecked } from "../program/unchecked";
import { builtins, type Scope } from "./builtins";
import type { ProgramConfig } from "./config";
import { InterpolationError, parseInterpolation, type Accessor, type PropertyAccess } from "./interpolation";
import type { Registered, Registry } from "./register";
import type { Declaration, Template } from "./template";
import { canonicalToken, packageOf, TypeTokenError } from "./typeTokens";
import { asText, dependenciesOf, known, settle, unknown, type Evaluated } from "./values";

export interface ProgramContext {
  project: string;
  stack: string;
  organization: string;
  programDir: string;
}

/**
 * Packages of multi-language components (their resources are components a provider plugin expands into
 * children). guard has no plugin to expand them, so it lists each as unchecked instead of judging nothing.
 */
const componentPackages = new Set(["awsx", "aws-apigateway", "eks", "aws-static-website"]);

const resourceFields = new Set(["type", "properties", "options", "name", "get", "defaultProvider"]);

interface ResourceState {
  declaration: Declaration;
  type: string;
  registered?: Registered;
  /** Set while the resource's properties are evaluated, to find cycles. */
  evaluating: boolean;
}

/** `${res}` alone: the resource itself, as options (parent, provider, dependsOn) want it. */
interface ResourceReference {
  resource: ResourceState;
}

function fieldsOf(map: YAMLMap): Map<string, Node | null> {
  return new Map(
    map.items.map((item) => [isScalar(item.key) ? String(item.key.value) : "", item.value as Node]),
  );
}

export class ProgramEvaluator implements Scope {
  readonly unchecked: Unchecked[] = [];
  private readonly resources = new Map<string, ResourceState>();
  private readonly variables = new Map<
    string,
    { declaration: Declaration; value?: Evaluated; evaluating: boolean }
  >();
  readonly programDir: string;

  constructor(
    private readonly template: Template,
    private readonly context: ProgramContext,
    private readonly config: ProgramConfig,
    private readonly registry: Registry,
  ) {
    this.programDir = context.programDir;
    for (const declaration of template.resources) {
      this.resources.set(declaration.name, { declaration, type: "", evaluating: false });
    }
    for (const declaration of template.variables) {
      if (this.resources.has(declaration.name)) {
        throw this.error(declaration.key, `"${declaration.name}" is both a resource and a variable`);
      }
      this.variables.set(declaration.name, { declaration, evaluating: false });
    }
  }

  /**
   * Registers every resource, in declaration order unless a reference brings one forward; then evaluates the
   * variables no resource used, as the host evaluates every one: an error there fails the program here too.
   */
  run(): void {
    for (const state of this.resources.values()) this.registered(state);
    for (const [name, variable] of this.variables) this.variable(name, variable.declaration.key);
  }

  error(node: Node | null | undefined, message: string): Error {
    return this.template.source.error(node, message);
  }

  evaluate(node: Node | null): Evaluated {
    if (node === null || node === undefined) return known(null);
    if (isScalar(node)) return this.scalar(node);
    if (isSeq(node)) {
      const items = (node as YAMLSeq).items.map((item) => this.evaluate(item as Node));
      return known(
        items.map((item) => item.value),
        dependenciesOf(items),
      );
    }
    if (isMap(node)) return this.map(node as YAMLMap);
    throw this.error(node, "aliases and tags are not evaluated by guard");
  }

  private scalar(node: Scalar): Evaluated {
    const { value } = node;
    if (typeof value !== "string") {
      if (value === null || typeof value === "number" || typeof value === "boolean") return known(value);
      throw this.error(node, `a ${typeof value} is no JSON value`);
    }
    let parts;
    try {
      parts = parseInterpolation(value);
    } catch (error) {
      if (error instanceof InterpolationError) throw this.error(node, error.message);
      throw error;
    }
    if (parts.length === 1 && "access" in parts[0]) {
      const resolved = this.access(parts[0].access, node);
      if ("resource" in resolved) {
        throw this.error(
          node,
          `${parts[0].access.text} is a resource; use one of its properties (.id, .urn, …)`,
        );
      }
      return resolved;
    }
    const evaluated = parts.map((part) => {
      if ("text" in part) return known(part.text);
      const resolved = this.access(part.access, node);
      if ("resource" in resolved) throw this.error(node, `${part.access.text} is a resource, not text`);
      return resolved;
    });
    const dependencies = dependenciesOf(evaluated);
    const settled = evaluated.map((part) => settle(part.value));
    if (settled.some((part) => part.unknown)) return unknown(dependencies);
    const text = settled.map((part) => asText(part.value)).join("");
    return known(settled.some((part) => part.secret) ? secret(text) : text, dependencies);
  }

  private map(node: YAMLMap): Evaluated {
    const first = node.items[0];
    const firstKey = first && isScalar(first.key) ? String(first.key.value) : "";
    if (firstKey.startsWith("fn::")) {
      if (node.items.length !== 1) throw this.error(node, `${firstKey} must be the only key of its mapping`);
      const builtin = builtins[firstKey];
      if (!builtin) throw this.error(first.key as Node, `guard does not evaluate ${firstKey}`);
      return builtin(first.value as Node | null, this, node);
    }
    const object: WireObject = {};
    const members: Evaluated[] = [];
    for (const item of node.items) {
      if (!isScalar(item.key)) throw this.error(item.key as Node, "keys must be strings");
      const member = this.evaluate(item.value as Node | null);
      object[String(item.key.value)] = member.value;
      members.push(member);
    }
    return known(object, dependenciesOf(members));
  }

  /** `${root.path…}`: a resource (or one of its outputs), a variable, a config value, or `pulumi.*`. */
  private access(access: PropertyAccess, at: Node): Evaluated | ResourceReference {
    const { root, path } = access;
    const resource = this.resources.get(root);
    if (resource) {
      const registered = this.registered(resource, at);
      if (path.length === 0) return { resource };
      const [output, ...rest] = path;
      const dependencies = [registered.urn];
      if (output === "id") return this.walk(known(registered.id, dependencies), rest, access, at);
      if (output === "urn") return this.walk(known(registered.urn, dependencies), rest, access, at);
      const value = typeof output === "string" ? registered.resource.outputs[output] : undefined;
      // An output the inputs do not hold is computed by the provider: unknown in a preview.
      if (value === undefined) return unknown(dependencies);
      return this.walk(known(value, dependencies), rest, access, at, true);
    }
    const variable = this.variables.get(root);
    if (variable) return this.walk(this.variable(root, at), path, access, at);
    if (root === "pulumi" && typeof path[0] === "string") {
      const builtin: Record<string, string> = {
        stack: this.context.stack,
        project: this.context.project,
        organization: this.context.organization,
        cwd: this.context.programDir,
      };
      if (path[0] in builtin) return this.walk(known(builtin[path[0]]), path.slice(1), access, at);
    }
    const configured = this.config.lookup(root, at);
    if (configured) return this.walk(configured, path, access, at);
    throw this.error(
      at,
      `${access.text}: "${root}" is no resource, variable or configuration key of this program`,
    );
  }

  /** Follows property names and indexes into a value; a resource output's missing member is unknown. */
  private walk(
    start: Evaluated,
    path: Accessor[],
    access: PropertyAccess,
    at: Node,
    output = false,
  ): Evaluated {
    let value: WireValue = start.value;
    let secretValue = false;
    for (const accessor of path) {
      if (isUnknown(value)) return unknown(start.dependencies);
      if (isSecret(value)) {
        secretValue = true;
        value = value.value ?? null;
      }
      const next: WireValue | undefined =
        typeof accessor === "number"
          ? Array.isArray(value)
            ? value[accessor]
            : undefined
          : isObject(value)
            ? value[accessor]
            : undefined;
      if (next === undefined) {
        if (output) return unknown(start.dependencies);
        throw this.error(
          at,
          `${access.text}: no ${typeof accessor === "number" ? `element ${accessor}` : `property "${accessor}"`} in ${JSON.stringify(value)?.slice(0, 200)}`,
        );
      }
      value = next;
    }
    return known(secretValue ? secret(value) : value, start.dependencies);
  }

  private variable(name: string, at: Node): Evaluated {
    const variable = this.variables.get(name)!;
    if (variable.value) return variable.value;
    if (variable.evaluating) throw this.error(at, `variable "${name}" refers to itself`);
    variable.evaluating = true;
    variable.value = this.evaluate(variable.declaration.value);
    variable.evaluating = false;
    return variable.value;
  }

  invoke(call: Node, written: string, args: Evaluated, returnField: string | undefined): Evaluated {
    const token = this.token(written, call);
    // guard's mocks, like the AWS stand-in of the real-CLI tests, answer a provider function with its arguments.
    const answer = settle(args.value);
    if (answer.unknown) return unknown(args.dependencies);
    const echoed =
      returnField === undefined
        ? answer.value
        : isObject(answer.value)
          ? answer.value[returnField]
          : undefined;
    if (echoed === undefined) {
      this.unchecked.push({
        reason: `provider function ${token} (${this.template.source.where(call)}): guard cannot call it offline, so its result "${returnField}" is unknown, and so is what the program builds from it`,
      });
      return unknown(args.dependencies);
    }
    return known(answer.secret ? secret(echoed) : echoed, args.dependencies);
  }

  private token(written: string, at: Node): string {
    try {
      return canonicalToken(written);
    } catch (error) {
      if (error instanceof TypeTokenError) throw this.error(at, error.message);
      throw error;
    }
  }

  /** Registers a resource on first use; a resource whose properties lead back to it is a cycle. */
  private registered(state: ResourceState, at?: Node): Registered {
    if (state.registered) return state.registered;
    const { declaration } = state;
    if (state.evaluating) {
      throw this.error(at ?? declaration.key, `resource "${declaration.name}" depends on itself`);
    }
    state.evaluating = true;
    state.registered = this.register(state);
    state.evaluating = false;
    return state.registered;
  }

  private register(state: ResourceState): Registered {
    const { declaration } = state;
    if (!isMap(declaration.value))
      throw this.error(
        declaration.value ?? declaration.key,
        `resource "${declaration.name}" must be a mapping`,
      );
    const fields = fieldsOf(declaration.value as YAMLMap);
    for (const item of (declaration.value as YAMLMap).items) {
      const key = isScalar(item.key) ? String(item.key.value) : "";
      if (!resourceFields.has(key)) throw this.error(item.key as Node, `resources have no field "${key}"`);
    }
    const typeNode = fields.get("type");
    if (!isScalar(typeNode) || typeof typeNode.value !== "string") {
      throw this.error(typeNode ?? declaration.key, `resource "${declaration.name}" needs a type`);
    }
    const type = this.token(typeNode.value, typeNode);
    state.type = type;
    const nameNode = fields.get("name");
    const name =
      isScalar(nameNode) && typeof nameNode.value === "string" && nameNode.value
        ? nameNode.value
        : declaration.name;
    const get = fields.get("get");
    if (get) return this.read(get, type, name, fields, declaration);

    const { inputs, propertyDependencies } = this.properties(fields.get("properties") ?? null, declaration);
    const options = this.options(fields.get("options") ?? null);
    const component = componentPackages.has(packageOf(type));
    const registered = this.registry.register({
      type,
      name,
      inputs,
      custom: !component,
      parent: options.parent,
      dependencies: [...new Set([...Object.values(propertyDependencies).flat(), ...options.dependsOn])],
      propertyDependencies,
      provider: options.provider,
      version: options.version,
      options: options.resourceOptions,
      sourcePosition: this.template.source.sourcePosition(declaration.key),
    });
    if (component) {
      const { urn, resource } = registered;
      this.unchecked.push({
        resource: { urn, type, name, sourcePosition: resource.sourcePosition },
        reason:
          "a multi-language component: its provider plugin creates its children (the REST API inside it, …), which guard cannot run offline, so none of them is judged",
      });
    }
    return registered;
  }

  /** `get: {id, state}`: an existing resource, listed as unchecked and never judged (recorder.ts says why). */
  private read(
    get: Node,
    type: string,
    name: string,
    fields: Map<string, Node | null>,
    declaration: Declaration,
  ): Registered {
    if (!isMap(get)) throw this.error(get, "get must be a mapping with an id");
    const properties = fields.get("properties");
    if (properties) throw this.error(properties, "a resource read with get has no properties");
    const id = settle(this.evaluate(fieldsOf(get as YAMLMap).get("id") ?? null).value);
    if (id.unknown || typeof id.value !== "string") throw this.error(get, "get needs an id guard can know");
    const options = this.options(fields.get("options") ?? null);
    const position = this.template.source.sourcePosition(declaration.key);
    const registered = this.registry.read(type, name, id.value, options.parent, position);
    this.unchecked.push({
      resource: { urn: registered.urn, type, name, sourcePosition: position },
      reason: `read with get (id ${JSON.stringify(id.value)}): an existing resource this program does not create; its deployed state is unknown offline, so it is not judged (guard audit judges deployed state)`,
    });
    return registered;
  }

  private properties(
    node: Node | null,
    declaration: Declaration,
  ): { inputs: WireObject; propertyDependencies: Record<string, string[]> } {
    const inputs: WireObject = {};
    const propertyDependencies: Record<string, string[]> = {};
    if (node === null || (isScalar(node) && node.value === null)) return { inputs, propertyDependencies };
    const entries: Array<[string, Evaluated]> = [];
    if (
      isMap(node) &&
      !(node as YAMLMap).items.some((item) => isScalar(item.key) && String(item.key.value).startsWith("fn::"))
    ) {
      for (const item of (node as YAMLMap).items) {
        if (!isScalar(item.key)) throw this.error(item.key as Node, "property names must be strings");
        entries.push([String(item.key.value), this.evaluate(item.value as Node | null)]);
      }
    } else {
      const whole = this.evaluate(node);
      const settled = settle(whole.value);
      if (settled.unknown || !isObject(whole.value)) {
        throw this.error(node, `the properties of "${declaration.name}" must be an object guard can know`);
      }
      for (const [key, value] of Object.entries(whole.value))
        entries.push([key, known(value, whole.dependencies)]);
    }
    for (const [key, value] of entries) {
      // The Go SDK leaves out properties set to null.
      if (value.value === null) continue;
      inputs[key] = value.value;
      if (value.dependencies.length > 0) propertyDependencies[key] = value.dependencies;
    }
    return { inputs, propertyDependencies };
  }

  private resourceOption(node: Node | null, name: string): ResourceState {
    if (isScalar(node) && typeof node.value === "string") {
      const parts = parseInterpolation(node.value);
      if (parts.length === 1 && "access" in parts[0]) {
        const resolved = this.access(parts[0].access, node);
        if ("resource" in resolved) return resolved.resource;
      }
    }
    throw this.error(node, `${name} must name a resource: \${resource}`);
  }

  private options(node: Node | null) {
    const result = {
      dependsOn: [] as string[],
      parent: undefined as string | undefined,
      provider: undefined as ReturnType<Registry["provider"]>,
      version: undefined as string | undefined,
      resourceOptions: { ignoreChanges: [], additionalSecretOutputs: [], aliases: [] } as ResourceOptions,
    };
    if (node === null) return result;
    if (!isMap(node)) throw this.error(node, "options must be a mapping");
    for (const [key, value] of fieldsOf(node as YAMLMap)) {
      if (key === "dependsOn") {
        const items = isSeq(value) ? ((value as YAMLSeq).items as Node[]) : [value];
        result.dependsOn = items.map((item) => this.registered(this.resourceOption(item, "dependsOn")).urn);
      } else if (key === "parent") {
        result.parent = this.registered(this.resourceOption(value, "parent")).urn;
      } else if (key === "provider") {
        const state = this.resourceOption(value, "provider");
        const registered = this.registered(state);
        if (!state.type.startsWith(providerTypePrefix))
          throw this.error(value, "provider must be a provider resource (pulumi:providers:…)");
        result.provider = this.registry.provider(registered.urn);
      } else if (key === "protect") {
        const protect = this.evaluate(value).value;
        if (typeof protect !== "boolean") throw this.error(value, "protect must be a boolean value");
        result.resourceOptions.protect = protect || undefined;
      } else if (key === "version") {
        result.version = String(this.evaluate(value).value);
      } else if (key === "ignoreChanges" || key === "additionalSecretOutputs") {
        const list = this.evaluate(value).value;
        if (!Array.isArray(list) || list.some((item) => typeof item !== "string"))
          throw this.error(value, `${key} must be a list of strings`);
        result.resourceOptions[key] = list as string[];
      } else if (key === "deleteBeforeReplace") {
        result.resourceOptions.deleteBeforeReplace = this.evaluate(value).value === true;
      } else if (key === "customTimeouts") {
        const timeouts = this.evaluate(value).value;
        if (!isObject(timeouts)) throw this.error(value, "customTimeouts must be a mapping");
        const seconds = (field: string) =>
          typeof timeouts[field] === "string" ? durationSeconds(timeouts[field] as string) : undefined;
        result.resourceOptions.customTimeouts = {
          create: seconds("create"),
          update: seconds("update"),
          delete: seconds("delete"),
        };
      } else if (
        ![
          "aliases",
          "import",
          "retainOnDelete",
          "replaceOnChanges",
          "pluginDownloadURL",
          "deletedWith",
          "hideDiffs",
          "providers",
          "replaceWith",
          "replacementTrigger",
        ].includes(key)
      ) {
        throw this.error(value, `resources have no option "${key}"`);
      }
    }
    return result;
  }
}
