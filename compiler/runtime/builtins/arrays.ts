// array.concat, array.slice, array.reverse, array.flatten.

import { T_ARRAY, T_NUMBER, typeOf, makeArray, arrayLen, arrayGet, arrayPush } from "../value";
import { numberIsInteger, numberFitsI64, numberToI64, numberToF64 } from "../number";
import { typeError, operandError } from "../errors";

export function builtin_array_concat(a: usize, b: usize): usize {
  if (typeOf(a) != T_ARRAY) typeError("array.concat", 1, "array", a);
  if (typeOf(b) != T_ARRAY) typeError("array.concat", 2, "array", b);
  const na = arrayLen(a);
  const nb = arrayLen(b);
  const out = makeArray(na + nb);
  for (let i = 0; i < na; i++) arrayPush(out, arrayGet(a, i));
  for (let i = 0; i < nb; i++) arrayPush(out, arrayGet(b, i));
  return out;
}

/** An integer index operand clamped to [0, len]; OPA rejects fractional indexes. */
function clampedIndex(v: usize, operand: i32, len: i32): i32 {
  if (typeOf(v) != T_NUMBER) typeError("array.slice", operand, "number", v);
  if (!numberIsInteger(v))
    operandError("array.slice", operand, "must be integer number but got floating-point number");
  if (!numberFitsI64(v)) return numberToF64(v) < 0 ? 0 : len;
  const n = numberToI64(v);
  return n < 0 ? 0 : n > <i64>len ? len : <i32>n;
}

/** a[start:stop], with both bounds clamped to the array; empty when start >= stop. */
export function builtin_array_slice(a: usize, start: usize, stop: usize): usize {
  if (typeOf(a) != T_ARRAY) typeError("array.slice", 1, "array", a);
  const n = arrayLen(a);
  const from = clampedIndex(start, 2, n);
  const to = clampedIndex(stop, 3, n);
  const out = makeArray(to > from ? to - from : 0);
  for (let i = from; i < to; i++) arrayPush(out, arrayGet(a, i));
  return out;
}

export function builtin_array_reverse(a: usize): usize {
  if (typeOf(a) != T_ARRAY) typeError("array.reverse", 1, "array", a);
  const n = arrayLen(a);
  const out = makeArray(n);
  for (let i = n - 1; i >= 0; i--) arrayPush(out, arrayGet(a, i));
  return out;
}

/** One level of flattening: array elements are spliced in, anything else is kept as is. */
export function builtin_array_flatten(a: usize): usize {
  if (typeOf(a) != T_ARRAY) typeError("array.flatten", 1, "array", a);
  const n = arrayLen(a);
  const out = makeArray(n);
  for (let i = 0; i < n; i++) {
    const x = arrayGet(a, i);
    if (typeOf(x) != T_ARRAY) {
      arrayPush(out, x);
      continue;
    }
    const m = arrayLen(x);
    for (let j = 0; j < m; j++) arrayPush(out, arrayGet(x, j));
  }
  return out;
}
