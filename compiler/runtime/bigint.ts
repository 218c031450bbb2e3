// Integers of any size in binary, for the bitwise builtins. OPA's bits.* are Go big.Int operations,
// on which a negative number behaves as an infinitely sign-extended two's complement: here an integer
// is laid out as `width` little-endian u32 limbs in two's complement, wide enough that its top limb
// is all sign. Conversions go through the decimal digits that number values keep (number.ts).

import { alloc } from "./alloc";
import { bufAppendByte } from "./buffer";
import {
  decDigitCount,
  decDigitsPtr,
  decExponent,
  decIsNegative,
  decomposeNumber,
  makeNumberI64,
  makeNumberText,
} from "./number";

/** Limbs that hold the integer number `v` in two's complement, with a spare limb for the sign. */
export function limbsFor(v: usize): i32 {
  decomposeNumber(v);
  const digits = decDigitCount() + decExponent();
  // log2(10) < 10/3: at most 10/3 bits per decimal digit, rounded up to whole limbs, plus the sign.
  return (digits * 10) / 3 / 32 + 2;
}

/** The integer number `v` (the caller checked it is one) as `width` limbs of two's complement. */
export function toTwos(v: usize, width: i32): usize {
  decomposeNumber(v);
  const negative = decIsNegative() && decDigitCount() > 0;
  const digits = decDigitsPtr();
  const count = decDigitCount();
  const zeros = decExponent();
  const limbs = alloc((<usize>width) << 2);
  memory.fill(limbs, 0, (<usize>width) << 2);
  for (let i = 0; i < count + zeros; i++) {
    const digit = i < count ? <u64>(load<u8>(digits + <usize>i) - 0x30) : 0;
    multiplyAdd(limbs, width, 10, digit);
  }
  if (negative) negate(limbs, width);
  return limbs;
}

/** The number value of `width` limbs of two's complement. */
export function fromTwos(limbs: usize, width: i32): usize {
  const negative = (load<u32>(limbs + ((<usize>width - 1) << 2)) & 0x80000000) != 0;
  if (negative) negate(limbs, width);
  let used = width;
  while (used > 0 && load<u32>(limbs + ((<usize>used - 1) << 2)) == 0) used--;
  if (used <= 2) {
    const magnitude = used == 0 ? 0 : used == 1 ? <u64>load<u32>(limbs) : load<u64>(limbs);
    if (magnitude <= <u64>i64.MAX_VALUE) return makeNumberI64(negative ? -(<i64>magnitude) : <i64>magnitude);
  }
  return decimalText(limbs, used, negative);
}

/** limbs × factor + addend, in place (the caller leaves room for the carry). */
export function multiplyAdd(limbs: usize, width: i32, factor: u64, addend: u64): void {
  let carry = addend;
  for (let i = 0; i < width; i++) {
    const at = limbs + ((<usize>i) << 2);
    const product = <u64>load<u32>(at) * factor + carry;
    store<u32>(at, <u32>product);
    carry = product >> 32;
  }
}

/** Two's complement negation in place: invert, add one. */
export function negate(limbs: usize, width: i32): void {
  let carry: u64 = 1;
  for (let i = 0; i < width; i++) {
    const at = limbs + ((<usize>i) << 2);
    // Widened before inverting: ~ on the u32 would be sign-extended by the cast.
    const sum = ((<u64>load<u32>(at)) ^ 0xffffffff) + carry;
    store<u32>(at, <u32>sum);
    carry = sum >> 32;
  }
}

/** The decimal number of a magnitude of `used` limbs (consumed), nine digits per division. */
function decimalText(limbs: usize, used: i32, negative: bool): usize {
  // Each limb is under 10 decimal digits; the sign takes one byte more.
  const capacity = used * 10 + 1;
  const text = alloc(<usize>capacity);
  let end = capacity;
  let top = used;
  while (top > 0) {
    let remainder = divideInPlace(limbs, top, 1000000000);
    top = usedLimbs(limbs, top);
    // Nine digits, zero-padded unless they are the leading ones.
    for (let k = 0; k < 9 && (top > 0 || remainder > 0); k++) {
      store<u8>(text + <usize>--end, <u8>(0x30 + (remainder % 10)));
      remainder /= 10;
    }
  }
  if (negative) store<u8>(text + <usize>--end, 0x2d);
  return makeNumberText(text + <usize>end, capacity - end);
}

/** Divides a magnitude of `used` limbs in place by `divisor` (below 2^32); returns the remainder. */
function divideInPlace(limbs: usize, used: i32, divisor: u64): u64 {
  let remainder: u64 = 0;
  for (let i = used - 1; i >= 0; i--) {
    const at = limbs + ((<usize>i) << 2);
    const current = (remainder << 32) | (<u64>load<u32>(at));
    store<u32>(at, <u32>(current / divisor));
    remainder = current % divisor;
  }
  return remainder;
}

/** Limbs in use in a magnitude of `width` limbs (0 for zero). */
export function usedLimbs(limbs: usize, width: i32): i32 {
  let used = width;
  while (used > 0 && load<u32>(limbs + ((<usize>used - 1) << 2)) == 0) used--;
  return used;
}

/**
 * Appends the digits of a magnitude of `used` limbs (consumed) in `base` (2 to 16), most significant
 * first, lower-case unless `upper`; nothing for zero.
 */
export function appendMagnitude(b: usize, limbs: usize, used: i32, base: u32, upper: bool): void {
  const scratch = alloc(<usize>used * 32 + 1);
  let count = 0;
  let top = used;
  while (top > 0) {
    store<u8>(scratch + <usize>count, <u8>divideInPlace(limbs, top, base));
    count++;
    top = usedLimbs(limbs, top);
  }
  for (let i = count - 1; i >= 0; i--) {
    const digit = <u32>load<u8>(scratch + <usize>i);
    bufAppendByte(b, digit < 10 ? 0x30 + digit : (upper ? 0x41 : 0x61) + digit - 10);
  }
}
