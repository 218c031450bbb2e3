// semver.is_valid and semver.compare, with the rules of the Go semver package OPA uses:
// "MAJOR.MINOR.PATCH[-prerelease][+metadata]", each of the three a 64-bit integer, identifiers
// of [0-9A-Za-z-] separated by dots. Metadata does not take part in comparisons.

import { T_STRING, makeBool, stringLen, stringPtr, typeOf } from "../value";
import { abortBuiltin } from "../errors";
import { alloc } from "../alloc";
import { bufAppendAS, bufNew, bufToString } from "../buffer";
import { bufAppendQuoted } from "../json";
import { makeNumberI64 } from "../number";
import { requireString } from "./operands";

// A parsed version: [major i64 @0][minor i64 @8][patch i64 @16][prerelease ptr @24][length @28].
const VERSION_SIZE: usize = 32;

function isDigit(c: u32): bool {
  return c - 0x30 < 10;
}

function isIdentifierChar(c: u32): bool {
  return isDigit(c) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c == 0x2d;
}

/** Non-empty identifiers of [0-9A-Za-z-] separated by single dots (or nothing at all). */
function validIdentifiers(ptr: usize, len: i32): bool {
  if (len == 0) return true;
  let partLen = 0;
  for (let i = 0; i < len; i++) {
    const c = <u32>load<u8>(ptr + <usize>i);
    if (c == 0x2e) {
      if (partLen == 0) return false;
      partLen = 0;
    } else if (isIdentifierChar(c)) partLen++;
    else return false;
  }
  return partLen > 0;
}

// The integer read by readInt (a second result without managed objects).
let intValue: i64 = 0;

/** Go's strconv.ParseInt(s, 10, 64): an optional sign, then digits, within 64 bits. */
function readInt(ptr: usize, len: i32): bool {
  let i = 0;
  let negative = false;
  if (len > 0 && (load<u8>(ptr) == 0x2b || load<u8>(ptr) == 0x2d)) {
    negative = load<u8>(ptr) == 0x2d;
    i = 1;
  }
  if (i == len) return false;
  let magnitude: u64 = 0;
  for (; i < len; i++) {
    const c = <u32>load<u8>(ptr + <usize>i);
    if (!isDigit(c)) return false;
    if (magnitude > (<u64>9223372036854775808 - (c - 0x30)) / 10) return false;
    magnitude = magnitude * 10 + (c - 0x30);
  }
  if (!negative && magnitude > <u64>9223372036854775807) return false;
  intValue = negative ? -(<i64>magnitude) : <i64>magnitude;
  return true;
}

function indexOfByte(ptr: usize, len: i32, byte: u32): i32 {
  for (let i = 0; i < len; i++) if (load<u8>(ptr + <usize>i) == byte) return i;
  return -1;
}

/** Parses s into the version block at `out`; false when s is not a valid version. */
function parseVersion(ptr: usize, len: i32, out: usize): bool {
  const plus = indexOfByte(ptr, len, 0x2b);
  const end = plus >= 0 ? plus : len;
  if (plus >= 0 && !validIdentifiers(ptr + <usize>(plus + 1), len - plus - 1)) return false;
  const dash = indexOfByte(ptr, end, 0x2d);
  const core = dash >= 0 ? dash : end;
  const preLen = dash >= 0 ? end - dash - 1 : 0;
  if (!validIdentifiers(ptr + <usize>(dash + 1), preLen)) return false;
  store<usize>(out, ptr + <usize>(dash + 1), 24);
  store<i32>(out, preLen, 28);
  // exactly three dot-separated integers
  let start = 0;
  for (let part = 0; part < 3; part++) {
    let stop = start;
    while (stop < core && (part == 2 || load<u8>(ptr + <usize>stop) != 0x2e)) stop++;
    if (part < 2 && stop == core) return false;
    if (!readInt(ptr + <usize>start, stop - start)) return false;
    store<i64>(out + <usize>(part * 8), intValue);
    start = stop + 1;
  }
  return true;
}

function compareI64(a: i64, b: i64): i32 {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareBytes(pa: usize, la: i32, pb: usize, lb: i32): i32 {
  const c = memory.compare(pa, pb, <usize>min(la, lb));
  if (c != 0) return c < 0 ? -1 : 1;
  return compareI64(la, lb);
}

/** Pre-release precedence: identifiers pairwise (numbers below words, numbers by value, words
 *  bytewise), then the longer list wins; no pre-release at all ranks above any. */
function comparePreRelease(pa: usize, la: i32, pb: usize, lb: i32): i32 {
  if (la == 0 || lb == 0) return la == lb ? 0 : la == 0 ? 1 : -1;
  let ia = 0;
  let ib = 0;
  while (ia <= la && ib <= lb) {
    let ea = ia;
    while (ea < la && load<u8>(pa + <usize>ea) != 0x2e) ea++;
    let eb = ib;
    while (eb < lb && load<u8>(pb + <usize>eb) != 0x2e) eb++;
    const aNumeric = readInt(pa + <usize>ia, ea - ia);
    const a = intValue;
    const bNumeric = readInt(pb + <usize>ib, eb - ib);
    if (aNumeric != bNumeric) return aNumeric ? -1 : 1;
    if (aNumeric && a != intValue) return compareI64(a, intValue);
    const c = compareBytes(pa + <usize>ia, ea - ia, pb + <usize>ib, eb - ib);
    if (c != 0) return c;
    ia = ea + 1;
    ib = eb + 1;
  }
  // all shared identifiers are equal: the list with identifiers left ranks higher
  return ia > la ? (ib > lb ? 0 : -1) : 1;
}

export function builtin_semver_is_valid(x: usize): usize {
  if (typeOf(x) != T_STRING) return makeBool(false);
  return makeBool(parseVersion(stringPtr(x), stringLen(x), alloc(VERSION_SIZE)));
}

function parseOperand(s: usize, operand: i32, out: usize): void {
  requireString("semver.compare", operand, s);
  if (parseVersion(stringPtr(s), stringLen(s), out)) return;
  const b = bufNew(64);
  bufAppendAS(b, operand == 1 ? "semver.compare: operand 1: string " : "semver.compare: operand 2: string ");
  bufAppendQuoted(b, stringPtr(s), stringLen(s));
  bufAppendAS(b, " is not a valid SemVer");
  abortBuiltin(stringPtr(bufToString(b)));
}

export function builtin_semver_compare(a: usize, b: usize): usize {
  const va = alloc(VERSION_SIZE);
  const vb = alloc(VERSION_SIZE);
  parseOperand(a, 1, va);
  parseOperand(b, 2, vb);
  for (let i = 0; i < 3; i++) {
    const c = compareI64(load<i64>(va + <usize>(i * 8)), load<i64>(vb + <usize>(i * 8)));
    if (c != 0) return makeNumberI64(c);
  }
  return makeNumberI64(
    comparePreRelease(load<usize>(va, 24), load<i32>(va, 28), load<usize>(vb, 24), load<i32>(vb, 28)),
  );
}
