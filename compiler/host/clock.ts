/**
 * `time.now_ns`: the host's wall clock, as OPA reads time.Now(). OPA reads the clock once per query;
 * the compiled module keeps the first value of an evaluation for the rest of it
 * (wasm/builtinMemo.ts).
 *
 * The wall clock is Date.now(), to the millisecond. performance.timeOrigin + performance.now() would
 * give microseconds, but it runs on the monotonic clock from the process's start and drifts from the
 * wall clock as the system adjusts it (seen in CI: ahead of the millisecond Date.now() gave). The SDK
 * carries the value as JSON text made by JSON.stringify, so it is a JavaScript number either way.
 */
export function nowNs(): number {
  return Date.now() * 1e6;
}

export const CLOCK_BUILTINS = {
  "time.now_ns": nowNs,
};
