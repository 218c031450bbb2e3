/** time.now_ns: the host's wall clock in nanoseconds, as an integer (OPA's is the query's start time). */
import { HOST_BUILTINS } from "./index";

test("time.now_ns is the wall clock in integral nanoseconds", () => {
  const before = Date.now();
  const now = HOST_BUILTINS["time.now_ns"]() as number;
  const after = Date.now();
  expect(Number.isInteger(now)).toBe(true);
  // Compared in milliseconds, the clock's own unit: a double at 1.8e18 is spaced 256 ns apart.
  expect(Math.round(now / 1e6)).toBeGreaterThanOrEqual(before);
  expect(Math.round(now / 1e6)).toBeLessThanOrEqual(after);
});
