// Intersection of two "globs" for regex.globs_match, with the syntax and semantics of the library OPA
// uses (yashtewari/glob-intersection): a glob is a sequence of tokens -- a character, '.' (any
// character) or a set [abc] / [a-z] (escapes allowed, no negation) -- each optionally followed by '+'
// or '*'. Two globs intersect when some string matches both; we decide it by a breadth-first search
// over pairs of positions, which is linear in the product of the glob lengths.
import { alloc } from "../alloc";
import { rangeHi, rangeLo, rangesAdd, rangesLen, rangesNew, rangesNormalize, rangesPairs } from "./charclass";
import { MAX_RUNE, decodeRune, decodedWidth } from "./utf8";

// A token is {pairs: usize, count: i32, repeats: i32} (12 bytes): its characters as sorted ranges, and
// 1 when it may be repeated any number of times (x* directly; x+ is expanded to x x*).
const TOKEN_SIZE: usize = 12;

// Why the last globTokens returned 0, in the library's words, and the rune position it names.
export let globsErrorMessage: string = "";
export let globsErrorPosition: i32 = 0;

let runes: usize = 0; // the glob decoded into i32 runes
let runeCount: i32 = 0;
let at: i32 = 0;
let escaped: bool = false;

function fail(message: string, position: i32): usize {
  globsErrorMessage = message;
  globsErrorPosition = position;
  return 0;
}

function runeAt(i: i32): i32 {
  return load<i32>(runes + ((<usize>i) << 2));
}

/** Reads the rune at `at` honouring a backslash escape; -1 at the end, -2 for a trailing backslash. */
function nextRune(): i32 {
  if (at >= runeCount) return -1;
  const r = runeAt(at);
  if (r != 0x5c) {
    escaped = false;
    at++;
    return r;
  }
  if (at == runeCount - 1) return -2;
  escaped = true;
  at += 2;
  return runeAt(at - 1);
}

function isFlag(r: i32): bool {
  return r == 0x2b || r == 0x2a;
}

/** Reads a set after its '['. */
function readSet(list: usize): bool {
  let previous = -1;
  while (true) {
    const r = nextRune();
    if (r == -2) return fail("input ends with a \\ (escape) character", at) != 0;
    if (r == -1) return fail("found [ without matching ]", at) != 0;
    if (escaped) {
      rangesAdd(list, r, r);
      previous = r;
    } else if (r == 0x5d) return true;
    else if (r == 0x2d) {
      if (previous < 0) return fail("range character '-' must be preceded by a Unicode character", at) != 0;
      if (at >= runeCount - 1)
        return fail("range character '-' must be followed by a Unicode character", at) != 0;
      const hi = nextRune();
      if (hi == -2) return fail("input ends with a \\ (escape) character", at) != 0;
      if (!escaped && (hi == 0x5d || hi == 0x2d)) {
        return fail("range character '-' cannot be followed by a special symbol", at) != 0;
      }
      if (hi < previous) return fail("range is out of order", at) != 0;
      rangesAdd(list, previous, hi);
      previous = -1;
    } else {
      rangesAdd(list, r, r);
      previous = r;
    }
  }
}

function storeToken(tokens: usize, index: i32, list: usize, repeats: bool): void {
  const token = tokens + <usize>index * TOKEN_SIZE;
  store<usize>(token, rangesPairs(list));
  store<i32>(token, rangesLen(list), 4);
  store<i32>(token, repeats ? 1 : 0, 8);
}

/**
 * Tokenizes the UTF-8 glob at ptr; returns {count: i32, tokens: usize} or 0 on a syntax error
 * (globsErrorMessage). Each '+' token is stored twice: once plain, once repeatable.
 */
export function globTokens(ptr: usize, len: i32): usize {
  runes = alloc(<usize>(len + 1) * 4);
  runeCount = 0;
  for (let i = 0; i < len; i += decodedWidth) {
    store<i32>(runes + ((<usize>runeCount) << 2), decodeRune(ptr, len, i));
    runeCount++;
  }
  at = 0;
  const tokens = alloc(<usize>(runeCount * 2 + 1) * TOKEN_SIZE);
  let count = 0;
  while (true) {
    const r = nextRune();
    if (r == -1) break;
    if (r == -2) return fail("input ends with a \\ (escape) character", at);
    const list = rangesNew();
    if (escaped) rangesAdd(list, r, r);
    else if (r == 0x2e) rangesAdd(list, 0, MAX_RUNE);
    else if (r == 0x5d) return fail("set-close ']' with no preceding '['", at);
    else if (r == 0x5b) {
      if (!readSet(list)) return 0;
      rangesNormalize(list);
    } else if (r == 0x2b) return fail("flag '+' must be preceded by a non-flag", at);
    else if (r == 0x2a) return fail("flag '*' must be preceded by a non-flag", at);
    else rangesAdd(list, r, r);
    // An unescaped '+' or '*' right after the token is its flag.
    let flag = 0;
    if (at < runeCount && isFlag(runeAt(at))) {
      flag = runeAt(at);
      at++;
    }
    if (flag != 0x2a) storeToken(tokens, count++, list, false);
    if (flag != 0) storeToken(tokens, count++, list, true);
  }
  const result = alloc(8);
  store<i32>(result, count);
  store<usize>(result, tokens, 4);
  return result;
}

function tokenAt(glob: usize, i: i32): usize {
  return load<usize>(glob, 4) + <usize>i * TOKEN_SIZE;
}

function tokenRepeats(glob: usize, i: i32): bool {
  return load<i32>(tokenAt(glob, i), 8) != 0;
}

/** Whether two tokens have a character in common (both range lists are sorted and disjoint). */
function tokensOverlap(a: usize, b: usize): bool {
  const pa = load<usize>(a);
  const na = load<i32>(a, 4);
  const pb = load<usize>(b);
  const nb = load<i32>(b, 4);
  let i = 0;
  let j = 0;
  while (i < na && j < nb) {
    if (rangeHi(pa, i) < rangeLo(pb, j)) i++;
    else if (rangeHi(pb, j) < rangeLo(pa, i)) j++;
    else return true;
  }
  return false;
}

/** Whether some string matches both tokenized globs. */
export function globsIntersect(a: usize, b: usize): bool {
  const na = load<i32>(a);
  const nb = load<i32>(b);
  const width = nb + 1;
  const states = (na + 1) * width;
  const seen = alloc(<usize>states);
  memory.fill(seen, 0, <usize>states);
  const queue = alloc(<usize>states * 4);
  let head = 0;
  let tail = 1;
  store<u8>(seen, 1);
  store<i32>(queue, 0);
  while (head < tail) {
    const state = load<i32>(queue + ((<usize>head) << 2));
    head++;
    const i = state / width;
    const j = state % width;
    if (i == na && j == nb) return true;
    // Moves: skip a repeatable token in either glob, or read one character both current tokens accept.
    for (let move = 0; move < 3; move++) {
      let ni = i;
      let nj = j;
      if (move == 0) {
        if (i == na || !tokenRepeats(a, i)) continue;
        ni = i + 1;
      } else if (move == 1) {
        if (j == nb || !tokenRepeats(b, j)) continue;
        nj = j + 1;
      } else {
        if (i == na || j == nb || !tokensOverlap(tokenAt(a, i), tokenAt(b, j))) continue;
        // Reading a character keeps a repeatable token current (it may read more) or moves past it.
        ni = tokenRepeats(a, i) ? i : i + 1;
        nj = tokenRepeats(b, j) ? j : j + 1;
      }
      const next = ni * width + nj;
      if (load<u8>(seen + <usize>next) == 0) {
        store<u8>(seen + <usize>next, 1);
        store<i32>(queue + ((<usize>tail) << 2), next);
        tail++;
      }
    }
  }
  return false;
}
