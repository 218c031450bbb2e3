// Bitwise builtins on integers (two's complement, as Go's big.Int presents them). Operands are
// 64-bit integers; a left shift that leaves that range continues exactly in decimal (OPA's results
// are big integers there).

import { makeNumberI64, numberFitsI64, numberIsInteger } from "../number";
import { decimalMul, decimalSub } from "../decimal";
import { T_NUMBER, typeOf } from "../value";
import { abortOperand, requireInteger } from "./operands";

export function builtin_bits_or(a: usize, b: usize): usize {
  return makeNumberI64(requireInteger("bits.or", 1, a) | requireInteger("bits.or", 2, b));
}

export function builtin_bits_and(a: usize, b: usize): usize {
  return makeNumberI64(requireInteger("bits.and", 1, a) & requireInteger("bits.and", 2, b));
}

export function builtin_bits_xor(a: usize, b: usize): usize {
  return makeNumberI64(requireInteger("bits.xor", 1, a) ^ requireInteger("bits.xor", 2, b));
}

/** ~x; beyond 64 bits as -1 - x in decimal, what OPA's big.Int.Not gives. */
export function builtin_bits_negate(a: usize): usize {
  if (typeOf(a) == T_NUMBER && numberIsInteger(a) && !numberFitsI64(a))
    return decimalSub(makeNumberI64(-1), a);
  return makeNumberI64(~requireInteger("bits.negate", 1, a));
}

function requireShift(fname: string, n: usize): i64 {
  const shift = requireInteger(fname, 2, n);
  if (shift < 0) abortOperand(fname, 2, "must be an unsigned integer number but got a negative integer");
  return shift;
}

export function builtin_bits_lsh(a: usize, n: usize): usize {
  const x = requireInteger("bits.lsh", 1, a);
  const shift = requireShift("bits.lsh", n);
  if (x == 0) return makeNumberI64(0);
  if (shift < 63) {
    const shifted = x << shift;
    if (shifted >> shift == x) return makeNumberI64(shifted);
  }
  // beyond 64 bits: multiply by 2^shift exactly, 62 bits at a time
  let result = makeNumberI64(x);
  let left = shift;
  while (left > 0) {
    const step = left > 62 ? 62 : left;
    result = decimalMul(result, makeNumberI64((<i64>1) << step));
    left -= step;
  }
  return result;
}

/** Arithmetic shift: negative numbers round towards minus infinity, as big.Int.Rsh does. */
export function builtin_bits_rsh(a: usize, n: usize): usize {
  const x = requireInteger("bits.rsh", 1, a);
  const shift = requireShift("bits.rsh", n);
  return makeNumberI64(shift >= 64 ? (x < 0 ? -1 : 0) : x >> shift);
}
