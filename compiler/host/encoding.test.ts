/** base64url and Go's JSON as OPA has them; expected values from `opa eval` (OPA v1.22.4). */
import { base64StdDecode, base64UrlDecode, goJson } from "./encoding";

describe("base64UrlDecode reads what base64url.decode reads", () => {
  test.each([
    ["aGVsbG8", "hello"],
    ["aGVsbG8=", "hello"],
    ["aGVsbG", "hell"],
    ["", ""],
  ])("%j is %j", (encoded, text) => {
    expect(base64UrlDecode(encoded).toString("utf8")).toBe(text);
  });

  test("bytes that are not UTF-8 are kept as bytes (OPA prints them as U+FFFD)", () => {
    expect([...base64UrlDecode("_-8")]).toEqual([0xff, 0xef]);
  });

  test.each([
    ["a", "illegal base64url string: a"],
    ["aGV+bG8", "illegal base64 data at input byte 3"],
  ])("%j is refused: %s", (encoded, message) => {
    expect(() => base64UrlDecode(encoded)).toThrow(message);
  });
});

describe("base64StdDecode reads what base64.decode reads", () => {
  test("padded standard base64", () => {
    expect(base64StdDecode("aGVsbG8=").toString("utf8")).toBe("hello");
  });

  test.each([
    ["aGVsbG8", 4],
    ["aGVsbG8=x", 8],
    ["aGVs=G8=", 4],
    ["aGVsbA", 4],
    ["a===", 1],
    ["aGV_bG8=", 3],
  ])("%j is refused at byte %d", (encoded, at) => {
    expect(() => base64StdDecode(encoded)).toThrow(`illegal base64 data at input byte ${at}`);
  });
});

test("goJson writes what json.marshal writes: sorted keys by UTF-8 bytes, HTML-safe escapes", () => {
  const value = { b: [1, 2.5, null, true], a: '<&>\n\t\u0001\u2028é"\\', é: 1, z: {} };
  expect(goJson(value)).toBe(
    '{"a":"\\u003c\\u0026\\u003e\\n\\t\\u0001\\u2028é\\"\\\\","b":[1,2.5,null,true],"z":{},"é":1}',
  );
});
