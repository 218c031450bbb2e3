// sprintf as OPA computes it: Go's fmt.Sprintf on the arguments OPA hands it. A number that reads as
// a 64-bit integer goes as an int64, an integer written beyond 64 bits as a *big.Int, any other number
// as a float64 (one no float64 holds, 1e400, as its text), a string as a string, and any other value
// as its Rego text (a string). Supported: the verbs v d s q x X o O b c U e E f F g G t T and %%, the
// flags + - # 0 and space, width and precision; a verb that does not fit its argument, a missing
// argument and extra arguments are written as Go writes them (%!d(string=a), %!v(MISSING),
// %!(EXTRA int64=1)); `*` takes a width or precision from the next argument, as Go does (an int64 of
// at most 10^6 in magnitude, else %!(BADWIDTH) / %!(BADPREC)). Not supported: argument indexes, %x of
// floats, # on floats.

import { alloc } from "../alloc";
import {
  bufAppend,
  bufAppendAS,
  bufAppendByte,
  bufAppendI64,
  bufData,
  bufLen,
  bufNew,
  bufToString,
} from "../buffer";
import { appendMagnitude, limbsFor, multiplyAdd, negate, toTwos, usedLimbs } from "../bigint";
import {
  bufAppendNumber,
  decDigitCount,
  decDigitsPtr,
  decExponent,
  decompose,
  bufAppendF64,
  numberFitsI64,
  numberIsInteger,
  numberToF64,
  numberToI64,
} from "../number";
import { utf8Decode, utf8LastSize, utf8RuneCount } from "../utf8";
import {
  T_ARRAY,
  T_BOOLEAN,
  T_NULL,
  T_NUMBER,
  T_OBJECT,
  T_SET,
  T_STRING,
  arrayGet,
  arrayLen,
  boolValue,
  makeString,
  objectKeyAt,
  objectLen,
  objectValueAt,
  setAt,
  setLen,
  stringLen,
  stringPtr,
  typeOf,
} from "../value";
import { typeError } from "../errors";
import { requireString } from "./operands";

// What an argument is to Go.
const K_INT = 0;
const K_BIG = 1;
const K_FLOAT = 2;
const K_STRING = 3;

// The index of the next argument to format.
let argIndex = 0;

// Go's limit on a width or precision given by an argument.
const MAX_STAR_ARG: i64 = 1000000;

// The directive being written: flags, width, precision (set by parseDirective).
let plus = false;
let minus = false;
let sharp = false;
let zero = false;
let space = false;
let width = -1;
let precision = -1;

export function builtin_sprintf(format: usize, args: usize): usize {
  requireString("sprintf", 1, format);
  if (typeOf(args) != T_ARRAY) typeError("sprintf", 2, "array", args);
  const b = bufNew(stringLen(format) + 16);
  const f = stringPtr(format);
  const n = stringLen(format);
  let i = 0;
  argIndex = 0;
  while (i < n) {
    const c = load<u8>(f + <usize>i);
    if (c != 0x25) {
      bufAppendByte(b, c);
      i++;
      continue;
    }
    i = parseDirective(f, n, i + 1, b, args);
    if (i >= n) {
      bufAppendAS(b, "%!(NOVERB)");
      break;
    }
    const verb = utf8Decode(f, i, n);
    i += utf8LastSize();
    if (verb == 0x25) {
      bufAppendByte(b, 0x25);
      continue;
    }
    if (argIndex >= arrayLen(args)) {
      bufAppendAS(b, "%!");
      appendRune(b, verb);
      bufAppendAS(b, "(MISSING)");
      continue;
    }
    formatArg(b, verb, arrayGet(args, argIndex++));
  }
  if (argIndex < arrayLen(args)) {
    bufAppendAS(b, "%!(EXTRA ");
    for (let k = argIndex; k < arrayLen(args); k++) {
      if (k > argIndex) bufAppendAS(b, ", ");
      const arg = arrayGet(args, k);
      bufAppendAS(b, typeName(arg));
      bufAppendByte(b, 0x3d);
      resetFlags();
      formatArg(b, 0x76, arg);
    }
    bufAppendByte(b, 0x29);
  }
  return bufToString(b);
}

function resetFlags(): void {
  plus = minus = sharp = zero = space = false;
  width = precision = -1;
}

/** Reads flags, width and precision from `i`; returns the index of the verb. */
function parseDirective(f: usize, n: i32, i: i32, b: usize, args: usize): i32 {
  resetFlags();
  for (; i < n; i++) {
    const c = load<u8>(f + <usize>i);
    if (c == 0x2b) plus = true;
    else if (c == 0x2d) minus = true;
    else if (c == 0x23) sharp = true;
    else if (c == 0x30) zero = true;
    else if (c == 0x20) space = true;
    else break;
  }
  if (i < n && load<u8>(f + <usize>i) == 0x2a) {
    i++;
    width = starArg(args);
    if (width == STAR_BAD) {
      width = -1;
      bufAppendAS(b, "%!(BADWIDTH)");
    } else if (width < 0) {
      width = -width;
      minus = true;
      zero = false;
    }
  } else if (i < n && isDigit(load<u8>(f + <usize>i))) {
    width = 0;
    for (; i < n && isDigit(load<u8>(f + <usize>i)); i++)
      width = width * 10 + <i32>(load<u8>(f + <usize>i) - 0x30);
  }
  if (i < n && load<u8>(f + <usize>i) == 0x2e && i + 1 < n && load<u8>(f + <usize>i + 1) == 0x2a) {
    i += 2;
    precision = starArg(args);
    // A negative precision is as bad as an argument that is no small integer: none, and reported.
    if (precision < 0) {
      precision = -1;
      bufAppendAS(b, "%!(BADPREC)");
    }
  } else if (i < n && load<u8>(f + <usize>i) == 0x2e) {
    i++;
    precision = 0;
    for (; i < n && isDigit(load<u8>(f + <usize>i)); i++)
      precision = precision * 10 + <i32>(load<u8>(f + <usize>i) - 0x30);
  }
  return i;
}

// What starArg returns for a missing argument or one Go does not take as a width or precision.
const STAR_BAD: i32 = i32.MIN_VALUE;

/** The argument a `*` consumes, when it is an integer of at most 10^6 in magnitude. */
function starArg(args: usize): i32 {
  if (argIndex >= arrayLen(args)) return STAR_BAD;
  const arg = arrayGet(args, argIndex++);
  if (typeOf(arg) != T_NUMBER || kindOf(arg) != K_INT) return STAR_BAD;
  const value = numberToI64(arg);
  return value > MAX_STAR_ARG || value < -MAX_STAR_ARG ? STAR_BAD : <i32>value;
}

function isDigit(c: u8): bool {
  return c >= 0x30 && c <= 0x39;
}

/** How OPA hands the value to Go. */
function kindOf(v: usize): i32 {
  if (typeOf(v) == T_STRING) return K_STRING;
  if (typeOf(v) != T_NUMBER) return K_STRING;
  if (numberIsInteger(v) && numberFitsI64(v) && plainInteger(v)) return K_INT;
  if (numberIsInteger(v) && plainInteger(v)) return K_BIG;
  const f = numberToF64(v);
  return isFinite(f) ? K_FLOAT : K_STRING;
}

/** Whether the number's text is an integer as Go's parsers take one: digits, no point or exponent. */
function plainInteger(v: usize): bool {
  const b = bufNew(32);
  bufAppendNumber(b, v);
  const p = bufData(b);
  for (let i = 0; i < bufLen(b); i++) {
    const c = load<u8>(p + <usize>i);
    if (!isDigit(c) && !(i == 0 && c == 0x2d)) return false;
  }
  return true;
}

function typeName(v: usize): string {
  const kind = kindOf(v);
  return kind == K_INT ? "int64" : kind == K_BIG ? "*big.Int" : kind == K_FLOAT ? "float64" : "string";
}

function formatArg(b: usize, verb: u32, v: usize): void {
  if (verb == 0x54) {
    // %T
    padded(b, stringOf(typeName(v)), false);
    return;
  }
  const kind = kindOf(v);
  if (kind == K_INT || kind == K_BIG) formatInteger(b, verb, v, kind == K_BIG);
  else if (kind == K_FLOAT) formatFloat(b, verb, v);
  else formatString(b, verb, typeOf(v) == T_STRING ? v : regoText(v));
}

function badVerb(b: usize, verb: u32, v: usize, big: bool): void {
  bufAppendAS(b, "%!");
  appendRune(b, verb);
  bufAppendByte(b, 0x28);
  bufAppendAS(b, big ? "big.Int" : typeName(v));
  bufAppendByte(b, 0x3d);
  resetFlags();
  formatArg(b, 0x76, v);
  bufAppendByte(b, 0x29);
}

// ---- integers ----

function formatInteger(b: usize, verb: u32, v: usize, big: bool): void {
  let base: u32 = 0;
  // big.Int formats itself, and takes %s as %d.
  if (verb == 0x76 || verb == 0x64 || (big && verb == 0x73)) base = 10;
  else if (verb == 0x78 || verb == 0x58) base = 16;
  else if (verb == 0x6f || verb == 0x4f) base = 8;
  else if (verb == 0x62) base = 2;
  else if (!big && (verb == 0x63 || verb == 0x55 || verb == 0x71)) {
    formatRune(b, verb, numberToI64(v));
    return;
  }
  if (base == 0) {
    badVerb(b, verb, v, big);
    return;
  }
  // The magnitude's digits.
  const width0 = limbsFor(v);
  const limbs = toTwos(v, width0);
  const negative = (load<u32>(limbs + ((<usize>width0 - 1) << 2)) & 0x80000000) != 0;
  if (negative) negate(limbs, width0);
  const digits = bufNew(32);
  appendMagnitude(digits, limbs, usedLimbs(limbs, width0), base, verb == 0x58);
  const isZero = bufLen(digits) == 0;
  let minDigits = 0;
  if (precision >= 0) minDigits = precision;
  else if (zero && !minus && width >= 0) minDigits = width - (negative || plus || space ? 1 : 0);
  const out = bufNew(bufLen(digits) + 8);
  if (negative) bufAppendByte(out, 0x2d);
  else if (plus) bufAppendByte(out, 0x2b);
  else if (space) bufAppendByte(out, 0x20);
  if (verb == 0x4f) bufAppendAS(out, "0o");
  else if (sharp && base == 16) bufAppendAS(out, verb == 0x58 ? "0X" : "0x");
  else if (sharp && base == 2) bufAppendAS(out, "0b");
  if (!(precision == 0 && isZero)) {
    let count = isZero ? 1 : bufLen(digits);
    // %#o starts with a 0 (not counted when the digits already do)
    if (sharp && base == 8 && verb != 0x4f && !isZero && count >= minDigits) minDigits = count + 1;
    for (; count < minDigits; count++) bufAppendByte(out, 0x30);
    if (isZero) bufAppendByte(out, 0x30);
    else bufAppend(out, bufData(digits), bufLen(digits));
  }
  // Zero padding was done above as precision, or the precision overrides it: spaces from here.
  const zeroFlag = zero;
  zero = false;
  padded(b, bufToString(out), false);
  zero = zeroFlag;
}

function formatRune(b: usize, verb: u32, n: i64): void {
  const r = n < 0 || n > 0x10ffff ? 0xfffd : <u32>n;
  const out = bufNew(16);
  if (verb == 0x63) appendRune(out, r);
  else if (verb == 0x55) {
    bufAppendAS(out, "U+");
    const hex = bufNew(8);
    appendHex(hex, r, true);
    for (let i = bufLen(hex); i < 4; i++) bufAppendByte(out, 0x30);
    bufAppend(out, bufData(hex), bufLen(hex));
  } else {
    bufAppendByte(out, 0x27);
    if (r == 0x27) bufAppendAS(out, "\\'");
    else appendQuotedRune(out, r, 0x27);
    bufAppendByte(out, 0x27);
  }
  padded(b, bufToString(out), false);
}

function appendHex(b: usize, n: u32, upper: bool): void {
  let shift = 28;
  while (shift > 0 && n >> shift == 0) shift -= 4;
  for (; shift >= 0; shift -= 4) {
    const d = (n >> shift) & 15;
    bufAppendByte(b, d < 10 ? 0x30 + d : (upper ? 0x41 : 0x61) + d - 10);
  }
}

// ---- floats ----

// Decimal digits of the float being formatted: value = 0.d1d2...dn × 10^dp (no trailing zeros).
let digitsPtr: usize = 0;
let digitCount: i32 = 0;
let pointAt: i32 = 0;

function formatFloat(b: usize, verb: u32, v: usize): void {
  const f = numberToF64(v);
  let kind: u32 = verb;
  let prec = precision;
  if (verb == 0x76) {
    kind = 0x67;
    prec = -1;
  } else if (verb == 0x46) kind = 0x66;
  if (kind != 0x65 && kind != 0x45 && kind != 0x66 && kind != 0x67 && kind != 0x47) {
    badVerb(b, verb, v, false);
    return;
  }
  if (prec < 0 && (kind == 0x65 || kind == 0x45 || kind == 0x66)) prec = 6;
  const negative = f < 0 || (f == 0 && 1 / f < 0);
  const magnitude = Math.abs(f);
  const out = bufNew(32);
  if (prec < 0) {
    shortestDigits(magnitude);
    if (kind == 0x67 || kind == 0x47) {
      const exp = pointAt - 1;
      if (exp < -4 || exp >= 6) writeE(out, digitCount - 1, kind == 0x47 ? 0x45 : 0x65);
      else writeF(out, max(digitCount - pointAt, 0));
    }
  } else {
    exactDigits(magnitude);
    if (kind == 0x65 || kind == 0x45) {
      roundTo(prec + 1);
      writeE(out, prec, kind);
    } else if (kind == 0x66) {
      roundTo(pointAt + prec);
      writeF(out, prec);
    } else {
      let p = prec == 0 ? 1 : prec;
      roundTo(p);
      let eprec = p;
      if (eprec > digitCount && digitCount >= pointAt) eprec = digitCount;
      const exp = pointAt - 1;
      if (exp < -4 || exp >= eprec) {
        if (p > digitCount) p = digitCount;
        writeE(out, max(p - 1, 0), kind == 0x47 ? 0x45 : 0x65);
      } else {
        if (p > pointAt) p = digitCount;
        writeF(out, max(p - pointAt, 0));
      }
    }
  }
  const text = bufNew(bufLen(out) + 2);
  if (negative) bufAppendByte(text, 0x2d);
  else if (plus) bufAppendByte(text, 0x2b);
  else if (space) bufAppendByte(text, 0x20);
  bufAppend(text, bufData(out), bufLen(out));
  padded(b, bufToString(text), negative || plus || space);
}

/** The shortest digits that read back as the double, from its round-trip text. */
function shortestDigits(f: f64): void {
  const b = bufNew(32);
  bufAppendF64(b, f);
  decompose(bufData(b), bufLen(b));
  digitsPtr = decDigitsPtr();
  digitCount = decDigitCount();
  pointAt = digitCount == 0 ? 0 : digitCount + decExponent();
}

/** The exact decimal expansion of a finite non-negative double: mantissa × 2^exponent. */
function exactDigits(f: f64): void {
  const bits = reinterpret<u64>(f);
  const biased = <i32>((bits >> 52) & 0x7ff);
  let mantissa = bits & 0xfffffffffffff;
  let exponent: i32;
  if (biased == 0) exponent = -1074;
  else {
    mantissa |= (<u64>1) << 52;
    exponent = biased - 1075;
  }
  if (mantissa == 0) {
    digitCount = 0;
    pointAt = 0;
    return;
  }
  // mantissa × 2^exponent, or mantissa × 5^-exponent shifted -exponent decimal places.
  const steps = exponent >= 0 ? exponent : -exponent;
  const width = 4 + (steps * 3) / 32 + 1;
  const limbs = alloc((<usize>width) << 2);
  memory.fill(limbs, 0, (<usize>width) << 2);
  store<u64>(limbs, mantissa);
  for (let i = 0; i < steps; i++) multiplyAdd(limbs, width, exponent >= 0 ? 2 : 5, 0);
  const text = bufNew(64);
  appendMagnitude(text, limbs, usedLimbs(limbs, width), 10, false);
  let count = bufLen(text);
  const p = bufData(text);
  pointAt = exponent >= 0 ? count : count + exponent;
  while (count > 0 && load<u8>(p + <usize>(count - 1)) == 0x30) count--;
  digitsPtr = p;
  digitCount = count;
}

/** Rounds the digits to `n` significant ones, halves to even, as Go's strconv does on the exact value. */
function roundTo(n: i32): void {
  if (n < 0 || n >= digitCount) {
    if (n < 0) digitCount = 0;
    return;
  }
  const next = load<u8>(digitsPtr + <usize>n);
  let up = next > 0x35 || (next == 0x35 && n + 1 < digitCount);
  if (next == 0x35 && n + 1 == digitCount)
    up = n > 0 && (load<u8>(digitsPtr + <usize>(n - 1)) - 0x30) % 2 == 1;
  const copy = alloc(<usize>n + 1);
  memory.copy(copy, digitsPtr, <usize>n);
  let count = n;
  if (up) {
    let i = n - 1;
    while (i >= 0 && load<u8>(copy + <usize>i) == 0x39) i--;
    if (i < 0) {
      store<u8>(copy, 0x31);
      count = 1;
      pointAt++;
    } else {
      store<u8>(copy + <usize>i, load<u8>(copy + <usize>i) + 1);
      count = i + 1;
    }
  }
  while (count > 0 && load<u8>(copy + <usize>(count - 1)) == 0x30) count--;
  digitsPtr = copy;
  digitCount = count;
}

function digitAt(i: i32): u8 {
  return i >= 0 && i < digitCount ? load<u8>(digitsPtr + <usize>i) : 0x30;
}

/** d.ddde±XX with `prec` digits after the point. */
function writeE(out: usize, prec: i32, e: u32): void {
  bufAppendByte(out, digitAt(0));
  if (prec > 0) {
    bufAppendByte(out, 0x2e);
    for (let i = 1; i <= prec; i++) bufAppendByte(out, digitAt(i));
  }
  bufAppendByte(out, e);
  let exp = digitCount == 0 ? 0 : pointAt - 1;
  bufAppendByte(out, exp < 0 ? 0x2d : 0x2b);
  if (exp < 0) exp = -exp;
  if (exp < 10) bufAppendByte(out, 0x30);
  const digits = bufNew(8);
  bufAppendI64(digits, exp);
  bufAppend(out, bufData(digits), bufLen(digits));
}

/** ddd.ddd with `prec` digits after the point. */
function writeF(out: usize, prec: i32): void {
  if (pointAt > 0) for (let i = 0; i < pointAt; i++) bufAppendByte(out, digitAt(i));
  else bufAppendByte(out, 0x30);
  if (prec > 0) {
    bufAppendByte(out, 0x2e);
    for (let i = 0; i < prec; i++) bufAppendByte(out, digitAt(pointAt + i));
  }
}

// ---- strings ----

function formatString(b: usize, verb: u32, s: usize): void {
  const p = stringPtr(s);
  let n = stringLen(s);
  if (verb == 0x76 || verb == 0x73) {
    if (precision >= 0) n = runePrefix(p, n, precision);
    padded(b, stringOf2(p, n), false);
  } else if (verb == 0x71) {
    if (precision >= 0) n = runePrefix(p, n, precision);
    padded(b, quoted(p, n), false);
  } else if (verb == 0x78 || verb == 0x58) {
    const out = bufNew(n * 2 + 2);
    if (precision >= 0 && precision < n) n = precision;
    for (let i = 0; i < n; i++) {
      if (space && i > 0) bufAppendByte(out, 0x20);
      if (sharp && (space || i == 0)) bufAppendAS(out, verb == 0x58 ? "0X" : "0x");
      const c = <u32>load<u8>(p + <usize>i);
      if (c < 16) bufAppendByte(out, 0x30);
      appendHex(out, c, verb == 0x58);
    }
    padded(b, bufToString(out), false);
  } else badVerb(b, verb, s, false);
}

/** Bytes in the first `runes` runes. */
function runePrefix(p: usize, n: i32, runes: i32): i32 {
  let i = 0;
  for (let r = 0; r < runes && i < n; r++) {
    utf8Decode(p, i, n);
    i += utf8LastSize();
  }
  return i;
}

/** A Go string literal, as strconv.Quote writes it. */
function quoted(p: usize, n: i32): usize {
  const out = bufNew(n + 2);
  bufAppendByte(out, 0x22);
  for (let i = 0; i < n;) {
    const r = utf8Decode(p, i, n);
    const size = utf8LastSize();
    if (r == 0xfffd && size == 1) {
      bufAppendAS(out, "\\x");
      const c = <u32>load<u8>(p + <usize>i);
      if (c < 16) bufAppendByte(out, 0x30);
      appendHex(out, c, false);
    } else appendQuotedRune(out, r, 0x22);
    i += size;
  }
  bufAppendByte(out, 0x22);
  return bufToString(out);
}

/** One rune inside a Go literal closed by `quote`. */
function appendQuotedRune(out: usize, r: u32, quote: u32): void {
  if (r == quote || r == 0x5c) {
    bufAppendByte(out, 0x5c);
    bufAppendByte(out, r);
  } else if (r == 0x07) bufAppendAS(out, "\\a");
  else if (r == 0x08) bufAppendAS(out, "\\b");
  else if (r == 0x0c) bufAppendAS(out, "\\f");
  else if (r == 0x0a) bufAppendAS(out, "\\n");
  else if (r == 0x0d) bufAppendAS(out, "\\r");
  else if (r == 0x09) bufAppendAS(out, "\\t");
  else if (r == 0x0b) bufAppendAS(out, "\\v");
  else if (r < 0x20 || r == 0x7f) {
    bufAppendAS(out, "\\x");
    if (r < 16) bufAppendByte(out, 0x30);
    appendHex(out, r, false);
  } else if (r < 0x80 || printable(r)) appendRune(out, r);
  else {
    bufAppendAS(out, r < 0x10000 ? "\\u" : "\\U");
    const hex = bufNew(8);
    appendHex(hex, r, false);
    for (let i = bufLen(hex); i < (r < 0x10000 ? 4 : 8); i++) bufAppendByte(out, 0x30);
    bufAppend(out, bufData(hex), bufLen(hex));
  }
}

/** Go's unicode.IsPrint, approximated outside ASCII: all but controls, separators and format runes. */
function printable(r: u32): bool {
  if (r >= 0x80 && r < 0xa0) return false;
  if (r == 0xad || r == 0x2028 || r == 0x2029 || r == 0xfeff) return false;
  if (r >= 0x200b && r <= 0x200f) return false;
  if (r >= 0x202a && r <= 0x202e) return false;
  if (r >= 0x2060 && r <= 0x206f) return false;
  if (r >= 0xd800 && r < 0xe000) return false;
  if (r == 0xfffe || r == 0xffff) return false;
  return r != 0xa0 && !(r >= 0x2000 && r <= 0x200a) && r != 0x3000 && r != 0x205f && r != 0x1680;
}

/** OPA's Rego text of a value: `[1, "a"]`, `{"k": v}`, `{1, 2}`, `set()`. print writes it too. */
export function regoText(v: usize): usize {
  const b = bufNew(64);
  appendRego(b, v);
  return bufToString(b);
}

function appendRego(b: usize, v: usize): void {
  switch (typeOf(v)) {
    case T_NULL:
      bufAppendAS(b, "null");
      return;
    case T_BOOLEAN:
      bufAppendAS(b, boolValue(v) ? "true" : "false");
      return;
    case T_NUMBER:
      bufAppendNumber(b, v);
      return;
    case T_STRING: {
      const q = quoted(stringPtr(v), stringLen(v));
      bufAppend(b, stringPtr(q), stringLen(q));
      return;
    }
    case T_ARRAY:
      bufAppendByte(b, 0x5b);
      for (let i = 0; i < arrayLen(v); i++) {
        if (i > 0) bufAppendAS(b, ", ");
        appendRego(b, arrayGet(v, i));
      }
      bufAppendByte(b, 0x5d);
      return;
    case T_OBJECT:
      bufAppendByte(b, 0x7b);
      for (let i = 0; i < objectLen(v); i++) {
        if (i > 0) bufAppendAS(b, ", ");
        appendRego(b, objectKeyAt(v, i));
        bufAppendAS(b, ": ");
        appendRego(b, objectValueAt(v, i));
      }
      bufAppendByte(b, 0x7d);
      return;
    case T_SET:
      if (setLen(v) == 0) {
        bufAppendAS(b, "set()");
        return;
      }
      bufAppendByte(b, 0x7b);
      for (let i = 0; i < setLen(v); i++) {
        if (i > 0) bufAppendAS(b, ", ");
        appendRego(b, setAt(v, i));
      }
      bufAppendByte(b, 0x7d);
      return;
  }
}

// ---- padding ----

/** Appends the string value `s` padded to the width; zeros go after a leading sign when `signed`. */
function padded(b: usize, s: usize, signed: bool): void {
  const p = stringPtr(s);
  const n = stringLen(s);
  const pad = width - utf8RuneCount(p, n);
  if (pad <= 0) {
    bufAppend(b, p, n);
    return;
  }
  if (minus) {
    bufAppend(b, p, n);
    for (let i = 0; i < pad; i++) bufAppendByte(b, 0x20);
    return;
  }
  if (zero && signed) {
    bufAppendByte(b, load<u8>(p));
    for (let i = 0; i < pad; i++) bufAppendByte(b, 0x30);
    bufAppend(b, p + 1, n - 1);
    return;
  }
  for (let i = 0; i < pad; i++) bufAppendByte(b, zero ? 0x30 : 0x20);
  bufAppend(b, p, n);
}

function appendRune(b: usize, r: u32): void {
  if (r < 0x80) bufAppendByte(b, r);
  else if (r < 0x800) {
    bufAppendByte(b, 0xc0 | (r >> 6));
    bufAppendByte(b, 0x80 | (r & 0x3f));
  } else if (r < 0x10000) {
    bufAppendByte(b, 0xe0 | (r >> 12));
    bufAppendByte(b, 0x80 | ((r >> 6) & 0x3f));
    bufAppendByte(b, 0x80 | (r & 0x3f));
  } else {
    bufAppendByte(b, 0xf0 | (r >> 18));
    bufAppendByte(b, 0x80 | ((r >> 12) & 0x3f));
    bufAppendByte(b, 0x80 | ((r >> 6) & 0x3f));
    bufAppendByte(b, 0x80 | (r & 0x3f));
  }
}

function stringOf(s: string): usize {
  const b = bufNew(16);
  bufAppendAS(b, s);
  return bufToString(b);
}

function stringOf2(p: usize, n: i32): usize {
  return makeString(p, n);
}
