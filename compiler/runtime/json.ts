// JSON text <-> values, and the Rego-syntax variants the ABI needs (opa_value_parse/opa_value_dump).
//
// The parser is iterative (an explicit stack of open containers) so deeply nested input cannot
// overflow the host stack; nesting deeper than MAX_DEPTH is a parse error, because the recursive
// consumers (compare, dump) must stay within the host's stack too.

import { alloc } from "./alloc";
import {
  T_NULL,
  T_BOOLEAN,
  T_NUMBER,
  T_STRING,
  T_ARRAY,
  T_OBJECT,
  T_SET,
  typeOf,
  makeNull,
  makeBool,
  boolValue,
  makeString,
  stringPtr,
  stringLen,
  makeArray,
  arrayLen,
  arrayGet,
  arrayPush,
  makeObject,
  objectLen,
  objectKeyAt,
  objectValueAt,
  objectAppendUnsorted,
  objectSortDedupe,
  makeSet,
  setLen,
  setAt,
  setAppendUnsorted,
  setSortDedupe,
} from "./value";
import { makeNumberText, bufAppendNumber } from "./number";
import { utf8Decode, utf8LastSize } from "./utf8";
import { bufNew, bufAppend, bufAppendByte, bufAppendAS, bufToString, bufData, bufLen } from "./buffer";

export const MAX_DEPTH: i32 = 4096;

// Open-container kinds on the parser stack.
const F_ARRAY: u32 = 0;
const F_OBJECT_KEY: u32 = 1; // object, expecting a key
const F_OBJECT_VALUE: u32 = 2; // object, key parsed, expecting its value
const F_SET: u32 = 3;
const F_BRACE: u32 = 4; // Rego syntax: "{" seen, object or set not yet known

// Parser state (one parse at a time; no re-entrancy is needed).
let end: usize = 0;
let pos: usize = 0;

// The scanning loops below keep the cursor in a local and store it back once: every access to a wasm
// global is a memory access, which in a per-byte loop costs more than the comparisons. The parser calls
// these helpers through inline.always: the runtime is built for size (build.ts), which would leave a
// call per token out of line, and the input's parse is most of what a small policy's evaluation costs.

function skipSpace(): void {
  let p = pos;
  const stop = end;
  while (p < stop) {
    const c = load<u8>(p);
    if (c != 0x20 && c != 0x0a && c != 0x0d && c != 0x09) break;
    p++;
  }
  pos = p;
}

function peek(): i32 {
  return pos < end ? <i32>load<u8>(pos) : -1;
}

function matchWord(word: string): bool {
  const n = <usize>word.length;
  if (pos + n > end) return false;
  for (let i: usize = 0; i < n; i++) {
    if (<i32>load<u8>(pos + i) != word.charCodeAt(<i32>i)) return false;
  }
  pos += n;
  return true;
}

function hexDigit(c: u32): i32 {
  if (c - 0x30 < 10) return <i32>(c - 0x30);
  if ((c | 0x20) - 0x61 < 6) return <i32>((c | 0x20) - 0x61 + 10);
  return -1;
}

function read4Hex(): i32 {
  if (pos + 4 > end) return -1;
  let v = 0;
  for (let i = 0; i < 4; i++) {
    const d = hexDigit(load<u8>(pos + <usize>i));
    if (d < 0) return -1;
    v = (v << 4) | d;
  }
  pos += 4;
  return v;
}

/** Writes code point c as UTF-8 at dst; returns the bytes written. */
function storeUtf8(dst: usize, c: u32): usize {
  if (c < 0x80) {
    store<u8>(dst, c);
    return 1;
  }
  if (c < 0x800) {
    store<u8>(dst, 0xc0 | (c >> 6));
    store<u8>(dst, 0x80 | (c & 0x3f), 1);
    return 2;
  }
  if (c < 0x10000) {
    store<u8>(dst, 0xe0 | (c >> 12));
    store<u8>(dst, 0x80 | ((c >> 6) & 0x3f), 1);
    store<u8>(dst, 0x80 | (c & 0x3f), 2);
    return 3;
  }
  store<u8>(dst, 0xf0 | (c >> 18));
  store<u8>(dst, 0x80 | ((c >> 12) & 0x3f), 1);
  store<u8>(dst, 0x80 | ((c >> 6) & 0x3f), 2);
  store<u8>(dst, 0x80 | (c & 0x3f), 3);
  return 4;
}

// Bytes repeated in each of a word's eight lanes, for testing eight bytes at a time.
const LANES: u64 = 0x0101010101010101;
const LANE_HIGH_BITS: u64 = 0x8080808080808080;

/**
 * The first byte from p on (before stop) that ends a run of plain string bytes: a quote, a backslash
 * or a control character; stop when there is none. Tests eight bytes per step: a lane of
 * `w - LANES` & ~w has its high bit set exactly when some lane of w is zero (and likewise for a lane
 * below 0x20), so a word without any of the three goes by in one test.
 */
function plainRunEnd(p: usize, stop: usize): usize {
  while (p + 8 <= stop) {
    const w = load<u64>(p);
    const quotes = w ^ (LANES * 0x22);
    const backslashes = w ^ (LANES * 0x5c);
    const found =
      ((quotes - LANES) & ~quotes) | ((backslashes - LANES) & ~backslashes) | ((w - LANES * 0x20) & ~w);
    if ((found & LANE_HIGH_BITS) != 0) break;
    p += 8;
  }
  while (p < stop) {
    const c = load<u8>(p);
    if (c == 0x22 || c == 0x5c || c < 0x20) return p;
    p++;
  }
  return stop;
}

/** memory.copy for the short runs between escapes: V8 compiles memory.copy to a call out of the
 *  module, which costs more than copying a few words here. */
function copyBytes(dst: usize, src: usize, n: usize): void {
  while (n >= 8) {
    store<u64>(dst, load<u64>(src));
    dst += 8;
    src += 8;
    n -= 8;
  }
  while (n > 0) {
    store<u8>(dst++, load<u8>(src++));
    n--;
  }
}

/** Parses a string literal at pos (on the opening quote). Unescaped strings reference the input. */
function parseString(): usize {
  const start = pos + 1;
  const p = inline.always(plainRunEnd(start, end));
  if (p == end) return 0;
  const c = load<u8>(p);
  if (c == 0x22) {
    pos = p + 1;
    return inline.always(makeString(start, <i32>(p - start)));
  }
  if (c != 0x5c) return 0;
  pos = p;
  return parseEscapedString(start);
}

/** The closing quote of a literal whose escapes start at `from`, or 0 when it has none or holds a
 *  control character. */
function escapedLiteralEnd(from: usize): usize {
  const stop = end;
  let p = plainRunEnd(from, stop);
  // Past a backslash and the byte it escapes (plainRunEnd returns stop when that is past the end).
  while (p < stop && load<u8>(p) == 0x5c) p = plainRunEnd(p + 2, stop);
  return p < stop && load<u8>(p) == 0x22 ? p : 0;
}

/**
 * The rest of a string literal from its first backslash (at pos), decoded into a fresh block;
 * `start` is the first byte of the literal's content. The decoded text is never longer than the
 * escaped text, so finding the closing quote first sizes the block. 0 when malformed.
 */
function parseEscapedString(start: usize): usize {
  const close = escapedLiteralEnd(pos);
  if (close == 0) return 0;
  const bytes = alloc(close - start + 1);
  let out = bytes;
  let p = start;
  for (;;) {
    // Between escapes: only plain bytes remain before `close` (escapedLiteralEnd checked).
    const run = plainRunEnd(p, close);
    copyBytes(out, p, run - p);
    out += run - p;
    if (run == close) break;
    const e = load<u8>(run + 1);
    p = run + 2;
    let decoded: i32 = -1;
    switch (e) {
      case 0x22:
      case 0x5c:
      case 0x2f:
        decoded = e;
        break;
      case 0x62:
        decoded = 0x08;
        break;
      case 0x66:
        decoded = 0x0c;
        break;
      case 0x6e:
        decoded = 0x0a;
        break;
      case 0x72:
        decoded = 0x0d;
        break;
      case 0x74:
        decoded = 0x09;
        break;
      case 0x75: {
        pos = p;
        const cp = readEscapedCodePoint(close);
        if (cp < 0) return 0;
        p = pos;
        out += storeUtf8(out, <u32>cp);
        continue;
      }
    }
    if (decoded < 0) return 0;
    store<u8>(out++, <u8>decoded);
  }
  pos = close + 1;
  store<u8>(out, 0);
  return makeString(bytes, <i32>(out - bytes));
}

/** The code point of a \u escape whose four hex digits start at pos, joining a surrogate pair;
 *  a lone surrogate is U+FFFD. Reads no further than `close`; -1 when malformed. */
function readEscapedCodePoint(close: usize): i32 {
  if (pos + 4 > close) return -1;
  let cp = read4Hex();
  if (cp < 0) return -1;
  if (cp >= 0xd800 && cp < 0xdc00) {
    // a high surrogate must be followed by an escaped low one; otherwise it is replaced
    const save = pos;
    if (pos + 6 <= close && load<u8>(pos) == 0x5c && load<u8>(pos + 1) == 0x75) {
      pos += 2;
      const low = read4Hex();
      if (low >= 0xdc00 && low < 0xe000) return 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
      pos = save;
    }
    return 0xfffd;
  }
  if (cp >= 0xdc00 && cp < 0xe000) return 0xfffd;
  return cp;
}

/** Whether c is a decimal digit (c is a byte, or -1 at the end of the input). */
function isDigit(c: i32): bool {
  return <u32>(c - 0x30) < 10;
}

/** The first byte at or after p that is not a decimal digit. */
function skipDigits(p: usize, stop: usize): usize {
  while (p < stop && inline.always(isDigit(load<u8>(p)))) p++;
  return p;
}

/** Parses a JSON number at pos (strict JSON grammar). */
function parseNumber(): usize {
  const start = pos;
  const stop = end;
  let p = start;
  if (load<u8>(p) == 0x2d) p++;
  let c = p < stop ? <i32>load<u8>(p) : -1;
  if (c == 0x30) p++;
  else if (inline.always(isDigit(c))) p = inline.always(skipDigits(p + 1, stop));
  else return 0;
  c = p < stop ? <i32>load<u8>(p) : -1;
  if (c == 0x2e) {
    p++;
    if (p >= stop || !inline.always(isDigit(load<u8>(p)))) return 0;
    p = inline.always(skipDigits(p + 1, stop));
    c = p < stop ? <i32>load<u8>(p) : -1;
  }
  if (c == 0x65 || c == 0x45) {
    p++;
    if (p < stop && (load<u8>(p) == 0x2b || load<u8>(p) == 0x2d)) p++;
    if (p >= stop || !inline.always(isDigit(load<u8>(p)))) return 0;
    p = inline.always(skipDigits(p + 1, stop));
  }
  pos = p;
  return makeNumberText(start, <i32>(p - start));
}

// The explicit parser stack: per open container, [container u32][kind u32][pending key u32].
let stack: usize = 0;
let stackCap: i32 = 0;
let depth: i32 = 0;

function push(container: usize, kind: u32): bool {
  if (depth >= MAX_DEPTH) return false;
  if (depth == stackCap) {
    const cap = stackCap < 16 ? 16 : stackCap * 2;
    const grown = alloc(<usize>cap * 12);
    if (depth > 0) memory.copy(grown, stack, <usize>depth * 12);
    stack = grown;
    stackCap = cap;
  }
  const f = stack + <usize>depth * 12;
  store<u32>(f, <u32>container);
  store<u32>(f, kind, 4);
  store<u32>(f, 0, 8);
  depth++;
  return true;
}

function topFrame(): usize {
  return stack + <usize>(depth - 1) * 12;
}

/** Parses one value; `rego` enables sets and non-string object keys. Returns 0 on malformed input. */
function parse(ptr: usize, len: i32, rego: bool): usize {
  end = ptr + <usize>len;
  pos = ptr;
  // The stack is allocated per parse: the heap may have been reset since the last one.
  stack = 0;
  stackCap = 0;
  depth = 0;
  for (;;) {
    // ---- expecting a value ----
    inline.always(skipSpace());
    let value: usize = 0;
    const c = inline.always(peek());
    if (c == 0x7b) {
      pos++;
      inline.always(skipSpace());
      if (inline.always(peek()) == 0x7d) {
        pos++;
        value = makeObject();
      } else if (rego) {
        if (!inline.always(push(0, F_BRACE))) return 0;
        continue;
      } else {
        if (!inline.always(push(makeObject(), F_OBJECT_KEY))) return 0;
        continue;
      }
    } else if (c == 0x5b) {
      pos++;
      inline.always(skipSpace());
      if (inline.always(peek()) == 0x5d) {
        pos++;
        value = makeArray(0);
      } else {
        if (!inline.always(push(makeArray(4), F_ARRAY))) return 0;
        continue;
      }
    } else if (c == 0x22) {
      value = inline.always(parseString());
    } else if (c == 0x2d || (c >= 0x30 && c <= 0x39)) {
      value = inline.always(parseNumber());
    } else if (matchWord("true")) {
      value = makeBool(true);
    } else if (matchWord("false")) {
      value = makeBool(false);
    } else if (matchWord("null")) {
      value = makeNull();
    } else if (rego && matchWord("set()")) {
      value = makeSet();
    }
    if (value == 0) return 0;

    // ---- a value is complete: hand it to the innermost open container ----
    for (;;) {
      if (depth == 0) {
        inline.always(skipSpace());
        return pos == end ? value : 0;
      }
      const f = inline.always(topFrame());
      let container = <usize>load<u32>(f);
      let kind = load<u32>(f, 4);
      if (kind == F_BRACE) {
        // Rego syntax: the first element decides between object ("k: v") and set
        inline.always(skipSpace());
        kind = inline.always(peek()) == 0x3a ? F_OBJECT_KEY : F_SET;
        container = kind == F_SET ? makeSet() : makeObject();
        store<u32>(f, <u32>container);
        store<u32>(f, kind, 4);
      }
      if (kind == F_OBJECT_KEY) {
        if (!rego && typeOf(value) != T_STRING) return 0;
        inline.always(skipSpace());
        if (inline.always(peek()) != 0x3a) return 0;
        pos++;
        store<u32>(f, <u32>value, 8);
        store<u32>(f, F_OBJECT_VALUE, 4);
        break;
      }
      if (kind == F_OBJECT_VALUE) {
        objectAppendUnsorted(container, load<u32>(f, 8), value);
        store<u32>(f, F_OBJECT_KEY, 4);
      } else if (kind == F_ARRAY) {
        arrayPush(container, value);
      } else {
        setAppendUnsorted(container, value);
      }
      if (!inline.always(afterElement(kind == F_ARRAY ? 0x5d : 0x7d))) return 0;
      if (closed) {
        value = inline.always(closeTop());
        continue;
      }
      break;
    }
  }
  return 0;
}

// Set by afterElement: whether the container was closed (rather than continued with a comma).
let closed: bool = false;

/** After an element: consumes "," (more follow) or the closing bracket. */
function afterElement(closer: i32): bool {
  inline.always(skipSpace());
  const c = inline.always(peek());
  if (c == 0x2c) {
    pos++;
    closed = false;
    return true;
  }
  if (c == closer) {
    pos++;
    closed = true;
    return true;
  }
  return false;
}

/** Pops the innermost container, finishing its ordering, and returns it as a value. */
function closeTop(): usize {
  const f = inline.always(topFrame());
  const container = <usize>load<u32>(f);
  const t = typeOf(container);
  if (t == T_OBJECT) objectSortDedupe(container);
  else if (t == T_SET) setSortDedupe(container);
  depth--;
  return container;
}

export function jsonParse(ptr: usize, len: i32): usize {
  return parse(ptr, len, false);
}

export function valueParse(ptr: usize, len: i32): usize {
  return parse(ptr, len, true);
}

// ---- dumping ----

const HEX: usize = memory.data<u8>([
  0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66,
]);

/** Appends bytes as a JSON string literal, escaped as Go's encoding/json does (OPA's json.marshal
 *  output): `"` `\\` and control characters (\b \f \n \r \t by name, as Go 1.22 and later write
 *  them, the rest as \u00XX), `<` `>` `&`, U+2028/U+2029, and invalid UTF-8 as \ufffd. */
export function bufAppendQuoted(b: usize, ptr: usize, len: i32): void {
  bufAppendByte(b, 0x22);
  let runStart = ptr;
  const stop = ptr + <usize>len;
  let p = ptr;
  while (p < stop) {
    const c = <u32>load<u8>(p);
    if (c >= 0x80) {
      const cp = utf8Decode(ptr, <i32>(p - ptr), len);
      const size = utf8LastSize();
      const invalid = cp == 0xfffd && size == 1;
      if (!invalid && cp != 0x2028 && cp != 0x2029) {
        p += <usize>size;
        continue;
      }
      if (p > runStart) bufAppend(b, runStart, <i32>(p - runStart));
      bufAppendAS(b, invalid ? "\\ufffd" : cp == 0x2028 ? "\\u2028" : "\\u2029");
      p += <usize>size;
      runStart = p;
      continue;
    }
    if (c >= 0x20 && c != 0x22 && c != 0x5c && c != 0x3c && c != 0x3e && c != 0x26) {
      p++;
      continue;
    }
    if (p > runStart) bufAppend(b, runStart, <i32>(p - runStart));
    if (c == 0x22 || c == 0x5c) {
      bufAppendByte(b, 0x5c);
      bufAppendByte(b, c);
    } else if (c == 0x0a) bufAppendAS(b, "\\n");
    else if (c == 0x0d) bufAppendAS(b, "\\r");
    else if (c == 0x09) bufAppendAS(b, "\\t");
    else if (c == 0x08) bufAppendAS(b, "\\b");
    else if (c == 0x0c) bufAppendAS(b, "\\f");
    else {
      bufAppendAS(b, "\\u00");
      bufAppendByte(b, load<u8>(HEX + (c >> 4)));
      bufAppendByte(b, load<u8>(HEX + (c & 15)));
    }
    p++;
    runStart = p;
  }
  if (stop > runStart) bufAppend(b, runStart, <i32>(stop - runStart));
  bufAppendByte(b, 0x22);
}

/** Appends the text of v: JSON (sets as arrays, keys as strings) or, with `rego`, Rego syntax. */
export function bufAppendValue(b: usize, v: usize, rego: bool): void {
  switch (typeOf(v)) {
    case T_NULL:
      bufAppendAS(b, "null");
      return;
    case T_BOOLEAN:
      bufAppendAS(b, boolValue(v) ? "true" : "false");
      return;
    case T_NUMBER:
      bufAppendNumber(b, v);
      return;
    case T_STRING:
      bufAppendQuoted(b, stringPtr(v), stringLen(v));
      return;
    case T_ARRAY: {
      bufAppendByte(b, 0x5b);
      const n = arrayLen(v);
      for (let i = 0; i < n; i++) {
        if (i > 0) bufAppendByte(b, 0x2c);
        bufAppendValue(b, arrayGet(v, i), rego);
      }
      bufAppendByte(b, 0x5d);
      return;
    }
    case T_OBJECT: {
      bufAppendByte(b, 0x7b);
      const n = objectLen(v);
      for (let i = 0; i < n; i++) {
        if (i > 0) bufAppendByte(b, 0x2c);
        const k = objectKeyAt(v, i);
        if (rego || typeOf(k) == T_STRING) bufAppendValue(b, k, rego);
        else {
          // JSON keys are strings: a non-string key is written as its own JSON text, quoted
          const keyText = bufNew(32);
          bufAppendValue(keyText, k, false);
          bufAppendQuoted(b, bufData(keyText), bufLen(keyText));
        }
        bufAppendByte(b, 0x3a);
        bufAppendValue(b, objectValueAt(v, i), rego);
      }
      bufAppendByte(b, 0x7d);
      return;
    }
    case T_SET: {
      const n = setLen(v);
      if (rego && n == 0) {
        bufAppendAS(b, "set()");
        return;
      }
      bufAppendByte(b, rego ? 0x7b : 0x5b);
      for (let i = 0; i < n; i++) {
        if (i > 0) bufAppendByte(b, 0x2c);
        bufAppendValue(b, setAt(v, i), rego);
      }
      bufAppendByte(b, rego ? 0x7d : 0x5d);
      return;
    }
  }
}

/** A string value holding the JSON text of v (NUL-terminated in memory). */
export function jsonDump(v: usize): usize {
  const b = bufNew(64);
  bufAppendValue(b, v, false);
  return bufToString(b);
}

/** A string value holding the Rego-syntax text of v (NUL-terminated in memory). */
export function valueDump(v: usize): usize {
  const b = bufNew(64);
  bufAppendValue(b, v, true);
  return bufToString(b);
}
