// Character classes as sorted lists of inclusive rune ranges, built in linear memory.
// A list is a 12-byte header {pairs: usize, len: i32, cap: i32}; each pair is two i32 (lo, hi).
import { alloc } from "../alloc";
import { MAX_RUNE } from "./utf8";

const HEADER_PAIRS = 0;
const HEADER_LEN = 4;
const HEADER_CAP = 8;

export function rangesNew(): usize {
  const list = alloc(12);
  const cap = 8;
  store<usize>(list + HEADER_PAIRS, alloc(<usize>cap * 8));
  store<i32>(list + HEADER_LEN, 0);
  store<i32>(list + HEADER_CAP, cap);
  return list;
}

export function rangesPairs(list: usize): usize {
  return load<usize>(list + HEADER_PAIRS);
}

export function rangesLen(list: usize): i32 {
  return load<i32>(list + HEADER_LEN);
}

export function rangeLo(pairs: usize, i: i32): i32 {
  return load<i32>(pairs + ((<usize>i) << 3));
}

export function rangeHi(pairs: usize, i: i32): i32 {
  return load<i32>(pairs + ((<usize>i) << 3) + 4);
}

export function rangesAdd(list: usize, lo: i32, hi: i32): void {
  let len = rangesLen(list);
  let cap = load<i32>(list + HEADER_CAP);
  if (len == cap) {
    // The bump allocator never frees, so growth copies into a block twice the size.
    const bigger = alloc(<usize>cap * 16);
    memory.copy(bigger, rangesPairs(list), <usize>len * 8);
    store<usize>(list + HEADER_PAIRS, bigger);
    cap *= 2;
    store<i32>(list + HEADER_CAP, cap);
  }
  const at = rangesPairs(list) + ((<usize>len) << 3);
  store<i32>(at, lo);
  store<i32>(at + 4, hi);
  store<i32>(list + HEADER_LEN, len + 1);
}

/** Appends every range of `from` to `list`. */
export function rangesAddAll(list: usize, from: usize): void {
  const pairs = rangesPairs(from);
  const n = rangesLen(from);
  for (let i = 0; i < n; i++) rangesAdd(list, rangeLo(pairs, i), rangeHi(pairs, i));
}

/** Sorts the ranges by their low end and merges overlapping or adjacent ones. */
export function rangesNormalize(list: usize): void {
  const pairs = rangesPairs(list);
  const n = rangesLen(list);
  // Insertion sort: classes are short, and it needs no scratch memory.
  for (let i = 1; i < n; i++) {
    const lo = rangeLo(pairs, i);
    const hi = rangeHi(pairs, i);
    let j = i - 1;
    while (j >= 0 && rangeLo(pairs, j) > lo) {
      store<i64>(pairs + ((<usize>(j + 1)) << 3), load<i64>(pairs + ((<usize>j) << 3)));
      j--;
    }
    store<i32>(pairs + ((<usize>(j + 1)) << 3), lo);
    store<i32>(pairs + ((<usize>(j + 1)) << 3) + 4, hi);
  }
  let out = 0;
  for (let i = 0; i < n; i++) {
    const lo = rangeLo(pairs, i);
    const hi = rangeHi(pairs, i);
    if (out > 0 && lo <= rangeHi(pairs, out - 1) + 1) {
      if (hi > rangeHi(pairs, out - 1)) store<i32>(pairs + ((<usize>(out - 1)) << 3) + 4, hi);
      continue;
    }
    store<i32>(pairs + ((<usize>out) << 3), lo);
    store<i32>(pairs + ((<usize>out) << 3) + 4, hi);
    out++;
  }
  store<i32>(list + HEADER_LEN, out);
}

/** A new normalized list holding every rune not in `list` (which must be normalized). */
export function rangesNegated(list: usize): usize {
  const result = rangesNew();
  const pairs = rangesPairs(list);
  const n = rangesLen(list);
  let next = 0;
  for (let i = 0; i < n; i++) {
    const lo = rangeLo(pairs, i);
    if (lo > next) rangesAdd(result, next, lo - 1);
    next = rangeHi(pairs, i) + 1;
  }
  if (next <= MAX_RUNE) rangesAdd(result, next, MAX_RUNE);
  return result;
}

/** Whether rune r lies in one of `count` sorted, disjoint ranges at `pairs`. */
export function rangesContain(pairs: usize, count: i32, r: i32): bool {
  let lo = 0;
  let hi = count - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (r < rangeLo(pairs, mid)) hi = mid - 1;
    else if (r > rangeHi(pairs, mid)) lo = mid + 1;
    else return true;
  }
  return false;
}

// Simple case folding. Go folds all of Unicode; we cover the scripts policies meet: ASCII, Latin-1,
// Latin Extended-A, Greek and Cyrillic, plus the non-ASCII runes that fold to ASCII letters (Kelvin sign, long s) so that
// (?i)k and (?i)s match exactly what Go matches. Each row maps [lo, hi] to [lo + delta, hi + delta];
// the table is closed under folding, so one pass over it yields the whole orbit of a range.
// prettier-ignore
const FOLD_ROWS: StaticArray<i32> = [
  0x41, 0x5a, 32, 0x61, 0x7a, -32,
  0xc0, 0xd6, 32, 0xd8, 0xde, 32, 0xe0, 0xf6, -32, 0xf8, 0xfe, -32,
  0xff, 0xff, 0x178 - 0xff, 0x178, 0x178, 0xff - 0x178,
  0x4b, 0x4b, 0x212a - 0x4b, 0x6b, 0x6b, 0x212a - 0x6b, 0x212a, 0x212a, 0x4b - 0x212a, 0x212a, 0x212a, 0x6b - 0x212a,
  0x53, 0x53, 0x17f - 0x53, 0x73, 0x73, 0x17f - 0x73, 0x17f, 0x17f, 0x53 - 0x17f, 0x17f, 0x17f, 0x73 - 0x17f,
  0xc5, 0xc5, 0x212b - 0xc5, 0xe5, 0xe5, 0x212b - 0xe5, 0x212b, 0x212b, 0xc5 - 0x212b, 0x212b, 0x212b, 0xe5 - 0x212b,
  0xb5, 0xb5, 0x39c - 0xb5, 0xb5, 0xb5, 0x3bc - 0xb5, 0x39c, 0x39c, 0xb5 - 0x39c, 0x3bc, 0x3bc, 0xb5 - 0x3bc,
  0x391, 0x3a1, 32, 0x3a3, 0x3ab, 32, 0x3b1, 0x3c1, -32, 0x3c3, 0x3cb, -32,
  0x3c2, 0x3c2, 0x3a3 - 0x3c2, 0x3c2, 0x3c2, 0x3c3 - 0x3c2, 0x3a3, 0x3a3, 0x3c2 - 0x3a3, 0x3c3, 0x3c3, 0x3c2 - 0x3c3,
  0x386, 0x386, 38, 0x388, 0x38a, 37, 0x38c, 0x38c, 64, 0x38e, 0x38f, 63,
  0x3ac, 0x3ac, -38, 0x3ad, 0x3af, -37, 0x3cc, 0x3cc, -64, 0x3cd, 0x3ce, -63,
  0x410, 0x42f, 32, 0x430, 0x44f, -32, 0x400, 0x40f, 80, 0x450, 0x45f, -80,
];

// Latin Extended-A pairs each capital with the next code point; the rows give [lo, hi] and the parity
// of the capitals (0 even, 1 odd). U+0130, U+0131, U+0138 and U+0149 have no simple folding in Go.
// prettier-ignore
const PAIRED_ROWS: StaticArray<i32> = [
  0x100, 0x12f, 0, 0x132, 0x137, 0, 0x139, 0x148, 1, 0x14a, 0x177, 0, 0x179, 0x17e, 1,
];

/** Adds [lo, hi] and every rune that folds to a rune in it. */
export function rangesAddFolded(list: usize, lo: i32, hi: i32): void {
  rangesAdd(list, lo, hi);
  for (let row = 0; row < FOLD_ROWS.length; row += 3) {
    const from = max(lo, FOLD_ROWS[row]);
    const to = min(hi, FOLD_ROWS[row + 1]);
    if (from <= to) rangesAdd(list, from + FOLD_ROWS[row + 2], to + FOLD_ROWS[row + 2]);
  }
  for (let row = 0; row < PAIRED_ROWS.length; row += 3) {
    const from = max(lo, PAIRED_ROWS[row]);
    const to = min(hi, PAIRED_ROWS[row + 1]);
    for (let r = from; r <= to; r++) {
      const isCapital = (r & 1) == PAIRED_ROWS[row + 2];
      const partner = isCapital ? r + 1 : r - 1;
      rangesAdd(list, partner, partner);
    }
  }
}

// Perl classes, as Go's regexp/syntax defines them (ASCII only).
export function rangesAddDigit(list: usize): void {
  rangesAdd(list, 0x30, 0x39);
}

export function rangesAddSpace(list: usize): void {
  rangesAdd(list, 0x09, 0x0a);
  rangesAdd(list, 0x0c, 0x0d);
  rangesAdd(list, 0x20, 0x20);
}

export function rangesAddWord(list: usize): void {
  rangesAdd(list, 0x30, 0x39);
  rangesAdd(list, 0x41, 0x5a);
  rangesAdd(list, 0x5f, 0x5f);
  rangesAdd(list, 0x61, 0x7a);
}

/** Adds the class named by Perl escape letter d, s or w (lowercase); false for any other letter. */
export function rangesAddPerl(list: usize, letter: i32): bool {
  if (letter == 0x64) rangesAddDigit(list);
  else if (letter == 0x73) rangesAddSpace(list);
  else if (letter == 0x77) rangesAddWord(list);
  else return false;
  return true;
}

function nameIs(ptr: usize, len: i32, name: string): bool {
  if (len != name.length) return false;
  for (let i = 0; i < len; i++) {
    if (<i32>load<u8>(ptr + <usize>i) != name.charCodeAt(i)) return false;
  }
  return true;
}

/** Adds the POSIX class [:name:] (ASCII, as Go defines it); false for an unknown name. */
export function rangesAddPosix(list: usize, namePtr: usize, nameLen: i32): bool {
  if (nameIs(namePtr, nameLen, "alnum")) {
    rangesAdd(list, 0x30, 0x39);
    rangesAdd(list, 0x41, 0x5a);
    rangesAdd(list, 0x61, 0x7a);
  } else if (nameIs(namePtr, nameLen, "alpha")) {
    rangesAdd(list, 0x41, 0x5a);
    rangesAdd(list, 0x61, 0x7a);
  } else if (nameIs(namePtr, nameLen, "ascii")) rangesAdd(list, 0, 0x7f);
  else if (nameIs(namePtr, nameLen, "blank")) {
    rangesAdd(list, 0x09, 0x09);
    rangesAdd(list, 0x20, 0x20);
  } else if (nameIs(namePtr, nameLen, "cntrl")) {
    rangesAdd(list, 0, 0x1f);
    rangesAdd(list, 0x7f, 0x7f);
  } else if (nameIs(namePtr, nameLen, "digit")) rangesAdd(list, 0x30, 0x39);
  else if (nameIs(namePtr, nameLen, "graph")) rangesAdd(list, 0x21, 0x7e);
  else if (nameIs(namePtr, nameLen, "lower")) rangesAdd(list, 0x61, 0x7a);
  else if (nameIs(namePtr, nameLen, "print")) rangesAdd(list, 0x20, 0x7e);
  else if (nameIs(namePtr, nameLen, "punct")) {
    rangesAdd(list, 0x21, 0x2f);
    rangesAdd(list, 0x3a, 0x40);
    rangesAdd(list, 0x5b, 0x60);
    rangesAdd(list, 0x7b, 0x7e);
  } else if (nameIs(namePtr, nameLen, "space")) {
    rangesAdd(list, 0x09, 0x0d);
    rangesAdd(list, 0x20, 0x20);
  } else if (nameIs(namePtr, nameLen, "upper")) rangesAdd(list, 0x41, 0x5a);
  else if (nameIs(namePtr, nameLen, "word")) rangesAddWord(list);
  else if (nameIs(namePtr, nameLen, "xdigit")) {
    rangesAdd(list, 0x30, 0x39);
    rangesAdd(list, 0x41, 0x46);
    rangesAdd(list, 0x61, 0x66);
  } else return false;
  return true;
}
