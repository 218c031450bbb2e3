/**
 * OPA's `io.jwt.*` builtins: decoding, signature verification (one builtin per algorithm, and
 * `decode_verify` under constraints) and signing, for JWS compact serialization. Errors are OPA's
 * (a malformed token or key is an error, which makes the call undefined in OPA's default mode); a
 * signature that does not verify is `false`, or `[false, {}, {}]` for `decode_verify`.
 *
 * What differs from OPA: the SDK carries values as JavaScript JSON, so payload numbers beyond a
 * double's precision are rounded, and `decode_verify`'s default time is read from the host's clock
 * at the call, not the evaluation's `time.now_ns`.
 */
import { nowNs } from "./clock";
import { base64UrlDecode, base64UrlEncode, goJson } from "./encoding";
import { ALGORITHMS, type VerificationKey, signJws, signingKey, verificationKeys, verifyJws } from "./jws";
import { isJsonObject, objectOperand, stringOperand } from "./operands";

type JsonObject = Record<string, unknown>;

/** The three base64url parts of a compact JWS. */
interface Token {
  header: string;
  payload: string;
  signature: string;
}

function splitToken(value: unknown): Token {
  const text = stringOperand(value, 1);
  if (!text.includes(".")) throw new Error("encoded JWT had no period separators");
  const parts = text.split(".");
  if (parts.length !== 3) throw new Error(`encoded JWT must have 3 sections, found ${parts.length}`);
  return { header: parts[0], payload: parts[1], signature: parts[2] };
}

function decodeHeader(token: Token): JsonObject {
  let text: string;
  try {
    text = base64UrlDecode(token.header).toString("utf8");
  } catch (error) {
    throw new Error(`JWT header had invalid encoding: ${(error as Error).message}`);
  }
  let header: JsonObject;
  try {
    header = jsonObject(text);
  } catch (error) {
    throw new Error(`bad JWT header: ${(error as Error).message}`);
  }
  // A JWE (encrypted) token says how it is encrypted; OPA supports only signed tokens.
  if ("enc" in header) throw new Error("JWT is a JWE object, which is not supported");
  return header;
}

function decodePayloadText(token: Token): string {
  try {
    return base64UrlDecode(token.payload).toString("utf8");
  } catch (error) {
    throw new Error(`JWT payload had invalid encoding: ${(error as Error).message}`);
  }
}

function decodeSignature(token: Token): Buffer {
  return base64UrlDecode(token.signature);
}

function jsonObject(text: string): JsonObject {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`invalid JSON: ${(error as Error).message}`);
  }
  if (!isJsonObject(value)) throw new Error("decoded JSON type was not an Object");
  return value;
}

/** `[header, payload, signature as hex]`; a payload of content type JWT is the token decoded. */
export function decode(jwt: unknown): unknown {
  const token = splitToken(jwt);
  const header = decodeHeader(token);
  const payload = decodePayloadText(token);
  if (header.cty === "JWT") return decode(payload.replace(/^["']+|["']+$/g, ""));
  const claims = jsonObject(payload);
  let signature: Buffer;
  try {
    signature = decodeSignature(token);
  } catch (error) {
    throw new Error(`JWT signature had invalid encoding: ${(error as Error).message}`);
  }
  return [header, claims, signature.toString("hex")];
}

/** The header parameters OPA reads (`alg`, `kid`, `typ`, `cty`, `crit`), type-checked, and the others. */
interface TokenHeader {
  alg: string;
  kid: string;
  cty: string;
  crit: Set<string>;
  unknown: string[];
}

function parseTokenHeader(header: JsonObject): TokenHeader {
  const parsed: TokenHeader = { alg: "", kid: "", cty: "", crit: new Set(), unknown: [] };
  for (const [name, value] of Object.entries(header)) {
    if (name === "alg" || name === "kid" || name === "typ" || name === "cty") {
      if (typeof value !== "string") throw new Error(`${name}: must be a string`);
      if (name !== "typ") parsed[name] = value;
    } else if (name === "crit") {
      if (!Array.isArray(value)) throw new Error("crit: must be a list");
      for (const entry of value) if (typeof entry === "string") parsed.crit.add(entry);
      if (parsed.crit.size === 0) throw new Error("crit: must be a nonempty list");
    } else parsed.unknown.push(name);
  }
  return parsed;
}

/** RFC 7515: `alg` is required, and a critical parameter OPA does not understand invalidates the token. */
function validHeader(header: TokenHeader): boolean {
  return header.alg !== "" && !header.unknown.some((name) => header.crit.has(name));
}

/**
 * Whether a key of `keys` verifies the token under `alg`: the key whose `kid` the header names if
 * there is one, else any key whose own `alg` (if it has one) is the header's.
 */
function verifiedByAny(
  keys: VerificationKey[],
  header: TokenHeader,
  alg: string,
  input: Buffer,
  signature: Buffer,
): boolean {
  const named = header.kid === "" ? undefined : keys.find((key) => key.kid === header.kid);
  if (named !== undefined) return verifyJws(named.key, alg, input, signature);
  return keys.some(
    (key) => (key.alg === "" || key.alg === header.alg) && verifyJws(key.key, alg, input, signature),
  );
}

/** `io.jwt.verify_<alg>` for an asymmetric algorithm: the key is a certificate, PEM public key or JWK(S). */
function verifyWithKeys(alg: string): (jwt: unknown, certificate: unknown) => boolean {
  return (jwt, certificate) => {
    const token = splitToken(jwt);
    const keys = verificationKeys(stringOperand(certificate, 2));
    const signature = decodeSignature(token);
    const header = parseTokenHeader(decodeHeader(token));
    return verifiedByAny(keys, header, alg, signingInput(token), signature);
  };
}

/** `io.jwt.verify_hs<bits>`: the secret's UTF-8 bytes are the HMAC key. */
function verifyWithSecret(alg: string): (jwt: unknown, secret: unknown) => boolean {
  return (jwt, secret) => {
    // As OPA, the token's type is checked before the secret's, and its form after.
    stringOperand(jwt, 1);
    const key = Buffer.from(stringOperand(secret, 2), "utf8");
    const token = splitToken(jwt);
    return verifyJws(key, alg, signingInput(token), decodeSignature(token));
  };
}

function signingInput(token: Token): Buffer {
  return Buffer.from(`${token.header}.${token.payload}`);
}

/** `decode_verify`'s constraints: exactly one of `cert` (keys) and `secret`, and claims to check. */
interface Constraints {
  keys?: VerificationKey[];
  secret: string;
  alg: string;
  iss: string;
  aud: string;
  /** Nanoseconds since the epoch. */
  time: number;
}

function parseConstraints(value: unknown): Constraints {
  const object = objectOperand(value, 2);
  const constraints: Constraints = { secret: "", alg: "", iss: "", aud: "", time: -1 };
  for (const [name, constraint] of Object.entries(object)) {
    if (name === "cert") {
      if (typeof constraint !== "string") throw new Error("cert constraint: must be a string");
      constraints.keys = verificationKeys(constraint);
    } else if (name === "secret" || name === "alg" || name === "iss" || name === "aud") {
      if (typeof constraint !== "string") throw new Error(`${name} constraint: must be a string`);
      constraints[name] = constraint;
    } else if (name === "time") constraints.time = timeConstraint(constraint);
    else throw new Error(`unknown token validation constraint: ${name}`);
  }
  if (constraints.time === -1) constraints.time = nowNs();
  const keyConstraints = (constraints.keys !== undefined ? 1 : 0) + (constraints.secret !== "" ? 1 : 0);
  if (keyConstraints > 1) throw new Error("duplicate key constraints");
  if (keyConstraints < 1) throw new Error("no key constraint");
  return constraints;
}

function timeConstraint(value: unknown): number {
  if (typeof value !== "number") throw new Error("token time constraint: must be a number");
  if (value < 0) throw new Error("token time constraint: must not be negative");
  return value;
}

function verifiedByConstraints(constraints: Constraints, header: TokenHeader, token: Token): boolean {
  const input = signingInput(token);
  const signature = decodeSignature(token);
  if (!ALGORITHMS.has(header.alg)) return false;
  if (constraints.keys !== undefined)
    return verifiedByAny(constraints.keys, header, header.alg, input, signature);
  return verifyJws(Buffer.from(constraints.secret, "utf8"), header.alg, input, signature);
}

const UNVERIFIED = [false, {}, {}];

/** `[valid, header, payload]` of a token whose signature and claims meet the constraints. */
export function decodeVerify(jwt: unknown, constraintsValue: unknown): unknown {
  const constraints = parseConstraints(constraintsValue);
  let token = splitToken(jwt);
  let header: JsonObject;
  let payloadText: string;
  // A token whose content type is JWT signs another token: each level must verify.
  for (;;) {
    header = decodeHeader(token);
    const parsed = parseTokenHeader(header);
    if (!validHeader(parsed)) return UNVERIFIED;
    if (constraints.alg !== "" && constraints.alg !== parsed.alg) return UNVERIFIED;
    if (!verifiedByConstraints(constraints, parsed, token)) return UNVERIFIED;
    payloadText = decodePayloadText(token);
    if (parsed.cty.toUpperCase() !== "JWT") break;
    token = splitToken(payloadText);
  }
  const payload = jsonObject(payloadText);
  return validClaims(payload, constraints) ? [true, header, payload] : UNVERIFIED;
}

/** RFC 7519 4.1: the issuer and audience the constraints ask for, and the time within nbf..exp. */
function validClaims(payload: JsonObject, constraints: Constraints): boolean {
  if (constraints.iss !== "") {
    if (!("iss" in payload)) return false;
    if (typeof payload.iss !== "string") throw new Error("iss value must be a string");
    if (payload.iss !== constraints.iss) return false;
  }
  if ("aud" in payload) {
    const aud = payload.aud;
    const audiences = Array.isArray(aud) ? aud : [aud];
    if (!audiences.some((audience) => audience === constraints.aud)) return false;
  } else if (constraints.aud !== "") return false;
  const seconds = constraints.time / 1e9;
  if ("exp" in payload) {
    if (typeof payload.exp !== "number") throw new Error("exp value must be a number");
    if (seconds >= payload.exp) return false;
  }
  if ("nbf" in payload) {
    if (typeof payload.nbf !== "number") throw new Error("nbf value must be a number");
    if (seconds < payload.nbf) return false;
  }
  return true;
}

/** `io.jwt.encode_sign`: the objects are marshalled as Go's encoding/json does, then signed. */
export function encodeSign(headers: unknown, payload: unknown, key: unknown): string {
  return encodeSignRaw(goJson(headers), goJson(payload), goJson(key));
}

/**
 * `io.jwt.encode_sign_raw`: the header's `alg` with the first key of a JWK (set). A payload that is not
 * JSON needs a `typ` other than JWT.
 */
export function encodeSignRaw(headers: unknown, payload: unknown, jwk: unknown): string {
  const keyText = stringOperand(jwk, 3);
  const headerText = stringOperand(headers, 1);
  const payloadText = stringOperand(payload, 2);
  const key = signingKey(keyText);
  const header = parsedOrUndefined(headerText);
  const alg = isJsonObject(header) ? header.alg : undefined;
  if (typeof alg !== "string") throw new Error("missing or invalid 'alg' header");
  if (!ALGORITHMS.has(alg)) throw new Error(`unknown JWS algorithm: ${alg}`);
  const typ = isJsonObject(header) ? header.typ : undefined;
  if ((typeof typ !== "string" || typ === "JWT") && parsedOrUndefined(payloadText) === undefined)
    throw new Error("type is JWT but payload is not JSON");
  const input = `${base64UrlEncode(headerText)}.${base64UrlEncode(payloadText)}`;
  return `${input}.${base64UrlEncode(signJws(key, alg, Buffer.from(input)))}`;
}

function parsedOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export const JWT_BUILTINS = {
  "io.jwt.decode": decode,
  "io.jwt.decode_verify": decodeVerify,
  "io.jwt.verify_hs256": verifyWithSecret("HS256"),
  "io.jwt.verify_hs384": verifyWithSecret("HS384"),
  "io.jwt.verify_hs512": verifyWithSecret("HS512"),
  "io.jwt.verify_rs256": verifyWithKeys("RS256"),
  "io.jwt.verify_rs384": verifyWithKeys("RS384"),
  "io.jwt.verify_rs512": verifyWithKeys("RS512"),
  "io.jwt.verify_ps256": verifyWithKeys("PS256"),
  "io.jwt.verify_ps384": verifyWithKeys("PS384"),
  "io.jwt.verify_ps512": verifyWithKeys("PS512"),
  "io.jwt.verify_es256": verifyWithKeys("ES256"),
  "io.jwt.verify_es384": verifyWithKeys("ES384"),
  "io.jwt.verify_es512": verifyWithKeys("ES512"),
  "io.jwt.verify_eddsa": verifyWithKeys("EdDSA"),
  "io.jwt.encode_sign": encodeSign,
  "io.jwt.encode_sign_raw": encodeSignRaw,
};
