// String builtins (OPA's strings family). Strings are UTF-8 bytes; OPA's character positions are
// code points, so indexof/substring/reverse translate between the two. Results that are pieces of
// an operand share its bytes (strings are immutable), everything else is built in a buffer.

import {
  T_ARRAY,
  T_SET,
  T_STRING,
  arrayGet,
  arrayLen,
  arrayPush,
  makeArray,
  makeBool,
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
import { builtinError, typeError } from "../errors";
import {
  bufAppend,
  bufAppendByte,
  bufAppendString,
  bufNew,
  bufReserve,
  bufCommit,
  bufToString,
} from "../buffer";
import { makeNumberI64, numberFitsI64, numberIsInteger, numberToF64, numberToI64 } from "../number";
import { alloc } from "../alloc";
import { equalBytes } from "../compare";
import {
  charCount,
  charLenAt,
  byteOffsetOfChar,
  codePointAt,
  encodeCodePoint,
  findBytes,
  isSpace,
  prevCharStart,
  toLowerCodePoint,
  toUpperCodePoint,
} from "./utf8";
import {
  abortOperand,
  elementTypeError,
  requireInteger,
  requireNumber,
  requireObject,
  requireString,
} from "./operands";

// ---- helpers ----

/** The bytes [from, to) of string value s, sharing its storage. */
function slice(s: usize, from: i32, to: i32): usize {
  return makeString(stringPtr(s) + <usize>from, to - from);
}

/** Whether code point cp is one of the characters of string value `set`. */
function inCutset(set: usize, cp: u32): bool {
  const ptr = stringPtr(set);
  const len = stringLen(set);
  for (let i = 0; i < len; i += charLenAt(ptr, len, i)) {
    if (codePointAt(ptr, len, i) == cp) return true;
  }
  return false;
}

function startsWith(s: usize, prefix: usize): bool {
  const n = stringLen(prefix);
  return n <= stringLen(s) && equalBytes(stringPtr(s), stringPtr(prefix), n);
}

function endsWith(s: usize, suffix: usize): bool {
  const n = stringLen(suffix);
  const len = stringLen(s);
  return n <= len && equalBytes(stringPtr(s) + <usize>(len - n), stringPtr(suffix), n);
}

function isCollection(v: usize): bool {
  const t = typeOf(v);
  return t == T_ARRAY || t == T_SET;
}

function collectionLen(v: usize): i32 {
  return typeOf(v) == T_ARRAY ? arrayLen(v) : setLen(v);
}

function collectionAt(v: usize, i: i32): usize {
  return typeOf(v) == T_ARRAY ? arrayGet(v, i) : setAt(v, i);
}

// Case mapping of ASCII text eight bytes at a time. Adding 0x80 - c to a byte below 0x80 sets its high bit
// exactly when the byte is c or above, and carries into no other byte; so for words of ASCII bytes,
// the high bits of (w + (0x80 - from)) & ~(w + (0x80 - from - 26)) mark the 26 letters from `from` ('a'
// or 'A'), and shifted down to 0x20 they are the bit that flips those letters' case.
const ONES: u64 = 0x0101010101010101;
const HIGH_BITS: u64 = 0x8080808080808080;

function caseFlips(w: u64, from: i32): u64 {
  const atLeastFrom = w + ONES * <u64>(0x80 - from);
  const pastLetters = w + ONES * <u64>(0x80 - from - 26);
  return (atLeastFrom & ~pastLetters & HIGH_BITS) >> 2;
}

/** Whether byte c is a letter of the case that changes (the 26 from `from`). */
function flipsCase(c: i32, from: i32): bool {
  return <u32>(c - from) < 26;
}

/** Copies n ASCII bytes from src to dst, flipping the case of the letters from `from` on. */
function mapAsciiCase(dst: usize, src: usize, n: i32, from: i32): void {
  if (n < 8) {
    for (let k = 0; k < n; k++) {
      const c = <i32>load<u8>(src + <usize>k);
      store<u8>(dst + <usize>k, flipsCase(c, from) ? c ^ 0x20 : c);
    }
    return;
  }
  for (let k = 0; k < n - 8; k += 8) {
    const w = load<u64>(src + <usize>k);
    store<u64>(dst + <usize>k, w ^ inline.always(caseFlips(w, from)));
  }
  // The last word overlaps the one before; it reads src, so mapping a byte twice does no harm.
  const last = <usize>(n - 8);
  const w = load<u64>(src + last);
  store<u64>(dst + last, w ^ inline.always(caseFlips(w, from)));
}

/** A new string of the len ASCII bytes at ptr, case mapped: same length, so written in place of a buffer. */
function mapAscii(ptr: usize, len: i32, from: i32): usize {
  const bytes = alloc(<usize>len + 1);
  mapAsciiCase(bytes, ptr, len, from);
  store<u8>(bytes + <usize>len, 0);
  return makeString(bytes, len);
}

/** s with every code point mapped to its upper (or lower) case; s itself when none changes. */
function mapCodePoints(s: usize, upper: bool): usize {
  const ptr = stringPtr(s);
  const len = stringLen(s);
  const from = upper ? 0x61 : 0x41;
  if (len >= 8) {
    // ASCII text, the usual case, is read a word at a time (the last word overlapping): returned as it
    // is when it holds no letter of the case that changes (lower() of an already lower-case name),
    // otherwise mapped whole. A word with a byte above 0x7f makes the flips meaningless, and then
    // the code points are mapped one by one below.
    let bytesOr: u64 = 0;
    let flips: u64 = 0;
    for (let k = 0; k < len - 8; k += 8) {
      const w = load<u64>(ptr + <usize>k);
      bytesOr |= w;
      flips |= inline.always(caseFlips(w, from));
    }
    const w = load<u64>(ptr + <usize>(len - 8));
    bytesOr |= w;
    flips |= inline.always(caseFlips(w, from));
    if ((bytesOr & HIGH_BITS) == 0) return flips == 0 ? s : mapAscii(ptr, len, from);
  }
  let i = 0;
  while (i < len) {
    const c = <i32>load<u8>(ptr + <usize>i);
    if (c >= 0x80 || flipsCase(c, from)) break;
    i++;
  }
  if (i == len) return s;
  let asciiEnd = i;
  while (asciiEnd < len && load<u8>(ptr + <usize>asciiEnd) < 0x80) asciiEnd++;
  if (asciiEnd == len) return mapAscii(ptr, len, from);
  const b = bufNew(len + 4);
  bufAppend(b, ptr, i);
  while (i < len) {
    if (load<u8>(ptr + <usize>i) < 0x80) {
      // A run of ASCII bytes keeps its length: map it straight into the buffer.
      let runEnd = i + 1;
      while (runEnd < len && load<u8>(ptr + <usize>runEnd) < 0x80) runEnd++;
      mapAsciiCase(bufReserve(b, runEnd - i), ptr + <usize>i, runEnd - i, from);
      bufCommit(b, runEnd - i);
      i = runEnd;
      continue;
    }
    const n = charLenAt(ptr, len, i);
    const cp = codePointAt(ptr, len, i);
    const mapped = upper ? toUpperCodePoint(cp) : toLowerCodePoint(cp);
    if (mapped == cp) bufAppend(b, ptr + <usize>i, n);
    else bufCommit(b, encodeCodePoint(bufReserve(b, 4), mapped));
    i += n;
  }
  return bufToString(b);
}

// ---- builtins ----

export function builtin_concat(delimiter: usize, collection: usize): usize {
  requireString("concat", 1, delimiter);
  if (!isCollection(collection)) typeError("concat", 2, "one of {set, array}", collection);
  const n = collectionLen(collection);
  const b = bufNew(64);
  for (let i = 0; i < n; i++) {
    const part = collectionAt(collection, i);
    if (typeOf(part) != T_STRING) elementTypeError("concat", 2, collection, "string", part);
    if (i > 0) bufAppendString(b, delimiter);
    bufAppendString(b, part);
  }
  return bufToString(b);
}

export function builtin_contains(s: usize, search: usize): usize {
  requireString("contains", 1, s);
  requireString("contains", 2, search);
  return makeBool(findBytes(stringPtr(s), stringLen(s), stringPtr(search), stringLen(search), 0) >= 0);
}

export function builtin_startswith(s: usize, prefix: usize): usize {
  requireString("startswith", 1, s);
  requireString("startswith", 2, prefix);
  return makeBool(startsWith(s, prefix));
}

export function builtin_endswith(s: usize, suffix: usize): usize {
  requireString("endswith", 1, s);
  requireString("endswith", 2, suffix);
  return makeBool(endsWith(s, suffix));
}

export function builtin_lower(s: usize): usize {
  requireString("lower", 1, s);
  return mapCodePoints(s, false);
}

export function builtin_upper(s: usize): usize {
  requireString("upper", 1, s);
  return mapCodePoints(s, true);
}

export function builtin_split(s: usize, delimiter: usize): usize {
  requireString("split", 1, s);
  requireString("split", 2, delimiter);
  const ptr = stringPtr(s);
  const len = stringLen(s);
  const dlen = stringLen(delimiter);
  // Room for the six parts of an ARN, the longest usual split.
  const parts = makeArray(8);
  if (dlen == 0) {
    // Go splits into single characters, and "" into no parts at all
    for (let i = 0; i < len;) {
      const n = charLenAt(ptr, len, i);
      arrayPush(parts, slice(s, i, i + n));
      i += n;
    }
    return parts;
  }
  if (dlen == 1) {
    splitByByte(s, load<u8>(stringPtr(delimiter)), parts);
    return parts;
  }
  let start = 0;
  for (;;) {
    const at = findBytes(ptr, len, stringPtr(delimiter), dlen, start);
    if (at < 0) break;
    arrayPush(parts, slice(s, start, at));
    start = at + dlen;
  }
  arrayPush(parts, slice(s, start, len));
  return parts;
}

/**
 * split by a one-byte delimiter, the usual one (":" of an ARN, "/" of a path, "."): one pass over the bytes,
 * a word at a time. (x & 0x7f..) + 0x7f.. sets a byte's high bit when its low seven bits are not all zero,
 * without carrying into the next byte, so ~(that | x | 0x7f..) marks exactly the zero bytes of x, the
 * delimiters of the word x is the delimiter pattern's xor with.
 */
function splitByByte(s: usize, delimiter: u8, parts: usize): void {
  const ptr = stringPtr(s);
  const len = stringLen(s);
  const pattern = ONES * <u64>delimiter;
  const low7: u64 = 0x7f7f7f7f7f7f7f7f;
  let start = 0;
  let i = 0;
  for (; i + 8 <= len; i += 8) {
    const x = load<u64>(ptr + <usize>i) ^ pattern;
    let zeros = ~(((x & low7) + low7) | x | low7);
    while (zeros != 0) {
      const at = i + <i32>(ctz(zeros) >> 3);
      arrayPush(parts, slice(s, start, at));
      start = at + 1;
      zeros &= zeros - 1;
    }
  }
  for (; i < len; i++) {
    if (load<u8>(ptr + <usize>i) != delimiter) continue;
    arrayPush(parts, slice(s, start, i));
    start = i + 1;
  }
  arrayPush(parts, slice(s, start, len));
}

export function builtin_replace(s: usize, old: usize, replacement: usize): usize {
  requireString("replace", 1, s);
  requireString("replace", 2, old);
  requireString("replace", 3, replacement);
  const ptr = stringPtr(s);
  const len = stringLen(s);
  const olen = stringLen(old);
  const b = bufNew(len + 16);
  if (olen == 0) {
    // Go inserts the replacement before every character and at the end
    for (let i = 0; i < len;) {
      const n = charLenAt(ptr, len, i);
      bufAppendString(b, replacement);
      bufAppend(b, ptr + <usize>i, n);
      i += n;
    }
    bufAppendString(b, replacement);
    return bufToString(b);
  }
  let start = 0;
  for (;;) {
    const at = findBytes(ptr, len, stringPtr(old), olen, start);
    if (at < 0) break;
    bufAppend(b, ptr + <usize>start, at - start);
    bufAppendString(b, replacement);
    start = at + olen;
  }
  bufAppend(b, ptr + <usize>start, len - start);
  return bufToString(b);
}

/** At each position the first pattern (in key order) that matches wins, as Go's strings.Replacer
 *  compares in argument order and OPA passes the keys sorted. */
export function builtin_strings_replace_n(patterns: usize, s: usize): usize {
  const fname = "strings.replace_n";
  requireObject(fname, 1, patterns);
  const count = objectLen(patterns);
  for (let k = 0; k < count; k++) {
    if (typeOf(objectKeyAt(patterns, k)) != T_STRING)
      abortOperand(fname, 1, "non-string key found in pattern object", 0);
    if (typeOf(objectValueAt(patterns, k)) != T_STRING) {
      abortOperand(fname, 1, "non-string value found in pattern object", 0);
    }
  }
  requireString(fname, 2, s);
  const ptr = stringPtr(s);
  const len = stringLen(s);
  const b = bufNew(len + 16);
  for (let i = 0; i <= len;) {
    let matched = -1;
    for (let k = 0; k < count; k++) {
      const key = objectKeyAt(patterns, k);
      const klen = stringLen(key);
      if (klen <= len - i && equalBytes(ptr + <usize>i, stringPtr(key), klen)) {
        matched = k;
        break;
      }
    }
    if (matched >= 0) {
      bufAppendString(b, objectValueAt(patterns, matched));
      const klen = stringLen(objectKeyAt(patterns, matched));
      if (klen > 0) {
        i += klen;
        continue;
      }
    }
    if (i == len) break;
    const n = charLenAt(ptr, len, i);
    bufAppend(b, ptr + <usize>i, n);
    i += n;
  }
  return bufToString(b);
}

export function builtin_strings_reverse(s: usize): usize {
  requireString("strings.reverse", 1, s);
  const ptr = stringPtr(s);
  const len = stringLen(s);
  const b = bufNew(len);
  for (let end = len; end > 0;) {
    const start = prevCharStart(ptr, end);
    bufAppend(b, ptr + <usize>start, end - start);
    end = start;
  }
  return bufToString(b);
}

function trimLeftCutset(s: usize, cutset: usize): i32 {
  const ptr = stringPtr(s);
  const len = stringLen(s);
  let i = 0;
  while (i < len && inCutset(cutset, codePointAt(ptr, len, i))) i += charLenAt(ptr, len, i);
  return i;
}

function trimRightCutset(s: usize, cutset: usize, floor: i32): i32 {
  const ptr = stringPtr(s);
  const len = stringLen(s);
  let end = len;
  while (end > floor) {
    const start = prevCharStart(ptr, end);
    if (!inCutset(cutset, codePointAt(ptr, len, start))) break;
    end = start;
  }
  return end;
}

export function builtin_trim(s: usize, cutset: usize): usize {
  requireString("trim", 1, s);
  requireString("trim", 2, cutset);
  const start = trimLeftCutset(s, cutset);
  return slice(s, start, trimRightCutset(s, cutset, start));
}

export function builtin_trim_left(s: usize, cutset: usize): usize {
  requireString("trim_left", 1, s);
  requireString("trim_left", 2, cutset);
  return slice(s, trimLeftCutset(s, cutset), stringLen(s));
}

export function builtin_trim_right(s: usize, cutset: usize): usize {
  requireString("trim_right", 1, s);
  requireString("trim_right", 2, cutset);
  return slice(s, 0, trimRightCutset(s, cutset, 0));
}

export function builtin_trim_prefix(s: usize, prefix: usize): usize {
  requireString("trim_prefix", 1, s);
  requireString("trim_prefix", 2, prefix);
  return startsWith(s, prefix) ? slice(s, stringLen(prefix), stringLen(s)) : s;
}

export function builtin_trim_suffix(s: usize, suffix: usize): usize {
  requireString("trim_suffix", 1, s);
  requireString("trim_suffix", 2, suffix);
  return endsWith(s, suffix) ? slice(s, 0, stringLen(s) - stringLen(suffix)) : s;
}

export function builtin_trim_space(s: usize): usize {
  requireString("trim_space", 1, s);
  const ptr = stringPtr(s);
  const len = stringLen(s);
  let start = 0;
  while (start < len && isSpace(codePointAt(ptr, len, start))) start += charLenAt(ptr, len, start);
  let end = len;
  while (end > start) {
    const prev = prevCharStart(ptr, end);
    if (!isSpace(codePointAt(ptr, len, prev))) break;
    end = prev;
  }
  return slice(s, start, end);
}

export function builtin_indexof(s: usize, search: usize): usize {
  requireString("indexof", 1, s);
  requireString("indexof", 2, search);
  if (stringLen(search) == 0) builtinError("indexof", "empty search character");
  const ptr = stringPtr(s);
  const at = findBytes(ptr, stringLen(s), stringPtr(search), stringLen(search), 0);
  return makeNumberI64(at < 0 ? -1 : charCount(ptr, at));
}

/** Every position (in characters) where search starts, overlapping matches included. */
export function builtin_indexof_n(s: usize, search: usize): usize {
  requireString("indexof_n", 1, s);
  requireString("indexof_n", 2, search);
  const slen = stringLen(search);
  if (slen == 0) builtinError("indexof_n", "empty search character");
  const ptr = stringPtr(s);
  const len = stringLen(s);
  const found = makeArray(4);
  let charIndex = 0;
  let counted = 0; // byte position charIndex refers to
  for (let from = 0; ;) {
    const at = findBytes(ptr, len, stringPtr(search), slen, from);
    if (at < 0) break;
    charIndex += charCount(ptr + <usize>counted, at - counted);
    counted = at;
    arrayPush(found, makeNumberI64(charIndex));
    from = at + charLenAt(ptr, len, at);
  }
  return found;
}

export function builtin_substring(s: usize, start: usize, length: usize): usize {
  requireString("substring", 1, s);
  const first = requireInteger("substring", 2, start);
  const count = requireInteger("substring", 3, length);
  if (first < 0) builtinError("substring", "negative offset");
  const ptr = stringPtr(s);
  const len = stringLen(s);
  const from = first > <i64>len ? len : byteOffsetOfChar(ptr, len, <i32>first);
  if (count < 0) return slice(s, from, len);
  const rest = len - from;
  const n = count > <i64>rest ? rest : <i32>count;
  return slice(s, from, from + byteOffsetOfChar(ptr + <usize>from, rest, n));
}

export function builtin_format_int(number: usize, base: usize): usize {
  requireNumber("format_int", 1, number);
  requireNumber("format_int", 2, base);
  const radix = numberIsInteger(base) && numberFitsI64(base) ? numberToI64(base) : 0;
  if (radix != 2 && radix != 8 && radix != 10 && radix != 16) {
    abortOperand("format_int", 2, "must be one of {2, 8, 10, 16}", 0);
  }
  // OPA truncates towards zero before formatting
  let magnitude: u64;
  let negative: bool;
  if (numberIsInteger(number) && numberFitsI64(number)) {
    const n = numberToI64(number);
    negative = n < 0;
    magnitude = negative ? <u64>0 - <u64>n : <u64>n;
  } else {
    const f = numberToF64(number);
    const t = Math.abs(Math.trunc(f));
    if (!(t < 18446744073709551616.0)) builtinError("format_int", "number too large");
    negative = f < 0 && t > 0;
    magnitude = <u64>t;
  }
  const digits = bufNew(66);
  const out = bufReserve(digits, 65);
  let p = 65;
  const r = <u64>radix;
  do {
    const d = <i32>(magnitude % r);
    store<u8>(out + <usize>--p, d < 10 ? 0x30 + d : 0x57 + d);
    magnitude /= r;
  } while (magnitude != 0);
  if (negative) store<u8>(out + <usize>--p, 0x2d);
  const b = bufNew(66 - p);
  bufAppend(b, out + <usize>p, 65 - p);
  return bufToString(b);
}

/** Non-overlapping occurrences; an empty search string counts the gaps between characters. */
export function builtin_strings_count(s: usize, search: usize): usize {
  requireString("strings.count", 1, s);
  requireString("strings.count", 2, search);
  const ptr = stringPtr(s);
  const len = stringLen(s);
  const slen = stringLen(search);
  if (slen == 0) return makeNumberI64(charCount(ptr, len) + 1);
  let count = 0;
  for (let from = 0; ;) {
    const at = findBytes(ptr, len, stringPtr(search), slen, from);
    if (at < 0) break;
    count++;
    from = at + slen;
  }
  return makeNumberI64(count);
}

/** Checks a string-or-collection-of-strings operand of the any_*_match builtins. */
function requireStrings(fname: string, operand: i32, v: usize): void {
  if (typeOf(v) == T_STRING) return;
  if (!isCollection(v)) typeError(fname, operand, "one of {string, set, array}", v);
  const n = collectionLen(v);
  for (let i = 0; i < n; i++) {
    const x = collectionAt(v, i);
    if (typeOf(x) != T_STRING) elementTypeError(fname, operand, v, "string", x);
  }
}

function stringsCount(v: usize): i32 {
  return typeOf(v) == T_STRING ? 1 : collectionLen(v);
}

function stringsAt(v: usize, i: i32): usize {
  return typeOf(v) == T_STRING ? v : collectionAt(v, i);
}

function anyMatch(fname: string, search: usize, affixes: usize, suffix: bool): usize {
  requireStrings(fname, 1, search);
  requireStrings(fname, 2, affixes);
  const ns = stringsCount(search);
  const na = stringsCount(affixes);
  for (let i = 0; i < ns; i++) {
    const s = stringsAt(search, i);
    for (let j = 0; j < na; j++) {
      const a = stringsAt(affixes, j);
      if (suffix ? endsWith(s, a) : startsWith(s, a)) return makeBool(true);
    }
  }
  return makeBool(false);
}

export function builtin_strings_any_prefix_match(search: usize, prefixes: usize): usize {
  return anyMatch("strings.any_prefix_match", search, prefixes, false);
}

export function builtin_strings_any_suffix_match(search: usize, suffixes: usize): usize {
  return anyMatch("strings.any_suffix_match", search, suffixes, true);
}
