import { loadRuntime, Runtime } from "../testing/harness";

let rt: Runtime;
beforeAll(async () => {
  rt = await loadRuntime();
}, 120_000);

/** The result of a call and the lines it hands to the host's opa_println (the harness's console.log). */
function printed(fn: string, arg: string): [string, string[]] {
  const log = jest.spyOn(console, "log").mockImplementation(() => undefined);
  try {
    const result = rt.call(fn, arg);
    return [result, log.mock.calls.map(([line]) => String(line))];
  } finally {
    log.mockRestore();
  }
}

// [operands as the print rewrite builds them, lines]; the texts are what `opa eval` prints for
// print(...) with the same arguments (an empty set is an undefined argument).
const lines: [string, string[]][] = [
  ['[{"a"}, {1.5}, {null}, {true}]', ["a 1.5 null true"]],
  ['[{"q\\"t"}, {["s", 1]}, {{"k": {1}}}, {set()}]', ['q"t ["s", 1] {"k": {1}} set()']],
  ["[set(), {1}]", ["<undefined> 1"]],
  ["[]", [""]],
  // one line per combination of the arguments' values
  ['[{"a", "b"}, {1, 2}]', ["a 1", "a 2", "b 1", "b 2"]],
];

test.each(lines)("internal.print(%s) prints %j", (operands, want) => {
  expect(printed("builtin_internal_print", operands)).toEqual(["true", want]);
});

test.each([['"note"'], ['""']])("trace(%s) is true and prints nothing", (note) => {
  expect(printed("builtin_trace", note)).toEqual(["true", []]);
});

const errors: [string, string[], string][] = [
  ["builtin_trace", ["1"], "trace: operand 1 must be string but got number"],
  ["builtin_internal_print", ["{1}"], "internal.print: operand 1 must be array but got set"],
];

test.each(errors)("%s(%j) fails: %s", (fn, args, message) => {
  expect(() => rt.call(fn, ...args)).toThrow(message);
});
