import { loadRuntime, Runtime } from "./testing/harness";

let rt: Runtime;
beforeAll(async () => {
  rt = await loadRuntime();
}, 120_000);

/** JSON text in, opa_json_dump text out. */
const roundTrip = (text: string) => {
  const v = rt.json(text);
  return v === 0 ? "parse error" : rt.dumpJson(v);
};

describe("opa_json_parse / opa_json_dump", () => {
  test.each([
    ["scalars", '[null,true,false,0,-1,""]', '[null,true,false,0,-1,""]'],
    ["whitespace", ' \n\t{ "a" : [ 1 , 2 ] }\r\n', '{"a":[1,2]}'],
    ["object keys sorted", '{"b":1,"a":2,"c":{"z":1,"y":2}}', '{"a":2,"b":1,"c":{"y":2,"z":1}}'],
    ["duplicate keys: last wins", '{"a":1,"b":2,"a":3}', '{"a":3,"b":2}'],
    ["unicode escapes", '"\\u00e9\\u4e2d"', '"é中"'],
    ["surrogate pair", '"\\ud83d\\ude00"', '"😀"'],
    ["lone high surrogate", '"\\ud800x"', '"\uFFFDx"'],
    ["lone low surrogate", '"\\udc00"', '"\uFFFD"'],
    // \b and \f by name, as OPA 1.22 writes them (Go 1.22's encoding/json).
    ["escapes", '"\\"\\\\\\/\\b\\f\\n\\r\\t"', '"\\"\\\\/\\b\\f\\n\\r\\t"'],
    ["other control characters", '"\\u0001\\u001f"', '"\\u0001\\u001f"'],
    ["plain runs between escapes", '"ab \\"cd\\" ef\\ngh/"', '"ab \\"cd\\" ef\\ngh/"'],
    ["html characters escaped as Go does", '"<a&b>"', '"\\u003ca\\u0026b\\u003e"'],
    ["line and paragraph separators escaped as Go does", '"a\u2028b\u2029"', '"a\\u2028b\\u2029"'],
    ["raw UTF-8 kept", '"héllo"', '"héllo"'],
    ["big integer kept exactly", "123456789012345678901234567890", "123456789012345678901234567890"],
    ["huge exponent kept", "1e400", "1e400"],
    ["negative zero kept", "-0", "-0"],
    [
      "i64 bounds",
      "[9223372036854775807,-9223372036854775808]",
      "[9223372036854775807,-9223372036854775808]",
    ],
    ["just past i64", "9223372036854775808", "9223372036854775808"],
    ["decimals", "[0.1,2.5,-1.25,1.5e-7]", "[0.1,2.5,-1.25,1.5e-7]"],
    ["long decimal kept", "0.12345678901234567890123", "0.12345678901234567890123"],
    ["numbers keep their spelling, as OPA's do", "[1.0,10.00,1e2]", "[1.0,10.00,1e2]"],
    // Strings longer than a word: the scanner tests eight bytes at a time before looking at single bytes.
    [
      "escapes between long plain runs",
      '"abcdefghijklmnop\\"qrstuvwxyz0123456789 \\\\ 12345678\\n"',
      '"abcdefghijklmnop\\"qrstuvwxyz0123456789 \\\\ 12345678\\n"',
    ],
    [
      "multi-byte text around escapes",
      '"ééééééééé\\n中文中文中文\\u00e9abcdefgh\\ud83d\\ude00"',
      '"ééééééééé\\n中文中文中文éabcdefgh😀"',
    ],
  ])("%s", (_name, input, expected) => {
    expect(roundTrip(input)).toBe(expected);
  });

  test.each([
    ["empty", ""],
    ["truncated array", "[1,2"],
    ["missing colon", '{"a" 1}'],
    ["non-string key", "{1:2}"],
    ["trailing comma", "[1,]"],
    ["trailing garbage", "[1] x"],
    ["leading zero", "01"],
    ["bare fraction", ".5"],
    ["control character in string", '"a\nb"'],
    ["bad escape", '"\\x"'],
    ["control byte in a run after an escape", '"\\nab\u0001"'],
    ["unterminated after an escape", '"\\nab'],
    ["short unicode escape", '"\\u12"'],
    ["unterminated string", '"abc'],
    ["control character past the first word", '"abcdefghijklmnopqrs\u0001tuv"'],
    ["backslash as the last byte", '"abcdefghijklmnop\\'],
    ["unterminated after a long escaped run", '"abcdefghijklmnop\\"xyz'],
    ["set literal is not JSON", "{1,2}"],
  ])("rejects %s", (_name, input) => {
    expect(rt.json(input)).toBe(0);
  });

  test("invalid UTF-8 dumps as \\ufffd, as Go's encoding/json does", () => {
    const bytes = [0x61, 0xff, 0x62, 0xe2, 0x82, 0x63];
    const ptr = (rt.exports.opa_malloc as unknown as (n: number) => number)(bytes.length);
    new Uint8Array(rt.memory.buffer).set(bytes, ptr);
    const value = (rt.exports.rt_string as unknown as (p: number, n: number) => number)(ptr, bytes.length);
    expect(rt.dumpJson(value)).toBe('"a\\ufffdb\\ufffd\\ufffdc"');
  });

  test("sets dump as arrays and non-string keys as their JSON text", () => {
    expect(rt.dumpJson(rt.value('{{3,1}: "s", 1: [set(), {2,1}]}'))).toBe('{"1":[[],[1,2]],"[1,3]":"s"}');
  });

  test("results parse back with JSON.parse to the same values", () => {
    const doc = { a: [1, 2.5, -3e-7, "x\u2028y", { "": null }], b: { c: true, d: "é😀\u0001" } };
    expect(JSON.parse(rt.dumpJson(rt.json(JSON.stringify(doc))))).toEqual(doc);
  });

  test("20,000 levels of nesting are rejected without exhausting the stack", () => {
    expect(rt.json("[".repeat(20000) + "]".repeat(20000))).toBe(0);
    expect(rt.json('{"a":'.repeat(20000) + "1" + "}".repeat(20000))).toBe(0);
  });

  test("nesting within the limit round-trips", () => {
    const text = "[".repeat(4000) + "]".repeat(4000);
    expect(roundTrip(text)).toBe(text);
  });

  test("a 5,000-element document parses and dumps quickly", () => {
    const doc = Object.fromEntries(
      Array.from({ length: 5000 }, (_, i) => [`key${(i * 7919) % 5000}`, { i, tags: [i, `${i}`] }]),
    );
    const started = Date.now();
    const text = rt.dumpJson(rt.json(JSON.stringify(doc)));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(JSON.parse(text)).toEqual(doc);
    expect(Object.keys(JSON.parse(text))).toEqual(Object.keys(doc).sort());
  });
});

describe("opa_value_parse / opa_value_dump (Rego syntax)", () => {
  test.each([
    ["set", "{3,1,2,1}", "{1,2,3}"],
    ["empty set", "set()", "set()"],
    ["empty object", "{}", "{}"],
    ["non-string keys", '{[1]: "a", 1: "b"}', '{1:"b",[1]:"a"}'],
    ["nested sets", '{{2,1},{1},"x"}', '{"x",{1},{1,2}}'],
    ["set inside array", "[{1}, set()]", "[{1},set()]"],
  ])("%s", (_name, input, expected) => {
    expect(rt.dump(rt.value(input))).toBe(expected);
  });

  test.each([["{1:}"], ["{1,2"], ["set("], ["{1:2,3}"]])("rejects %s", (input) => {
    expect(rt.value(input)).toBe(0);
  });
});
