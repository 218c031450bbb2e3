/**
 * Reads `pulumi stack export` output (deployment version 3 or 4) strictly: the first thing that is not what
 * Pulumi writes is an input error naming its JSON path, because an export guard half-understood could pass
 * resources it never judged. What it returns is the deployed state, resource by resource:
 *  - a resource is judged from its `outputs` (what the provider last reported); only one with no outputs at
 *    all is judged from its `inputs`, whole — never property by property, which would judge a property
 *    deleted in the console from the program again;
 *  - its inputs are kept beside, so that a verdict the program would get differently can be told as drift;
 *  - resources pending deletion (`delete: true`, still live) and read ones (`external: true`) are judged too;
 *  - pending operations are kept, to be listed as state guard cannot be sure of.
 */
import type { ProviderReference, ResourceOptions } from "../analyzer/types";
import { decodeExport } from "./audit/decode";
import { describeValue, element, member, shown } from "./audit/jsonPath";
import {
  arrayAt,
  booleanAt,
  isJsonObject,
  numberAt,
  objectAt,
  optional,
  stringAt,
  stringListsAt,
  stringsAt,
  type JsonObject,
} from "./audit/shape";
import { readProperties, ValueProblem, type Unreadable } from "./audit/values";
import { UsageError } from "./errors";
import { bounded } from "./report/bounded";
import type { LocatedResource } from "./resource";

/** Version 4 is version 3 plus the features it lists (pkg/resource/stack/deployment.go supportedFeatures). */
const readableVersions = [3, 4];
const knownFeatures = new Set([
  "refreshBeforeUpdate",
  "views",
  "hooks",
  "taint",
  "replaceWith",
  "snippets-prototype",
  "extensionParameterization",
  "byteString",
]);

/** One resource of the export, as audit judges it; `inputs` and `outputs` both hold the judged state. */
export interface AuditedResource extends LocatedResource {
  judgedFrom: "outputs" | "inputs";
  /** The same resource as the program declared it (its inputs), when it was judged from its outputs. */
  program?: LocatedResource;
  /** Read with `.get()` or otherwise not managed by this stack. */
  external: boolean;
  /** Replaced but not yet deleted: still deployed. */
  pendingDeletion: boolean;
  /** Values of the judged state guard cannot read (encrypted, unknown). */
  unreadable: Unreadable[];
  /** What the program's inputs hold that guard cannot read, so drift cannot be told from them. */
  programUnreadable: boolean;
}

export interface PendingOperation {
  urn: string;
  type: string;
  /** creating, updating, deleting, reading, importing… as the export names it. */
  operation: string;
}

export interface StackExport {
  /** Project and stack, from the URNs; empty for an empty stack. */
  project: string;
  stack: string;
  resources: AuditedResource[];
  pendingOperations: PendingOperation[];
}

interface Urn {
  stack: string;
  project: string;
  type: string;
  name: string;
}

/**
 * No URN Pulumi writes comes near this length (AWS names stop at a few hundred characters); a longer one would
 * make every line that names the resource longer than a message may be.
 */
const maxUrnLength = 16 * 1024;

/** urn:pulumi:<stack>::<project>::<qualified type>::<name>; the name may itself contain "::". */
function parseUrn(value: unknown, path: string): Urn & { urn: string } {
  const urn = stringAt(value, path);
  if (urn.length > maxUrnLength) {
    throw new ValueProblem(path, `${shown(urn)} is longer than ${maxUrnLength} characters: no Pulumi URN is`);
  }
  const parts = urn.startsWith("urn:pulumi:") ? urn.slice("urn:pulumi:".length).split("::") : [];
  if (parts.length < 4 || parts.slice(0, 3).some((part) => part === "")) {
    throw new ValueProblem(path, `${shown(urn)} is not a Pulumi URN (urn:pulumi:stack::project::type::name)`);
  }
  const [stack, project, qualifiedType, ...name] = parts;
  return { urn, stack, project, type: qualifiedType.split("$").pop()!, name: name.join("::") };
}

function options(entry: JsonObject, path: string): ResourceOptions {
  return {
    protect: optional(entry, "protect", path, booleanAt),
    ignoreChanges: optional(entry, "ignoreChanges", path, stringsAt),
    deleteBeforeReplace: optional(entry, "deleteBeforeReplace", path, booleanAt),
    additionalSecretOutputs: optional(entry, "additionalSecretOutputs", path, stringsAt),
    aliases: optional(entry, "aliases", path, stringsAt),
    customTimeouts: optional(entry, "customTimeouts", path, (value, at) => {
      const timeouts = objectAt(value, at);
      return {
        create: optional(timeouts, "create", at, numberAt),
        update: optional(timeouts, "update", at, numberAt),
        delete: optional(timeouts, "delete", at, numberAt),
      };
    }),
  };
}

const isEmpty = (bag: JsonObject | undefined) => bag === undefined || Object.keys(bag).length === 0;

interface Entry {
  path: string;
  urn: Urn & { urn: string };
  record: JsonObject;
}

/** Line (1-based) of each `"urn": "…"` member in the export text, so reports can point into the file. */
function urnLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  text.split("\n").forEach((line, index) => {
    const match = /"urn"\s*:\s*"([^"]+)"/.exec(line);
    if (match && !lines.has(match[1])) lines.set(match[1], index + 1);
  });
  return lines;
}

function readEntries(resources: unknown[], path: string): Entry[] {
  const entries: Entry[] = [];
  const seen = new Map<string, Entry[]>();
  resources.forEach((value, index) => {
    const at = element(path, index);
    const record = objectAt(value, at);
    const urn = parseUrn(record.urn, member(at, "urn"));
    const type = stringAt(record.type, member(at, "type"));
    if (type !== urn.type) {
      throw new ValueProblem(
        member(at, "type"),
        `${shown(type)} is not the type its URN names (${shown(urn.type)})`,
      );
    }
    const first = entries[0]?.urn;
    if (first && (first.stack !== urn.stack || first.project !== urn.project)) {
      throw new ValueProblem(
        member(at, "urn"),
        `belongs to ${shown(`${urn.project}/${urn.stack}`)}, but the export's first resource to ${shown(`${first.project}/${first.stack}`)}`,
      );
    }
    const entry = { path: at, urn, record };
    const twins = [...(seen.get(urn.urn) ?? []), entry];
    // A replacement created before its predecessor was deleted leaves two resources with one URN: the old one
    // marked delete: true. Any other repetition would make guard judge one state and report the other.
    const deleting = twins.filter((twin) => twin.record.delete === true).length;
    if (twins.length > 2 || (twins.length === 2 && deleting !== 1)) {
      throw new ValueProblem(
        member(at, "urn"),
        `repeats the URN of ${twins[0].path} (only a resource pending deletion and its replacement share one)`,
      );
    }
    seen.set(urn.urn, twins);
    entries.push(entry);
  });
  return entries;
}

function readPendingOperations(value: unknown, path: string): PendingOperation[] {
  return arrayAt(value, path).map((item, index) => {
    const at = element(path, index);
    const operation = objectAt(item, at);
    const resource = objectAt(operation.resource, member(at, "resource"));
    const urn = parseUrn(resource.urn, member(member(at, "resource"), "urn"));
    return {
      urn: urn.urn,
      type: stringAt(resource.type, member(member(at, "resource"), "type")),
      operation: stringAt(operation.type, member(at, "type")),
    };
  });
}

function checkVersion(root: JsonObject): void {
  if (!readableVersions.includes(root.version as number)) {
    throw new ValueProblem(
      "version",
      root.version === undefined
        ? "missing (an export of `pulumi stack export` has version 3 or 4)"
        : `${describeValue(root.version)} is not a deployment version guard reads (3 or 4)`,
    );
  }
  if (root.version !== 4) return;
  const features = optional(root, "features", "", stringsAt) ?? [];
  features.forEach((feature, index) => {
    if (!knownFeatures.has(feature)) {
      throw new ValueProblem(
        `features[${index}]`,
        `${shown(feature)} is a feature guard does not know how to read`,
      );
    }
  });
}

function readDeployment(text: string, source: string, fileUri: string | undefined): StackExport {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new UsageError(bounded(`${source} is not valid JSON: ${(error as Error).message}`));
  }
  if (!isJsonObject(document)) {
    throw new UsageError(
      `${source}: the export is ${describeValue(document)}, not an object from \`pulumi stack export\``,
    );
  }
  checkVersion(document);
  const deployment = objectAt(document.deployment, "deployment");
  optional(deployment, "manifest", "deployment", objectAt);
  const pendingOperations =
    optional(deployment, "pending_operations", "deployment", readPendingOperations) ?? [];
  const list = optional(deployment, "resources", "deployment", arrayAt) ?? [];
  const entries = readEntries(list, "deployment.resources");

  const byUrn = new Map(entries.map((entry) => [entry.urn.urn, entry]));
  const providerOf = (entry: Entry): ProviderReference | undefined => {
    const reference = optional(entry.record, "provider", entry.path, stringAt);
    if (reference === undefined) return undefined;
    const at = member(entry.path, "provider");
    const separator = reference.lastIndexOf("::");
    const provider = separator > 0 ? byUrn.get(reference.slice(0, separator)) : undefined;
    if (!provider || !provider.urn.type.startsWith("pulumi:providers:")) {
      throw new ValueProblem(at, `${shown(reference)} names no provider resource of this export (urn::id)`);
    }
    const inputs = optional(provider.record, "inputs", provider.path, objectAt) ?? {};
    return {
      type: provider.urn.type,
      name: provider.urn.name,
      urn: provider.urn.urn,
      properties: readProperties(inputs, member(provider.path, "inputs")).properties,
    };
  };

  /** A resource's properties, a problem in them naming the resource (its index alone is hard to find). */
  const propertiesOf = (bag: JsonObject, at: string, urn: Urn) => {
    try {
      return readProperties(bag, at);
    } catch (error) {
      if (!(error instanceof ValueProblem)) throw error;
      throw new ValueProblem(error.path, `${error.problem} (resource ${shown(urn.name)}, ${urn.type})`);
    }
  };

  const lines = fileUri ? urnLines(text) : new Map<string, number>();
  const resources = entries.map((entry): AuditedResource => {
    const { path, urn, record } = entry;
    const inputs = optional(record, "inputs", path, objectAt);
    const outputs = optional(record, "outputs", path, objectAt);
    const judgedFrom = isEmpty(outputs) && !isEmpty(inputs) ? "inputs" : "outputs";
    const state = propertiesOf(
      (judgedFrom === "outputs" ? outputs : inputs) ?? {},
      member(path, judgedFrom),
      urn,
    );
    const external = optional(record, "external", path, booleanAt) ?? false;
    const declared =
      judgedFrom === "outputs" && !external && !isEmpty(inputs)
        ? propertiesOf(inputs!, member(path, "inputs"), urn)
        : undefined;
    // Not needed to judge the resource, but a mistyped one means the export is not what Pulumi wrote.
    optional(record, "custom", path, booleanAt);
    const base: LocatedResource = {
      type: urn.type,
      name: urn.name,
      urn: urn.urn,
      inputs: state.properties,
      outputs: state.properties,
      parent: optional(record, "parent", path, stringAt),
      dependencies: optional(record, "dependencies", path, stringsAt) ?? [],
      propertyDependencies: optional(record, "propertyDependencies", path, stringListsAt) ?? {},
      provider: providerOf(entry),
      options: options(record, path),
      ...(fileUri && lines.has(urn.urn)
        ? { sourcePosition: { uri: fileUri, line: lines.get(urn.urn)! } }
        : {}),
    };
    return {
      ...base,
      judgedFrom,
      program: declared && { ...base, inputs: declared.properties, outputs: declared.properties },
      external,
      pendingDeletion: optional(record, "delete", path, booleanAt) ?? false,
      unreadable: state.unreadable,
      programUnreadable: (declared?.unreadable.length ?? 0) > 0,
    };
  });
  const [first] = entries;
  return { project: first?.urn.project ?? "", stack: first?.urn.stack ?? "", resources, pendingOperations };
}

/**
 * `bytes` is the export as read (UTF-8, or UTF-16 with a byte-order mark); `source` names it in messages;
 * `fileUri` (a file: URI of the export) lets findings point at the resource's line in it.
 */
export function parseStackExport(bytes: Uint8Array | string, source: string, fileUri?: string): StackExport {
  const text = typeof bytes === "string" ? bytes.replace(/^\uFEFF/, "") : decodeExport(bytes, source);
  try {
    return readDeployment(text, source, fileUri);
  } catch (error) {
    if (error instanceof ValueProblem) throw new UsageError(bounded(`${source}: ${error.message}`));
    throw error;
  }
}
