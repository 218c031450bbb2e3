/**
 * Side-by-side timing on a noisy machine: the variants of one comparison run interleaved, round after round,
 * so that a burst of load from other processes hits all of them alike; each figure is a median.
 */

export function median(values: number[]): number {
  if (values.length === 0) throw new Error("median of no values");
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Milliseconds one call of `work` takes. */
export async function timeOnce(work: () => unknown): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

/**
 * Runs every variant `warmup` times, then `rounds` rounds of one timed run of each variant in turn.
 * Returns each variant's median in milliseconds.
 */
export async function sideBySide<Name extends string>(
  variants: Record<Name, () => unknown>,
  rounds: number,
  warmup = 1,
): Promise<Record<Name, number>> {
  const names = Object.keys(variants) as Name[];
  for (let i = 0; i < warmup; i++) for (const name of names) await variants[name]();
  const samples = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<Name, number[]>;
  for (let round = 0; round < rounds; round++) {
    for (const name of names) samples[name].push(await timeOnce(variants[name]));
  }
  return Object.fromEntries(names.map((name) => [name, median(samples[name])])) as Record<Name, number>;
}

/** Loops `work` `count` times: one timed sample of a per-call cost too small to time alone. */
export function repeat(work: () => unknown, count: number): () => void {
  return () => {
    for (let i = 0; i < count; i++) work();
  };
}

/** The one output format of the benchmarks: `bench: NAME = VALUE UNIT`. */
export function report(name: string, value: number, unit: string): void {
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : Math.abs(value) >= 1 ? 2 : 3;
  console.log(`bench: ${name} = ${value.toFixed(digits)} ${unit}`);
}
