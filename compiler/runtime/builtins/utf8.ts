// UTF-8 helpers for the string builtins. OPA measures string positions in code points (Go runes),
// while our strings are UTF-8 bytes, so indexes have to be translated between the two. Decoding is
// the runtime's Go-compatible one: an invalid byte counts as one character (U+FFFD).

import { equalBytes } from "../compare";
import { utf8Decode, utf8LastSize, utf8RuneCount } from "../utf8";

/** Length in bytes of the character at byte `i`. */
export function charLenAt(ptr: usize, len: i32, i: i32): i32 {
  if (load<u8>(ptr + <usize>i) < 0x80) return 1;
  utf8Decode(ptr, i, len);
  return utf8LastSize();
}

/** Code point of the character at byte `i` (U+FFFD for an invalid byte). */
export function codePointAt(ptr: usize, len: i32, i: i32): u32 {
  return utf8Decode(ptr, i, len);
}

/** Number of code points in `len` bytes at `ptr`. */
export function charCount(ptr: usize, len: i32): i32 {
  return utf8RuneCount(ptr, len);
}

/** Byte index where the character ending just before byte `end` starts (Go's DecodeLastRune). */
export function prevCharStart(ptr: usize, end: i32): i32 {
  let start = end - 1;
  // a lead byte is at most three continuation bytes (10xxxxxx) back
  while (start > 0 && end - start < 4 && (load<u8>(ptr + <usize>start) & 0xc0) == 0x80) start--;
  return charLenAt(ptr, end, start) == end - start ? start : end - 1;
}

/** Byte offset of code point number `index`, or `len` when the string is shorter. */
export function byteOffsetOfChar(ptr: usize, len: i32, index: i32): i32 {
  let i = 0;
  for (let c = 0; c < index && i < len; c++) i += charLenAt(ptr, len, i);
  return i;
}

/** Writes `cp` as UTF-8 at `dst`; returns the bytes written (1 to 4). */
export function encodeCodePoint(dst: usize, cp: u32): i32 {
  if (cp < 0x80) {
    store<u8>(dst, <u8>cp);
    return 1;
  }
  if (cp < 0x800) {
    store<u8>(dst, <u8>(0xc0 | (cp >> 6)));
    store<u8>(dst + 1, <u8>(0x80 | (cp & 0x3f)));
    return 2;
  }
  if (cp < 0x10000) {
    store<u8>(dst, <u8>(0xe0 | (cp >> 12)));
    store<u8>(dst + 1, <u8>(0x80 | ((cp >> 6) & 0x3f)));
    store<u8>(dst + 2, <u8>(0x80 | (cp & 0x3f)));
    return 3;
  }
  store<u8>(dst, <u8>(0xf0 | (cp >> 18)));
  store<u8>(dst + 1, <u8>(0x80 | ((cp >> 12) & 0x3f)));
  store<u8>(dst + 2, <u8>(0x80 | ((cp >> 6) & 0x3f)));
  store<u8>(dst + 3, <u8>(0x80 | (cp & 0x3f)));
  return 4;
}

/**
 * Byte index of the first occurrence of needle in haystack at or after byte `from`, or -1. Candidates
 * (bytes equal to the needle's first) are looked for eight bytes at a time: x ^ pattern has a zero byte
 * exactly where a candidate is, and the lowest bit of the zero-byte test marks the first of them.
 */
export function findBytes(hay: usize, hayLen: i32, needle: usize, needleLen: i32, from: i32): i32 {
  const last = hayLen - needleLen;
  if (needleLen == 0) return from <= hayLen ? from : -1;
  const first = load<u8>(needle);
  const pattern = <u64>first * 0x0101010101010101;
  let i = from;
  while (i <= last) {
    if (i + 8 <= hayLen) {
      const x = load<u64>(hay + <usize>i) ^ pattern;
      const zeroBytes = (x - 0x0101010101010101) & ~x & 0x8080808080808080;
      if (zeroBytes == 0) {
        i += 8;
        continue;
      }
      i += <i32>(ctz(zeroBytes) >> 3);
      if (i > last) break;
    } else if (load<u8>(hay + <usize>i) != first) {
      i++;
      continue;
    }
    if (equalBytes(hay + <usize>i, needle, needleLen)) return i;
    i++;
  }
  return -1;
}

/** Go's unicode.IsSpace: Latin-1 spaces plus the Unicode White_Space characters beyond it. */
export function isSpace(cp: u32): bool {
  if (cp <= 0xff) return cp == 0x20 || (cp >= 0x09 && cp <= 0x0d) || cp == 0x85 || cp == 0xa0;
  return (
    cp == 0x1680 ||
    (cp >= 0x2000 && cp <= 0x200a) ||
    cp == 0x2028 ||
    cp == 0x2029 ||
    cp == 0x202f ||
    cp == 0x205f ||
    cp == 0x3000
  );
}

/** Lower case of `cp` for the scripts policies meet in practice: ASCII, Latin-1, Latin Extended-A,
 *  Greek and Cyrillic. Other characters are returned unchanged. */
export function toLowerCodePoint(cp: u32): u32 {
  if (cp < 0x80) return cp >= 0x41 && cp <= 0x5a ? cp + 32 : cp;
  if (cp >= 0xc0 && cp <= 0xde && cp != 0xd7) return cp + 32;
  if (cp >= 0x100 && cp <= 0x17f) return latinExtendedALower(cp);
  if (cp >= 0x391 && cp <= 0x3ab && cp != 0x3a2) return cp + 32;
  if (cp >= 0x410 && cp <= 0x42f) return cp + 32;
  if (cp >= 0x400 && cp <= 0x40f) return cp + 80;
  return cp;
}

/** Upper case of `cp`, the inverse of toLowerCodePoint over the same scripts. */
export function toUpperCodePoint(cp: u32): u32 {
  if (cp < 0x80) return cp >= 0x61 && cp <= 0x7a ? cp - 32 : cp;
  if (cp >= 0xe0 && cp <= 0xfe && cp != 0xf7) return cp - 32;
  if (cp == 0xff) return 0x178;
  if (cp == 0xb5) return 0x39c;
  if (cp >= 0x100 && cp <= 0x17f) return latinExtendedAUpper(cp);
  if (cp == 0x3c2) return 0x3a3;
  if (cp >= 0x3b1 && cp <= 0x3cb) return cp - 32;
  if (cp >= 0x430 && cp <= 0x44f) return cp - 32;
  if (cp >= 0x450 && cp <= 0x45f) return cp - 80;
  return cp;
}

// Latin Extended-A pairs upper/lower as even/odd code points, except in two runs where the
// pairing shifts to odd/even (U+0139..U+0148 and U+0179..U+017E); U+0178 lowers to U+00FF.
function latinExtendedAShifted(cp: u32): bool {
  return (cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17e);
}

function latinExtendedALower(cp: u32): u32 {
  if (cp == 0x178) return 0xff;
  if (cp == 0x130 || cp == 0x131 || cp == 0x138 || cp == 0x149 || cp == 0x17f) return cp;
  const upperIsOdd = latinExtendedAShifted(cp);
  return (cp & 1) == (upperIsOdd ? 1 : 0) ? cp + 1 : cp;
}

function latinExtendedAUpper(cp: u32): u32 {
  if (cp == 0x130 || cp == 0x131 || cp == 0x138 || cp == 0x149 || cp == 0x17f) return cp;
  const upperIsOdd = latinExtendedAShifted(cp);
  return (cp & 1) == (upperIsOdd ? 0 : 1) ? cp - 1 : cp;
}
