/**
 * A resource's property values as the state stores them → the wire values the pack receives, with a list of
 * every value guard cannot read. The state's encodings (pkg/resource/stack/deployment.go) are:
 *  - secrets, `{sig, ciphertext}` or, from `--show-secrets`, `{sig, plaintext}` (the value as JSON text);
 *  - strings that are not UTF-8, `{sig: byteString, value: base64}`; NaN and infinities, `{sig: float, value:
 *    hex bits}`; assets, archives and resource references, which travel to the pack unchanged;
 *  - Pulumi's unknown-value sentinels, which a state may hold after an interrupted update.
 * Ciphertext, unknowns and non-finite numbers cannot be judged: they are recorded as unreadable and reach
 * the pack as unknown (so it judges everything else of the resource and never mistakes them for absent).
 * Anything else carrying the signature key is malformed, as is nesting deeper than maxPropertyDepth.
 */
import {
  secret,
  specialSecretSig,
  specialSigKey,
  unknownValue,
  type WireObject,
  type WireValue,
} from "../../analyzer/wire";
import { describeValue, element, member } from "./jsonPath";

/**
 * The policy pack gets resources through gRPC, whose serializer and the SDK's deserializer recurse once (or
 * more) per level: about 1,500 levels overflow them, and the pack itself refuses documents nested deeper than
 * 1,000 (policies/input.ts). Deeper state is refused here, naming the resource, before anything overflows.
 */
export const maxPropertyDepth = 1000;

const signatures = {
  asset: "c44067f5952c0a294b673a41bacd8c17",
  archive: "0def7320c3a5731c473e5ecbe6d01bc7",
  resourceReference: "5cf8f73096256a8f31e491e813e4eb8e",
  byteString: "803fd3297a5875dc03ca845dda5d2a98",
  float: "8ad145fe-0d11-4827-bfd7-1abcbf086f5c",
};
const passedThrough = new Set([signatures.asset, signatures.archive, signatures.resourceReference]);

/**
 * The strings Pulumi uses for values not known yet, one per type (sdk/go/common/resource/sig/sig.go); the
 * policy SDK turns each into an unknown value when a policy reads it (its proxy.js keeps them internal).
 */
const unknownSentinels = new Set([
  "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
  "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
  unknownValue,
  "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
  "030794c1-ac77-496b-92df-f27374a8bd58",
  "e48ece36-62e2-4504-bad9-02848725956a",
  "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
]);

export type UnreadableReason = "encrypted" | "unknown" | "not-a-finite-number";

export interface Unreadable {
  /** The property's path inside the resource's properties, e.g. `policy` or `tags.owner`. */
  property: string;
  reason: UnreadableReason;
}

/** A malformed value: where (a JSON path from the export's root) and what is wrong. */
export class ValueProblem extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${path}: ${problem}`);
  }
}

export interface ReadProperties {
  properties: WireObject;
  unreadable: Unreadable[];
}

/** `at` is the bag's JSON path in the export (for problems); property paths are relative to the bag. */
export function readProperties(bag: Record<string, unknown>, at: string): ReadProperties {
  const unreadable: Unreadable[] = [];

  const convert = (value: unknown, path: string, property: string, depth: number): WireValue => {
    if (typeof value === "string") {
      if (!unknownSentinels.has(value)) return value;
      unreadable.push({ property, reason: "unknown" });
      return unknownValue;
    }
    if (value === null || typeof value === "boolean" || typeof value === "number") return value;
    if (depth > maxPropertyDepth) {
      throw new ValueProblem(
        at,
        `nested deeper than ${maxPropertyDepth} levels, more than the policy pack accepts`,
      );
    }
    if (Array.isArray(value)) {
      return value.map((item, index) =>
        convert(item, element(path, index), `${property}[${index}]`, depth + 1),
      );
    }
    const record = value as Record<string, unknown>;
    if (specialSigKey in record) {
      const special = signed(record, path, property, depth);
      if (special !== undefined) return special;
    }
    const result: WireObject = {};
    for (const [key, member_] of Object.entries(record)) {
      result[key] = convert(member_, member(path, key), property ? `${property}.${key}` : key, depth + 1);
    }
    return result;
  };

  /** A value with Pulumi's signature key: its wire form, or undefined to convert it as a plain object. */
  const signed = (
    record: Record<string, unknown>,
    path: string,
    property: string,
    depth: number,
  ): WireValue | undefined => {
    const signature = record[specialSigKey];
    if (typeof signature === "string" && passedThrough.has(signature)) return undefined;
    if (signature === specialSecretSig) {
      const { ciphertext, plaintext } = record;
      if (typeof ciphertext === "string" && plaintext === undefined) {
        unreadable.push({ property, reason: "encrypted" });
        return secret(unknownValue);
      }
      if (typeof plaintext === "string" && ciphertext === undefined) {
        let parsed: unknown;
        try {
          parsed = JSON.parse(plaintext);
        } catch {
          throw new ValueProblem(member(path, "plaintext"), "a secret's plaintext is not JSON");
        }
        return secret(convert(parsed, member(path, "plaintext"), property, depth));
      }
      throw new ValueProblem(path, "a secret needs exactly one of a ciphertext or a plaintext string");
    }
    if (signature === signatures.byteString || signature === signatures.float) {
      if (typeof record.value !== "string") {
        const what =
          record.value === undefined
            ? "missing (a string)"
            : `is ${describeValue(record.value)}, not a string`;
        throw new ValueProblem(member(path, "value"), what);
      }
      if (signature === signatures.byteString) return Buffer.from(record.value, "base64").toString("utf8");
      unreadable.push({ property, reason: "not-a-finite-number" });
      return unknownValue;
    }
    throw new ValueProblem(
      member(path, specialSigKey),
      `${describeValue(signature)} is not a signature of a value Pulumi stores in a state`,
    );
  };

  const properties = convert(bag, at, "", 1) as WireObject;
  return { properties, unreadable };
}
