// array.concat, array.slice, array.reverse.

import { T_ARRAY, T_NUMBER, typeOf, makeArray, arrayLen, arrayGet, arrayPush } from "../value";
import { numberIsInteger, numberFitsI64, numberToI64, numberToF64 } from "../number";
import { typeError } from "../errors";

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

/** An index operand clamped to [0, len]; fractions are truncated. */
function clampIndex(v: usize, len: i32): i32 {
  let n: f64 = numberIsInteger(v) && numberFitsI64(v) ? <f64>numberToI64(v) : Math.trunc(numberToF64(v));
  if (n < 0) n = 0;
  if (n > <f64>len) n = <f64>len;
  return <i32>n;
}

/** a[start:stop], with both bounds clamped to the array; empty when start >= stop. */
export function builtin_array_slice(a: usize, start: usize, stop: usize): usize {
  if (typeOf(a) != T_ARRAY) typeError("array.slice", 1, "array", a);
  if (typeOf(start) != T_NUMBER) typeError("array.slice", 2, "number", start);
  if (typeOf(stop) != T_NUMBER) typeError("array.slice", 3, "number", stop);
  const n = arrayLen(a);
  const from = clampIndex(start, n);
  const to = clampIndex(stop, n);
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
