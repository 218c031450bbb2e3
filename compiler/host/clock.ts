/**
 * `time.now_ns`: the host's clock. OPA reads the clock once per query; the compiled module keeps the
 * first value of an evaluation for the rest of it (wasm/builtinMemo.ts).
 *
 * The SDK carries a host builtin's value as JSON text made by JSON.stringify, so the nanoseconds are
 * a JavaScript number: exact to the microsecond the clock gives, rounded to a multiple of 256 ns
 * (a double's spacing at 1.7e18).
 */
export function nowNs(): number {
  return Math.round((performance.timeOrigin + performance.now()) * 1e3) * 1e3;
}

export const CLOCK_BUILTINS = {
  "time.now_ns": nowNs,
};
