/**
 * `uuid.rfc4122` and `rand.intn`, from node:crypto's generator. OPA returns the same value for the
 * same arguments throughout a query; the compiled module caches them per evaluation
 * (wasm/builtinMemo.ts), so these only draw.
 */
import { randomBytes, randomInt, randomUUID } from "node:crypto";
import { numberOperand, stringOperand } from "./operands";

/** A version 4 UUID; the seed only names the value within an evaluation. */
export function uuidRfc4122(seed: unknown): string {
  stringOperand(seed, 1);
  return randomUUID();
}

/** An integer in [0, |n|), 0 when n is 0; n must be an integer, as OPA requires. */
export function randIntn(seed: unknown, n: unknown): number {
  stringOperand(seed, 1);
  const bound = Math.abs(numberOperand(n, 2));
  if (!Number.isInteger(bound))
    throw new Error("operand 2 must be integer number but got floating-point number");
  if (bound === 0) return 0;
  // randomInt takes bounds below 2^48; a larger one is reduced from 64 random bits.
  if (bound < 2 ** 48) return randomInt(bound);
  return Number(randomBytes(8).readBigUInt64BE() % BigInt(bound));
}

export const RANDOM_BUILTINS = {
  "uuid.rfc4122": uuidRfc4122,
  "rand.intn": randIntn,
};
