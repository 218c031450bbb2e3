// Exact decimal arithmetic for +, - and × (and % on integers), on decimal digits. OPA computes
// with arbitrary precision: 18446744073709551617 + 1 gives ...618 and 0.1 + 0.2 gives 0.3, where
// doubles would round. A number is read as sign × digits × 10^exp; magnitudes are ASCII digit
// runs without leading zeros (zero is the empty run); results become number values again.

import { alloc } from "./alloc";
import {
  decomposeNumber,
  decIsNegative,
  decDigitsPtr,
  decDigitCount,
  decExponent,
  makeNumberText,
  makeNumberF64,
  numberToF64,
} from "./number";

// Aligning operands whose exponents differ by more than this many digits would build huge digit
// runs (1e100000 + 1); such sums fall back to doubles.
export const MAX_ALIGN: i32 = 1000;

// The last number read by readDecimal (a struct return without managed objects).
let readNeg: bool = false;
let readPtr: usize = 0;
let readLen: i32 = 0;
let readExp: i32 = 0;

function readDecimal(v: usize): void {
  decomposeNumber(v);
  readNeg = decIsNegative() && decDigitCount() > 0;
  readPtr = decDigitsPtr();
  readLen = decDigitCount();
  readExp = decExponent();
}

/** The digits followed by `zeros` zeros, as a fresh run. */
function padded(ptr: usize, len: i32, zeros: i32): usize {
  const out = alloc(<usize>(len + zeros));
  memory.copy(out, ptr, <usize>len);
  memory.fill(out + <usize>len, 0x30, <usize>zeros);
  return out;
}

/** Whether a and b can be aligned to a common exponent within MAX_ALIGN extra digits. */
export function decimalAlignable(a: usize, b: usize): bool {
  readDecimal(a);
  const ea = readLen > 0 ? readExp : i32.MAX_VALUE;
  readDecimal(b);
  const eb = readLen > 0 ? readExp : i32.MAX_VALUE;
  if (ea == i32.MAX_VALUE || eb == i32.MAX_VALUE) return true;
  const d = ea > eb ? ea - eb : eb - ea;
  return d <= MAX_ALIGN;
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
    store<u8>(out + <usize>(n - 1 - i), <u8>(0x30 + (s % 10)));
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
  const acc = alloc((<usize>n) << 2);
  memory.fill(acc, 0, (<usize>n) << 2);
  for (let i = la - 1; i >= 0; i--) {
    const x = <u32>load<u8>(pa + <usize>i) - 0x30;
    for (let j = lb - 1; j >= 0; j--) {
      const slot = acc + ((<usize>(i + j + 1)) << 2);
      store<u32>(slot, load<u32>(slot) + x * (<u32>load<u8>(pb + <usize>j) - 0x30));
    }
  }
  const out = alloc(<usize>n);
  let carry: u32 = 0;
  for (let k = n - 1; k >= 0; k--) {
    const s = load<u32>(acc + ((<usize>k) << 2)) + carry;
    store<u8>(out + <usize>k, <u8>(0x30 + (s % 10)));
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

/** The number sign × digits × 10^exp, written as plain decimal text (exponent form when huge). */
function makeDecimal(neg: bool, ptr: usize, len: i32, exp: i32): usize {
  while (len > 0 && load<u8>(ptr + <usize>(len - 1)) == 0x30) {
    len--;
    exp++;
  }
  if (len == 0) return makeNumberText(memory.data<u8>([0x30]), 1);
  const plain = exp >= -MAX_ALIGN && exp <= MAX_ALIGN;
  const text = alloc(<usize>(len + (plain ? (exp > 0 ? exp : len - exp) : 0) + 16));
  let n = 0;
  if (neg) {
    store<u8>(text, 0x2d);
    n = 1;
  }
  if (!plain) {
    memory.copy(text + <usize>n, ptr, <usize>len);
    n += len;
    store<u8>(text + <usize>n, 0x65);
    n++;
    n += writeInt(text + <usize>n, exp);
  } else if (exp >= 0) {
    memory.copy(text + <usize>n, ptr, <usize>len);
    n += len;
    memory.fill(text + <usize>n, 0x30, <usize>exp);
    n += exp;
  } else if (len + exp > 0) {
    const whole = len + exp;
    memory.copy(text + <usize>n, ptr, <usize>whole);
    n += whole;
    store<u8>(text + <usize>n, 0x2e);
    n++;
    memory.copy(text + <usize>n, ptr + <usize>whole, <usize>(len - whole));
    n += len - whole;
  } else {
    store<u8>(text + <usize>n, 0x30);
    n++;
    store<u8>(text + <usize>n, 0x2e);
    n++;
    memory.fill(text + <usize>n, 0x30, <usize>-(len + exp));
    n += -(len + exp);
    memory.copy(text + <usize>n, ptr, <usize>len);
    n += len;
  }
  return makeNumberText(text, n);
}

/** Writes the decimal digits of e (with a sign when negative); returns the bytes written. */
function writeInt(dst: usize, e: i32): i32 {
  let n = 0;
  let u: u32 = <u32>e;
  if (e < 0) {
    store<u8>(dst, 0x2d);
    n = 1;
    u = <u32>-e;
  }
  let digits = 1;
  for (let t = u; t >= 10; t /= 10) digits++;
  for (let i = digits - 1; i >= 0; i--) {
    store<u8>(dst + <usize>(n + i), <u8>(0x30 + (u % 10)));
    u /= 10;
  }
  return n + digits;
}

/** Signed addition: b is negated first when `subtract`. The caller checked decimalAlignable. */
function addSigned(a: usize, b: usize, subtract: bool): usize {
  readDecimal(a);
  const an = readNeg;
  let ap = readPtr;
  let al = readLen;
  let ae = readExp;
  readDecimal(b);
  const bn = subtract ? !readNeg && readLen > 0 : readNeg;
  let bp = readPtr;
  let bl = readLen;
  let be = readExp;
  // align both on the smaller exponent (zero has no digits and adopts the other's exponent)
  if (al == 0) ae = be;
  if (bl == 0) be = ae;
  const e = ae < be ? ae : be;
  if (ae > e) {
    ap = padded(ap, al, ae - e);
    al += ae - e;
  }
  if (be > e) {
    bp = padded(bp, bl, be - e);
    bl += be - e;
  }
  if (an == bn) {
    magAdd(ap, al, bp, bl);
    return makeDecimal(an, outPtr, outLen, e);
  }
  const c = magCompare(ap, al, bp, bl);
  if (c == 0) return makeDecimal(false, 0, 0, 0);
  if (c > 0) {
    magSub(ap, al, bp, bl);
    return makeDecimal(an, outPtr, outLen, e);
  }
  magSub(bp, bl, ap, al);
  return makeDecimal(bn, outPtr, outLen, e);
}

/** Exact a + b. */
export function decimalAdd(a: usize, b: usize): usize {
  return addSigned(a, b, false);
}

/** Exact a - b. */
export function decimalSub(a: usize, b: usize): usize {
  return addSigned(a, b, true);
}

/** Exact a × b; a product of more than 2 × MAX_ALIGN digits falls back to doubles. */
export function decimalMul(a: usize, b: usize): usize {
  readDecimal(a);
  const an = readNeg;
  const ap = readPtr;
  const al = readLen;
  const ae = readExp;
  readDecimal(b);
  if (al + readLen > 2 * MAX_ALIGN) return makeNumberF64(numberToF64(a) * numberToF64(b));
  magMul(ap, al, readPtr, readLen);
  return makeDecimal(an != readNeg, outPtr, outLen, ae + readExp);
}

/** Exact a % b for integer-valued a and b (b non-zero), with the sign of the dividend. */
export function decimalRem(a: usize, b: usize): usize {
  readDecimal(a);
  const an = readNeg;
  const ap = padded(readPtr, readLen, readExp);
  const al = readLen + readExp;
  readDecimal(b);
  magRem(ap, al, padded(readPtr, readLen, readExp), readLen + readExp);
  return makeDecimal(an, outPtr, outLen, 0);
}

/** Exact |a|. */
export function decimalAbs(a: usize): usize {
  readDecimal(a);
  return makeDecimal(false, readPtr, readLen, readExp);
}
