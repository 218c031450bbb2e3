// Recursive-descent parser for RE2 syntax (Go's regexp/syntax with the Perl flags OPA compiles with),
// producing the parse tree of ast.ts. On a syntax error it returns 0 and leaves Go's error code and the
// offending text in parseErrorCode / parseErrorStart / parseErrorEnd.
import {
  A_BEGIN_LINE,
  A_BEGIN_TEXT,
  A_END_LINE,
  A_END_TEXT,
  A_NOT_WORD_BOUNDARY,
  A_WORD_BOUNDARY,
  N_ALTERNATE,
  N_ANY,
  N_ANY_NOT_NL,
  N_ASSERT,
  N_CAPTURE,
  N_CLASS,
  N_CONCAT,
  N_EMPTY,
  N_LITERAL,
  N_REPEAT,
  newNode,
  nodeFromList,
  nodeListAdd,
  nodeListNew,
} from "./ast";
import {
  rangeHi,
  rangeLo,
  rangesAdd,
  rangesAddAll,
  rangesAddFolded,
  rangesAddPerl,
  rangesAddPosix,
  rangesLen,
  rangesNegated,
  rangesNew,
  rangesNormalize,
  rangesPairs,
} from "./charclass";
import { RUNE_ERROR, decodeRune, decodedWidth } from "./utf8";

// Go's error codes (regexp/syntax ErrorCode strings).
export const ERR_INVALID_CHAR_RANGE = "invalid character class range";
export const ERR_INVALID_ESCAPE = "invalid escape sequence";
export const ERR_INVALID_NAMED_CAPTURE = "invalid named capture";
export const ERR_INVALID_PERL_OP = "invalid or unsupported Perl syntax";
export const ERR_INVALID_REPEAT_OP = "invalid nested repetition operator";
export const ERR_INVALID_REPEAT_SIZE = "invalid repeat count";
export const ERR_INVALID_UTF8 = "invalid UTF-8";
export const ERR_MISSING_BRACKET = "missing closing ]";
export const ERR_MISSING_PAREN = "missing closing )";
export const ERR_MISSING_REPEAT_ARGUMENT = "missing argument to repetition operator";
export const ERR_TRAILING_BACKSLASH = "trailing backslash at end of expression";
export const ERR_UNEXPECTED_PAREN = "unexpected )";
export const ERR_NESTING_DEPTH = "expression nests too deeply";

export let parseErrorCode: string = "";
export let parseErrorStart: i32 = 0;
export let parseErrorEnd: i32 = 0;

/** Number of capture groups of the last parse. */
export let parsedGroupCount: i32 = 0;
/** Pairs (name ptr, name length) per group, index = group - 1; (0, 0) for unnamed groups. */
export let parsedGroupNames: usize = 0;

const MAX_REPEAT = 1000;
const MAX_NESTING = 1000;

const FLAG_FOLD_CASE = 1; // (?i)
const FLAG_MULTI_LINE = 2; // (?m)
const FLAG_DOT_NL = 4; // (?s)
const FLAG_UNGREEDY = 8; // (?U)

// What an atom that produces no node yields: a flags group such as (?i), or an empty \Q\E.
const FLAGS_ONLY: usize = 1;

// Set by parseQuoted: literal runes to insert before the atom it returns.
let quotedPrefix: usize = 0;

let src: usize = 0;
let srcLen: i32 = 0;
let pos: i32 = 0;
let flags: i32 = 0;

function fail(code: string, start: i32, end: i32): usize {
  if (parseErrorCode.length == 0) {
    parseErrorCode = code;
    parseErrorStart = start;
    parseErrorEnd = min(end, srcLen);
  }
  return 0;
}

function failed(): bool {
  return parseErrorCode.length != 0;
}

function peekAt(at: i32): i32 {
  return at < srcLen ? <i32>load<u8>(src + <usize>at) : -1;
}

function isDigit(c: i32): bool {
  return c >= 0x30 && c <= 0x39;
}

function isAlnum(c: i32): bool {
  return isDigit(c) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

function isWordChar(c: i32): bool {
  return isAlnum(c) || c == 0x5f;
}

function hexValue(c: i32): i32 {
  if (isDigit(c)) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return -1;
}

/** Parses the whole pattern; 0 on error. */
export function parseRegex(ptr: usize, len: i32): usize {
  src = ptr;
  srcLen = len;
  pos = 0;
  flags = 0;
  quotedPrefix = 0;
  parseErrorCode = "";
  parsedGroupCount = 0;
  parsedGroupNames = rangesNew();
  const tree = parseAlternation(0);
  if (failed()) return 0;
  if (pos < srcLen) return fail(ERR_UNEXPECTED_PAREN, 0, srcLen); // only a ')' stops the top level early
  return tree;
}

function parseAlternation(depth: i32): usize {
  if (depth > MAX_NESTING) return fail(ERR_NESTING_DEPTH, 0, srcLen);
  const branches = nodeListNew();
  nodeListAdd(branches, parseConcat(depth));
  while (!failed() && peekAt(pos) == 0x7c) {
    pos++;
    nodeListAdd(branches, parseConcat(depth));
  }
  return failed() ? 0 : nodeFromList(N_ALTERNATE, branches);
}

function parseConcat(depth: i32): usize {
  const items = nodeListNew();
  while (pos < srcLen) {
    const c = peekAt(pos);
    if (c == 0x7c || c == 0x29) break;
    let atom = parseAtom(depth);
    if (failed()) return 0;
    if (atom == FLAGS_ONLY) continue;
    if (quotedPrefix != 0) {
      nodeListAdd(items, quotedPrefix);
      quotedPrefix = 0;
    }
    atom = parseRepeats(atom);
    if (failed()) return 0;
    nodeListAdd(items, atom);
  }
  return nodeFromList(N_CONCAT, items);
}

// Result of scanRepeatBraces: the bounds and the position after the closing brace.
let braceMin: i32 = 0;
let braceMax: i32 = 0;
let braceEnd: i32 = 0;

function scanNumber(at: i32): i32 {
  // Returns the value of the digits at `at` (capped) and leaves the end position in braceEnd.
  let value = 0;
  let i = at;
  while (isDigit(peekAt(i))) {
    if (value < 100000) value = value * 10 + (peekAt(i) - 0x30);
    i++;
  }
  braceEnd = i;
  return i == at ? -1 : value;
}

/** Whether `{n}`, `{n,}` or `{n,m}` starts at `at`; a brace that is not one of these is a literal. */
function scanRepeatBraces(at: i32): bool {
  if (peekAt(at) != 0x7b) return false;
  braceMin = scanNumber(at + 1);
  if (braceMin < 0) return false;
  let i = braceEnd;
  if (peekAt(i) == 0x2c) {
    i++;
    if (peekAt(i) == 0x7d) braceMax = -1;
    else {
      braceMax = scanNumber(i);
      if (braceMax < 0) return false;
      i = braceEnd;
    }
  } else braceMax = braceMin;
  if (peekAt(i) != 0x7d) return false;
  braceEnd = i + 1;
  return true;
}

function isRepeatOperatorAt(at: i32): bool {
  const c = peekAt(at);
  return c == 0x2a || c == 0x2b || c == 0x3f || scanRepeatBraces(at);
}

function parseRepeats(atom: usize): usize {
  let repeated = false;
  let lastOpStart = 0;
  while (isRepeatOperatorAt(pos)) {
    const opStart = pos;
    // Go rejects stacked operators (a**, a+?*, a{2}{3}): they are not a doubled repetition.
    if (repeated) return fail(ERR_INVALID_REPEAT_OP, lastOpStart, pos + 1);
    const c = peekAt(pos);
    let lo = 0;
    let hi = -1;
    if (c == 0x2a) pos++;
    else if (c == 0x2b) {
      lo = 1;
      pos++;
    } else if (c == 0x3f) {
      hi = 1;
      pos++;
    } else {
      scanRepeatBraces(pos);
      lo = braceMin;
      hi = braceMax;
      pos = braceEnd;
      if (lo > MAX_REPEAT || hi > MAX_REPEAT || (hi >= 0 && lo > hi)) {
        return fail(ERR_INVALID_REPEAT_SIZE, opStart, pos);
      }
    }
    let greedy = true;
    if (peekAt(pos) == 0x3f) {
      greedy = false;
      pos++;
    }
    if (flags & FLAG_UNGREEDY) greedy = !greedy;
    atom = newNode(N_REPEAT, lo, hi, greedy ? 1 : 0, atom);
    repeated = true;
    lastOpStart = opStart;
  }
  return atom;
}

function literalNode(r: i32): usize {
  if (flags & FLAG_FOLD_CASE) {
    const list = rangesNew();
    rangesAddFolded(list, r, r);
    rangesNormalize(list);
    if (rangesLen(list) > 1 || rangeLo(rangesPairs(list), 0) != rangeHi(rangesPairs(list), 0)) {
      return newNode(N_CLASS, <i32>rangesPairs(list), rangesLen(list), 0, 0);
    }
  }
  return newNode(N_LITERAL, r, 0, 0, 0);
}

function classNode(list: usize): usize {
  return newNode(N_CLASS, <i32>rangesPairs(list), rangesLen(list), 0, 0);
}

function perlClassNode(letter: i32): usize {
  const lower = letter | 0x20;
  const list = rangesNew();
  rangesAddPerl(list, lower);
  rangesNormalize(list);
  return classNode(lower == letter ? list : rangesNegated(list));
}

function parseAtom(depth: i32): usize {
  const start = pos;
  const c = peekAt(pos);
  if (c == 0x28) return parseGroup(depth);
  if (c == 0x5b) return parseClass();
  if (c == 0x2a || c == 0x2b || c == 0x3f) return fail(ERR_MISSING_REPEAT_ARGUMENT, start, start + 1);
  if (c == 0x7b && scanRepeatBraces(pos)) return fail(ERR_MISSING_REPEAT_ARGUMENT, start, braceEnd);
  if (c == 0x2e) {
    pos++;
    return newNode(flags & FLAG_DOT_NL ? N_ANY : N_ANY_NOT_NL, 0, 0, 0, 0);
  }
  if (c == 0x5e) {
    pos++;
    return newNode(N_ASSERT, flags & FLAG_MULTI_LINE ? A_BEGIN_LINE : A_BEGIN_TEXT, 0, 0, 0);
  }
  if (c == 0x24) {
    pos++;
    return newNode(N_ASSERT, flags & FLAG_MULTI_LINE ? A_END_LINE : A_END_TEXT, 0, 0, 0);
  }
  if (c == 0x5c) return parseEscapeAtom();
  const r = decodeRune(src, srcLen, pos);
  if (r == RUNE_ERROR && decodedWidth == 1) return fail(ERR_INVALID_UTF8, start, start + 1);
  pos += decodedWidth;
  return literalNode(r);
}

function parseEscapeAtom(): usize {
  const start = pos;
  const c = peekAt(pos + 1);
  if (c == 0x41 || c == 0x7a || c == 0x62 || c == 0x42) {
    pos += 2;
    let condition = A_BEGIN_TEXT;
    if (c == 0x7a) condition = A_END_TEXT;
    else if (c == 0x62) condition = A_WORD_BOUNDARY;
    else if (c == 0x42) condition = A_NOT_WORD_BOUNDARY;
    return newNode(N_ASSERT, condition, 0, 0, 0);
  }
  if (c == 0x43) {
    pos += 2;
    return newNode(N_ANY, 0, 0, 0, 0);
  }
  if (c == 0x64 || c == 0x44 || c == 0x73 || c == 0x53 || c == 0x77 || c == 0x57) {
    pos += 2;
    return perlClassNode(c);
  }
  if (c == 0x70 || c == 0x50) return fail(ERR_INVALID_CHAR_RANGE, start, start + 2); // Unicode classes: unsupported
  if (c == 0x51) return parseQuoted();
  const r = parseEscapedRune();
  return failed() ? 0 : literalNode(r);
}

/**
 * \Q...\E: everything up to \E (or the end) is literal text. A repetition after it applies to the last
 * rune only, so that rune is returned as the atom and the runes before it are left in quotedPrefix.
 */
function parseQuoted(): usize {
  pos += 2;
  const prefix = nodeListNew();
  let last: usize = 0;
  while (pos < srcLen) {
    if (peekAt(pos) == 0x5c && peekAt(pos + 1) == 0x45) {
      pos += 2;
      break;
    }
    const r = decodeRune(src, srcLen, pos);
    if (r == RUNE_ERROR && decodedWidth == 1) return fail(ERR_INVALID_UTF8, pos, pos + 1);
    pos += decodedWidth;
    if (last != 0) nodeListAdd(prefix, last);
    last = literalNode(r);
  }
  quotedPrefix = rangesLen(prefix) > 0 ? nodeFromList(N_CONCAT, prefix) : 0;
  return last == 0 ? FLAGS_ONLY : last;
}

/** The rune denoted by the escape at pos (a backslash), which is consumed; -1 after an error. */
function parseEscapedRune(): i32 {
  const start = pos;
  const c = peekAt(pos + 1);
  if (c < 0) {
    fail(ERR_TRAILING_BACKSLASH, start, srcLen);
    return -1;
  }
  pos += 2;
  if (c >= 0x31 && c <= 0x37 && !(peekAt(pos) >= 0x30 && peekAt(pos) <= 0x37)) {
    // A single non-zero digit would be a backreference, which RE2 does not support.
    fail(ERR_INVALID_ESCAPE, start, pos);
    return -1;
  }
  if (c >= 0x30 && c <= 0x37) {
    let r = c - 0x30;
    for (let i = 0; i < 2 && peekAt(pos) >= 0x30 && peekAt(pos) <= 0x37; i++) {
      r = r * 8 + (peekAt(pos) - 0x30);
      pos++;
    }
    return r;
  }
  if (c == 0x78) return parseHexEscape(start);
  if (c == 0x61) return 7;
  if (c == 0x66) return 12;
  if (c == 0x6e) return 10;
  if (c == 0x72) return 13;
  if (c == 0x74) return 9;
  if (c == 0x76) return 11;
  if (c < 0x80 && !isAlnum(c)) return c; // escaped punctuation stands for itself
  // The offending escape is reported with its whole (possibly multi-byte) rune.
  if (c >= 0x80) {
    decodeRune(src, srcLen, start + 1);
    pos = start + 1 + decodedWidth;
  }
  fail(ERR_INVALID_ESCAPE, start, pos);
  return -1;
}

function parseHexEscape(start: i32): i32 {
  if (peekAt(pos) == 0x7b) {
    pos++;
    let r = 0;
    let digits = 0;
    while (hexValue(peekAt(pos)) >= 0) {
      r = r * 16 + hexValue(peekAt(pos));
      if (r > 0x10ffff) break;
      digits++;
      pos++;
    }
    if (digits == 0 || r > 0x10ffff || peekAt(pos) != 0x7d) {
      fail(ERR_INVALID_ESCAPE, start, pos + 1);
      return -1;
    }
    pos++;
    return r;
  }
  const hi = hexValue(peekAt(pos));
  const lo = hexValue(peekAt(pos + 1));
  if (hi < 0 || lo < 0) {
    fail(ERR_INVALID_ESCAPE, start, pos + 2);
    return -1;
  }
  pos += 2;
  return hi * 16 + lo;
}

function parseGroup(depth: i32): usize {
  const start = pos;
  pos++;
  let groupIndex = 0;
  let namePtr: usize = 0;
  let nameLen = 0;
  const savedFlags = flags;
  if (peekAt(pos) == 0x3f) {
    const c1 = peekAt(pos + 1);
    const c2 = peekAt(pos + 2);
    if ((c1 == 0x50 && c2 == 0x3c) || (c1 == 0x3c && c2 != 0x3d && c2 != 0x21)) {
      // (?P<name>re) or (?<name>re)
      pos += c1 == 0x50 ? 3 : 2;
      const nameStart = pos;
      while (pos < srcLen && peekAt(pos) != 0x3e) pos++;
      if (pos >= srcLen) return fail(ERR_INVALID_NAMED_CAPTURE, start, srcLen);
      namePtr = src + <usize>nameStart;
      nameLen = pos - nameStart;
      pos++;
      if (!validGroupName(namePtr, nameLen)) return fail(ERR_INVALID_NAMED_CAPTURE, start, pos);
      if (groupNamed(namePtr, nameLen)) return fail("duplicate capture group name", start, pos);
      groupIndex = ++parsedGroupCount;
    } else {
      const opensGroup = parseFlags(start);
      if (failed()) return 0;
      if (!opensGroup) return FLAGS_ONLY;
    }
  } else groupIndex = ++parsedGroupCount;
  if (groupIndex > 0) rangesAdd(parsedGroupNames, <i32>namePtr, nameLen);
  const body = parseAlternation(depth + 1);
  if (failed()) return 0;
  if (peekAt(pos) != 0x29) return fail(ERR_MISSING_PAREN, 0, srcLen);
  pos++;
  flags = savedFlags;
  return groupIndex > 0 ? newNode(N_CAPTURE, groupIndex, 0, 0, body) : body;
}

function validGroupName(ptr: usize, len: i32): bool {
  if (len == 0) return false;
  for (let i = 0; i < len; i++) {
    if (!isWordChar(<i32>load<u8>(ptr + <usize>i))) return false;
  }
  return true;
}

function groupNamed(ptr: usize, len: i32): bool {
  const pairs = rangesPairs(parsedGroupNames);
  for (let g = 0; g < rangesLen(parsedGroupNames); g++) {
    if (rangeHi(pairs, g) == len && memory.compare(<usize>rangeLo(pairs, g), ptr, <usize>len) == 0)
      return true;
  }
  return false;
}

/**
 * Parses the flags of (?flags) or (?flags:re) with pos on the '?'. Returns true when a group body follows
 * (the ':' form); the flags then apply to that group only, else to the rest of the enclosing group.
 */
function parseFlags(start: i32): bool {
  pos++;
  let negated = false;
  let sawFlag = false;
  let set = flags;
  while (pos < srcLen) {
    const c = peekAt(pos);
    pos++;
    let bit = 0;
    if (c == 0x69) bit = FLAG_FOLD_CASE;
    else if (c == 0x6d) bit = FLAG_MULTI_LINE;
    else if (c == 0x73) bit = FLAG_DOT_NL;
    else if (c == 0x55) bit = FLAG_UNGREEDY;
    if (bit != 0) {
      set = negated ? set & ~bit : set | bit;
      sawFlag = true;
      continue;
    }
    if (c == 0x2d && !negated) {
      negated = true;
      sawFlag = false;
      continue;
    }
    if ((c == 0x3a || c == 0x29) && !(negated && !sawFlag)) {
      flags = set;
      return c == 0x3a;
    }
    break;
  }
  fail(ERR_INVALID_PERL_OP, start, pos);
  return false;
}

function parseClass(): usize {
  const start = pos;
  pos++;
  const list = rangesNew();
  let negate = false;
  if (peekAt(pos) == 0x5e) {
    negate = true;
    pos++;
  }
  let first = true; // a ']' right after '[' or '[^' is a literal
  while (true) {
    if (pos >= srcLen) return fail(ERR_MISSING_BRACKET, start, srcLen);
    const c = peekAt(pos);
    if (c == 0x5d && !first) {
      pos++;
      break;
    }
    first = false;
    if (c == 0x5b && peekAt(pos + 1) == 0x3a && parsePosixClass(list)) continue;
    if (failed()) return 0;
    if (c == 0x5c) {
      const letter = peekAt(pos + 1);
      const lower = letter | 0x20;
      if (lower == 0x64 || lower == 0x73 || lower == 0x77) {
        pos += 2;
        addPerlClass(list, letter);
        continue;
      }
      if (lower == 0x70) return fail(ERR_INVALID_CHAR_RANGE, pos, pos + 2); // Unicode classes: unsupported
    }
    const itemStart = pos;
    const lo = parseClassChar(start);
    if (failed()) return 0;
    let hi = lo;
    if (peekAt(pos) == 0x2d && pos + 1 < srcLen && peekAt(pos + 1) != 0x5d) {
      pos++;
      hi = parseClassChar(start);
      if (failed()) return 0;
      if (hi < lo) return fail(ERR_INVALID_CHAR_RANGE, itemStart, pos);
    }
    if (flags & FLAG_FOLD_CASE) rangesAddFolded(list, lo, hi);
    else rangesAdd(list, lo, hi);
  }
  rangesNormalize(list);
  return classNode(negate ? rangesNegated(list) : list);
}

function addPerlClass(list: usize, letter: i32): void {
  const lower = letter | 0x20;
  if (lower == letter) {
    rangesAddPerl(list, lower);
    return;
  }
  const positive = rangesNew();
  rangesAddPerl(positive, lower);
  rangesNormalize(positive);
  rangesAddAll(list, rangesNegated(positive));
}

/** [:name:] or [:^name:] inside a class; false (nothing consumed) when the text has no closing ":]". */
function parsePosixClass(list: usize): bool {
  let end = pos + 2;
  while (end + 1 < srcLen && !(peekAt(end) == 0x3a && peekAt(end + 1) == 0x5d)) end++;
  if (end + 1 >= srcLen) return false;
  let nameStart = pos + 2;
  const negate = peekAt(nameStart) == 0x5e;
  if (negate) nameStart++;
  const positive = rangesNew();
  if (!rangesAddPosix(positive, src + <usize>nameStart, end - nameStart)) {
    fail(ERR_INVALID_CHAR_RANGE, pos, end + 2);
    return false;
  }
  rangesNormalize(positive);
  rangesAddAll(list, negate ? rangesNegated(positive) : positive);
  pos = end + 2;
  return true;
}

function parseClassChar(classStart: i32): i32 {
  if (pos >= srcLen) {
    fail(ERR_MISSING_BRACKET, classStart, srcLen);
    return -1;
  }
  if (peekAt(pos) == 0x5c) return parseEscapedRune();
  const r = decodeRune(src, srcLen, pos);
  if (r == RUNE_ERROR && decodedWidth == 1) {
    fail(ERR_INVALID_UTF8, pos, pos + 1);
    return -1;
  }
  pos += decodedWidth;
  return r;
}
