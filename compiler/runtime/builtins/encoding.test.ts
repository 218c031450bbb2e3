import { loadRuntime, Runtime } from "../testing/harness";

let rt: Runtime;
beforeAll(async () => {
  rt = await loadRuntime();
}, 120_000);

// [builtin export, arguments in Rego syntax, result in Rego syntax]; mostly OPA's conformance cases.
const results: [string, string[], string][] = [
  ["builtin_base64_encode", ['"hello"'], '"aGVsbG8="'],
  ["builtin_base64_encode", ['"there"'], '"dGhlcmU="'],
  ["builtin_base64_encode", ['"subjects?_d"'], '"c3ViamVjdHM/X2Q="'],
  ["builtin_base64_encode", ['""'], '""'],
  ["builtin_base64_decode", ['"aGVsbG8="'], '"hello"'],
  ["builtin_base64_decode", ['"c3ViamVjdHM/X2Q="'], '"subjects?_d"'],
  ["builtin_base64_decode", ['"YQ=="'], '"a"'],
  ["builtin_base64_decode", ['"aGVs\\r\\nbG8="'], '"hello"'],
  ["builtin_base64_is_valid", ['"aGVsbG8="'], "true"],
  ["builtin_base64_is_valid", ["\"{'not':'base64'}\""], "false"],
  ["builtin_base64_is_valid", ['"aGVsbG8"'], "false"],
  // OPA 1.22: a non-string is not valid base64, no error. Found by tests/opa/fuzz.test.ts.
  ["builtin_base64_is_valid", ["1"], "false"],
  ["builtin_base64_is_valid", ["null"], "false"],
  ["builtin_base64url_encode", ['"hello"'], '"aGVsbG8="'],
  ["builtin_base64url_encode", ['"subjects?_d"'], '"c3ViamVjdHM_X2Q="'],
  ["builtin_base64url_encode_no_pad", ['"hello"'], '"aGVsbG8"'],
  ["builtin_base64url_encode_no_pad", ['"there"'], '"dGhlcmU"'],
  ["builtin_base64url_decode", ['"aGVsbG8="'], '"hello"'],
  ["builtin_base64url_decode", ['"aGVsbG8"'], '"hello"'],
  ["builtin_base64url_decode", ['"c3ViamVjdHM_X2Q"'], '"subjects?_d"'],
  ["builtin_base64url_decode", ['"YQ"'], '"a"'],
  ["builtin_hex_encode", ['"lorem ipsum"'], '"6c6f72656d20697073756d"'],
  ["builtin_hex_decode", ['"6c6f72656d20697073756d"'], '"lorem ipsum"'],
  ["builtin_hex_decode", ['"4C6F"'], '"Lo"'],
  ["builtin_urlquery_encode", ['"a=b+1"'], '"a%3Db%2B1"'],
  ["builtin_urlquery_encode", ['""'], '""'],
  ["builtin_urlquery_encode", ['"a b/ü~-._"'], '"a+b%2F%C3%BC~-._"'],
  ["builtin_urlquery_decode", ['"a%3Db%2B1"'], '"a=b+1"'],
  ["builtin_urlquery_decode", ['"a+b%C3%BC"'], '"a bü"'],
  ["builtin_urlquery_encode_object", ["{}"], '""'],
  ["builtin_urlquery_encode_object", ['{"a": "b", "c": "d"}'], '"a=b&c=d"'],
  ["builtin_urlquery_encode_object", ['{"a": "c=b+1"}'], '"a=c%3Db%2B1"'],
  ["builtin_urlquery_encode_object", ['{"a": ["b+1", "c+2"]}'], '"a=b%2B1&a=c%2B2"'],
  ["builtin_urlquery_encode_object", ['{"a": {"b+1"}}'], '"a=b%2B1"'],
  [
    "builtin_urlquery_decode_object",
    ['"a=value_a1&b=value_b&a=value_a2"'],
    '{"a": ["value_a1", "value_a2"], "b": ["value_b"]}',
  ],
  ["builtin_urlquery_decode_object", ['"a=value_a1&b"'], '{"a": ["value_a1"], "b": [""]}'],
  ["builtin_urlquery_decode_object", ['""'], "{}"],
  ["builtin_urlquery_decode_object", ['"&x=1+2&&"'], '{"x": ["1 2"]}'],
];

// Expected values go through the runtime's own parser and dumper, so any Rego spelling compares.
test.each(results)("%s(%j) = %s", (fn, args, want) => {
  expect(rt.call(fn, ...args)).toBe(rt.dump(rt.value(want)));
});

// [builtin export, arguments, OPA's error message (Go's wording for decoding failures)]
const errors: [string, string[], string][] = [
  ["builtin_base64_encode", ["1"], "base64.encode: operand 1 must be string but got number"],
  ["builtin_base64_decode", ['"aGVsbG8"'], "base64.decode: illegal base64 data at input byte 7"],
  ["builtin_base64_decode", ['"YQ=x"'], "base64.decode: illegal base64 data at input byte 2"],
  ["builtin_base64_decode", ['"a*=="'], "base64.decode: illegal base64 data at input byte 1"],
  ["builtin_base64url_decode", ['"abcde"'], "base64url.decode: illegal base64url string: abcde"],
  ["builtin_hex_decode", ['"fghijkl"'], "hex.decode: encoding/hex: invalid byte: U+0067 'g'"],
  ["builtin_hex_decode", ['"abc"'], "hex.decode: encoding/hex: odd length hex string"],
  ["builtin_hex_decode", ['"a\\u0001"'], "hex.decode: encoding/hex: invalid byte: U+0001"],
  ["builtin_urlquery_decode", ['"a%zz"'], 'urlquery.decode: invalid URL escape "%zz"'],
  ["builtin_urlquery_decode", ['"a%4"'], 'urlquery.decode: invalid URL escape "%4"'],
  [
    "builtin_urlquery_decode_object",
    ['"a=1;b=2"'],
    "urlquery.decode_object: invalid semicolon separator in query",
  ],
  [
    "builtin_urlquery_encode_object",
    ['{"a": 1}'],
    "urlquery.encode_object: operand 1 must be object of strings",
  ],
];

test.each(errors)("%s(%j) fails: %s", (fn, args, message) => {
  expect(() => rt.call(fn, ...args)).toThrow(message);
});
