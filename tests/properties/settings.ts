/**
 * Shared fast-check settings: a fixed seed so that `npm test` is reproducible (fast-check prints the seed and
 * the shrunk counterexample's path on failure), overridable with PROPERTY_SEED to explore other runs.
 */
import type { Parameters } from "fast-check";

const defaultSeed = 20261125;

export const propertySeed = Number(process.env.PROPERTY_SEED ?? defaultSeed);

export function propertyRuns<T>(numRuns: number): Parameters<T> {
  return { seed: propertySeed, numRuns };
}
