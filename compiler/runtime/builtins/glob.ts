// glob.match and glob.quote_meta with the semantics of gobwas/glob, which OPA uses. A glob is
// translated into an anchored RE2 expression for the engine in ../regex:
//   *  -> [^<delimiters>]*     ** -> any text     ? -> [^<delimiters>]
//   [abc] [!abc] [a-z] [!a-z]  -> one rune in (or not in) the list/range, delimiters included
//   {a,b,...}                  -> (?:a|b|...), alternatives being globs themselves
//   \c                         -> c literally
import {
  T_ARRAY,
  T_NULL,
  T_STRING,
  arrayGet,
  arrayLen,
  makeBool,
  stringLen,
  stringPtr,
  typeOf,
} from "../value";
import { builtinError, typeError } from "../errors";
import { bufAppendAS, bufAppendByte, bufAppendString, bufNew, bufToString } from "../buffer";
import { elementTypeError, requireString } from "./operands";
import { regexCompile, regexMatches } from "../regex/regex";
import { decodeRune, decodedWidth } from "../regex/utf8";
import { KIND_GLOB, cachePattern, cachedPattern } from "../regex/cache";
import { bytesEqual } from "./utf8";

const FNAME = "glob.match";

// Translation state: the glob being read and the regex being written.
let glob: usize = 0;
let globLen: i32 = 0;
let at: i32 = 0;
let out: usize = 0;
// The regex text for "one rune that is not a delimiter".
let notDelimiter: usize = 0;
// Why the translation failed ("" while it has not).
let globError: string = "";

const HEX_DIGITS = "0123456789abcdef";

function appendRuneEscape(b: usize, r: i32): void {
  bufAppendAS(b, "\\x{");
  let shift = 20;
  while (shift > 0 && r >> shift == 0) shift -= 4;
  for (; shift >= 0; shift -= 4) bufAppendByte(b, HEX_DIGITS.charCodeAt((r >> shift) & 15));
  bufAppendByte(b, 0x7d);
}

function peek(): i32 {
  return at < globLen ? <i32>load<u8>(glob + <usize>at) : -1;
}

function readRune(): i32 {
  if (at >= globLen) return -1;
  const r = decodeRune(glob, globLen, at);
  at += decodedWidth;
  return r;
}

function failGlob(message: string): void {
  if (globError.length == 0) globError = message;
}

/** Translates glob text up to the end, or inside {...} up to the next ',' or '}' (left unread). */
function translateSequence(inTerms: bool): void {
  while (at < globLen && globError.length == 0) {
    const c = peek();
    if (inTerms && (c == 0x2c || c == 0x7d)) return;
    if (c == 0x2a) {
      at++;
      if (peek() == 0x2a) {
        at++;
        bufAppendAS(out, "(?s:.)*");
      } else {
        bufAppendAS(out, "(?:");
        appendNotDelimiter();
        bufAppendAS(out, ")*");
      }
    } else if (c == 0x3f) {
      at++;
      appendNotDelimiter();
    } else if (c == 0x5b) {
      at++;
      translateRange();
    } else if (c == 0x7b) {
      at++;
      translateTerms();
    } else if (c == 0x5c) {
      at++;
      const r = readRune();
      if (r < 0) failGlob("unexpected end of input");
      else appendRuneEscape(out, r);
    } else appendRuneEscape(out, readRune());
  }
}

function appendNotDelimiter(): void {
  if (notDelimiter == 0) bufAppendAS(out, "(?s:.)");
  else bufAppendString(out, notDelimiter);
}

/** {a,b,...} after the '{'. */
function translateTerms(): void {
  bufAppendAS(out, "(?:");
  while (true) {
    translateSequence(true);
    if (globError.length != 0) return;
    const c = peek();
    if (c < 0) {
      failGlob("unexpected end of input");
      return;
    }
    at++;
    if (c == 0x7d) break;
    bufAppendByte(out, 0x7c);
  }
  bufAppendByte(out, 0x29);
}

/**
 * [...] after the '[', read as gobwas/glob's lexer does: an optional '!', then either one range lo-hi
 * or a non-empty list of runes (backslash escapes allowed), then ']'.
 */
function translateRange(): void {
  let negate = false;
  if (peek() == 0x21) {
    negate = true;
    at++;
  }
  const first = readRune();
  if (first < 0) {
    failGlob("unexpected end of input");
    return;
  }
  bufAppendAS(out, negate ? "[^" : "[");
  if (peek() == 0x2d) {
    at++;
    const hi = readRune();
    if (hi < 0) {
      failGlob("unexpected end of input");
      return;
    }
    if (hi < first) failGlob("hi character should be greater than lo character");
    appendRuneEscape(out, first);
    bufAppendByte(out, 0x2d);
    appendRuneEscape(out, hi);
  } else {
    at -= decodedWidth; // the first rune starts the list: read it again as text
    if (first == 0x5d) failGlob("could not parse range");
    while (at < globLen && peek() != 0x5d) {
      let r = readRune();
      if (r == 0x5c) {
        r = readRune();
        if (r < 0) {
          failGlob("unexpected end of input");
          return;
        }
      }
      appendRuneEscape(out, r);
    }
  }
  const close = readRune();
  if (close < 0) failGlob("unexpected end of input");
  else if (close != 0x5d) failGlob("expected close range character");
  bufAppendByte(out, 0x5d);
}

/** The delimiters operand: null means none; an empty array means the default, "." (as OPA). */
function prepareDelimiters(delimiters: usize): void {
  notDelimiter = 0;
  const type = typeOf(delimiters);
  if (type == T_NULL) return;
  if (type != T_ARRAY) {
    typeError(FNAME, 2, "one of {array, null}", delimiters);
    return;
  }
  const n = arrayLen(delimiters);
  const b = bufNew(16 + n * 8);
  bufAppendAS(b, "[^");
  if (n == 0) bufAppendByte(b, 0x2e);
  for (let i = 0; i < n; i++) {
    const d = arrayGet(delimiters, i);
    if (typeOf(d) != T_STRING) elementTypeError(FNAME, 2, delimiters, "string", d);
    // Like OPA's rune-slice operand, a delimiter that is not exactly one rune counts as NUL.
    let r = 0;
    const len = stringLen(d);
    if (len > 0) {
      r = decodeRune(stringPtr(d), len, 0);
      if (decodedWidth != len) r = 0;
    }
    appendRuneEscape(b, r);
  }
  bufAppendByte(b, 0x5d);
  notDelimiter = bufToString(b);
}

export function builtin_glob_match(pattern: usize, delimiters: usize, match: usize): usize {
  requireString(FNAME, 1, pattern);
  requireString(FNAME, 3, match);
  prepareDelimiters(delimiters);
  if (isPlainAscii(pattern)) {
    const len = stringLen(pattern);
    return makeBool(len == stringLen(match) && bytesEqual(stringPtr(pattern), stringPtr(match), len));
  }
  // The delimiters' class text is the part of the cache key besides the pattern; "" stands for null.
  const extraPtr = notDelimiter == 0 ? 0 : stringPtr(notDelimiter);
  const extraLen = notDelimiter == 0 ? 0 : stringLen(notDelimiter);
  let re = cachedPattern(KIND_GLOB, stringPtr(pattern), stringLen(pattern), extraPtr, extraLen);
  if (re == 0) {
    re = compileGlob(pattern);
    cachePattern(KIND_GLOB, stringPtr(pattern), stringLen(pattern), extraPtr, extraLen, re);
  }
  return makeBool(regexMatches(re, stringPtr(match), stringLen(match)));
}

/**
 * Whether the glob is ASCII text without the meta characters * ? [ { \ (']', '}' and ',' are text
 * outside ranges and braces): it then matches exactly the same bytes, whatever the delimiters. Non-
 * ASCII patterns take the regex path, which reads invalid UTF-8 as U+FFFD as gobwas/glob does.
 */
function isPlainAscii(pattern: usize): bool {
  const ptr = stringPtr(pattern);
  const len = stringLen(pattern);
  for (let i = 0; i < len; i++) {
    const c = load<u8>(ptr + <usize>i);
    if (c >= 0x80 || c == 0x2a || c == 0x3f || c == 0x5b || c == 0x7b || c == 0x5c) return false;
  }
  return true;
}

/** The glob translated to a regex (with the delimiters prepared) and compiled; aborts when invalid. */
function compileGlob(pattern: usize): usize {
  glob = stringPtr(pattern);
  globLen = stringLen(pattern);
  at = 0;
  globError = "";
  out = bufNew(globLen * 8 + 16);
  bufAppendAS(out, "\\A(?:");
  translateSequence(false);
  if (globError.length != 0) builtinError(FNAME, globError);
  bufAppendAS(out, ")\\z");
  const regex = bufToString(out);
  const re = regexCompile(stringPtr(regex), stringLen(regex));
  if (re == 0) builtinError(FNAME, "could not compile pattern");
  return re;
}

/**
 * glob.quote_meta: escapes gobwas/glob's meta characters * ? \ [ ] { } with a backslash; not `,`,
 * which is special only inside the braces that are escaped.
 */
export function builtin_glob_quote_meta(pattern: usize): usize {
  requireString("glob.quote_meta", 1, pattern);
  const ptr = stringPtr(pattern);
  const len = stringLen(pattern);
  const b = bufNew(len * 2);
  for (let i = 0; i < len; i++) {
    const c = <i32>load<u8>(ptr + <usize>i);
    if (c == 0x2a || c == 0x3f || c == 0x5c || c == 0x5b || c == 0x5d || c == 0x7b || c == 0x7d) {
      bufAppendByte(b, 0x5c);
    }
    bufAppendByte(b, c);
  }
  return bufToString(b);
}
