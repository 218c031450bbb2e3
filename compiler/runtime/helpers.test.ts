// The rt_* helpers generated code calls (README.md contract), through the exports.
import { loadRuntime, Runtime } from "./testing/harness";

type Fn = (...args: number[]) => number;
let rt: Runtime;
const fn = (name: string) => rt.exports[name] as unknown as Fn;

beforeAll(async () => {
  rt = await loadRuntime();
}, 120_000);

const TEN_KEYS = '{"k1":1,"k2":2,"k3":3,"k4":4,"k5":5,"k6":6,"k7":7,"k8":8,"k9":9,"k10":10}';

test.each([
  ["array index", "[10,20,30]", "1", "20"],
  ["array index as integral float", "[10,20,30]", "2.0", "30"],
  ["array index out of range", "[10]", "1", "undefined"],
  ["negative array index", "[10]", "-1", "undefined"],
  ["fractional array index", "[10,20]", "0.5", "undefined"],
  ["string key on array", "[10]", '"0"', "undefined"],
  ["object key", '{"a":{"b":1}}', '"a"', '{"b":1}'],
  ["missing object key", '{"a":1}', '"b"', "undefined"],
  ["non-string object key", '{1:"one"}', "1.0", '"one"'],
  // string keys among keys of other types, which order before (null, booleans, numbers) or after them
  ["string key among mixed keys", '{null:0,true:1,2:2,"":3,"b":4,"ba":5,[1]:6,{"x":1}:7}', '"ba"', "5"],
  ["empty string key among mixed keys", '{null:0,true:1,2:2,"":3,"b":4,[1]:6}', '""', "3"],
  ["string prefix of a key is missing", '{2:2,"ba":5,[1]:6}', '"b"', "undefined"],
  ["string longer than a key is missing", '{2:2,"b":4,[1]:6}', '"bb"', "undefined"],
  ["number key among string keys", '{"a":1,3:2,"b":3}', "3", "2"],
  // small objects are scanned, larger ones bisected
  ["key among ten keys", TEN_KEYS, '"k7"', "7"],
  ["missing key among ten keys", TEN_KEYS, '"k11"', "undefined"],
  ["key of the same length as another", '{"aws:SourceVpce":1,"aws:SourceVpcx":2}', '"aws:SourceVpcx"', "2"],
  [
    "long keys sharing their first word",
    '{"arn:aws:execute-api:a":1,"arn:aws:execute-api:b":2}',
    '"arn:aws:execute-api:b"',
    "2",
  ],
  ["set member", '{"x",[1]}', "[1]", "[1]"],
  ["set non-member", "{1}", "2", "undefined"],
  ["scalar source", '"abc"', "0", "undefined"],
])("rt_dot: %s", (_name, source, key, expected) => {
  expect(rt.dump(fn("rt_dot")(rt.value(source), rt.value(key)))).toBe(expected);
});

test.each([
  ['"héllo"', "5"],
  ["[1,2]", "2"],
  ['{"a":1}', "1"],
  ["{1,2,3}", "3"],
  ["1", "undefined"],
  ["null", "undefined"],
])("rt_length(%s) = %s", (value, expected) => {
  expect(rt.dump(fn("rt_length")(rt.value(value)))).toBe(expected);
});

test.each([
  ['["a","b"]', ["0:a", "1:b"]],
  ['{"b":2,"a":1}', ["a:1", "b:2"]],
  ['{"z","y"}', ["y:y", "z:z"]],
  ["42", []],
])("rt_iter over %s in OPA's order", (value, expected) => {
  const v = rt.value(value);
  const seen: string[] = [];
  const text = (addr: number) => rt.dump(addr).replace(/"/g, "");
  // The generated loop's end: rt_iter_value is 0 past the last element.
  for (let i = 0; fn("rt_iter_value")(v, i) !== 0; i++) {
    seen.push(`${text(fn("rt_iter_key")(v, i))}:${text(fn("rt_iter_value")(v, i))}`);
  }
  expect(seen).toEqual(expected);
});

test("rt_iter_value of an undefined source is 0: the scan has no element", () => {
  expect(fn("rt_iter_value")(0, 0)).toBe(0);
});

test.each([
  ["null", 0],
  ["true", 1],
  ["1", 2],
  ['"s"', 3],
  ["[]", 4],
  ["{}", 5],
  ["set()", 6],
])("the first word of %s is its type tag, %d: the generated code reads it in place", (value, tag) => {
  expect(new DataView(rt.memory.buffer).getUint32(rt.value(value), true)).toBe(tag);
});

test.each([
  ["disjoint keys", '{"a":1}', '{"b":2}', '{"a":1,"b":2}'],
  ["a wins on scalar conflicts", '{"a":1}', '{"a":2}', '{"a":1}'],
  ["nested objects merge", '{"a":{"x":1}}', '{"a":{"y":2},"b":3}', '{"a":{"x":1,"y":2},"b":3}'],
  ["a non-object b leaves a", '{"a":1}', "[1]", '{"a":1}'],
  ["a non-object a wins", "[1]", '{"a":1}', "[1]"],
  ["undefined a yields b", "undefined", '{"b":1}', '{"b":1}'],
])("rt_object_merge: %s", (_name, a, b, expected) => {
  const value = (text: string) => (text === "undefined" ? 0 : rt.value(text));
  expect(rt.dump(fn("rt_object_merge")(value(a), value(b)))).toBe(expected);
});

test.each([
  ["top-level key", '{"a":1,"b":2}', '["a"]', '"new"', '{"a":"new","b":2}'],
  ["deep path through missing keys", '{"a":1}', '["x","y"]', "true", '{"a":1,"x":{"y":true}}'],
  ["scalar on the path is replaced", '{"a":1}', '["a","b"]', "2", '{"a":{"b":2}}'],
  ["empty path replaces the document", '{"a":1}', "[]", "[7]", "[7]"],
])("rt_with_upsert: %s (base left unchanged)", (_name, base, path, value, expected) => {
  const b = rt.value(base);
  expect(rt.dump(fn("rt_with_upsert")(b, rt.value(path), rt.value(value)))).toBe(expected);
  expect(rt.dump(b)).toBe(rt.dump(rt.value(base)));
});

test("rt_with_upsert on an undefined base builds the path", () => {
  expect(rt.dump(fn("rt_with_upsert")(0, rt.value('["p"]'), rt.value("1")))).toBe('{"p":1}');
});

test("rt_object_insert keeps keys ordered whatever order they arrive in, replacing on a second insert", () => {
  const o = fn("rt_object_new")();
  for (const [key, value] of [
    ['"b"', "1"],
    ['"a"', "2"],
    ['"c"', "3"],
    ['"c"', "4"],
    ['"a"', "5"],
    ["1", "6"],
    ['"d"', "7"],
  ])
    fn("rt_object_insert")(o, rt.value(key), rt.value(value));
  expect(rt.dump(o)).toBe('{1:6,"a":5,"b":1,"c":4,"d":7}');
});

test("rt_object_sized and rt_object_append make an object of ascending keys, growing past the room asked for", () => {
  const o = fn("rt_object_sized")(2);
  for (const [key, value] of [
    ['"a"', "1"],
    ['"b"', "2"],
    ['"c"', "3"],
  ])
    fn("rt_object_append")(o, rt.value(key), rt.value(value));
  expect(rt.dump(o)).toBe('{"a":1,"b":2,"c":3}');
  expect(rt.dump(fn("rt_dot")(o, rt.value('"c"')))).toBe("3");
});

test("rt_object_insert_once accepts an equal value and aborts on a different one", () => {
  const o = rt.value('{"k":1}');
  fn("rt_object_insert_once")(o, rt.value('"k"'), rt.value("1.0"));
  fn("rt_object_insert_once")(o, rt.value('"j"'), rt.value("2"));
  expect(rt.dump(o)).toBe('{"j":2,"k":1}');
  expect(() => fn("rt_object_insert_once")(o, rt.value('"k"'), rt.value("3"))).toThrow(
    "object insert conflict",
  );
});

test.each([
  ["an undefined target takes the value", "undefined", "1", "1"],
  ["an equal value keeps the target", "1", "1.0", "1"],
  ["a different value aborts with OPA's message", "1", "2", "var assignment conflict"],
])("rt_assign_once: %s", (_name, target, value, expected) => {
  const assign = () =>
    rt.dump(fn("rt_assign_once")(target === "undefined" ? 0 : rt.value(target), rt.value(value)));
  if (expected.startsWith("var ")) expect(assign).toThrow(expected);
  else expect(assign()).toBe(expected);
});

// The back end tests `x != false` by address (wasm/staticBooleans.ts): every false, parsed or made, is rt_false's.
test.each([
  ["false", true],
  ["true", false],
  ["0", false],
  ["null", false],
  ['"false"', false],
  ["[]", false],
])("%s is the static false: %s", (value, expected) => {
  expect(rt.value(value) === fn("rt_false")()).toBe(expected);
});

test("constructors: literals, strings and number text from memory", () => {
  const [ptr, len] = rt.write("héllo");
  expect(rt.dump(fn("rt_string")(ptr, len))).toBe('"héllo"');
  const [nptr, nlen] = rt.write("123456789012345678901234567890");
  expect(rt.dump(fn("rt_number_ref")(nptr, nlen))).toBe("123456789012345678901234567890");
  const numberInt = rt.exports.rt_number_int as unknown as (n: bigint) => number;
  expect(rt.dump(numberInt(-9007199254740993n))).toBe("-9007199254740993");
  expect(rt.dump(fn("rt_null")())).toBe("null");
  expect(rt.dump(fn("rt_boolean")(7))).toBe("true");
  expect(rt.dump(fn("rt_false")())).toBe("false");
  const a = fn("rt_array_new")(0);
  fn("rt_array_append")(a, fn("rt_true")());
  fn("rt_array_append")(a, fn("rt_null")());
  expect(rt.dump(a)).toBe("[true,null]");
  expect(rt.dumpJson(fn("rt_result_set_new")())).toBe("[]");
});

test.each([
  // [integer, heap bytes rt_number_int allocates]: 0..255 are static values, built once
  [0n, 0],
  [7n, 0],
  [255n, 0],
  [256n, 16],
  [-1n, 16],
  [2n ** 40n, 16],
])("rt_number_int(%s) dumps as itself and allocates %d bytes", (n, bytes) => {
  const make = rt.exports.rt_number_int as unknown as (n: bigint) => number;
  const heap = rt.exports.opa_heap_ptr_get as unknown as () => number;
  make(n); // builds a small integer's static value on first use
  const before = heap();
  const value = make(n);
  expect(heap() - before).toBe(bytes);
  expect(rt.dump(value)).toBe(String(n));
});
