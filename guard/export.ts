/**
 * Reads `pulumi stack export` output (deployment version 3) into the resources the engine would hand to the
 * pack: inputs for Analyze, outputs for AnalyzeStack, with parent, dependencies, property dependencies,
 * options and provider. Resources pending deletion are left out, as the engine leaves them out.
 */
import type { ProviderReference } from "../analyzer/types";
import {
  isObject,
  secret,
  specialSecretSig,
  specialSigKey,
  unknownValue,
  type WireObject,
  type WireValue,
} from "../analyzer/wire";
import { UsageError } from "./errors";
import type { LocatedResource } from "./resource";

interface StateResource {
  urn: string;
  type: string;
  custom?: boolean;
  delete?: boolean;
  inputs?: WireObject;
  outputs?: WireObject;
  parent?: string;
  dependencies?: string[];
  propertyDependencies?: Record<string, string[]>;
  provider?: string;
  protect?: boolean;
  ignoreChanges?: string[];
  additionalSecretOutputs?: string[];
  aliases?: string[];
  customTimeouts?: { create?: number; update?: number; delete?: number };
  deleteBeforeReplace?: boolean;
}

/**
 * State secrets are `{sig, ciphertext}` (or `{sig, plaintext}` from `--show-secrets`). Ciphertext cannot be
 * decrypted offline, so it becomes a secret whose value is unknown: policies see that a value is there and
 * secret, and cannot read it.
 */
function fromState(value: WireValue): WireValue {
  if (Array.isArray(value)) return value.map(fromState);
  if (!isObject(value)) return value;
  if (value[specialSigKey] === specialSecretSig) {
    if (typeof value.plaintext === "string")
      return secret(fromState(JSON.parse(value.plaintext) as WireValue));
    if ("value" in value) return secret(fromState(value.value));
    return secret(unknownValue);
  }
  return Object.fromEntries(Object.entries(value).map(([key, member]) => [key, fromState(member)]));
}

function nameOf(urn: string): string {
  return urn.slice(urn.lastIndexOf("::") + 2);
}

function check(resource: unknown, index: number): StateResource {
  if (!isObject(resource as WireValue)) throw new UsageError(`resource #${index} is not an object`);
  const candidate = resource as Record<string, unknown>;
  if (typeof candidate.urn !== "string" || !candidate.urn.startsWith("urn:pulumi:")) {
    throw new UsageError(`resource #${index} has no valid urn`);
  }
  if (typeof candidate.type !== "string") throw new UsageError(`resource ${candidate.urn} has no type`);
  return candidate as unknown as StateResource;
}

export interface StackExport {
  /** Project and stack, from the URNs. */
  project: string;
  stack: string;
  resources: LocatedResource[];
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

/** `fileUri` (a file: URI of the export) lets violations point at the resource's line in it. */
export function parseStackExport(text: string, source: string, fileUri?: string): StackExport {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${source} is not valid JSON: ${(error as Error).message}`);
  }
  if (!isObject(document as WireValue))
    throw new UsageError(`${source} is not a stack export (expected an object)`);
  const { version, deployment } = document as { version?: unknown; deployment?: unknown };
  if (version !== 3) {
    throw new UsageError(
      `${source}: deployment version ${JSON.stringify(version)} is not supported (expected 3)`,
    );
  }
  const resources = isObject(deployment as WireValue)
    ? (deployment as { resources?: unknown }).resources
    : undefined;
  if (resources === undefined || resources === null) return { project: "", stack: "", resources: [] };
  if (!Array.isArray(resources)) throw new UsageError(`${source}: deployment.resources is not an array`);

  const live = resources.map(check).filter((resource) => !resource.delete);
  const byUrn = new Map(live.map((resource) => [resource.urn, resource]));
  const providerOf = (reference: string | undefined): ProviderReference | undefined => {
    if (!reference) return undefined;
    const urn = reference.slice(0, reference.lastIndexOf("::"));
    const provider = byUrn.get(urn);
    if (!provider) return undefined;
    return {
      type: provider.type,
      name: nameOf(urn),
      urn,
      properties: fromState(provider.inputs ?? {}) as WireObject,
    };
  };
  // urn:pulumi:<stack>::<project>::<qualified type>::<name>
  const [stack = "", project = ""] = live[0]?.urn.slice("urn:pulumi:".length).split("::") ?? [];
  const lines = fileUri ? urnLines(text) : new Map<string, number>();
  return {
    project,
    stack,
    resources: live.map((resource) => ({
      type: resource.type,
      name: nameOf(resource.urn),
      urn: resource.urn,
      inputs: fromState(resource.inputs ?? {}) as WireObject,
      outputs: fromState(resource.outputs ?? {}) as WireObject,
      parent: resource.parent,
      dependencies: resource.dependencies ?? [],
      propertyDependencies: resource.propertyDependencies ?? {},
      provider: providerOf(resource.provider),
      options: {
        protect: resource.protect,
        ignoreChanges: resource.ignoreChanges,
        deleteBeforeReplace: resource.deleteBeforeReplace,
        additionalSecretOutputs: resource.additionalSecretOutputs,
        aliases: resource.aliases,
        customTimeouts: resource.customTimeouts,
      },
      ...(fileUri && lines.has(resource.urn)
        ? { sourcePosition: { uri: fileUri, line: lines.get(resource.urn)! } }
        : {}),
    })),
  };
}
