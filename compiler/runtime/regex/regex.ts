// The regular-expression engine's entry points: compile a pattern, search, list all matches the way
// Go's regexp.FindAll* does, and look up named groups. Everything lives in linear memory.
import { alloc } from "../alloc";
import { rangeHi, rangeLo, rangesPairs } from "./charclass";
import { anchoredAtStart, compileProgram, compiledLength } from "./compiler";
import {
  parseErrorCode,
  parseErrorEnd,
  parseErrorStart,
  parseRegex,
  parsedGroupCount,
  parsedGroupNames,
} from "./parser";
import { machineMatchSlots, newMachine, pikeSearch } from "./pikevm";
import { decodeRune, decodedWidth } from "./utf8";

// A compiled expression: {machine: usize, groups: i32, names: usize (pair list of parser.ts)}.

// Why the last regexCompile returned 0: Go's error code, and the offending span of the pattern.
export let regexErrorCode: string = "";
export let regexErrorStart: i32 = 0;
export let regexErrorEnd: i32 = 0;

/** Compiles the UTF-8 pattern at ptr; 0 when it is not a valid RE2 expression. */
export function regexCompile(ptr: usize, len: i32): usize {
  const tree = parseRegex(ptr, len);
  if (tree == 0) {
    regexErrorCode = parseErrorCode;
    regexErrorStart = parseErrorStart;
    regexErrorEnd = parseErrorEnd;
    return 0;
  }
  const program = compileProgram(tree);
  if (program == 0) {
    regexErrorCode = "expression too large";
    regexErrorStart = 0;
    regexErrorEnd = len;
    return 0;
  }
  const slots = (parsedGroupCount + 1) * 2;
  const re = alloc(12);
  store<usize>(re, newMachine(program, compiledLength(), slots, anchoredAtStart(tree)));
  store<i32>(re, parsedGroupCount, 4);
  store<usize>(re, parsedGroupNames, 8);
  return re;
}

/** Number of capture groups (not counting the whole match). */
export function regexGroupCount(re: usize): i32 {
  return load<i32>(re, 4);
}

/** The group called name (1-based), or -1. */
export function regexGroupIndex(re: usize, namePtr: usize, nameLen: i32): i32 {
  const names = load<usize>(re, 8);
  const pairs = rangesPairs(names);
  for (let g = 0; g < regexGroupCount(re); g++) {
    if (
      rangeHi(pairs, g) == nameLen &&
      memory.compare(<usize>rangeLo(pairs, g), namePtr, <usize>nameLen) == 0
    ) {
      return g + 1;
    }
  }
  return -1;
}

/** Whether the pattern matches anywhere in the input. */
export function regexMatches(re: usize, input: usize, len: i32): bool {
  return pikeSearch(load<usize>(re), input, len, 0, false);
}

/**
 * Searches input from byte `from`; on success regexSlots(re) holds 2 * (groups + 1) byte offsets:
 * start and end of the match, then of each group (-1 when the group did not take part).
 */
export function regexSearch(re: usize, input: usize, len: i32, from: i32): bool {
  return pikeSearch(load<usize>(re), input, len, from, true);
}

export function regexSlots(re: usize): usize {
  return machineMatchSlots(load<usize>(re));
}

/**
 * The successive matches of Go's FindAll*(input, n): at most n (all when n < 0), an empty match right
 * after the previous match is skipped. Returns {count: i32, stride: i32 (slots per match), slots: usize},
 * the slots of match k at slots + k * stride * 4.
 */
export function regexAllMatches(re: usize, input: usize, len: i32, n: i32): usize {
  const stride = (regexGroupCount(re) + 1) * 2;
  const limit = n < 0 ? len + 1 : n;
  let capacity = 4;
  let data = alloc(<usize>capacity * <usize>stride * 4);
  let count = 0;
  let at = 0;
  let previousEnd = -1;
  while (count < limit && at <= len) {
    if (!regexSearch(re, input, len, at)) break;
    const slots = regexSlots(re);
    const start = load<i32>(slots);
    const end = load<i32>(slots, 4);
    let accept = true;
    if (end == at) {
      // An empty match: never right after the previous match, and the search moves one rune on.
      if (start == previousEnd) accept = false;
      if (at < len) {
        decodeRune(input, len, at);
        at += decodedWidth;
      } else at = len + 1;
    } else at = end;
    previousEnd = end;
    if (!accept) continue;
    if (count == capacity) {
      const bigger = alloc(<usize>capacity * 2 * <usize>stride * 4);
      memory.copy(bigger, data, <usize>capacity * <usize>stride * 4);
      data = bigger;
      capacity *= 2;
    }
    memory.copy(data + <usize>count * <usize>stride * 4, slots, <usize>stride * 4);
    count++;
  }
  const result = alloc(12);
  store<i32>(result, count);
  store<i32>(result, stride, 4);
  store<usize>(result, data, 8);
  return result;
}
