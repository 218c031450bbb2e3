/**
 * JWS keys and algorithms on node:crypto, as OPA's token builtins use them: verification keys from a
 * PEM certificate or public key, or from a JWK or JWK set; signing keys from a JWK (set); and signing
 * and verification for the thirteen algorithms OPA knows.
 */
import {
  type KeyObject,
  X509Certificate,
  constants,
  createHmac,
  createPrivateKey,
  createPublicKey,
  sign,
  timingSafeEqual,
  verify,
} from "node:crypto";
import { base64UrlDecode } from "./encoding";
import { decodePem } from "./pem";
import { isJsonObject } from "./operands";

/** The algorithms OPA's token builtins accept (`tokenAlgorithms`). */
export const ALGORITHMS: ReadonlySet<string> = new Set([
  "RS256",
  "RS384",
  "RS512",
  "PS256",
  "PS384",
  "PS512",
  "ES256",
  "ES384",
  "ES512",
  "HS256",
  "HS384",
  "HS512",
  "EdDSA",
]);

/** An asymmetric key, or the bytes of a symmetric (`oct`) one. */
export type Key = KeyObject | Buffer;

/** A key to verify with; a JWK set's keys may say which algorithm they serve and name themselves. */
export interface VerificationKey {
  key: Key;
  alg: string;
  kid: string;
}

/**
 * The keys of a `cert` argument: a PEM certificate or public key (one block and nothing after it), or
 * else a JWK or JWK set, whose keys for algorithms OPA does not know are left out.
 */
export function verificationKeys(text: string): VerificationKey[] {
  const pem = decodePem(text);
  if (pem !== undefined) {
    if (pem.rest.length > 0) throw new Error("extra data after a PEM certificate block");
    if (pem.type === "CERTIFICATE") {
      try {
        return [{ key: new X509Certificate(pem.der).publicKey, alg: "", kid: "" }];
      } catch (error) {
        throw new Error(`failed to parse a PEM certificate: ${(error as Error).message}`);
      }
    }
    if (pem.type === "PUBLIC KEY") {
      try {
        return [{ key: createPublicKey({ key: pem.der, format: "der", type: "spki" }), alg: "", kid: "" }];
      } catch (error) {
        throw new Error(`failed to parse a PEM public key: ${(error as Error).message}`);
      }
    }
    throw new Error("failed to extract a Key from the PEM certificate");
  }
  let jwks: Record<string, unknown>[];
  try {
    jwks = parseJwks(text);
  } catch (error) {
    throw new Error(`failed to parse a JWK key (set): ${(error as Error).message}`);
  }
  return jwks
    .map((jwk) => ({
      key: publicKeyOf(jwk),
      alg: typeof jwk.alg === "string" ? jwk.alg : "",
      kid: typeof jwk.kid === "string" ? jwk.kid : "",
    }))
    .filter((key) => key.alg === "" || ALGORITHMS.has(key.alg));
}

/** The first key of a JWK or JWK set, to sign with. */
export function signingKey(text: string): Key {
  const [jwk] = parseJwks(text);
  if (jwk === undefined) throw new Error("no keys found in JWK set");
  if (jwk.kty === "oct") return octBytes(jwk);
  if (!("d" in jwk)) throw new Error(`invalid key type: a public ${String(jwk.kty)} key cannot sign`);
  return createPrivateKey({ key: jwk as never, format: "jwk" });
}

/** The signature of `input` under `alg`; the key must be of the algorithm's kind. */
export function signJws(key: Key, alg: string, input: Buffer): Buffer {
  const { kind, hash } = algorithm(alg);
  if (kind === "hmac") return createHmac(hash!, symmetric(key, alg)).update(input).digest();
  const asymmetricKey = asymmetric(key, alg, kind);
  if (kind === "rsa-pss")
    return sign(hash, input, {
      key: asymmetricKey,
      padding: constants.RSA_PKCS1_PSS_PADDING,
      saltLength: constants.RSA_PSS_SALTLEN_DIGEST,
    });
  if (kind === "ecdsa") return sign(hash, input, { key: asymmetricKey, dsaEncoding: "ieee-p1363" });
  return sign(hash, input, asymmetricKey);
}

/** Whether `signature` is `input`'s under `alg` and `key`; a key of another kind verifies nothing. */
export function verifyJws(key: Key, alg: string, input: Buffer, signature: Buffer): boolean {
  const { kind, hash } = algorithm(alg);
  try {
    if (kind === "hmac") {
      const expected = createHmac(hash!, symmetric(key, alg)).update(input).digest();
      return expected.length === signature.length && timingSafeEqual(expected, signature);
    }
    const asymmetricKey = asymmetric(key, alg, kind);
    if (kind === "rsa-pss")
      return verify(
        hash,
        input,
        {
          key: asymmetricKey,
          padding: constants.RSA_PKCS1_PSS_PADDING,
          saltLength: constants.RSA_PSS_SALTLEN_AUTO,
        },
        signature,
      );
    if (kind === "ecdsa")
      return verify(hash, input, { key: asymmetricKey, dsaEncoding: "ieee-p1363" }, signature);
    return verify(hash, input, asymmetricKey, signature);
  } catch {
    return false;
  }
}

type Kind = "hmac" | "rsa" | "rsa-pss" | "ecdsa" | "eddsa";

function algorithm(alg: string): { kind: Kind; hash: string | null } {
  if (!ALGORITHMS.has(alg)) throw new Error(`unknown JWS algorithm: ${alg}`);
  if (alg === "EdDSA") return { kind: "eddsa", hash: null };
  const kinds: Record<string, Kind> = { HS: "hmac", RS: "rsa", PS: "rsa-pss", ES: "ecdsa" };
  return { kind: kinds[alg.slice(0, 2)], hash: `sha${alg.slice(2)}` };
}

const KEY_TYPES: Record<Exclude<Kind, "hmac">, string> = {
  rsa: "rsa",
  "rsa-pss": "rsa",
  ecdsa: "ec",
  eddsa: "ed25519",
};

function asymmetric(key: Key, alg: string, kind: Exclude<Kind, "hmac">): KeyObject {
  if (Buffer.isBuffer(key) || key.asymmetricKeyType !== KEY_TYPES[kind])
    throw new Error(`invalid key type for algorithm ${alg}`);
  return key;
}

function symmetric(key: Key, alg: string): Buffer {
  if (!Buffer.isBuffer(key)) throw new Error(`invalid key type for algorithm ${alg}`);
  return key;
}

/** The JWKs of a JWK set (`{"keys": [...]}`) or of a single JWK. */
function parseJwks(text: string): Record<string, unknown>[] {
  const document: unknown = JSON.parse(text);
  if (!isJsonObject(document)) throw new Error("a JWK must be a JSON object");
  const keys = "keys" in document ? document.keys : [document];
  if (!Array.isArray(keys) || !keys.every(isJsonObject)) throw new Error(`"keys" must be an array of JWKs`);
  for (const key of keys)
    if (!["RSA", "EC", "OKP", "oct"].includes(key.kty as string))
      throw new Error(`invalid key type from JSON (${String(key.kty)})`);
  return keys;
}

/** The public half of an asymmetric JWK, or a symmetric JWK's bytes. */
function publicKeyOf(jwk: Record<string, unknown>): Key {
  if (jwk.kty === "oct") return octBytes(jwk);
  return createPublicKey({ key: jwk as never, format: "jwk" });
}

function octBytes(jwk: Record<string, unknown>): Buffer {
  if (typeof jwk.k !== "string") throw new Error(`required field k is missing`);
  return base64UrlDecode(jwk.k);
}
