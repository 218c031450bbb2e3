// OPA's regex builtins over the RE2 engine in ../regex. As in OPA's Wasm target, a pattern that does
// not compile makes regex.match, find and replace undefined (the conformance cases want that), while
// regex.is_valid answers false for it and for a non-string operand.
import { T_STRING, arrayPush, makeArray, makeBool, makeString, stringLen, stringPtr, typeOf } from "../value";
import { abortBuiltin } from "../errors";
import { bufAppend, bufAppendAS, bufAppendByte, bufAppendI64, bufNew, bufToString } from "../buffer";
import { requireInteger, requireString } from "./operands";
import {
  regexAllMatches,
  regexCompile,
  regexErrorCode,
  regexErrorEnd,
  regexErrorStart,
  regexGroupCount,
  regexGroupIndex,
  regexMatches,
  regexSearch,
  regexSlots,
} from "../regex/regex";
import { decodeRune, decodedWidth } from "../regex/utf8";
import { pikeSteps } from "../regex/pikevm";
import { KIND_REGEX, cachePattern, cachedPattern } from "../regex/cache";
import { globTokens, globsErrorMessage, globsErrorPosition, globsIntersect } from "../regex/globs";

/** The pattern compiled, from this evaluation's cache when it was compiled before; 0 when invalid
 *  (invalid patterns are not cached, so regexErrorCode and its span always describe this pattern). */
function compileOperand(pattern: usize): usize {
  const ptr = stringPtr(pattern);
  const len = stringLen(pattern);
  let re = cachedPattern(KIND_REGEX, ptr, len, 0, 0);
  if (re == 0) {
    re = regexCompile(ptr, len);
    if (re != 0) cachePattern(KIND_REGEX, ptr, len, 0, 0, re);
  }
  return re;
}

/** Aborts with Go's message for the last failed compile: "<fname>: error parsing regexp: <code>: `<text>`". */
function abortCompileError(fname: string, patternPtr: usize): void {
  const b = bufNew(64);
  bufAppendAS(b, fname);
  bufAppendAS(b, ": error parsing regexp: ");
  bufAppendAS(b, regexErrorCode);
  bufAppendAS(b, ": `");
  bufAppend(b, patternPtr + <usize>regexErrorStart, regexErrorEnd - regexErrorStart);
  bufAppendByte(b, 0x60);
  abortBuiltin(stringPtr(bufToString(b)));
}

function matchBuiltin(fname: string, pattern: usize, value: usize): usize {
  requireString(fname, 1, pattern);
  requireString(fname, 2, value);
  const re = compileOperand(pattern);
  if (re == 0) return 0;
  return makeBool(regexMatches(re, stringPtr(value), stringLen(value)));
}

export function builtin_regex_match(pattern: usize, value: usize): usize {
  return matchBuiltin("regex.match", pattern, value);
}

export function builtin_re_match(pattern: usize, value: usize): usize {
  return matchBuiltin("re_match", pattern, value);
}

export function builtin_regex_is_valid(pattern: usize): usize {
  return makeBool(typeOf(pattern) == T_STRING && compileOperand(pattern) != 0);
}

/** The limit operand of the *_n builtins: any negative number means "all matches". */
function limitOperand(fname: string, n: usize): i32 {
  const limit = requireInteger(fname, 3, n);
  if (limit < 0) return -1;
  return limit > <i64>i32.MAX_VALUE ? i32.MAX_VALUE : <i32>limit;
}

/** The substring of value between two byte offsets; "" for a group that did not take part (-1). */
function piece(value: usize, start: i32, end: i32): usize {
  if (start < 0) return makeString(stringPtr(value), 0);
  return makeString(stringPtr(value) + <usize>start, end - start);
}

export function builtin_regex_find_n(pattern: usize, value: usize, n: usize): usize {
  const fname = "regex.find_n";
  requireString(fname, 1, pattern);
  requireString(fname, 2, value);
  const limit = limitOperand(fname, n);
  const re = compileOperand(pattern);
  if (re == 0) return 0;
  const matches = regexAllMatches(re, stringPtr(value), stringLen(value), limit);
  const count = load<i32>(matches);
  const stride = <usize>load<i32>(matches, 4) * 4;
  const slots = load<usize>(matches, 8);
  const result = makeArray(count);
  for (let k = 0; k < count; k++) {
    const at = slots + <usize>k * stride;
    arrayPush(result, piece(value, load<i32>(at), load<i32>(at, 4)));
  }
  return result;
}

export function builtin_regex_find_all_string_submatch_n(pattern: usize, value: usize, n: usize): usize {
  const fname = "regex.find_all_string_submatch_n";
  requireString(fname, 1, pattern);
  requireString(fname, 2, value);
  const limit = limitOperand(fname, n);
  const re = compileOperand(pattern);
  if (re == 0) return 0;
  const matches = regexAllMatches(re, stringPtr(value), stringLen(value), limit);
  const count = load<i32>(matches);
  const groups = regexGroupCount(re) + 1;
  const stride = <usize>load<i32>(matches, 4) * 4;
  const slots = load<usize>(matches, 8);
  const result = makeArray(count);
  for (let k = 0; k < count; k++) {
    const submatches = makeArray(groups);
    for (let g = 0; g < groups; g++) {
      const at = slots + <usize>k * stride + ((<usize>g) << 3);
      arrayPush(submatches, piece(value, load<i32>(at), load<i32>(at, 4)));
    }
    arrayPush(result, submatches);
  }
  return result;
}

function isNameByte(c: i32): bool {
  // Go's template names are letters, digits and '_'; any non-ASCII byte is taken as part of a letter.
  return (
    (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c == 0x5f || c >= 0x80
  );
}

/** Appends the group called (or numbered) name of the current match, as Go's Regexp.Expand does. */
function appendGroup(b: usize, re: usize, input: usize, namePtr: usize, nameLen: i32): void {
  let num = 0;
  for (let i = 0; i < nameLen; i++) {
    const c = <i32>load<u8>(namePtr + <usize>i);
    if (c < 0x30 || c > 0x39 || num >= 100000000) {
      num = -1;
      break;
    }
    num = num * 10 + (c - 0x30);
  }
  if (nameLen > 1 && load<u8>(namePtr) == 0x30) num = -1; // no leading zeros
  const group = num >= 0 ? num : regexGroupIndex(re, namePtr, nameLen);
  if (group < 0 || group > regexGroupCount(re)) return;
  const slots = regexSlots(re);
  const start = load<i32>(slots + ((<usize>group) << 3));
  if (start >= 0) bufAppend(b, input + <usize>start, load<i32>(slots + ((<usize>group) << 3), 4) - start);
}

/** Appends the replacement template with $1, ${1}, $name, ${name} expanded and $$ as '$'. */
function appendExpanded(b: usize, re: usize, input: usize, template: usize, templateLen: i32): void {
  let i = 0;
  while (i < templateLen) {
    const c = <i32>load<u8>(template + <usize>i);
    i++;
    if (c != 0x24) {
      bufAppendByte(b, c);
      continue;
    }
    if (i < templateLen && load<u8>(template + <usize>i) == 0x24) {
      bufAppendByte(b, 0x24);
      i++;
      continue;
    }
    const brace = i < templateLen && load<u8>(template + <usize>i) == 0x7b;
    const nameStart = brace ? i + 1 : i;
    let nameEnd = nameStart;
    while (nameEnd < templateLen && isNameByte(<i32>load<u8>(template + <usize>nameEnd))) nameEnd++;
    const closed = !brace || (nameEnd < templateLen && load<u8>(template + <usize>nameEnd) == 0x7d);
    if (nameEnd == nameStart || !closed) {
      bufAppendByte(b, 0x24); // malformed reference: the '$' is plain text
      continue;
    }
    appendGroup(b, re, input, template + <usize>nameStart, nameEnd - nameStart);
    i = brace ? nameEnd + 1 : nameEnd;
  }
}

/** regex.replace(s, pattern, value): Go's ReplaceAllString. */
export function builtin_regex_replace(s: usize, pattern: usize, value: usize): usize {
  const fname = "regex.replace";
  requireString(fname, 1, s);
  requireString(fname, 2, pattern);
  requireString(fname, 3, value);
  const re = compileOperand(pattern);
  if (re == 0) return 0;
  const input = stringPtr(s);
  const len = stringLen(s);
  const b = bufNew(len + 16);
  let lastMatchEnd = 0;
  let searchAt = 0;
  while (searchAt <= len) {
    if (!regexSearch(re, input, len, searchAt)) break;
    const slots = regexSlots(re);
    const start = load<i32>(slots);
    const end = load<i32>(slots, 4);
    bufAppend(b, input + <usize>lastMatchEnd, start - lastMatchEnd);
    // No replacement for an empty match right after the previous one: patterns that match both empty
    // and non-empty strings would otherwise replace twice.
    if (end > lastMatchEnd || start == 0) appendExpanded(b, re, input, stringPtr(value), stringLen(value));
    lastMatchEnd = end;
    let width = 0;
    if (searchAt < len) {
      decodeRune(input, len, searchAt);
      width = decodedWidth;
    }
    if (searchAt + width > end) searchAt += width;
    else if (searchAt + 1 > end) searchAt++;
    else searchAt = end;
  }
  bufAppend(b, input + <usize>lastMatchEnd, len - lastMatchEnd);
  return bufToString(b);
}

/** regex.split(pattern, value): Go's Split(value, -1). */
export function builtin_regex_split(pattern: usize, value: usize): usize {
  const fname = "regex.split";
  requireString(fname, 1, pattern);
  requireString(fname, 2, value);
  const re = compileOperand(pattern);
  if (re == 0) return 0;
  const len = stringLen(value);
  const result = makeArray(4);
  if (stringLen(pattern) > 0 && len == 0) {
    arrayPush(result, makeString(stringPtr(value), 0));
    return result;
  }
  const matches = regexAllMatches(re, stringPtr(value), len, -1);
  const count = load<i32>(matches);
  const stride = <usize>load<i32>(matches, 4) * 4;
  const slots = load<usize>(matches, 8);
  let begin = 0;
  let end = 0;
  for (let k = 0; k < count; k++) {
    const at = slots + <usize>k * stride;
    end = load<i32>(at);
    if (load<i32>(at, 4) != 0) arrayPush(result, piece(value, begin, end));
    begin = load<i32>(at, 4);
  }
  if (end != len) arrayPush(result, piece(value, begin, len));
  return result;
}

function appendQuoted(b: usize, ptr: usize, len: i32): void {
  for (let i = 0; i < len; i++) {
    const c = <i32>load<u8>(ptr + <usize>i);
    // Go's regexp.QuoteMeta set: \.+*?()|[]{}^$
    if (
      c == 0x5c ||
      c == 0x2e ||
      c == 0x2b ||
      c == 0x2a ||
      c == 0x3f ||
      c == 0x28 ||
      c == 0x29 ||
      c == 0x7c ||
      c == 0x5b ||
      c == 0x5d ||
      c == 0x7b ||
      c == 0x7d ||
      c == 0x5e ||
      c == 0x24
    ) {
      bufAppendByte(b, 0x5c);
    }
    bufAppendByte(b, c);
  }
}

function singleDelimiter(fname: string, operand: i32, v: usize, which: string): i32 {
  requireString(fname, operand, v);
  if (stringLen(v) != 1) {
    const b = bufNew(96);
    bufAppendAS(b, fname);
    bufAppendAS(b, ": ");
    bufAppendAS(b, which);
    bufAppendAS(b, " delimiter has to be exactly one character long but is ");
    bufAppendI64(b, stringLen(v));
    bufAppendAS(b, " long");
    abortBuiltin(stringPtr(bufToString(b)));
  }
  return <i32>load<u8>(stringPtr(v));
}

/**
 * regex.template_match(template, value, start, end): the text between the delimiters is a regex, the
 * rest literal text; the whole value must match (gorilla/mux templates, as OPA).
 */
export function builtin_regex_template_match(template: usize, value: usize, start: usize, end: usize): usize {
  const fname = "regex.template_match";
  requireString(fname, 1, template);
  requireString(fname, 2, value);
  const open = singleDelimiter(fname, 3, start, "start");
  const close = singleDelimiter(fname, 4, end, "end");
  const tpl = stringPtr(template);
  const len = stringLen(template);
  const b = bufNew(len + 8);
  bufAppendByte(b, 0x5e);
  let level = 0;
  let literalStart = 0;
  let groupStart = 0;
  for (let i = 0; i < len; i++) {
    const c = <i32>load<u8>(tpl + <usize>i);
    if (c == open) {
      level++;
      if (level == 1) groupStart = i;
    } else if (c == close) {
      level--;
      if (level == 0) {
        appendQuoted(b, tpl + <usize>literalStart, groupStart - literalStart);
        bufAppendByte(b, 0x28);
        bufAppend(b, tpl + <usize>(groupStart + 1), i - groupStart - 1);
        bufAppendByte(b, 0x29);
        literalStart = i + 1;
      } else if (level < 0) break;
    }
  }
  if (level != 0) {
    const message = bufNew(64);
    bufAppendAS(message, fname);
    bufAppendAS(message, ': unbalanced braces in "');
    bufAppend(message, tpl, len);
    bufAppendByte(message, 0x22);
    abortBuiltin(stringPtr(bufToString(message)));
  }
  appendQuoted(b, tpl + <usize>literalStart, len - literalStart);
  bufAppendByte(b, 0x24);
  const patternText = bufToString(b);
  const re = compileOperand(patternText);
  if (re == 0) abortCompileError(fname, stringPtr(patternText));
  return makeBool(regexMatches(re, stringPtr(value), stringLen(value)));
}

function globOperand(glob: usize): usize {
  const tokens = globTokens(stringPtr(glob), stringLen(glob));
  if (tokens == 0) {
    // The library's own wording, which OPA passes through without the builtin's name.
    const b = bufNew(64);
    bufAppendAS(b, "input:");
    bufAppend(b, stringPtr(glob), stringLen(glob));
    bufAppendAS(b, ", pos:");
    bufAppendI64(b, globsErrorPosition);
    bufAppendAS(b, ", ");
    bufAppendAS(b, globsErrorMessage);
    bufAppendAS(b, ": the input provided is invalid");
    abortBuiltin(stringPtr(bufToString(b)));
  }
  return tokens;
}

/** regex.globs_match(glob1, glob2): whether some string matches both globs (see ../regex/globs.ts). */
export function builtin_regex_globs_match(glob1: usize, glob2: usize): usize {
  const fname = "regex.globs_match";
  requireString(fname, 1, glob1);
  requireString(fname, 2, glob2);
  const first = globOperand(glob1);
  const second = globOperand(glob2);
  return makeBool(globsIntersect(first, second));
}

/** Work done by the regex VM since instantiation; tests bound it to prove matching stays linear. */
export function regex_vm_steps(): i64 {
  return pikeSteps;
}
