// glob.match's patterns read as gobwas/glob v1.1 (the version OPA 1.22 links) reads them, into a small
// program that globMatch.ts runs over the text:
//   *        any run of runes but separators        **     any run of runes
//   ?        one rune but a separator               \c     the rune c
//   [abc]    one rune in the list, [!abc] one not in it (separators included; \c allowed in the list)
//   [a-z]    one rune in the range, [!a-z] one out of it (separators included)
//   {a,b,…}  one of the alternatives, which are globs themselves (nested braces included)
// Every other rune stands for itself, ',' and '}' outside braces and ']', '!' and '-' outside brackets
// included.
//
// A malformed pattern aborts with gobwas's message and byte offset. gobwas's lexer reads one item at a
// time — a run of text, a whole [...] class, a '*' and the rune after it, a brace or a comma — and its
// parser reports an error at the offset the lexer has reached when the error shows, so an error inside
// a class (its lexer's) comes before a reversed or empty class (its parser's). The reader below keeps
// those items and that order.

import { alloc } from "../alloc";
import { utf8Decode, utf8LastSize } from "../utf8";
import { abortBuiltin } from "../errors";
import { bufAppendAS, bufAppendI64, bufNew, bufToString } from "../buffer";
import { stringPtr } from "../value";

// Instructions are [op, a, b, c] (i32 each). Execution goes on at the next instruction unless told.
export const OP_RUNE = 0; // a = the rune, b = its UTF-8 width (a text's invalid byte is a U+FFFD of width 1)
export const OP_ONE = 1; // `?`
export const OP_STAR = 2; // `*`: takes a rune but a separator and stays, or goes on without one
export const OP_SUPER = 3; // `**`: takes any rune and stays, or goes on without one
export const OP_RANGE = 4; // a = lo, b = hi, c = 1 when negated
export const OP_SET = 5; // a = address of the runes (i32 each), b = their count, c = 1 when negated
export const OP_FORK = 6; // goes on both at the next instruction and at a
export const OP_JUMP = 7; // goes on at a
export const OP_MATCH = 8; // the end of the pattern; always the last instruction

// A compiled glob: a header, then the instructions.
export const GLOB_COUNT: usize = 0; // number of instructions
export const GLOB_SEPARATORS: usize = 4; // address of the separator runes (i32 each)
export const GLOB_SEPARATOR_COUNT: usize = 8;
export const GLOB_SCRATCH: usize = 12; // the matcher's working memory, 0 until its first run
const HEADER: usize = 16;
const INSTRUCTION_SIZE: usize = 16;

/** Address of instruction `pc` of a compiled glob. */
export function instructionAt(glob: usize, pc: i32): usize {
  return glob + HEADER + <usize>pc * INSTRUCTION_SIZE;
}

const END: i32 = -1;

// Reading state: the pattern, the byte offset reached, and the width of the rune peekRune returned.
let src: usize = 0;
let srcLen: i32 = 0;
let pos: i32 = 0;
let width: i32 = 0;
// Writing state: the glob being built, its instruction count, and where the next class rune goes.
let glob: usize = 0;
let count: i32 = 0;
let classRunes: usize = 0;

/**
 * Compiles `len` bytes of glob at `ptr`; `*` and `?` do not take the `separatorCount` runes at
 * `separators` (kept by reference: they must live as long as the compiled glob).
 */
export function compileGlob(ptr: usize, len: i32, separators: usize, separatorCount: i32): usize {
  src = ptr;
  srcLen = len;
  pos = 0;
  count = 0;
  // Each byte makes at most two instructions (',' a jump and a fork), and the end one more.
  glob = alloc(HEADER + <usize>(2 * len + 1) * INSTRUCTION_SIZE);
  store<i32>(glob, 0, GLOB_SCRATCH);
  store<u32>(glob, <u32>separators, GLOB_SEPARATORS);
  store<i32>(glob, separatorCount, GLOB_SEPARATOR_COUNT);
  classRunes = alloc((<usize>len) << 2);
  readPattern();
  emit(OP_MATCH, 0, 0, 0);
  store<i32>(glob, count, GLOB_COUNT);
  return glob;
}

/** Aborts with gobwas's syntax error at the offset reached, as OPA reports it. */
export function fail(reason: string): void {
  const b = bufNew(64);
  bufAppendAS(b, "glob.match: glob: syntax error at ");
  bufAppendI64(b, pos);
  bufAppendAS(b, ": ");
  bufAppendAS(b, reason);
  abortBuiltin(stringPtr(bufToString(b)));
}

/**
 * The rune at `pos`, its width left in `width`; END at the end of the pattern, and also at an
 * invalid byte, which gobwas's lexer reads as the end after noting the error (`pos` is then short of
 * the end, which tells the two apart).
 */
function peekRune(): i32 {
  if (pos >= srcLen) return END;
  const r = <i32>utf8Decode(src, pos, srcLen);
  width = utf8LastSize();
  return r == 0xfffd && width == 1 ? END : r;
}

function emit(op: i32, a: i32, b: i32, c: i32): i32 {
  const at = instructionAt(glob, count);
  store<i32>(at, op);
  store<i32>(at, a, 4);
  store<i32>(at, b, 8);
  store<i32>(at, c, 12);
  return count++;
}

/**
 * The whole pattern. An alternative group {A,B,C} becomes
 *   FORK →b; A; JUMP →end; b: FORK →c; B; JUMP →end; c: JUMP →next; C; end:
 * where each fork's target is known at the following ',' and the jumps' at the '}'. The open groups
 * are a stack of [pending fork, last jump] pairs; the jumps of a group are chained through their
 * targets (-1 ends the chain) until the '}' sets them.
 */
function readPattern(): void {
  const groups = alloc((<usize>srcLen) << 3);
  let depth = 0;
  while (true) {
    const r = peekRune();
    if (r == END) {
      if (pos < srcLen) fail("invalid UTF-8 sequence");
      if (depth > 0) fail("unclosed `{`");
      return;
    }
    pos += width;
    if (r == 0x7b) {
      // '{'
      const group = groups + ((<usize>depth) << 3);
      depth++;
      store<i32>(group, emit(OP_FORK, 0, 0, 0));
      store<i32>(group, -1, 4);
    } else if (r == 0x2c && depth > 0) {
      // ',': the alternative before jumps to the end, the pending fork comes here
      const group = groups + ((<usize>(depth - 1)) << 3);
      store<i32>(group, emit(OP_JUMP, load<i32>(group, 4), 0, 0), 4);
      store<i32>(instructionAt(glob, load<i32>(group)), count, 4);
      store<i32>(group, emit(OP_FORK, 0, 0, 0));
    } else if (r == 0x7d && depth > 0) {
      // '}': the last alternative has nothing to fork to
      depth--;
      const group = groups + ((<usize>depth) << 3);
      const fork = instructionAt(glob, load<i32>(group));
      store<i32>(fork, OP_JUMP);
      store<i32>(fork, load<i32>(group) + 1, 4);
      for (let jump = load<i32>(group, 4); jump >= 0;) {
        const at = instructionAt(glob, jump);
        jump = load<i32>(at, 4);
        store<i32>(at, count, 4);
      }
    } else if (r == 0x5b) {
      readClass();
    } else if (r == 0x3f) {
      emit(OP_ONE, 0, 0, 0);
    } else if (r == 0x2a) {
      // the lexer looks at the next rune for a second '*'
      const next = peekRune();
      if (next == END && pos < srcLen) fail("invalid UTF-8 sequence");
      if (next == 0x2a) {
        pos++;
        emit(OP_SUPER, 0, 0, 0);
      } else emit(OP_STAR, 0, 0, 0);
    } else {
      pos -= width;
      readText(depth > 0);
    }
  }
}

/** A run of text up to a wildcard, a class or a '{' (inside braces also ',' or '}'); \c is c. */
function readText(inBraces: bool): void {
  let escaped = false;
  while (true) {
    const r = peekRune();
    if (r == END) {
      if (escaped) fail("trailing backslash");
      if (pos < srcLen) fail("invalid UTF-8 sequence");
      return;
    }
    if (!escaped) {
      if (r == 0x5c) {
        escaped = true;
        pos++;
        continue;
      }
      if (r == 0x3f || r == 0x2a || r == 0x5b || r == 0x7b) return;
      if (inBraces && (r == 0x2c || r == 0x7d)) return;
    }
    escaped = false;
    pos += width;
    emit(OP_RUNE, r, width, 0);
  }
}

/**
 * A class after its '[': an optional '!', then a range lo-hi (lo and hi taken as they are) or a list
 * of runes up to ']' (\c allowed), then ']'. Whatever ends the pattern inside (its end, an invalid
 * byte) is "unexpected end of input" there.
 */
function readClass(): void {
  let negated = 0;
  let lo = -1;
  let hi = -1;
  const set = classRunes;
  let wantHi = false;
  let wantClose = false;
  while (true) {
    const r = peekRune();
    if (r == END) fail("unexpected end of input");
    pos += width;
    if (wantClose) {
      if (r != 0x5d) fail("expected close range character");
      break;
    }
    if (wantHi) {
      hi = r;
      wantClose = true;
    } else if (r == 0x21 && negated == 0) {
      negated = 1;
    } else {
      const runeWidth = width;
      if (peekRune() == 0x2d) {
        pos++;
        lo = r;
        wantHi = true;
      } else {
        pos -= runeWidth;
        readClassRunes();
        wantClose = true;
      }
    }
  }
  if (lo >= 0) {
    if (hi < lo) fail("range hi character is less than lo");
    emit(OP_RANGE, lo, hi, negated);
    return;
  }
  const setCount = <i32>((classRunes - set) >> 2);
  if (setCount == 0) fail("could not parse range");
  emit(OP_SET, <i32>set, setCount, negated);
}

/** The runes of a class list, up to an unescaped ']' or the end (which readClass reports). */
function readClassRunes(): void {
  let escaped = false;
  while (true) {
    const r = peekRune();
    if (r == END) return;
    if (!escaped) {
      if (r == 0x5c) {
        escaped = true;
        pos++;
        continue;
      }
      if (r == 0x5d) return;
    }
    escaped = false;
    pos += width;
    store<i32>(classRunes, r);
    classRunes += 4;
  }
}
