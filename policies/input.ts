/**
 * Pulumi properties → the Rego input. Decides nothing: it copies the properties into plain JSON, records
 * where Pulumi could not know a value during preview, unwraps secrets, and parses the properties that hold
 * policy documents (JSON, or OpenAPI as JSON or YAML) so that Rego sees structures, not strings.
 */
import { Secret, UnknownValueError } from "@pulumi/policy";
import * as YAML from "yaml";

/** A resource as the Rego rules read it (see rego/lib/resources.rego). */
export interface ResourceInput {
  type: string;
  urn: string;
  name: string;
  props: Record<string, unknown>;
  /** Dotted paths (array indices as numbers) of values unknown during preview; their value in props is null. */
  unknowns: string[];
  documents: Record<string, DocumentInput>;
  /** Property name → URNs of the resources that property's value came from. */
  dependencies: Record<string, string[]>;
}

export type DocumentInput =
  | { state: "absent" | "unknown" }
  | { state: "parsed"; value: unknown }
  | { state: "invalid" | "wrong_type"; error: string };

/** What a policy-carrying property holds: an IAM document (JSON) or an OpenAPI definition (JSON or YAML). */
type DocumentFormat = "json" | "openapi";

const documentProperties: Record<string, Record<string, DocumentFormat>> = {
  "aws:apigateway/restApi:RestApi": { policy: "json", body: "openapi" },
  "aws-native:apigateway:RestApi": { policy: "json", body: "openapi" },
  "aws:apigateway/restApiPolicy:RestApiPolicy": { policy: "json" },
};

/**
 * The sentinels @pulumi/policy leaves in deserialized properties for unknown values (proxy.js). Its proxy
 * throws UnknownValueError when one is read; plain objects (a stack export, a test) carry them as strings.
 */
const unknownSentinels = new Set([
  "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
  "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
  "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
  "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
  "030794c1-ac77-496b-92df-f27374a8bd58",
  "e48ece36-62e2-4504-bad9-02848725956a",
  "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
]);

/** The wire form of a secret (@pulumi/pulumi runtime/rpc specialSigKey / specialSecretSig). */
const specialSigKey = "4dabf18193072939515e22adb298388d";
const secretSig = "1b47061264138c4ac30d75fd1eb44270";

export interface ResourceArgs {
  type: string;
  urn: string;
  name: string;
  props: Record<string, unknown>;
  /** PolicyResource.propertyDependencies (stack policies): property → resources. */
  propertyDependencies?: Record<string, { urn: string }[]>;
}

export function resourceInput(args: ResourceArgs): ResourceInput {
  const unknowns: string[] = [];
  const props = plainObject(args.props, "", unknowns);
  const documents: Record<string, DocumentInput> = {};
  for (const [property, format] of Object.entries(documentProperties[args.type] ?? {})) {
    documents[property] = documentInput(props[property], format, unknowns.includes(property));
  }
  const dependencies: Record<string, string[]> = {};
  for (const [property, resources] of Object.entries(args.propertyDependencies ?? {})) {
    dependencies[property] = resources.map((r) => r.urn);
  }
  return { type: args.type, urn: args.urn, name: args.name, props, unknowns, documents, dependencies };
}

function join(path: string, key: string | number): string {
  return path === "" ? String(key) : `${path}.${key}`;
}

/** Reads one property through @pulumi/policy's proxy, which throws for values unknown during preview. */
function read(
  container: Record<string, unknown> | unknown[],
  key: string | number,
): { unknown: boolean; value?: unknown } {
  try {
    const value = (container as Record<string | number, unknown>)[key];
    return typeof value === "string" && unknownSentinels.has(value)
      ? { unknown: true }
      : { unknown: false, value };
  } catch (e) {
    if (e instanceof UnknownValueError) return { unknown: true };
    throw e;
  }
}

function plainObject(
  source: Record<string, unknown>,
  path: string,
  unknowns: string[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(source)) {
    const { unknown, value } = read(source, key);
    if (unknown) {
      unknowns.push(join(path, key));
      out[key] = null;
    } else if (value !== undefined) {
      out[key] = plain(value, join(path, key), unknowns);
    }
  }
  return out;
}

/** Plain JSON of a deserialized property value: secrets unwrapped, unknowns recorded and nulled. */
function plain(value: unknown, path: string, unknowns: string[]): unknown {
  if (value === null || typeof value === "boolean" || typeof value === "string") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (value instanceof Secret) return plain(value.value, path, unknowns);
  if (Array.isArray(value)) {
    // Index by index: Array.prototype.map would read the elements through the proxy before our callback.
    const elements: unknown[] = [];
    for (let i = 0; i < value.length; i++) {
      const element = read(value, i);
      if (element.unknown) unknowns.push(join(path, i));
      elements.push(
        element.unknown || element.value === undefined ? null : plain(element.value, join(path, i), unknowns),
      );
    }
    return elements;
  }
  if (typeof value === "object") {
    const record = value as Record<string, unknown>;
    if (record[specialSigKey] === secretSig) {
      // A secret still in wire form: its plaintext when present, otherwise (ciphertext only) not knowable.
      if ("value" in record) return plain(record.value, path, unknowns);
      unknowns.push(path);
      return null;
    }
    return plainObject(record, path, unknowns);
  }
  throw new TypeError(`${path} holds a ${typeof value}, which is not a JSON value`);
}

/**
 * Documents nested deeper than this are malformed: the SDK hands the input to the module through the
 * recursive JSON.stringify, which overflows the stack a few thousand levels down, and the runtime refuses
 * input nested deeper than 4,096 levels. Either failure would blame every policy of the resource with a bare
 * "Maximum call stack size exceeded". No IAM policy or OpenAPI definition comes near this depth.
 */
export const maxDocumentDepth = 1000;

/** Iterative, so that measuring a hostile document cannot overflow the stack itself. */
function nestedDeeperThan(value: unknown, limit: number): boolean {
  const pending: [unknown, number][] = [[value, 1]];
  while (pending.length > 0) {
    const [current, depth] = pending.pop()!;
    if (typeof current !== "object" || current === null) continue;
    if (depth > limit) return true;
    for (const child of Object.values(current)) pending.push([child, depth + 1]);
  }
  return false;
}

function parsedDocument(value: unknown): DocumentInput {
  return nestedDeeperThan(value, maxDocumentDepth)
    ? { state: "invalid", error: `it is nested deeper than ${maxDocumentDepth} levels` }
    : { state: "parsed", value };
}

function documentInput(value: unknown, format: DocumentFormat, unknown: boolean): DocumentInput {
  if (unknown) return { state: "unknown" };
  if (value === undefined || value === null || value === "") return { state: "absent" };
  if (typeof value === "object") return parsedDocument(value);
  if (typeof value !== "string") {
    return { state: "wrong_type", error: `it is a ${typeof value}, not a JSON string or an object` };
  }
  try {
    return parsedDocument(JSON.parse(value));
  } catch (jsonError) {
    if (format === "json")
      return { state: "invalid", error: `not valid JSON: ${(jsonError as Error).message}` };
  }
  try {
    return parsedDocument(YAML.parse(value) as unknown);
  } catch (yamlError) {
    return { state: "invalid", error: `neither valid JSON nor valid YAML: ${(yamlError as Error).message}` };
  }
}
