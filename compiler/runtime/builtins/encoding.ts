// Encoding builtins: base64 (standard and URL alphabets), hex, and URL query escaping. Decoders
// follow Go's encoding packages, which OPA uses: padding is required by base64.decode, base64url
// accepts it missing, and error messages carry Go's wording.

import {
  T_ARRAY,
  T_SET,
  T_STRING,
  arrayGet,
  arrayLen,
  arrayPush,
  makeArray,
  makeBool,
  makeObject,
  objectGet,
  objectInsert,
  objectKeyAt,
  objectLen,
  objectValueAt,
  setAt,
  setLen,
  stringLen,
  stringPtr,
  typeOf,
} from "../value";
import { abortBuiltin } from "../errors";
import { bufAppend, bufAppendAS, bufAppendByte, bufAppendI64, bufLen, bufNew, bufToString } from "../buffer";
import { bufAppendQuoted } from "../json";
import { abortOperand, requireObject, requireString } from "./operands";

const STD_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const URL_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const HEX_DIGITS = "0123456789abcdef";
const HEX_UPPER = "0123456789ABCDEF";

/** Aborts with "<fname>: <message>" where the message is already in buffer `detail`. */
function abortWith(fname: string, detail: usize): void {
  const b = bufNew(64);
  bufAppendAS(b, fname);
  bufAppendAS(b, ": ");
  const text = bufToString(detail);
  bufAppend(b, stringPtr(text), stringLen(text));
  abortBuiltin(stringPtr(bufToString(b)));
}

// ---- base64 ----

function encodeBase64(s: usize, url: bool, pad: bool): usize {
  const alphabet = url ? URL_ALPHABET : STD_ALPHABET;
  const ptr = stringPtr(s);
  const len = stringLen(s);
  const b = bufNew(((len + 2) / 3) * 4);
  let i = 0;
  for (; i + 3 <= len; i += 3) {
    const n =
      ((<u32>load<u8>(ptr + <usize>i)) << 16) |
      ((<u32>load<u8>(ptr + <usize>(i + 1))) << 8) |
      load<u8>(ptr + <usize>(i + 2));
    bufAppendByte(b, alphabet.charCodeAt((n >> 18) & 63));
    bufAppendByte(b, alphabet.charCodeAt((n >> 12) & 63));
    bufAppendByte(b, alphabet.charCodeAt((n >> 6) & 63));
    bufAppendByte(b, alphabet.charCodeAt(n & 63));
  }
  const rest = len - i;
  if (rest > 0) {
    let n = (<u32>load<u8>(ptr + <usize>i)) << 16;
    if (rest == 2) n |= (<u32>load<u8>(ptr + <usize>(i + 1))) << 8;
    bufAppendByte(b, alphabet.charCodeAt((n >> 18) & 63));
    bufAppendByte(b, alphabet.charCodeAt((n >> 12) & 63));
    if (rest == 2) bufAppendByte(b, alphabet.charCodeAt((n >> 6) & 63));
    if (pad) {
      if (rest == 1) bufAppendByte(b, 0x3d);
      bufAppendByte(b, 0x3d);
    }
  }
  return bufToString(b);
}

function base64Digit(c: u32, url: bool): i32 {
  if (c >= 0x41 && c <= 0x5a) return c - 0x41;
  if (c >= 0x61 && c <= 0x7a) return c - 0x61 + 26;
  if (c >= 0x30 && c <= 0x39) return c - 0x30 + 52;
  if (c == (url ? 0x2d : 0x2b)) return 62;
  if (c == (url ? 0x5f : 0x2f)) return 63;
  return -1;
}

function isLineBreak(c: u32): bool {
  return c == 0x0a || c == 0x0d;
}

/** Decodes padded base64 into `out` as Go does (line breaks skipped); returns -1 on success or the
 *  byte offset Go reports as illegal. */
function decodeBase64(ptr: usize, len: i32, url: bool, out: usize): i32 {
  let quantum: u32 = 0;
  let count = 0;
  for (let i = 0; i < len; i++) {
    const c = <u32>load<u8>(ptr + <usize>i);
    if (isLineBreak(c)) continue;
    if (c == 0x3d) {
      // padding ends the input: "xx==" or "xxx=", then only line breaks may follow
      if (count < 2) return i;
      let j = i + 1;
      if (count == 2) {
        while (j < len && isLineBreak(load<u8>(ptr + <usize>j))) j++;
        if (j == len) return len;
        if (load<u8>(ptr + <usize>j) != 0x3d) return i;
        j++;
      }
      while (j < len && isLineBreak(load<u8>(ptr + <usize>j))) j++;
      if (j < len) return j;
      bufAppendByte(out, (<i32>(quantum >> (count == 2 ? 4 : 10))) & 0xff);
      if (count == 3) bufAppendByte(out, (<i32>(quantum >> 2)) & 0xff);
      return -1;
    }
    const d = base64Digit(c, url);
    if (d < 0) return i;
    quantum = (quantum << 6) | (<u32>d);
    count++;
    if (count == 4) {
      bufAppendByte(out, (<i32>(quantum >> 16)) & 0xff);
      bufAppendByte(out, (<i32>(quantum >> 8)) & 0xff);
      bufAppendByte(out, (<i32>quantum) & 0xff);
      quantum = 0;
      count = 0;
    }
  }
  return count == 0 ? -1 : len;
}

function decodeBase64Builtin(fname: string, ptr: usize, len: i32, url: bool): usize {
  const out = bufNew(len);
  const bad = decodeBase64(ptr, len, url, out);
  if (bad >= 0) {
    const detail = bufNew(48);
    bufAppendAS(detail, "illegal base64 data at input byte ");
    bufAppendI64(detail, bad);
    abortWith(fname, detail);
  }
  return bufToString(out);
}

export function builtin_base64_encode(s: usize): usize {
  requireString("base64.encode", 1, s);
  return encodeBase64(s, false, true);
}

export function builtin_base64_decode(s: usize): usize {
  requireString("base64.decode", 1, s);
  return decodeBase64Builtin("base64.decode", stringPtr(s), stringLen(s), false);
}

/** Like OPA, false for a non-string rather than a type error. */
export function builtin_base64_is_valid(s: usize): usize {
  if (typeOf(s) != T_STRING) return makeBool(false);
  return makeBool(decodeBase64(stringPtr(s), stringLen(s), false, bufNew(stringLen(s))) < 0);
}

export function builtin_base64url_encode(s: usize): usize {
  requireString("base64url.encode", 1, s);
  return encodeBase64(s, true, true);
}

export function builtin_base64url_encode_no_pad(s: usize): usize {
  requireString("base64url.encode_no_pad", 1, s);
  return encodeBase64(s, true, false);
}

/** Padding may be missing (RFC 7515 appendix C): it is restored from the length before decoding. */
export function builtin_base64url_decode(s: usize): usize {
  const fname = "base64url.decode";
  requireString(fname, 1, s);
  const len = stringLen(s);
  const ptr = stringPtr(s);
  if (len > 0 && load<u8>(ptr + <usize>(len - 1)) == 0x3d) return decodeBase64Builtin(fname, ptr, len, true);
  const missing = len % 4 == 2 ? 2 : len % 4 == 3 ? 1 : 0;
  if (len % 4 == 1) {
    const detail = bufNew(48);
    bufAppendAS(detail, "illegal base64url string: ");
    bufAppend(detail, ptr, len);
    abortWith(fname, detail);
  }
  const padded = bufNew(len + 2);
  bufAppend(padded, ptr, len);
  for (let i = 0; i < missing; i++) bufAppendByte(padded, 0x3d);
  const text = bufToString(padded);
  return decodeBase64Builtin(fname, stringPtr(text), stringLen(text), true);
}

// ---- hex ----

export function builtin_hex_encode(s: usize): usize {
  requireString("hex.encode", 1, s);
  const ptr = stringPtr(s);
  const len = stringLen(s);
  const b = bufNew(len * 2);
  for (let i = 0; i < len; i++) {
    const c = <i32>load<u8>(ptr + <usize>i);
    bufAppendByte(b, HEX_DIGITS.charCodeAt(c >> 4));
    bufAppendByte(b, HEX_DIGITS.charCodeAt(c & 15));
  }
  return bufToString(b);
}

function hexValue(c: u32): i32 {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return -1;
}

/** Go's InvalidByteError text: "encoding/hex: invalid byte: U+0067 'g'" (the quote only when printable). */
function abortInvalidHexByte(c: u32): void {
  const detail = bufNew(48);
  bufAppendAS(detail, "encoding/hex: invalid byte: U+00");
  bufAppendByte(detail, HEX_UPPER.charCodeAt(c >> 4));
  bufAppendByte(detail, HEX_UPPER.charCodeAt(c & 15));
  const printable = (c >= 0x20 && c < 0x7f) || (c >= 0xa1 && c != 0xad);
  if (printable) {
    bufAppendAS(detail, " '");
    if (c < 0x80) bufAppendByte(detail, c);
    else {
      bufAppendByte(detail, 0xc0 | (c >> 6));
      bufAppendByte(detail, 0x80 | (c & 0x3f));
    }
    bufAppendByte(detail, 0x27);
  }
  abortWith("hex.decode", detail);
}

export function builtin_hex_decode(s: usize): usize {
  requireString("hex.decode", 1, s);
  const ptr = stringPtr(s);
  const len = stringLen(s);
  const out = bufNew(len / 2 + 1);
  for (let i = 0; i + 1 < len; i += 2) {
    const hi = hexValue(load<u8>(ptr + <usize>i));
    if (hi < 0) abortInvalidHexByte(load<u8>(ptr + <usize>i));
    const lo = hexValue(load<u8>(ptr + <usize>(i + 1)));
    if (lo < 0) abortInvalidHexByte(load<u8>(ptr + <usize>(i + 1)));
    bufAppendByte(out, (hi << 4) | lo);
  }
  if (len % 2 == 1) {
    // Go reports a bad last character before the odd length
    if (hexValue(load<u8>(ptr + <usize>(len - 1))) < 0) abortInvalidHexByte(load<u8>(ptr + <usize>(len - 1)));
    const detail = bufNew(48);
    bufAppendAS(detail, "encoding/hex: odd length hex string");
    abortWith("hex.decode", detail);
  }
  return bufToString(out);
}

// ---- URL query escaping (Go's url.QueryEscape / QueryUnescape / Values) ----

function isUnreserved(c: u32): bool {
  return (
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0x30 && c <= 0x39) ||
    c == 0x2d ||
    c == 0x2e ||
    c == 0x5f ||
    c == 0x7e
  );
}

function appendQueryEscaped(b: usize, ptr: usize, len: i32): void {
  for (let i = 0; i < len; i++) {
    const c = <u32>load<u8>(ptr + <usize>i);
    if (isUnreserved(c)) bufAppendByte(b, c);
    else if (c == 0x20) bufAppendByte(b, 0x2b);
    else {
      bufAppendByte(b, 0x25);
      bufAppendByte(b, HEX_UPPER.charCodeAt(c >> 4));
      bufAppendByte(b, HEX_UPPER.charCodeAt(c & 15));
    }
  }
}

/** Unescapes query text ('+' is a space) into a string value; aborts on a malformed escape. */
function queryUnescape(fname: string, ptr: usize, len: i32): usize {
  const b = bufNew(len);
  for (let i = 0; i < len; i++) {
    const c = <u32>load<u8>(ptr + <usize>i);
    if (c == 0x2b) bufAppendByte(b, 0x20);
    else if (c != 0x25) bufAppendByte(b, c);
    else {
      const hi = i + 1 < len ? hexValue(load<u8>(ptr + <usize>(i + 1))) : -1;
      const lo = i + 2 < len ? hexValue(load<u8>(ptr + <usize>(i + 2))) : -1;
      if (hi < 0 || lo < 0) {
        const detail = bufNew(32);
        bufAppendAS(detail, "invalid URL escape ");
        bufAppendQuoted(detail, ptr + <usize>i, min(3, len - i));
        abortWith(fname, detail);
      }
      bufAppendByte(b, (hi << 4) | lo);
      i += 2;
    }
  }
  return bufToString(b);
}

export function builtin_urlquery_encode(s: usize): usize {
  requireString("urlquery.encode", 1, s);
  const b = bufNew(stringLen(s) + 8);
  appendQueryEscaped(b, stringPtr(s), stringLen(s));
  return bufToString(b);
}

export function builtin_urlquery_decode(s: usize): usize {
  requireString("urlquery.decode", 1, s);
  return queryUnescape("urlquery.decode", stringPtr(s), stringLen(s));
}

function appendQueryPair(b: usize, key: usize, value: usize): void {
  if (typeOf(value) != T_STRING) {
    abortOperand(
      "urlquery.encode_object",
      1,
      "must be object of strings, arrays of strings or sets of strings",
      0,
    );
  }
  if (bufLen(b) > 0) bufAppendByte(b, 0x26);
  appendQueryEscaped(b, stringPtr(key), stringLen(key));
  bufAppendByte(b, 0x3d);
  appendQueryEscaped(b, stringPtr(value), stringLen(value));
}

/** "k=v&k=w" with keys in sorted order, arrays and sets giving one pair per element. */
export function builtin_urlquery_encode_object(obj: usize): usize {
  const fname = "urlquery.encode_object";
  requireObject(fname, 1, obj);
  const b = bufNew(64);
  const n = objectLen(obj);
  for (let i = 0; i < n; i++) {
    const k = objectKeyAt(obj, i);
    const v = objectValueAt(obj, i);
    if (typeOf(k) != T_STRING) abortOperand(fname, 1, "must be object with string keys", 0);
    const t = typeOf(v);
    if (t == T_ARRAY) {
      for (let j = 0; j < arrayLen(v); j++) appendQueryPair(b, k, arrayGet(v, j));
    } else if (t == T_SET) {
      for (let j = 0; j < setLen(v); j++) appendQueryPair(b, k, setAt(v, j));
    } else appendQueryPair(b, k, v);
  }
  return bufToString(b);
}

/** Go's url.ParseQuery: "&"-separated pairs, each key collecting its values in order. */
export function builtin_urlquery_decode_object(s: usize): usize {
  const fname = "urlquery.decode_object";
  requireString(fname, 1, s);
  const ptr = stringPtr(s);
  const len = stringLen(s);
  const result = makeObject();
  let start = 0;
  while (start < len) {
    let end = start;
    while (end < len && load<u8>(ptr + <usize>end) != 0x26) end++;
    if (end > start) {
      let eq = start;
      while (eq < end && load<u8>(ptr + <usize>eq) != 0x3d) eq++;
      for (let i = start; i < end; i++) {
        if (load<u8>(ptr + <usize>i) == 0x3b) {
          const detail = bufNew(40);
          bufAppendAS(detail, "invalid semicolon separator in query");
          abortWith(fname, detail);
        }
      }
      const key = queryUnescape(fname, ptr + <usize>start, eq - start);
      const value =
        eq < end ? queryUnescape(fname, ptr + <usize>(eq + 1), end - eq - 1) : queryUnescape(fname, ptr, 0);
      let values = objectGet(result, key);
      if (values == 0) {
        values = makeArray(1);
        objectInsert(result, key, values);
      }
      arrayPush(values, value);
    }
    start = end + 1;
  }
  return result;
}
