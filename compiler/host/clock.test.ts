/** time.now_ns: the host's clock in nanoseconds, as an integer (OPA's is the query's start time). */
import { HOST_BUILTINS } from "./index";

test("time.now_ns is the wall clock in integral nanoseconds", () => {
  const before = Date.now() * 1e6;
  const now = HOST_BUILTINS["time.now_ns"]() as number;
  const after = Date.now() * 1e6;
  expect(Number.isInteger(now)).toBe(true);
  // Date.now() truncates to the millisecond; the clock read between may round up within it.
  expect(now).toBeGreaterThanOrEqual(before);
  expect(now).toBeLessThanOrEqual(after + 1e6);
});
