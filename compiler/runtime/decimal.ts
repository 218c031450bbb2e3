// Exact arithmetic on integers beyond i64, on their decimal digits. OPA computes with big
// integers, so 18446744073709551617 + 1 must give ...618, not a rounded double. Magnitudes are
// ASCII digit runs without leading zeros (zero is the empty run); results become number values.

import { alloc } from "./alloc";
import { decomposeNumber, decIsNegative, decDigitsPtr, decDigitCount, decExponent, makeNumberText } from "./number";

// The last integer read by bigRead (a struct return without managed objects).
let readNeg: bool = false;
let readPtr: usize = 0;
let readLen: i32 = 0;

/** Reads an integer-valued number into readNeg/readPtr/readLen (trailing zeros of the exponent expanded). */
function bigRead(v: usize): void {
  decomposeNumber(v);
  const count = decDigitCount();
  const exp = decExponent();
  readNeg = decIsNegative() && count > 0;
  if (count == 0) {
    readPtr = 0;
    readLen = 0;
    return;
  }
  const len = count + exp;
  const digits = alloc(<usize>len);
  memory.copy(digits, decDigitsPtr(), <usize>count);
  memory.fill(digits + <usize>count, 0x30, <usize>exp);
  readPtr = digits;
  readLen = len;
}

function magCompare(pa: usize, la: i32, pb: usize, lb: i32): i32 {
  if (la != lb) return la < lb ? -1 : 1;
  const c = memory.compare(pa, pb, <usize>la);
  return c < 0 ? -1 : c > 0 ? 1 : 0;
}

// Results of the magnitude operations.
let outPtr: usize = 0;
let outLen: i32 = 0;

/** Stores a digit run (most significant first, possibly with leading zeros) as the result. */
function setOut(ptr: usize, len: i32): void {
  let start = 0;
  while (start < len && load<u8>(ptr + <usize>start) == 0x30) start++;
  outPtr = ptr + <usize>start;
  outLen = len - start;
}

function magAdd(pa: usize, la: i32, pb: usize, lb: i32): void {
  const n = (la > lb ? la : lb) + 1;
  const out = alloc(<usize>n);
  let carry = 0;
  for (let i = 0; i < n; i++) {
    const x = i < la ? <i32>load<u8>(pa + <usize>(la - 1 - i)) - 0x30 : 0;
    const y = i < lb ? <i32>load<u8>(pb + <usize>(lb - 1 - i)) - 0x30 : 0;
    const s = x + y + carry;
    store<u8>(out + <usize>(n - 1 - i), <u8>(0x30 + s % 10));
    carry = s / 10;
  }
  setOut(out, n);
}

/** a - b for magnitudes with a >= b. */
function magSub(pa: usize, la: i32, pb: usize, lb: i32): void {
  const out = alloc(<usize>(la > 0 ? la : 1));
  let borrow = 0;
  for (let i = 0; i < la; i++) {
    const x = <i32>load<u8>(pa + <usize>(la - 1 - i)) - 0x30;
    const y = i < lb ? <i32>load<u8>(pb + <usize>(lb - 1 - i)) - 0x30 : 0;
    let d = x - y - borrow;
    borrow = d < 0 ? 1 : 0;
    if (d < 0) d += 10;
    store<u8>(out + <usize>(la - 1 - i), <u8>(0x30 + d));
  }
  setOut(out, la);
}

function magMul(pa: usize, la: i32, pb: usize, lb: i32): void {
  const n = la + lb;
  if (la == 0 || lb == 0) {
    outLen = 0;
    return;
  }
  const acc = alloc(<usize>n << 2);
  memory.fill(acc, 0, <usize>n << 2);
  for (let i = la - 1; i >= 0; i--) {
    const x = <u32>load<u8>(pa + <usize>i) - 0x30;
    for (let j = lb - 1; j >= 0; j--) {
      const slot = acc + (<usize>(i + j + 1) << 2);
      store<u32>(slot, load<u32>(slot) + x * (<u32>load<u8>(pb + <usize>j) - 0x30));
    }
  }
  const out = alloc(<usize>n);
  let carry: u32 = 0;
  for (let k = n - 1; k >= 0; k--) {
    const s = load<u32>(acc + (<usize>k << 2)) + carry;
    store<u8>(out + <usize>k, <u8>(0x30 + s % 10));
    carry = s / 10;
  }
  setOut(out, n);
}

/** Remainder of magnitudes by long division (b non-zero). */
function magRem(pa: usize, la: i32, pb: usize, lb: i32): void {
  const rem = alloc(<usize>(lb + 1));
  let remLen = 0;
  for (let i = 0; i < la; i++) {
    // rem = rem * 10 + next digit, then subtract b while rem >= b (at most 9 times)
    if (remLen == 0 && load<u8>(pa + <usize>i) == 0x30) continue;
    store<u8>(rem + <usize>remLen, load<u8>(pa + <usize>i));
    remLen++;
    while (magCompare(rem, remLen, pb, lb) >= 0) {
      magSub(rem, remLen, pb, lb);
      memory.copy(rem, outPtr, <usize>outLen);
      remLen = outLen;
    }
  }
  outPtr = rem;
  outLen = remLen;
}

function makeSigned(neg: bool, ptr: usize, len: i32): usize {
  const text = alloc(<usize>len + 2);
  let n = 0;
  if (len == 0) {
    store<u8>(text, 0x30);
    return makeNumberText(text, 1);
  }
  if (neg) {
    store<u8>(text, 0x2d);
    n = 1;
  }
  memory.copy(text + <usize>n, ptr, <usize>len);
  return makeNumberText(text, n + len);
}

/** Signed addition: b is negated first when `subtract`. */
function addSigned(a: usize, b: usize, subtract: bool): usize {
  bigRead(a);
  const an = readNeg;
  const ap = readPtr;
  const al = readLen;
  bigRead(b);
  const bn = subtract ? !readNeg && readLen > 0 : readNeg;
  if (an == bn) {
    magAdd(ap, al, readPtr, readLen);
    return makeSigned(an, outPtr, outLen);
  }
  const c = magCompare(ap, al, readPtr, readLen);
  if (c == 0) return makeSigned(false, 0, 0);
  if (c > 0) {
    magSub(ap, al, readPtr, readLen);
    return makeSigned(an, outPtr, outLen);
  }
  magSub(readPtr, readLen, ap, al);
  return makeSigned(bn, outPtr, outLen);
}

/** Exact a + b for integer-valued numbers of any size. */
export function bigAdd(a: usize, b: usize): usize {
  return addSigned(a, b, false);
}

/** Exact a - b for integer-valued numbers of any size. */
export function bigSub(a: usize, b: usize): usize {
  return addSigned(a, b, true);
}

/** Exact a × b for integer-valued numbers of any size. */
export function bigMul(a: usize, b: usize): usize {
  bigRead(a);
  const an = readNeg;
  const ap = readPtr;
  const al = readLen;
  bigRead(b);
  magMul(ap, al, readPtr, readLen);
  return makeSigned(an != readNeg, outPtr, outLen);
}

/** Exact a % b (sign of the dividend, as Go's big.Int.Rem); b must be non-zero. */
export function bigRem(a: usize, b: usize): usize {
  bigRead(a);
  const an = readNeg;
  const ap = readPtr;
  const al = readLen;
  bigRead(b);
  magRem(ap, al, readPtr, readLen);
  return makeSigned(an, outPtr, outLen);
}

/** Exact |a| for an integer-valued number. */
export function bigAbs(a: usize): usize {
  bigRead(a);
  return makeSigned(false, readPtr, readLen);
}
