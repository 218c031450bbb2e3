// Aggregates over collections: count, sum, product, max, min, sort, all, any.

import {
  T_STRING,
  T_ARRAY,
  T_OBJECT,
  T_SET,
  T_NUMBER,
  typeOf,
  makeBool,
  stringPtr,
  stringLen,
  makeArray,
  arrayLen,
  arrayPush,
  vecLen,
  vecSlots,
  sortSlots,
} from "../value";
import { makeNumberI64 } from "../number";
import { compare, equal } from "../compare";
import { typeError } from "../errors";
import { utf8RuneCount } from "../utf8";
import { numberAdd, numberMul } from "./arithmetic";

/** Arrays and sets share the element-vector layout, so aggregates read both the same way. */
function isArrayOrSet(v: usize): bool {
  const t = typeOf(v);
  return t == T_ARRAY || t == T_SET;
}

function element(xs: usize, i: i32): usize {
  return load<u32>(vecSlots(xs) + ((<usize>i) << 2));
}

/** Characters of a string (Go runes), elements of a collection. */
export function builtin_count(x: usize): usize {
  const t = typeOf(x);
  if (t == T_STRING) return makeNumberI64(utf8RuneCount(stringPtr(x), stringLen(x)));
  if (t == T_ARRAY || t == T_OBJECT || t == T_SET) return makeNumberI64(vecLen(x));
  typeError("count", 1, "one of {array, object, set, string}", x);
  return 0;
}

function fold(fname: string, xs: usize, initial: i64, multiply: bool): usize {
  if (!isArrayOrSet(xs)) typeError(fname, 1, "one of {array, set}", xs);
  let acc = makeNumberI64(initial);
  const n = vecLen(xs);
  for (let i = 0; i < n; i++) {
    const x = element(xs, i);
    if (typeOf(x) != T_NUMBER) typeError(fname, 1, "collection of numbers", x);
    acc = multiply ? numberMul(acc, x) : numberAdd(acc, x);
  }
  return acc;
}

export function builtin_sum(xs: usize): usize {
  return fold("sum", xs, 0, false);
}

export function builtin_product(xs: usize): usize {
  return fold("product", xs, 1, true);
}

/** The greatest (or least) element by OPA's order; undefined for an empty collection. */
function extreme(fname: string, xs: usize, sign: i32): usize {
  if (!isArrayOrSet(xs)) typeError(fname, 1, "one of {array, set}", xs);
  const n = vecLen(xs);
  if (n == 0) return 0;
  let best = element(xs, 0);
  for (let i = 1; i < n; i++) {
    const x = element(xs, i);
    if (compare(x, best) * sign > 0) best = x;
  }
  return best;
}

export function builtin_max(xs: usize): usize {
  return extreme("max", xs, 1);
}

export function builtin_min(xs: usize): usize {
  return extreme("min", xs, -1);
}

export function builtin_sort(xs: usize): usize {
  if (!isArrayOrSet(xs)) typeError("sort", 1, "one of {array, set}", xs);
  const n = vecLen(xs);
  const out = makeArray(n);
  for (let i = 0; i < n; i++) arrayPush(out, element(xs, i));
  if (typeOf(xs) == T_ARRAY) sortSlots(vecSlots(out), arrayLen(out), 4);
  return out;
}

/** Deprecated in OPA but still built in: every element is true (vacuously for empty input). */
export function builtin_all(xs: usize): usize {
  if (!isArrayOrSet(xs)) typeError("all", 1, "one of {array, set}", xs);
  const yes = makeBool(true);
  const n = vecLen(xs);
  for (let i = 0; i < n; i++) if (!equal(element(xs, i), yes)) return makeBool(false);
  return yes;
}

/** Deprecated in OPA but still built in: some element is true. */
export function builtin_any(xs: usize): usize {
  if (!isArrayOrSet(xs)) typeError("any", 1, "one of {array, set}", xs);
  const yes = makeBool(true);
  const n = vecLen(xs);
  for (let i = 0; i < n; i++) if (equal(element(xs, i), yes)) return yes;
  return makeBool(false);
}
