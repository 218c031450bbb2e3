import { loadRuntime, Runtime } from "../testing/harness";

let rt: Runtime;
beforeAll(async () => {
  rt = await loadRuntime();
}, 120_000);

// [builtin export, arguments in Rego syntax, result in Rego syntax]; mostly OPA's conformance cases.
const results: [string, string[], string][] = [
  ["builtin_bits_or", ["7", "9"], "15"],
  ["builtin_bits_or", ["50", "0"], "50"],
  ["builtin_bits_or", ["-8", "3"], "-5"],
  ["builtin_bits_and", ["7", "9"], "1"],
  ["builtin_bits_and", ["50", "0"], "0"],
  ["builtin_bits_and", ["-1", "9223372036854775807"], "9223372036854775807"],
  ["builtin_bits_xor", ["42", "3"], "41"],
  ["builtin_bits_xor", ["42", "42"], "0"],
  ["builtin_bits_negate", ["42"], "-43"],
  ["builtin_bits_negate", ["-9223372036854775808"], "9223372036854775807"],
  // Beyond 64 bits, as OPA 1.22 (bits.negate(bits.lsh(2, 64))); found by tests/opa/fuzz.test.ts.
  ["builtin_bits_negate", ["36893488147419103232"], "-36893488147419103233"],
  ["builtin_bits_negate", ["-36893488147419103233"], "36893488147419103232"],
  ["builtin_bits_lsh", ["1", "3"], "8"],
  ["builtin_bits_lsh", ["0", "1000"], "0"],
  ["builtin_bits_lsh", ["2147483647", "1"], "4294967294"],
  ["builtin_bits_lsh", ["9223372036854775807", "1"], "18446744073709551614"],
  ["builtin_bits_lsh", ["-3", "100"], "-3802951800684688204490109616128"],
  ["builtin_bits_rsh", ["8", "3"], "1"],
  ["builtin_bits_rsh", ["-8", "1"], "-4"],
  ["builtin_bits_rsh", ["-1", "100"], "-1"],
  ["builtin_bits_rsh", ["5", "64"], "0"],
  // Beyond 64 bits, as OPA 1.22 (`opa eval`); found by tests/opa/fuzz.test.ts (seed 8).
  ["builtin_bits_and", ["1267650600228229401496703205381", "-1"], "1267650600228229401496703205381"],
  ["builtin_bits_and", ["-36893488147419103233", "36893488147419103487"], "255"],
  ["builtin_bits_and", ["18446744073709551615", "9223372036854775808"], "9223372036854775808"],
  ["builtin_bits_or", ["1267650600228229401496703205376", "3"], "1267650600228229401496703205379"],
  ["builtin_bits_xor", ["1267650600228229401496703205376", "-1"], "-1267650600228229401496703205377"],
  ["builtin_bits_lsh", ["36893488147419103232", "3"], "295147905179352825856"],
  ["builtin_bits_rsh", ["-3802951800684688204490109616128", "99"], "-6"],
  ["builtin_bits_rsh", ["-3802951800684688204490109616128", "200"], "-1"],
  ["builtin_bits_rsh", ["36893488147419103232", "3"], "4611686018427387904"],
  ["builtin_bits_rsh", ["-36893488147419103233", "64"], "-3"],
];

// Expected values go through the runtime's own parser and dumper, so any Rego spelling compares.
test.each(results)("%s(%j) = %s", (fn, args, want) => {
  expect(rt.call(fn, ...args)).toBe(rt.dump(rt.value(want)));
});

// [builtin export, arguments, OPA's error message]
const errors: [string, string[], string][] = [
  [
    "builtin_bits_and",
    ["7.2", "42"],
    "bits.and: operand 1 must be integer number but got floating-point number",
  ],
  [
    "builtin_bits_or",
    ["7", "4.2"],
    "bits.or: operand 2 must be integer number but got floating-point number",
  ],
  ["builtin_bits_xor", ['"7"', "1"], "bits.xor: operand 1 must be number but got string"],
  [
    "builtin_bits_negate",
    ["7.2"],
    "bits.negate: operand 1 must be integer number but got floating-point number",
  ],
  [
    "builtin_bits_lsh",
    ["7", "-1"],
    "bits.lsh: operand 2 must be an unsigned integer number but got a negative integer",
  ],
  [
    "builtin_bits_rsh",
    ["7", "-1"],
    "bits.rsh: operand 2 must be an unsigned integer number but got a negative integer",
  ],
  [
    "builtin_bits_rsh",
    ["7.2", "42"],
    "bits.rsh: operand 1 must be integer number but got floating-point number",
  ],
];

test.each(errors)("%s(%j) fails: %s", (fn, args, message) => {
  expect(() => rt.call(fn, ...args)).toThrow(message);
});
