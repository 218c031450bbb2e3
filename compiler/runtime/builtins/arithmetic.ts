// Arithmetic builtins: plus, minus (numbers and set difference), mul, div, rem, abs, round, ceil, floor.
// Like OPA, +, - and × are exact: i64 while the operands and result fit, exact decimal arithmetic
// (decimal.ts) otherwise, so 0.1 + 0.2 is 0.3 and big integers do not round. Division and the
// rounding functions use doubles.

import { T_NUMBER, T_SET, typeOf, makeSet, setLen, setAt, setContains, arrayPush } from "../value";
import {
  N_INT,
  N_F64,
  numberKind,
  makeNumberI64,
  makeNumberF64,
  numberToF64,
  numberIsInteger,
  numberFitsI64,
  numberToI64,
} from "../number";
import { decimalAlignable, decimalAdd, decimalSub, decimalMul, decimalRem, decimalAbs } from "../decimal";
import { typeError, builtinError } from "../errors";

function requireNumber(fname: string, operand: i32, v: usize): void {
  if (typeOf(v) != T_NUMBER) typeError(fname, operand, "number", v);
}

export function numberAdd(a: usize, b: usize): usize {
  if (numberKind(a) == N_INT && numberKind(b) == N_INT) {
    const x = load<i64>(a, 8);
    const y = load<i64>(b, 8);
    const r = x + y;
    if (((x ^ r) & (y ^ r)) >= 0) return makeNumberI64(r);
  }
  if (decimalAlignable(a, b)) return decimalAdd(a, b);
  return makeNumberF64(numberToF64(a) + numberToF64(b));
}

export function numberSub(a: usize, b: usize): usize {
  if (numberKind(a) == N_INT && numberKind(b) == N_INT) {
    const x = load<i64>(a, 8);
    const y = load<i64>(b, 8);
    const r = x - y;
    if (((x ^ y) & (x ^ r)) >= 0) return makeNumberI64(r);
  }
  if (decimalAlignable(a, b)) return decimalSub(a, b);
  return makeNumberF64(numberToF64(a) - numberToF64(b));
}

export function numberMul(a: usize, b: usize): usize {
  if (numberKind(a) == N_INT && numberKind(b) == N_INT) {
    const x = load<i64>(a, 8);
    const y = load<i64>(b, 8);
    // operands within i32 cannot overflow; otherwise check by dividing back
    if (x >= -2147483648 && x <= 2147483647 && y >= -2147483648 && y <= 2147483647)
      return makeNumberI64(x * y);
    const r = x * y;
    const wraps = (x == -1 && y == i64.MIN_VALUE) || (y == -1 && x == i64.MIN_VALUE);
    if (!wraps && (x == 0 || r / x == y)) return makeNumberI64(r);
  }
  return decimalMul(a, b);
}

export function builtin_plus(a: usize, b: usize): usize {
  requireNumber("plus", 1, a);
  requireNumber("plus", 2, b);
  return numberAdd(a, b);
}

/** Numbers subtract; sets give their difference. */
export function builtin_minus(a: usize, b: usize): usize {
  const ta = typeOf(a);
  if (ta == T_NUMBER) {
    requireNumber("minus", 2, b);
    return numberSub(a, b);
  }
  if (ta == T_SET) {
    if (typeOf(b) != T_SET) typeError("minus", 2, "set", b);
    const out = makeSet();
    const n = setLen(a);
    // a is sorted, so appending the kept members in order keeps out sorted
    for (let i = 0; i < n; i++) {
      const x = setAt(a, i);
      if (!setContains(b, x)) arrayPush(out, x);
    }
    return out;
  }
  typeError("minus", 1, "one of {number, set}", a);
  return 0;
}

export function builtin_mul(a: usize, b: usize): usize {
  requireNumber("mul", 1, a);
  requireNumber("mul", 2, b);
  return numberMul(a, b);
}

export function builtin_div(a: usize, b: usize): usize {
  requireNumber("div", 1, a);
  requireNumber("div", 2, b);
  const y = numberToF64(b);
  if (y == 0) builtinError("div", "divide by zero");
  if (numberKind(a) == N_INT && numberKind(b) == N_INT) {
    const xi = load<i64>(a, 8);
    const yi = load<i64>(b, 8);
    if (!(xi == i64.MIN_VALUE && yi == -1) && xi % yi == 0) return makeNumberI64(xi / yi);
  }
  return makeNumberF64(numberToF64(a) / y);
}

/** Remainder with the sign of the dividend; integers only (integral doubles count as integers). */
export function builtin_rem(a: usize, b: usize): usize {
  requireNumber("rem", 1, a);
  requireNumber("rem", 2, b);
  if (!numberIsInteger(a) || !numberIsInteger(b)) builtinError("rem", "modulo on floating-point number");
  if (numberToF64(b) == 0) builtinError("rem", "modulo by zero");
  if (numberFitsI64(a) && numberFitsI64(b)) {
    const x = numberToI64(a);
    const y = numberToI64(b);
    if (y == -1) return makeNumberI64(0);
    return makeNumberI64(x % y);
  }
  return decimalRem(a, b);
}

export function builtin_abs(a: usize): usize {
  requireNumber("abs", 1, a);
  if (numberKind(a) == N_INT) {
    const x = load<i64>(a, 8);
    if (x >= 0) return a;
    if (x != i64.MIN_VALUE) return makeNumberI64(-x);
  }
  if (numberKind(a) == N_F64) return makeNumberF64(Math.abs(load<f64>(a, 8)));
  return decimalAbs(a);
}

/** Go's math.Round: halves round away from zero. */
function roundHalfAway(f: f64): f64 {
  const t = Math.trunc(f);
  if (Math.abs(f - t) >= 0.5) return t + (f < 0 ? -1 : 1);
  return t;
}

/**
 * An integer argument of round, ceil or floor as a computed result prints: 10.00 and 1e2 become 10
 * and 100 (an integer beyond 64 bits keeps its text).
 */
function integerAsComputed(a: usize): usize {
  return numberFitsI64(a) ? makeNumberI64(numberToI64(a)) : a;
}

export function builtin_round(a: usize): usize {
  requireNumber("round", 1, a);
  if (numberIsInteger(a)) return integerAsComputed(a);
  return makeNumberF64(roundHalfAway(numberToF64(a)));
}

export function builtin_ceil(a: usize): usize {
  requireNumber("ceil", 1, a);
  if (numberIsInteger(a)) return integerAsComputed(a);
  return makeNumberF64(Math.ceil(numberToF64(a)));
}

export function builtin_floor(a: usize): usize {
  requireNumber("floor", 1, a);
  if (numberIsInteger(a)) return integerAsComputed(a);
  return makeNumberF64(Math.floor(numberToF64(a)));
}
