/**
 * uuid.rfc4122 and rand.intn: random by nature, so the values are checked for their form and range;
 * the fixed answers and errors are OPA's (`opa eval`, OPA v1.22.4). That one evaluation repeats them
 * is the compiled module's cache (wasm/builtinMemo.ts, tested in calls.test.ts).
 */
import { HOST_BUILTINS } from "./index";

const call = (name: string, ...args: unknown[]) => HOST_BUILTINS[name](...(args as never[]));

test("uuid.rfc4122 is a version 4, variant 1 UUID, new at each call", () => {
  const first = call("uuid.rfc4122", "a");
  expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect(call("uuid.rfc4122", "a")).not.toBe(first);
});

test.each([
  [0, 0],
  [1, 0],
  [-1, 0],
])("rand.intn(_, %d) is %d", (n, value) => {
  expect(call("rand.intn", "a", n)).toBe(value);
});

test.each([10, -10, 2 ** 53])("rand.intn(_, %d) is an integer in [0, |n|)", (n) => {
  for (let i = 0; i < 50; i++) {
    const value = call("rand.intn", "k", n) as number;
    expect(Number.isInteger(value) && value >= 0 && value < Math.abs(n)).toBe(true);
  }
});

test.each([
  ["rand.intn", ["a", 1.5], "rand.intn: operand 2 must be integer number but got floating-point number"],
  ["rand.intn", [1, 1], "rand.intn: operand 1 must be string but got number"],
  ["uuid.rfc4122", [1], "uuid.rfc4122: operand 1 must be string but got number"],
])("%s(%j) fails as OPA does", (name, args, message) => {
  expect(() => call(name, ...args)).toThrow(message);
});
