// Bitwise builtins on integers of any size, two's complement as Go's big.Int presents them (OPA's
// are big.Int operations). Operands within 64 bits take the i64 path; larger ones go through binary
// limbs (bigint.ts), and a left shift that leaves 64 bits continues exactly in decimal.

import { makeNumberI64, numberFitsI64, numberToI64 } from "../number";
import { decimalMul, decimalSub } from "../decimal";
import { fromTwos, limbsFor, toTwos } from "../bigint";
import { abortOperand, requireInteger, requireWholeNumber } from "./operands";

const AND = 0;
const OR = 1;
const XOR = 2;

/** a <op> b limb by limb, in a width that holds both operands' sign. */
function bitwise(op: i32, a: usize, b: usize): usize {
  const width = max(limbsFor(a), limbsFor(b));
  const x = toTwos(a, width);
  const y = toTwos(b, width);
  for (let i = 0; i < width; i++) {
    const at = (<usize>i) << 2;
    const l = load<u32>(x + at);
    const r = load<u32>(y + at);
    store<u32>(x + at, op == AND ? l & r : op == OR ? l | r : l ^ r);
  }
  return fromTwos(x, width);
}

function binary(fname: string, op: i32, a: usize, b: usize): usize {
  requireWholeNumber(fname, 1, a);
  requireWholeNumber(fname, 2, b);
  if (!numberFitsI64(a) || !numberFitsI64(b)) return bitwise(op, a, b);
  const x = numberToI64(a);
  const y = numberToI64(b);
  return makeNumberI64(op == AND ? x & y : op == OR ? x | y : x ^ y);
}

export function builtin_bits_or(a: usize, b: usize): usize {
  return binary("bits.or", OR, a, b);
}

export function builtin_bits_and(a: usize, b: usize): usize {
  return binary("bits.and", AND, a, b);
}

export function builtin_bits_xor(a: usize, b: usize): usize {
  return binary("bits.xor", XOR, a, b);
}

/** ~x; beyond 64 bits as -1 - x in decimal, what OPA's big.Int.Not gives. */
export function builtin_bits_negate(a: usize): usize {
  requireWholeNumber("bits.negate", 1, a);
  if (!numberFitsI64(a)) return decimalSub(makeNumberI64(-1), a);
  return makeNumberI64(~numberToI64(a));
}

function requireShift(fname: string, n: usize): i64 {
  const shift = requireInteger(fname, 2, n);
  if (shift < 0) abortOperand(fname, 2, "must be an unsigned integer number but got a negative integer", 0);
  return shift;
}

export function builtin_bits_lsh(a: usize, n: usize): usize {
  requireWholeNumber("bits.lsh", 1, a);
  const shift = requireShift("bits.lsh", n);
  if (numberFitsI64(a)) {
    const x = numberToI64(a);
    if (x == 0) return makeNumberI64(0);
    if (shift < 63) {
      const shifted = x << shift;
      if (shifted >> shift == x) return makeNumberI64(shifted);
    }
  }
  // beyond 64 bits: multiply by 2^shift exactly, 62 bits at a time
  let result = a;
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
  requireWholeNumber("bits.rsh", 1, a);
  const shift = requireShift("bits.rsh", n);
  if (numberFitsI64(a)) {
    const x = numberToI64(a);
    return makeNumberI64(shift >= 64 ? (x < 0 ? -1 : 0) : x >> shift);
  }
  const width = limbsFor(a);
  const x = toTwos(a, width);
  const sign: u32 = (load<u32>(x + ((<usize>width - 1) << 2)) & 0x80000000) != 0 ? 0xffffffff : 0;
  // Limb i of the result takes bits from limbs i + whole and the one above; past the top, the sign.
  const whole = shift >> 5;
  const bits = <u32>(shift & 31);
  for (let i = 0; i < width; i++) {
    const low = limbOr(x, width, <i64>i + whole, sign);
    const high = limbOr(x, width, <i64>i + whole + 1, sign);
    store<u32>(x + ((<usize>i) << 2), bits == 0 ? low : (low >>> bits) | (high << (32 - bits)));
  }
  return fromTwos(x, width);
}

/** Limb i of `width` limbs, or `fill` past the top. */
function limbOr(limbs: usize, width: i32, i: i64, fill: u32): u32 {
  return i < <i64>width ? load<u32>(limbs + ((<usize>i) << 2)) : fill;
}
