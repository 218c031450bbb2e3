/**
 * crypto.x509.parse_rsa_private_key against OPA: each expected JWK or error is what OPA v1.22.4
 * answers (`opa eval --strict-builtin-errors`) for the same text; an error is OPA's message up to
 * where it quotes Go's ASN.1 parser.
 */
import { HOST_BUILTINS } from "./index";
import { KEYS, KEYS_PEM } from "./testKeys";

const base64 = (text: string) => Buffer.from(text).toString("base64");

const OPA_ANSWERS: [string, string, { value: unknown } | { error: string }][] = [
  ["KEYS_PEM.rsaPkcs1Pem", KEYS_PEM.rsaPkcs1Pem, { value: KEYS.rsa }],
  ["KEYS_PEM.rsaPkcs8Pem", KEYS_PEM.rsaPkcs8Pem, { value: KEYS.rsa }],
  ["KEYS_PEM.ecSec1Pem", KEYS_PEM.ecSec1Pem, { value: KEYS.ec }],
  ["KEYS_PEM.edPkcs8Pem", KEYS_PEM.edPkcs8Pem, { value: KEYS.ed }],
  ["base64(KEYS_PEM.rsaPkcs1Pem)", base64(KEYS_PEM.rsaPkcs1Pem), { value: KEYS.rsa }],
  ["`${KEYS.rsaCert}${KEYS_PEM.ecSec1Pem}`", `${KEYS.rsaCert}${KEYS_PEM.ecSec1Pem}`, { value: KEYS.ec }],
  ["KEYS.rsaCert", KEYS.rsaCert, { value: null }],
  ['""', "", { error: "crypto.x509.parse_rsa_private_key: input PEM data was empty" }],
  [
    '"invalid"',
    "invalid",
    { error: "crypto.x509.parse_rsa_private_key: illegal base64 data at input byte 4" },
  ],
  ['"aGVsbG8="', "aGVsbG8=", { value: null }],
  [
    '"-----BEGIN RSA PRIVATE KEY-----\\nAAAA\\n-----END RSA PRIVATE KEY-----\\n"',
    "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n",
    { error: "crypto.x509.parse_rsa_private_key: " },
  ],
];

test.each(OPA_ANSWERS)("crypto.x509.parse_rsa_private_key(%s)", (_, text, expected) => {
  const call = () => HOST_BUILTINS["crypto.x509.parse_rsa_private_key"](text as never);
  if ("error" in expected) expect(call).toThrow(expected.error);
  else expect(call()).toEqual(expected.value);
});
