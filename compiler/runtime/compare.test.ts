import { loadRuntime, Runtime } from "./testing/harness";

let rt: Runtime;
beforeAll(async () => {
  rt = await loadRuntime();
}, 120_000);

const cmp = (a: string, b: string) =>
  Math.sign(rt.exports.rt_compare(rt.value(a) as never, rt.value(b) as never) as number);
const eq = (a: string, b: string) =>
  rt.exports.rt_equal(rt.value(a) as never, rt.value(b) as never) as number;

// Strictly ascending in OPA's order: every earlier value compares below every later one. Objects
// compare pair by pair (key, then value) before size, so {"a":1,"b":1} sorts below {"a":2}.
const ascending = [
  "null",
  "false",
  "true",
  "-1e400",
  "-18446744073709551617",
  "-9223372036854775809",
  "-9223372036854775808",
  "-1",
  "-0.5",
  "0",
  "0.1",
  "0.30000000000000004",
  "1",
  "1.5",
  "9007199254740992",
  "9007199254740993",
  "9223372036854775807",
  "9223372036854775808",
  "1e30",
  "1000000000000000000000000000001",
  "1e400",
  '""',
  '"A"',
  '"a"',
  '"ab"',
  // Longer than a word (compared eight bytes at a time): differences past the first word, in the last
  // byte of a word, and in a byte above 0x7f (bytes compare unsigned); order from opa eval's sort.
  '"abcdefgh"',
  '"abcdefghi"',
  '"abcdefghij"',
  '"abcdefgz"',
  '"arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/*"',
  '"arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/é"',
  '"arn:aws:é"',
  '"é"',
  "[]",
  "[1]",
  "[1,2]",
  "[2]",
  "{}",
  '{"a":1}',
  '{"a":1,"b":1}',
  '{"a":2}',
  '{"b":0}',
  "set()",
  "{1}",
  "{1,2}",
  "{2}",
];

describe("OPA total order", () => {
  test.each(ascending.slice(1).map((b, i) => [ascending[i], b]))("%s < %s", (a, b) => {
    expect(cmp(a, b)).toBe(-1);
    expect(cmp(b, a)).toBe(1);
    expect(eq(a, b)).toBe(0);
  });

  test("every pair is ordered consistently with the list", () => {
    const shuffled = [...ascending].reverse().sort((a, b) => a.length - b.length);
    expect(shuffled.sort(cmp)).toEqual(ascending);
  });

  test.each([
    ["1", "1.0"],
    ["100", "1e2"],
    ["0", "-0"],
    ["0.5", "5e-1"],
    ["123456789012345678901234567890", "1.2345678901234567890123456789e29"],
    ['{"b":[1,{2}],"a":null}', '{"a":null,"b":[1.0,{2}]}'],
    ["{3,2,1}", "{1,2,3,3}"],
  ])("%s == %s", (a, b) => {
    expect(cmp(a, b)).toBe(0);
    expect(eq(a, b)).toBe(1);
  });
});

// OPA's own decimal-ordering case (comparisonexpr/test-comparisonexpr-decimals.yaml).
describe("decimals order like the numbers they denote", () => {
  test.each([
    ["3", "3.5", -1],
    ["3.50", "3.5", 0],
    ["1E+2", "100.0", 0],
    ["1e-1", "0.10", 0],
    ["0.1", "0.10000000000001", -1],
    ["-0", "0", 0],
    ["-0.001", "0", -1],
    ["0.000000000000001", "0.000000000000002", -1],
    ["0.01", "0.001", 1],
    ["-0", "-2.5", 1],
    ["123456789012345", "123456789012345.5", -1],
    ["999999999999999", "1e15", -1],
    ["1e299", "1e-299", 1],
    ["1e400", "1e399", 1],
    ["1e-400", "0", 1],
    ["0.1234567890123456789", "0.1234567890123456788", 1],
    ["1234567890123456789012", "1234567890123456789013", -1],
  ])("%s vs %s: %d", (a, b, expected) => {
    expect(cmp(a, b)).toBe(expected);
  });

  test("equal decimals are one set member and one object key", () => {
    expect(rt.dump(rt.value("{3.5, 3.50, 35e-1, 0.35e1}"))).toBe("{3.5}");
    expect(rt.dump(rt.value('{3.5: "a", 3.50: "b"}'))).toBe('{3.50:"b"}');
  });
});

describe("sets and objects", () => {
  test.each([
    ["set members are distinct and sorted", '{3,"a",1,[1],1,null,{2}}', '{null,1,3,"a",[1],{2}}'],
    ["numbers dedupe by value", "{1,1.0,2}", "{1,2}"],
    ["object keys sorted by value order", '{"b":1,2:2,"a":3,null:4}', '{null:4,2:2,"a":3,"b":1}'],
  ])("%s", (_name, input, expected) => {
    expect(rt.dump(rt.value(input))).toBe(expected);
  });

  test("rt_set_add keeps sets sorted and distinct whatever the insertion order", () => {
    const s = rt.exports.rt_set_new() as number;
    for (const x of [5, 3, 9, 3, 1, 5, 7, 0]) {
      (rt.exports.rt_set_add as (s: number, v: number) => void)(s, rt.value(String(x)));
    }
    expect(rt.dump(s)).toBe("{0,1,3,5,7,9}");
  });

  test("rt_object_insert replaces an existing key and keeps key order", () => {
    const o = rt.exports.rt_object_new() as number;
    const insert = rt.exports.rt_object_insert as (o: number, k: number, v: number) => void;
    for (const [k, v] of [
      ["c", 1],
      ["a", 2],
      ["b", 3],
      ["a", 4],
    ] as const)
      insert(o, rt.value(`"${k}"`), rt.value(String(v)));
    expect(rt.dump(o)).toBe('{"a":4,"b":3,"c":1}');
  });
});
