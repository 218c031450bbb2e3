/** Which top-level properties differ between a resource's old state and its new inputs. */
import { isDeepStrictEqual } from "node:util";

export function changedKeys(olds: Record<string, unknown>, news: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(olds), ...Object.keys(news)]);
  return [...keys].filter((key) => !isDeepStrictEqual(olds[key], news[key])).sort();
}
