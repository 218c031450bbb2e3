// units.parse and units.parse_bytes: quantities with SI (k, M, G, ...) or binary (Ki, Mi, ...)
// suffixes, computed exactly in decimal as OPA does with big rationals.

import { stringLen, stringPtr, makeString } from "../value";
import { abortBuiltin, builtinError } from "../errors";
import { bufAppendAS, bufAppendByte, bufNew, bufToString } from "../buffer";
import { makeNumberF64, makeNumberI64, makeNumberText, numberIsInteger, numberToF64 } from "../number";
import { decimalMul } from "../decimal";
import { requireString } from "./operands";

const KILO: i64 = 1000;
const KIBI: i64 = 1024;
const MILLI: usize = memory.data<u8>([0x30, 0x2e, 0x30, 0x30, 0x31]); // "0.001"

function isDigit(c: u32): bool {
  return c - 0x30 < 10;
}

/** The text without double quotes, lower-cased when asked (parse_bytes ignores case entirely). */
function normalized(s: usize, lower: bool): usize {
  const ptr = stringPtr(s);
  const len = stringLen(s);
  const b = bufNew(len);
  for (let i = 0; i < len; i++) {
    let c = <u32>load<u8>(ptr + <usize>i);
    if (c == 0x22) continue;
    if (lower && c >= 0x41 && c <= 0x5a) c += 32;
    bufAppendByte(b, c);
  }
  return bufToString(b);
}

function containsSpace(s: usize): bool {
  const ptr = stringPtr(s);
  for (let i = 0; i < stringLen(s); i++) if (load<u8>(ptr + <usize>i) == 0x20) return true;
  return false;
}

/** Length of the leading amount: digits, '.', signs, and an exponent marker only when digits (or
 *  a sign and digits) follow it, so "5E" is 5 exa while "5E2" is 500. */
function amountLength(ptr: usize, len: i32): i32 {
  let i = 0;
  while (i < len) {
    const c = <u32>load<u8>(ptr + <usize>i);
    if (isDigit(c) || c == 0x2e || c == 0x2b || c == 0x2d) {
      i++;
      continue;
    }
    if (c == 0x65 || c == 0x45) {
      let j = i + 1;
      if (j < len && (load<u8>(ptr + <usize>j) == 0x2b || load<u8>(ptr + <usize>j) == 0x2d)) j++;
      if (j < len && isDigit(load<u8>(ptr + <usize>j))) {
        i = j;
        continue;
      }
    }
    break;
  }
  return i;
}

/** Whether the unit text at ptr equals the lower-case ASCII literal. */
function unitIs(ptr: usize, len: i32, literal: string): bool {
  if (len != literal.length) return false;
  for (let i = 0; i < len; i++) if (<i32>load<u8>(ptr + <usize>i) != literal.charCodeAt(i)) return false;
  return true;
}

/** 1000^power, or 1024^power when binary. */
function scale(power: i32, binary: bool): usize {
  let n: i64 = 1;
  for (let i = 0; i < power; i++) n *= binary ? KIBI : KILO;
  return makeNumberI64(n);
}

const PREFIXES = "kmgtpe";

/** 1 for k, 2 for m (mega), ... 6 for e; 0 for any other letter. */
function prefixPower(c: u32): i32 {
  for (let i = 0; i < PREFIXES.length; i++) if (<u32>PREFIXES.charCodeAt(i) == c) return i + 1;
  return 0;
}

/** The multiplier a (lower-cased) unit names: "k"/"kb", "ki"/"kib", ... up to exa; 0 if none.
 *  Byte units may end in "b"; plain units may not. */
function multiplier(ptr: usize, len: i32, bytes: bool): usize {
  if (len == 0) return makeNumberI64(1);
  let n = len;
  if (bytes && n >= 2 && load<u8>(ptr + <usize>(n - 1)) == 0x62) n--; // trailing "b"
  const power = prefixPower(load<u8>(ptr));
  if (power == 0) return 0;
  if (n == 1) return scale(power, false);
  if (n == 2 && load<u8>(ptr + 1) == 0x69) return scale(power, true);
  return 0;
}

function abortUnit(fname: string, prefix: string, ptr: usize, len: i32): void {
  const b = bufNew(48);
  bufAppendAS(b, fname);
  bufAppendAS(b, ": ");
  bufAppendAS(b, prefix);
  for (let i = 0; i < len; i++) bufAppendByte(b, load<u8>(ptr + <usize>i));
  bufAppendAS(b, " not recognized");
  abortBuiltin(stringPtr(bufToString(b)));
}

/** units.parse: "m" is milli and "M" mega; otherwise case does not matter ("10KI" is 10 Ki). */
export function builtin_units_parse(x: usize): usize {
  const fname = "units.parse";
  requireString(fname, 1, x);
  const s = normalized(x, false);
  if (containsSpace(s)) builtinError(fname, "spaces not allowed in resource strings");
  const ptr = stringPtr(s);
  const len = stringLen(s);
  const amountLen = amountLength(ptr, len);
  if (amountLen == 0) builtinError(fname, "no amount provided");
  const amount = makeNumberText(ptr, amountLen);
  const unitPtr = ptr + <usize>amountLen;
  const unitLen = len - amountLen;
  let factor: usize;
  if (unitLen == 1 && load<u8>(unitPtr) == 0x6d) factor = makeNumberText(MILLI, 5);
  else {
    // only the letters after the first are case-insensitive: "M" stays mega
    const unit = normalized(makeString(unitPtr, unitLen), true);
    factor =
      unitLen == 1 && load<u8>(unitPtr) == 0x4d
        ? scale(2, false)
        : multiplier(stringPtr(unit), unitLen, false);
  }
  if (factor == 0) abortUnit(fname, "unit ", unitPtr, unitLen);
  if (amount == 0) builtinError(fname, "could not parse amount to a number");
  return decimalMul(amount, factor);
}

/** units.parse_bytes: case-insensitive units, the result truncated to whole bytes. */
export function builtin_units_parse_bytes(x: usize): usize {
  const fname = "units.parse_bytes";
  requireString(fname, 1, x);
  const s = normalized(x, true);
  if (containsSpace(s)) builtinError(fname, "spaces not allowed in resource strings");
  const ptr = stringPtr(s);
  const len = stringLen(s);
  const amountLen = amountLength(ptr, len);
  if (amountLen == 0) builtinError(fname, "no byte amount provided");
  const factor = multiplier(ptr + <usize>amountLen, len - amountLen, true);
  if (factor == 0) abortUnit(fname, "byte unit ", ptr + <usize>amountLen, len - amountLen);
  const amount = makeNumberText(ptr, amountLen);
  if (amount == 0) builtinError(fname, "could not parse byte amount to a number");
  const total = decimalMul(amount, factor);
  return numberIsInteger(total) ? total : makeNumberF64(Math.trunc(numberToF64(total)));
}
