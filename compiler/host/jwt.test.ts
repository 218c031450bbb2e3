/**
 * The io.jwt.* host builtins against OPA: every expected value and error below is what OPA v1.22.4
 * answers (`opa eval --strict-builtin-errors 'io.jwt.…(…)'`) for the same arguments; an error is
 * OPA's message up to where it quotes Go libraries' own wording. Keys and tokens: testKeys.ts.
 */
import { HOST_BUILTINS } from "./index";
import { verifyJws, signingKey } from "./jws";
import { JWKS, KEYS, SECRET_JWK, TOKENS } from "./testKeys";

type Expected = { value: unknown } | { error: string };

const OPA_ANSWERS: [string, unknown[], Expected][] = [
  [
    "io.jwt.decode",
    [TOKENS.hs],
    {
      value: [
        { alg: "HS256", typ: "JWT" },
        { aud: "svc", exp: 2000000000, iss: "opa", nbf: 1000000000, sub: "0" },
        "08b1648f30c42e926bb0a709b7cfb37e9bc2dd7c4234adc140dd03072592f2f4",
      ],
    },
  ],
  [
    "io.jwt.decode",
    [TOKENS.nested],
    {
      value: [
        { alg: "HS256", typ: "JWT" },
        { aud: "svc", exp: 2000000000, iss: "opa", nbf: 1000000000, sub: "0" },
        "08b1648f30c42e926bb0a709b7cfb37e9bc2dd7c4234adc140dd03072592f2f4",
      ],
    },
  ],
  ["io.jwt.decode", ["nodots"], { error: "io.jwt.decode: encoded JWT had no period separators" }],
  ["io.jwt.decode", ["a.b"], { error: "io.jwt.decode: encoded JWT must have 3 sections, found 2" }],
  [
    "io.jwt.decode",
    ["e30.e30.!!"],
    { error: "io.jwt.decode: JWT signature had invalid encoding: illegal base64 data at input byte 0" },
  ],
  [
    "io.jwt.decode",
    ["W10.e30.e30"],
    { error: "io.jwt.decode: bad JWT header: decoded JSON type was not an Object" },
  ],
  [
    "io.jwt.decode",
    ["eyJlbmMiOiJBMTI4R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ.e30.e30"],
    { error: "io.jwt.decode: JWT is a JWE object, which is not supported" },
  ],
  ["io.jwt.verify_hs256", [TOKENS.hs, "secret"], { value: true }],
  ["io.jwt.verify_hs256", [TOKENS.hs, "wrong"], { value: false }],
  ["io.jwt.verify_hs384", [TOKENS.hs, "secret"], { value: false }],
  [
    "io.jwt.verify_hs256",
    ["a.b", "secret"],
    { error: "io.jwt.verify_hs256: encoded JWT must have 3 sections, found 2" },
  ],
  ["io.jwt.verify_rs256", [TOKENS.rs, KEYS.rsaPub], { value: true }],
  ["io.jwt.verify_rs256", [TOKENS.rs, KEYS.rsaCert], { value: true }],
  ["io.jwt.verify_rs256", [TOKENS.rs, JSON.stringify(KEYS.rsaPubJwk)], { value: true }],
  ["io.jwt.verify_rs256", [TOKENS.rskid, JWKS], { value: true }],
  ["io.jwt.verify_rs256", [TOKENS.rs, KEYS.ecPub], { value: false }],
  ["io.jwt.verify_rs384", [TOKENS.rs, KEYS.rsaPub], { value: false }],
  [
    "io.jwt.verify_rs256",
    [TOKENS.rs, `${KEYS.rsaPub}junk`],
    { error: "io.jwt.verify_rs256: extra data after a PEM certificate block" },
  ],
  [
    "io.jwt.verify_rs256",
    [TOKENS.rs, "not a key"],
    { error: "io.jwt.verify_rs256: failed to parse a JWK key (set)" },
  ],
  ["io.jwt.verify_ps256", [TOKENS.ps, KEYS.rsaPub], { value: true }],
  ["io.jwt.verify_ps256", [TOKENS.rs, KEYS.rsaPub], { value: false }],
  ["io.jwt.verify_es256", [TOKENS.es, KEYS.ecPub], { value: true }],
  ["io.jwt.verify_es256", [TOKENS.es, JSON.stringify(KEYS.ecPubJwk)], { value: true }],
  ["io.jwt.verify_es256", [TOKENS.es, KEYS.rsaPub], { value: false }],
  ["io.jwt.verify_eddsa", [TOKENS.ed, KEYS.edPub], { value: true }],
  ["io.jwt.verify_eddsa", [TOKENS.rs, KEYS.edPub], { value: false }],
  [
    "io.jwt.decode_verify",
    [TOKENS.hs, { secret: "secret", time: 1500000000000000000, iss: "opa", aud: "svc" }],
    {
      value: [
        true,
        { alg: "HS256", typ: "JWT" },
        { aud: "svc", exp: 2000000000, iss: "opa", nbf: 1000000000, sub: "0" },
      ],
    },
  ],
  [
    "io.jwt.decode_verify",
    [TOKENS.hs, { secret: "secret", time: 1500000000000000000, aud: "svc" }],
    {
      value: [
        true,
        { alg: "HS256", typ: "JWT" },
        { aud: "svc", exp: 2000000000, iss: "opa", nbf: 1000000000, sub: "0" },
      ],
    },
  ],
  [
    "io.jwt.decode_verify",
    [TOKENS.hs, { secret: "secret", time: 1500000000000000000 }],
    { value: [false, {}, {}] },
  ],
  [
    "io.jwt.decode_verify",
    [TOKENS.hs, { secret: "secret", time: 1500000000000000000, aud: "svc", iss: "other" }],
    { value: [false, {}, {}] },
  ],
  [
    "io.jwt.decode_verify",
    [TOKENS.hs, { secret: "wrong", time: 1500000000000000000, aud: "svc" }],
    { value: [false, {}, {}] },
  ],
  [
    "io.jwt.decode_verify",
    [TOKENS.hs, { secret: "secret", time: 2000000000000000000, aud: "svc" }],
    { value: [false, {}, {}] },
  ],
  [
    "io.jwt.decode_verify",
    [TOKENS.hs, { secret: "secret", time: 1999999999000000000, aud: "svc" }],
    {
      value: [
        true,
        { alg: "HS256", typ: "JWT" },
        { aud: "svc", exp: 2000000000, iss: "opa", nbf: 1000000000, sub: "0" },
      ],
    },
  ],
  [
    "io.jwt.decode_verify",
    [TOKENS.hs, { secret: "secret", time: 999999999000000000, aud: "svc" }],
    { value: [false, {}, {}] },
  ],
  [
    "io.jwt.decode_verify",
    [TOKENS.hs, { secret: "secret", time: 1500000000000000000, aud: "svc", alg: "RS256" }],
    { value: [false, {}, {}] },
  ],
  [
    "io.jwt.decode_verify",
    [TOKENS.rs, { cert: KEYS.rsaCert, time: 1500000000000000000, aud: "svc", alg: "RS256" }],
    {
      value: [
        true,
        { alg: "RS256", typ: "JWT" },
        { aud: "svc", exp: 2000000000, iss: "opa", nbf: 1000000000, sub: "0" },
      ],
    },
  ],
  [
    "io.jwt.decode_verify",
    [TOKENS.rskid, { cert: JWKS, time: 1500000000000000000, aud: "svc" }],
    {
      value: [
        true,
        { alg: "RS256", kid: "k2" },
        { aud: "svc", exp: 2000000000, iss: "opa", nbf: 1000000000, sub: "0" },
      ],
    },
  ],
  [
    "io.jwt.decode_verify",
    [TOKENS.rs, { secret: "secret", time: 1500000000000000000, aud: "svc" }],
    { value: [false, {}, {}] },
  ],
  [
    "io.jwt.decode_verify",
    [TOKENS.nested, { secret: "secret", time: 1500000000000000000, aud: "svc" }],
    {
      value: [
        true,
        { alg: "HS256", typ: "JWT" },
        { aud: "svc", exp: 2000000000, iss: "opa", nbf: 1000000000, sub: "0" },
      ],
    },
  ],
  [
    "io.jwt.decode_verify",
    [TOKENS.crit, { secret: "secret", time: 1500000000000000000, aud: "svc" }],
    { value: [false, {}, {}] },
  ],
  [
    "io.jwt.decode_verify",
    [TOKENS.hs, { secret: "secret", cert: KEYS.rsaPub }],
    { error: "io.jwt.decode_verify: duplicate key constraints" },
  ],
  [
    "io.jwt.decode_verify",
    [TOKENS.hs, { time: 1500000000000000000 }],
    { error: "io.jwt.decode_verify: no key constraint" },
  ],
  [
    "io.jwt.decode_verify",
    [TOKENS.hs, { secret: "secret", bogus: 1 }],
    { error: "io.jwt.decode_verify: unknown token validation constraint: bogus" },
  ],
  [
    "io.jwt.decode_verify",
    [TOKENS.hs, { secret: "secret", time: -1 }],
    { error: "io.jwt.decode_verify: token time constraint: must not be negative" },
  ],
  [
    "io.jwt.decode_verify",
    ["a.b", { secret: "secret" }],
    { error: "io.jwt.decode_verify: encoded JWT must have 3 sections, found 2" },
  ],
  [
    "io.jwt.encode_sign",
    [
      { alg: "HS256", typ: "JWT" },
      { iss: "opa", aud: "svc", exp: 2000000000, nbf: 1000000000, sub: "0" },
      SECRET_JWK,
    ],
    { value: TOKENS.hs },
  ],
  [
    "io.jwt.encode_sign",
    [{ typ: "JWT", alg: "HS256", b: "<&>" }, { z: 1, a: [1.5, "é\n "], m: { y: null, x: true } }, SECRET_JWK],
    {
      value:
        "eyJhbGciOiJIUzI1NiIsImIiOiJcdTAwM2NcdTAwMjZcdTAwM2UiLCJ0eXAiOiJKV1QifQ.eyJhIjpbMS41LCLDqVxuXHUyMDI4Il0sIm0iOnsieCI6dHJ1ZSwieSI6bnVsbH0sInoiOjF9.7nn8bhf-HmCyldHILvKGR0gD7EsIB7E871Zkbt2Sp7s",
    },
  ],
  [
    "io.jwt.encode_sign",
    [{ alg: "RS256" }, { iss: "opa", aud: "svc", exp: 2000000000, nbf: 1000000000, sub: "0" }, KEYS.rsa],
    {
      value:
        "eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJzdmMiLCJleHAiOjIwMDAwMDAwMDAsImlzcyI6Im9wYSIsIm5iZiI6MTAwMDAwMDAwMCwic3ViIjoiMCJ9.e7o3bG46HR4OcnymPMXrrIXIMeByvwoTIORqIh6g76ZD_Ivp9jHIlzSrbOavwjHN6kKtcoP772Az_Zlfjz04mzvWTkoiO9wDdpgx7eTjYeHMu59qwXTTHXe6ObciDWhKk8r0qkbP5B3AIToX6yGxDI-P4WnTrN7yOFg2VwMCGXoAzebqWWf8-vaOyL8ThzH8xEtr22KDqdalaKTb-p8P-eIT5qAagM08AwZNQBgzbxSryRcM5acc2kg43FdAC0I55847l0VfLfkJMQT40hH9TZuuG19Z2zwpq7fuXhXrgz_x-9V3oWovVOlPImh11TtjWLmDAJpj1qDNoLovvdYqGA",
    },
  ],
  [
    "io.jwt.encode_sign",
    [{ alg: "EdDSA" }, {}, KEYS.ed],
    {
      value:
        "eyJhbGciOiJFZERTQSJ9.e30.v6kiHMYyOyaWgLr_4Ay008CKhS-zOppDstLxg0ZgVnER0bkkBQV-_gNsRiUUQlkWyTALoTjIBuYMaQFRI6znAQ",
    },
  ],
  [
    "io.jwt.encode_sign",
    [{ alg: "HS256" }, {}, { keys: [SECRET_JWK, KEYS.rsa] }],
    { value: "eyJhbGciOiJIUzI1NiJ9.e30.XmNK3GpH3Ys_7wsYBfq4C3M6goz71I7dTgUkuIa5lyQ" },
  ],
  [
    "io.jwt.encode_sign",
    [{ alg: "none" }, {}, SECRET_JWK],
    { error: "io.jwt.encode_sign: unknown JWS algorithm: none" },
  ],
  [
    "io.jwt.encode_sign",
    [{ typ: "JWT" }, {}, SECRET_JWK],
    { error: "io.jwt.encode_sign: missing or invalid 'alg' header" },
  ],
  [
    "io.jwt.encode_sign",
    [{ alg: "RS256" }, {}, SECRET_JWK],
    { error: "io.jwt.encode_sign: invalid key type" },
  ],
  [
    "io.jwt.encode_sign",
    [{ alg: "RS256" }, {}, KEYS.rsaPubJwk],
    { error: "io.jwt.encode_sign: invalid key type" },
  ],
  [
    "io.jwt.encode_sign_raw",
    ['{"alg": "HS256", "typ": "text/plain"}', "plain text", JSON.stringify(SECRET_JWK)],
    {
      value:
        "eyJhbGciOiAiSFMyNTYiLCAidHlwIjogInRleHQvcGxhaW4ifQ.cGxhaW4gdGV4dA.PUQOEmgShqa49rpT8qsEe7E-1MRGtogf3dq80pNQDAg",
    },
  ],
  [
    "io.jwt.encode_sign_raw",
    ['{"alg": "HS256"}', "plain text", JSON.stringify(SECRET_JWK)],
    { error: "io.jwt.encode_sign_raw: type is JWT but payload is not JSON" },
  ],
  [
    "io.jwt.encode_sign_raw",
    ['{"alg": "HS256",  "typ":"JWT"}', '{"b":1, "a":2}', JSON.stringify(SECRET_JWK)],
    {
      value:
        "eyJhbGciOiAiSFMyNTYiLCAgInR5cCI6IkpXVCJ9.eyJiIjoxLCAiYSI6Mn0.GxSREiTENqAyG6iFjVRKBbkkjVhrwwSk3iNgiy9EbSA",
    },
  ],
  [
    "io.jwt.encode_sign_raw",
    ["", "{}", JSON.stringify(SECRET_JWK)],
    { error: "io.jwt.encode_sign_raw: missing or invalid 'alg' header" },
  ],
  [
    "io.jwt.encode_sign_raw",
    ['{"alg":"HS256"}', "{}", '{"keys":[]}'],
    { error: "io.jwt.encode_sign_raw: no keys found in JWK set" },
  ],
];

describe("io.jwt.* answer as OPA does", () => {
  test.each(OPA_ANSWERS)("%s(%j)", (name, args, expected) => {
    const call = () => HOST_BUILTINS[name](...(args as never[]));
    if ("error" in expected) expect(call).toThrow(expected.error);
    else expect(call()).toEqual(expected.value);
  });
});

describe("signatures OPA draws at random (PS*, ES*) verify", () => {
  test.each([
    ["PS256", KEYS.rsa, KEYS.rsaPub, "io.jwt.verify_ps256"],
    ["PS384", KEYS.rsa, KEYS.rsaPub, "io.jwt.verify_ps384"],
    ["PS512", KEYS.rsa, KEYS.rsaPub, "io.jwt.verify_ps512"],
    ["ES256", KEYS.ec, KEYS.ecPub, "io.jwt.verify_es256"],
  ])("%s", (alg, privateJwk, publicPem, verifier) => {
    const token = HOST_BUILTINS["io.jwt.encode_sign"](
      { alg } as never,
      { sub: "x" } as never,
      privateJwk as never,
    );
    expect(HOST_BUILTINS[verifier](token as never, publicPem as never)).toBe(true);
    expect(HOST_BUILTINS[verifier](token as never, KEYS.edPub as never)).toBe(false);
  });

  test("a key of another kind verifies nothing", () => {
    const key = signingKey(JSON.stringify(SECRET_JWK));
    expect(verifyJws(key, "RS256", Buffer.from("a.b"), Buffer.alloc(256))).toBe(false);
  });
});

test("the JWKS fixture names its keys", () => {
  expect(JSON.parse(JWKS).keys.map((k: { kid: string }) => k.kid)).toEqual(["k1", "k2"]);
  expect(TOKENS.rskid.split(".")).toHaveLength(3);
});
