/**
 * `crypto.x509.parse_rsa_private_key`: the first private key of PEM text (or of base64 of it) as a
 * JWK, as OPA answers; despite the name, EC and Ed25519 keys are answered too.
 *
 * Left to OPA alone (not declared here): the builtins whose answer is a Go struct marshalled as JSON
 * (`crypto.x509.parse_certificates`, `parse_and_verify_certificates`, `parse_certificate_request`,
 * `parse_keypair`, `crypto.parse_private_keys`). Their public and private keys hold big.Int fields,
 * which Go writes as JSON numbers of hundreds of digits; the SDK carries a host builtin's answer
 * through JavaScript numbers, so these could not arrive exactly.
 */
import { createPrivateKey } from "node:crypto";
import { base64StdDecode } from "./encoding";
import { stringOperand } from "./operands";
import { decodePem } from "./pem";

/** The PEM block types of private keys, with the DER structure each holds. */
const PRIVATE_KEY_BLOCKS: Record<string, "pkcs1" | "pkcs8" | "sec1"> = {
  "RSA PRIVATE KEY": "pkcs1",
  "PRIVATE KEY": "pkcs8",
  "EC PRIVATE KEY": "sec1",
};

export function parseRsaPrivateKey(value: unknown): unknown {
  let text = stringOperand(value, 1);
  if (text === "") throw new Error("input PEM data was empty");
  if (!text.startsWith("-----BEGIN")) text = base64StdDecode(text).toString("latin1");
  const [first] = privateKeys(text);
  return first === undefined ? null : first;
}

/**
 * The private keys of PEM text, as JWKs: blocks of other types are skipped, a key block that does
 * not parse is an error. Text that is itself base64 is decoded first, as OPA does.
 */
function privateKeys(pemText: string): Record<string, unknown>[] {
  let text = pemText;
  try {
    text = base64StdDecode(text).toString("latin1");
  } catch {
    // Not base64: the text is PEM itself.
  }
  const keys: Record<string, unknown>[] = [];
  for (let block = decodePem(text); block !== undefined; block = decodePem(block.rest)) {
    const type = PRIVATE_KEY_BLOCKS[block.type];
    if (type === undefined) continue;
    const key = createPrivateKey({ key: block.der, format: "der", type });
    keys.push(key.export({ format: "jwk" }) as Record<string, unknown>);
  }
  return keys;
}

export const X509_BUILTINS = {
  "crypto.x509.parse_rsa_private_key": parseRsaPrivateKey,
};
