import { loadRuntime, Runtime } from "../testing/harness";

let rt: Runtime;
beforeAll(async () => {
  rt = await loadRuntime();
}, 120_000);

// [builtin export, arguments in Rego syntax, result in Rego syntax]; mostly OPA's conformance cases.
const results: [string, string[], string][] = [
  ["builtin_numbers_range", ["0", "0"], "[0]"],
  ["builtin_numbers_range", ["-2", "3"], "[-2, -1, 0, 1, 2, 3]"],
  ["builtin_numbers_range", ["2", "-3"], "[2, 1, 0, -1, -2, -3]"],
  ["builtin_numbers_range", ["5", "2"], "[5, 4, 3, 2]"],
  [
    "builtin_numbers_range",
    ["49649733057", "49649733060"],
    "[49649733057, 49649733058, 49649733059, 49649733060]",
  ],
  ["builtin_numbers_range", ["1.0", "2"], "[1, 2]"],
  ["builtin_numbers_range_step", ["0", "10", "2"], "[0, 2, 4, 6, 8, 10]"],
  ["builtin_numbers_range_step", ["0", "-10", "2"], "[0, -2, -4, -6, -8, -10]"],
  ["builtin_numbers_range_step", ["10", "3", "2"], "[10, 8, 6, 4]"],
  ["builtin_numbers_range_step", ["1024", "4096", "1024"], "[1024, 2048, 3072, 4096]"],
  ["builtin_numbers_range_step", ["2", "2", "2"], "[2]"],
  ["builtin_numbers_range_step", ["2", "5", "2"], "[2, 4]"],
  ["builtin_numbers_range_step", ["0", "10", "99999999999999999999"], "[0]"],
  ["builtin_to_number", ['"-42.0"'], "-42.0"],
  ["builtin_to_number", ["false"], "0"],
  ["builtin_to_number", ["true"], "1"],
  ["builtin_to_number", ["null"], "0"],
  ["builtin_to_number", ["100.1"], "100.1"],
  ["builtin_to_number", ['"3"'], "3"],
  ["builtin_to_number", ['"123456789012345678901234567890"'], "123456789012345678901234567890"],
  ["builtin_to_number", ['"1e400"'], "1e400"],
  ["builtin_to_number", ['"+5"'], "5"],
  ["builtin_to_number", ['".5"'], "0.5"],
  ["builtin_to_number", ['"1E3"'], "1E3"],
];

// Expected values go through the runtime's own parser and dumper, so any Rego spelling compares.
test.each(results)("%s(%j) = %s", (fn, args, want) => {
  expect(rt.call(fn, ...args)).toBe(rt.dump(rt.value(want)));
});

// [builtin export, arguments, OPA's error message]
const errors: [string, string[], string][] = [
  [
    "builtin_numbers_range",
    ["3.14", "4"],
    "numbers.range: operand 1 must be integer number but got floating-point number",
  ],
  [
    "builtin_numbers_range",
    ["3", "3.14"],
    "numbers.range: operand 2 must be integer number but got floating-point number",
  ],
  ["builtin_numbers_range", ['"3"', "4"], "numbers.range: operand 1 must be number but got string"],
  ["builtin_numbers_range_step", ["0", "10", "-2"], "numbers.range_step: step must be a positive integer"],
  ["builtin_numbers_range_step", ["0", "10", "0"], "numbers.range_step: step must be a positive integer"],
  ["builtin_numbers_range_step", ["0", "10", "0.5"], "numbers.range_step: step must be a positive integer"],
  ["builtin_to_number", ['"broken"'], 'to_number: strconv.ParseFloat: parsing "broken": invalid syntax'],
  ["builtin_to_number", ['""'], 'to_number: strconv.ParseFloat: parsing "": invalid syntax'],
  // Go parses these as NaN or infinities, which OPA rejects
  ["builtin_to_number", ['"nan"'], "to_number: operand 1 must be valid number string but got string"],
  ["builtin_to_number", ['"-NaN"'], "to_number: operand 1 must be valid number string but got string"],
  ["builtin_to_number", ['"iNf"'], "to_number: operand 1 must be valid number string but got string"],
  ["builtin_to_number", ['"+Infinity"'], "to_number: operand 1 must be valid number string but got string"],
  [
    "builtin_to_number",
    ["[]"],
    "to_number: operand 1 must be one of {null, boolean, number, string} but got array",
  ],
];

test.each(errors)("%s(%j) fails: %s", (fn, args, message) => {
  expect(() => rt.call(fn, ...args)).toThrow(message);
});
