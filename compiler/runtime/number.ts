// Numbers. OPA numbers are arbitrary-precision decimals; we keep three representations:
//   INT   exact i64                            [tag][kind][i64 @8]
//   F64   an IEEE double                       [tag][kind][f64 @8]
//   TEXT  decimal literal kept verbatim        [tag][kind][ptr @8][len @12][f64 approx @16][isInt @24]
// TEXT is used for literals a double cannot hold exactly (big integers, long decimals, 1e400, -0),
// so they dump back unchanged and compare exactly; arithmetic on them uses exact decimal
// integer arithmetic (bignum.ts) when both operands are integers, doubles otherwise.

import { alloc } from "./alloc";
import { T_NUMBER } from "./value";
import {
  bufAppend,
  bufAppendByte,
  bufAppendI64,
  bufNew,
  bufReserve,
  bufCommit,
  bufData,
  bufLen,
} from "./buffer";
import { dtoa_buffered } from "~lib/util/number";

export const N_INT: i32 = 0;
export const N_F64: i32 = 1;
export const N_TEXT: i32 = 2;

export function numberKind(v: usize): i32 {
  return load<i32>(v, 4);
}

// Integers 0..255 (indexes, counts, lengths, ports) are made over and over: each gets one static
// value, built on first use. Static data lies below the heap, so it survives every heap reset, and
// numbers are never modified once made.
const SMALL_INTEGERS: i32 = 256;
const smallIntegers: usize = memory.data(SMALL_INTEGERS * 16, 8);

export function makeNumberI64(n: i64): usize {
  if (<u64>n < <u64>SMALL_INTEGERS) {
    const small = smallIntegers + ((<usize>n) << 4);
    if (load<u32>(small) != <u32>T_NUMBER) {
      store<u32>(small, T_NUMBER);
      store<u32>(small, N_INT, 4);
      store<i64>(small, n, 8);
    }
    return small;
  }
  const v = alloc(16);
  store<u32>(v, T_NUMBER);
  store<u32>(v, N_INT, 4);
  store<i64>(v, n, 8);
  return v;
}

export function makeNumberF64(f: f64): usize {
  const v = alloc(16);
  store<u32>(v, T_NUMBER);
  store<u32>(v, N_F64, 4);
  store<f64>(v, f, 8);
  return v;
}

// ---- decimal decomposition: value = (-1)^neg × digits × 10^exp, digits without leading/trailing zeros ----

// The last decomposition, read through the dec* accessors (a struct return without managed objects).
let decNeg: bool = false;
let decDigits: usize = 0;
let decCount: i32 = 0;
let decExp: i32 = 0;
let decValid: bool = false;

function isDigit(c: u32): bool {
  return c - 0x30 < 10;
}

/** Decomposes a JSON/Rego number literal; returns false when the text is not a number. */
export function decompose(ptr: usize, len: i32): bool {
  let i = 0;
  decNeg = false;
  if (i < len && load<u8>(ptr) == 0x2d) {
    decNeg = true;
    i++;
  } else if (i < len && load<u8>(ptr) == 0x2b) i++;
  const digits = alloc(<usize>len + 1);
  let count = 0;
  let exp = 0;
  let sawDigit = false;
  let seenDot = false;
  for (; i < len; i++) {
    const c = <u32>load<u8>(ptr + <usize>i);
    if (isDigit(c)) {
      sawDigit = true;
      if (count == 0 && c == 0x30) {
        if (seenDot) exp--; // leading zero after the point shifts the scale
        continue;
      }
      store<u8>(digits + <usize>count, <u8>c);
      count++;
      if (seenDot) exp--;
    } else if (c == 0x2e && !seenDot) {
      seenDot = true;
    } else break;
  }
  if (!sawDigit) return (decValid = false);
  if (i < len) {
    const c = <u32>load<u8>(ptr + <usize>i);
    if (c != 0x65 && c != 0x45) return (decValid = false);
    i++;
    let eneg = false;
    if (i < len && (load<u8>(ptr + <usize>i) == 0x2d || load<u8>(ptr + <usize>i) == 0x2b)) {
      eneg = load<u8>(ptr + <usize>i) == 0x2d;
      i++;
    }
    if (i >= len) return (decValid = false);
    let e: i64 = 0;
    for (; i < len; i++) {
      const d = <u32>load<u8>(ptr + <usize>i);
      if (!isDigit(d)) return (decValid = false);
      if (e < 100000000) e = e * 10 + <i64>(d - 0x30);
    }
    exp += <i32>(eneg ? -e : e);
  }
  while (count > 0 && load<u8>(digits + <usize>(count - 1)) == 0x30) {
    count--;
    exp++;
  }
  if (count == 0) exp = 0;
  decDigits = digits;
  decCount = count;
  decExp = exp;
  return (decValid = true);
}

export function decIsNegative(): bool {
  return decNeg;
}
export function decDigitsPtr(): usize {
  return decDigits;
}
export function decDigitCount(): i32 {
  return decCount;
}
export function decExponent(): i32 {
  return decExp;
}

const EXACT_POW10: StaticArray<f64> = [
  1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
  1e20, 1e21, 1e22,
];

function scaleByPow10(x: f64, e: i32): f64 {
  // Exact for |e| <= 22 (Clinger's fast path); beyond that a few ulps at most, which only matters
  // for literals we also keep as TEXT.
  while (e > 22) {
    x *= 1e22;
    e -= 22;
    if (!isFinite(x)) return x;
  }
  while (e < -22) {
    x /= 1e22;
    e += 22;
    if (x == 0) return x;
  }
  return e >= 0 ? x * unchecked(EXACT_POW10[e]) : x / unchecked(EXACT_POW10[-e]);
}

/** The double nearest the current decomposition (exact when it has at most 15 digits and a small exponent). */
function decToF64(): f64 {
  let m: u64 = 0;
  const used = decCount < 19 ? decCount : 19;
  for (let i = 0; i < used; i++) m = m * 10 + <u64>(load<u8>(decDigits + <usize>i) - 0x30);
  const x = scaleByPow10(<f64>m, decExp + (decCount - used));
  return decNeg ? -x : x;
}

/** Whether the current decomposition is an integer that fits i64; if so decI64 holds it. */
let decI64: i64 = 0;
function decFitsI64(): bool {
  if (decCount == 0) {
    decI64 = 0;
    return true;
  }
  if (decExp < 0 || decCount + decExp > 19) return false;
  let m: u64 = 0;
  for (let i = 0; i < decCount; i++) m = m * 10 + <u64>(load<u8>(decDigits + <usize>i) - 0x30);
  for (let i = 0; i < decExp; i++) {
    if (m > <u64>922337203685477580) return false;
    m *= 10;
  }
  if (decNeg) {
    if (m > <u64>9223372036854775808) return false;
    decI64 = -(<i64>m);
  } else {
    if (m > <u64>9223372036854775807) return false;
    decI64 = <i64>m;
  }
  return true;
}

/**
 * Whether a literal is spelled as its value prints: an integer without leading zeros, or a decimal
 * with digits on both sides of the point, no trailing zero and no exponent.
 */
function printsAsWritten(ptr: usize, len: i32): bool {
  let i = len > 0 && load<u8>(ptr) == 0x2d ? 1 : 0;
  const integerStart = i;
  while (i < len && isDigit(load<u8>(ptr + <usize>i))) i++;
  const integerDigits = i - integerStart;
  if (integerDigits == 0 || (integerDigits > 1 && load<u8>(ptr + <usize>integerStart) == 0x30)) return false;
  if (i == len) return true;
  if (load<u8>(ptr + <usize>i) != 0x2e) return false;
  const fractionStart = ++i;
  while (i < len && isDigit(load<u8>(ptr + <usize>i))) i++;
  return i == len && i > fractionStart && load<u8>(ptr + <usize>(len - 1)) != 0x30;
}

/** A number from its literal text (JSON or Rego). The bytes are referenced, not copied. */
export function makeNumberText(ptr: usize, len: i32): usize {
  // Fast path for the common case, a plain integer of at most 18 digits: no decomposition needed.
  const neg = len > 1 && load<u8>(ptr) == 0x2d;
  const first = neg ? 1 : 0;
  if (len - first <= 18 && len > first && (len - first == 1 || load<u8>(ptr + <usize>first) != 0x30)) {
    let n: i64 = 0;
    let i = first;
    for (; i < len; i++) {
      const d = <u32>load<u8>(ptr + <usize>i) - 0x30;
      if (d >= 10) break;
      n = n * 10 + <i64>d;
    }
    if (i == len && !(neg && n == 0)) return makeNumberI64(neg ? -n : n);
  }
  if (!decompose(ptr, len)) return 0;
  // OPA keeps a number's literal text (json.marshal(3.0) is "3.0", of 1e2 "1e2"; sprintf takes 3.0 as
  // a float64): only a literal that prints back as written may lose its text.
  const plain = printsAsWritten(ptr, len) && !(decNeg && decCount == 0);
  if (plain && decFitsI64()) return makeNumberI64(decI64);
  // Short non-integers whose power of ten is exact in a double (Clinger's fast path: at most 15 digits,
  // exponent down to -22) convert correctly rounded, so they print back the same (from 1e-6 up, which
  // prints without an exponent). Anything else stays TEXT: scaling by more than 1e22 can be off by an
  // ulp, and integers beyond i64 need exact arithmetic.
  if (plain && decExp < 0 && decExp >= -22 && decCount <= 15 && decCount + decExp > -6) {
    return makeNumberF64(decToF64());
  }
  const v = alloc(32);
  store<u32>(v, T_NUMBER);
  store<u32>(v, N_TEXT, 4);
  store<usize>(v, ptr, 8);
  store<i32>(v, len, 12);
  store<f64>(v, decToF64(), 16);
  store<u32>(v, decExp >= 0 ? 1 : 0, 24);
  return v;
}

export function numberToF64(v: usize): f64 {
  const kind = load<i32>(v, 4);
  if (kind == N_INT) return <f64>load<i64>(v, 8);
  if (kind == N_F64) return load<f64>(v, 8);
  return load<f64>(v, 16);
}

export function numberIsInteger(v: usize): bool {
  const kind = load<i32>(v, 4);
  if (kind == N_INT) return true;
  if (kind == N_F64) {
    const f = load<f64>(v, 8);
    return isFinite(f) && Math.trunc(f) == f;
  }
  return load<u32>(v, 24) != 0;
}

export function numberFitsI64(v: usize): bool {
  const kind = load<i32>(v, 4);
  if (kind == N_INT) return true;
  if (kind == N_F64) {
    const f = load<f64>(v, 8);
    return isFinite(f) && Math.trunc(f) == f && f >= -9223372036854775808.0 && f < 9223372036854775808.0;
  }
  return decompose(load<usize>(v, 8), load<i32>(v, 12)) && decFitsI64();
}

/** The integer value; the caller has checked numberIsInteger and numberFitsI64. */
export function numberToI64(v: usize): i64 {
  const kind = load<i32>(v, 4);
  if (kind == N_INT) return load<i64>(v, 8);
  if (kind == N_F64) return <i64>load<f64>(v, 8);
  decompose(load<usize>(v, 8), load<i32>(v, 12));
  decFitsI64();
  return decI64;
}

// ---- text ----

// UTF-16 scratch for AssemblyScript's shortest round-trip double printer (Grisu2).
const DTOA_SCRATCH: usize = memory.data(64);

/** Appends a double as JSON number text: integers without a fraction, others shortest round-trip. */
export function bufAppendF64(b: usize, f: f64): void {
  if (!isFinite(f)) {
    // JSON has no infinities/NaN; 1e999 parses back to the same infinity in any JSON reader.
    const text = isNaN(f) ? "null" : f > 0 ? "1e999" : "-1e999";
    for (let i = 0; i < text.length; i++) bufAppendByte(b, text.charCodeAt(i));
    return;
  }
  if (Math.trunc(f) == f && Math.abs(f) < 9.2e18) {
    bufAppendI64(b, <i64>f);
    return;
  }
  const n = <i32>dtoa_buffered<f64>(DTOA_SCRATCH, f);
  const dst = bufReserve(b, n);
  let out = 0;
  for (let i = 0; i < n; i++) {
    const c = load<u16>(DTOA_SCRATCH + ((<usize>i) << 1));
    store<u8>(dst + <usize>out, <u8>c);
    out++;
  }
  // AS (like JavaScript) writes large integral doubles as "123.0"; JSON wants no fraction there.
  if (out >= 2 && load<u8>(dst + <usize>(out - 1)) == 0x30 && load<u8>(dst + <usize>(out - 2)) == 0x2e)
    out -= 2;
  bufCommit(b, out);
}

/** Appends the JSON text of a number value. */
export function bufAppendNumber(b: usize, v: usize): void {
  const kind = load<i32>(v, 4);
  if (kind == N_INT) bufAppendI64(b, load<i64>(v, 8));
  else if (kind == N_F64) bufAppendF64(b, load<f64>(v, 8));
  else bufAppend(b, load<usize>(v, 8), load<i32>(v, 12));
}

/** Decomposes any number value (see decompose); doubles go through their shortest text. */
export function decomposeNumber(v: usize): void {
  const kind = load<i32>(v, 4);
  if (kind == N_TEXT) {
    decompose(load<usize>(v, 8), load<i32>(v, 12));
    return;
  }
  const b = bufNew(32);
  bufAppendNumber(b, v);
  decompose(bufData(b), bufLen(b));
}

// ---- ordering ----

/** Compares the magnitudes of two decompositions given as (digits, count, exp). */
function compareMagnitude(da: usize, ca: i32, ea: i32, db: usize, cb: i32, eb: i32): i32 {
  if (ca == 0 || cb == 0) return ca == 0 ? (cb == 0 ? 0 : -1) : 1;
  const aa = ca + ea;
  const ab = cb + eb;
  if (aa != ab) return aa < ab ? -1 : 1;
  const n = ca > cb ? ca : cb;
  for (let i = 0; i < n; i++) {
    const x = i < ca ? load<u8>(da + <usize>i) : 0x30;
    const y = i < cb ? load<u8>(db + <usize>i) : 0x30;
    if (x != y) return x < y ? -1 : 1;
  }
  return 0;
}

/** Exact decimal comparison; used only when the doubles tie. */
function compareExact(a: usize, b: usize): i32 {
  decomposeNumber(a);
  const na = decNeg && decCount > 0;
  const da = decDigits;
  const ca = decCount;
  const ea = decExp;
  decomposeNumber(b);
  const nb = decNeg && decCount > 0;
  if (na != nb) return na ? -1 : 1;
  const m = compareMagnitude(da, ca, ea, decDigits, decCount, decExp);
  return na ? -m : m;
}

export function compareNumbers(a: usize, b: usize): i32 {
  const ka = load<i32>(a, 4);
  const kb = load<i32>(b, 4);
  if (ka == N_INT && kb == N_INT) {
    const x = load<i64>(a, 8);
    const y = load<i64>(b, 8);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const fa = numberToF64(a);
  const fb = numberToF64(b);
  // A TEXT number's double may be a few ulps off (decToF64 is not correctly rounded beyond 15
  // digits), so doubles that close are decided exactly.
  const close = (ka == N_TEXT || kb == N_TEXT) && Math.abs(fa - fb) <= Math.abs(fa) * 1e-15;
  if (!close) {
    if (fa < fb) return -1;
    if (fa > fb) return 1;
  }
  // Doubles tie: they are equal unless one side carries more precision than a double.
  if (ka == N_F64 && kb == N_F64) return 0;
  if (ka != N_TEXT && kb != N_TEXT) {
    // INT against F64: exact when the double is an integer within i64 range.
    const i = ka == N_INT ? load<i64>(a, 8) : load<i64>(b, 8);
    const f = ka == N_INT ? fb : fa;
    if (Math.trunc(f) != f || Math.abs(f) >= 9223372036854775808.0) return 0;
    const j = <i64>f;
    const c = i < j ? -1 : i > j ? 1 : 0;
    return ka == N_INT ? c : -c;
  }
  return compareExact(a, b);
}
