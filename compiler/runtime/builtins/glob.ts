// glob.match and glob.quote_meta as OPA has them, on gobwas/glob v1.1. A pattern is compiled once per
// evaluation (globProgram.ts; cached with its separators by ../regex/cache.ts, which holds nothing of the
// regex engine) and run over the text by globMatch.ts. Neither uses the regex engine, so a module that
// calls glob.match and no regex builtin links none of it.
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
import { typeError } from "../errors";
import { bufAppendByte, bufNew, bufToString } from "../buffer";
import { alloc } from "../alloc";
import { utf8Decode, utf8LastSize } from "../utf8";
import { elementTypeError, requireString } from "./operands";
import { KIND_GLOB, cachePattern, cachedPattern } from "../regex/cache";
import { compileGlob } from "./globProgram";
import { globMatches } from "./globMatch";
import { equalBytes } from "../compare";

const FNAME = "glob.match";

// The number of runes readSeparators returned.
let separatorCount: i32 = 0;

/**
 * The delimiters operand as runes (i32 each), which `*` and `?` do not take: null means none, an empty
 * array means ".", as OPA has it; every element must be a string of exactly one rune.
 */
function readSeparators(delimiters: usize): usize {
  const type = typeOf(delimiters);
  if (type == T_NULL) {
    separatorCount = 0;
    return 0;
  }
  if (type != T_ARRAY) typeError(FNAME, 2, "one of {array, null}", delimiters);
  const n = arrayLen(delimiters);
  if (n == 0) {
    separatorCount = 1;
    return memory.data<i32>([0x2e]);
  }
  const runes = alloc((<usize>n) << 2);
  for (let i = 0; i < n; i++) {
    const d = arrayGet(delimiters, i);
    if (typeOf(d) != T_STRING) elementTypeError(FNAME, 2, delimiters, "string", d);
    const len = stringLen(d);
    const r = len > 0 ? utf8Decode(stringPtr(d), 0, len) : 0;
    if (len == 0 || utf8LastSize() != len) elementTypeError(FNAME, 2, delimiters, "rune", d);
    store<u32>(runes + ((<usize>i) << 2), r);
  }
  separatorCount = n;
  return runes;
}

export function builtin_glob_match(pattern: usize, delimiters: usize, match: usize): usize {
  requireString(FNAME, 1, pattern);
  const separators = readSeparators(delimiters);
  requireString(FNAME, 3, match);
  const ptr = stringPtr(pattern);
  const len = stringLen(pattern);
  if (isPlainAscii(ptr, len)) {
    return makeBool(len == stringLen(match) && equalBytes(ptr, stringPtr(match), len));
  }
  // The separators' runes are the part of the cache key besides the pattern.
  const separatorBytes = separatorCount << 2;
  let glob = cachedPattern(KIND_GLOB, ptr, len, separators, separatorBytes);
  if (glob == 0) {
    glob = compileGlob(ptr, len, separators, separatorCount);
    cachePattern(KIND_GLOB, ptr, len, separators, separatorBytes, glob);
  }
  return makeBool(globMatches(glob, stringPtr(match), stringLen(match)));
}

/**
 * Whether the glob is ASCII text without the meta characters * ? [ { \ (']', '}' and ',' are text
 * outside classes and braces): it then matches exactly the same bytes, whatever the delimiters.
 */
function isPlainAscii(ptr: usize, len: i32): bool {
  for (let i = 0; i < len; i++) {
    const c = load<u8>(ptr + <usize>i);
    if (c >= 0x80 || c == 0x2a || c == 0x3f || c == 0x5b || c == 0x7b || c == 0x5c) return false;
  }
  return true;
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
