// Comparison builtins (==, !=, <, <=, >, >=) over OPA's total order of all values.

import { makeBool } from "../value";
import { compare } from "../compare";

export function builtin_equal(a: usize, b: usize): usize {
  return makeBool(compare(a, b) == 0);
}

export function builtin_neq(a: usize, b: usize): usize {
  return makeBool(compare(a, b) != 0);
}

export function builtin_lt(a: usize, b: usize): usize {
  return makeBool(compare(a, b) < 0);
}

export function builtin_lte(a: usize, b: usize): usize {
  return makeBool(compare(a, b) <= 0);
}

export function builtin_gt(a: usize, b: usize): usize {
  return makeBool(compare(a, b) > 0);
}

export function builtin_gte(a: usize, b: usize): usize {
  return makeBool(compare(a, b) >= 0);
}
