/**
 * Pulumi's wire encoding of property values, as the engine sends them to analyzers: plain JSON, except that a
 * value not known yet is a sentinel string and a secret is an object tagged with a signature key. The
 * constants are Pulumi's own (see @pulumi/pulumi runtime/rpc.js); they are repeated here rather than imported
 * because that module is internal to the SDK.
 */

export const unknownValue = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
export const specialSigKey = "4dabf18193072939515e22adb298388d";
export const specialSecretSig = "1b47061264138c4ac30d75fd1eb44270";

/** A JSON value as it travels in a google.protobuf.Struct (no undefined anywhere). */
export type WireValue = null | boolean | number | string | WireValue[] | { [key: string]: WireValue };
export type WireObject = { [key: string]: WireValue };

export function secret(value: WireValue): WireObject {
  return { [specialSigKey]: specialSecretSig, value };
}

export function isSecret(value: WireValue | undefined): value is WireObject {
  return isObject(value) && value[specialSigKey] === specialSecretSig;
}

export function isUnknown(value: WireValue | undefined): boolean {
  return value === unknownValue;
}

export function isObject(value: WireValue | undefined): value is WireObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Drops undefined members (Struct.fromJavaScript rejects them; Pulumi treats an undefined property as absent)
 * and checks that what remains is JSON.
 */
export function toWire(value: unknown, path = "value"): WireValue {
  if (value === null || typeof value === "boolean" || typeof value === "string") return value;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new TypeError(`${path} is not a finite number`);
    return value;
  }
  if (Array.isArray(value))
    return value.map((element, index) => toWire(element ?? null, `${path}[${index}]`));
  if (typeof value === "object") {
    const result: WireObject = {};
    for (const [key, member] of Object.entries(value as Record<string, unknown>)) {
      if (member !== undefined) result[key] = toWire(member, `${path}.${key}`);
    }
    return result;
  }
  throw new TypeError(`${path} is a ${typeof value}, which has no JSON form`);
}

export function toWireObject(value: unknown, path = "properties"): WireObject {
  const wire = toWire(value ?? {}, path);
  if (!isObject(wire)) throw new TypeError(`${path} must be an object`);
  return wire;
}
