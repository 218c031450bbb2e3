// URLs as Go's net/url.Parse reads them, for the builtins that sign requests: the host (unescaped),
// the path as EscapedPath() writes it, and the raw query. Parse errors carry Go's wording
// (`parse "<url>": <reason>`), since OPA passes them on as the builtin's error.
//
// Go's parse steps, in its order: the fragment is cut off at the first '#' (and must unescape,
// checked last); control bytes before it are rejected; a scheme is letters, digits, '+', '-', '.'
// before a ':' (starting with a letter); the query follows the first '?'; a scheme followed by
// anything but '/' is an opaque URL (no host, no path); "//" starts the authority, whose host
// follows the last '@'; what remains is the path. Not carried over: IPv6 zone identifiers ("%25" inside brackets) and the checks Go makes
// of an IP literal's text.

import { alloc } from "./alloc";
import { makeString, stringLen, stringPtr } from "./value";
import { bufAppendAS, bufAppendByte, bufNew, bufToString } from "./buffer";

/** A parsed URL: string values. */
export const URL_HOST: i32 = 0;
export const URL_PATH: i32 = 4; // escaped, as EscapedPath() returns it
export const URL_QUERY: i32 = 8;

// Why the last parseUrl returned 0, as Go's url.Error prints it.
let lastError: usize = 0;

export function urlError(): usize {
  return lastError;
}

// The escaping contexts of Go's shouldEscape that parsing needs.
const PATH: i32 = 0;
const HOST: i32 = 1;
const USERINFO: i32 = 2;
const FRAGMENT: i32 = 3;

function isAlphanumeric(c: u32): bool {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);
}

function isHex(c: u32): bool {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);
}

function hexValue(c: u32): u32 {
  if (c <= 0x39) return c - 0x30;
  return (c | 0x20) - 0x61 + 10;
}

function isOneOf(c: u32, chars: string): bool {
  for (let i = 0; i < chars.length; i++) if (<u32>chars.charCodeAt(i) == c) return true;
  return false;
}

/** Go's shouldEscape: whether byte c must be %-escaped in the given part of a URL. */
function shouldEscape(c: u32, mode: i32): bool {
  if (isAlphanumeric(c)) return false;
  // sub-delims and the characters of IP literals and ports stay as they are in a host
  if (mode == HOST && isOneOf(c, "!$&'()*+,;=:[]<>\"")) return false;
  if (isOneOf(c, "-_.~")) return false;
  if (isOneOf(c, "$&+,/:;=?@")) {
    // reserved: a path escapes only '?', userinfo '@' '/' '?' ':'
    if (mode == PATH) return c == 0x3f;
    if (mode == USERINFO) return isOneOf(c, "@/?:");
    return false;
  }
  if (mode == FRAGMENT && isOneOf(c, "!()*")) return false;
  return true;
}

/** Appends `s` quoted as Go's %q does for the ASCII it meets in URLs (other bytes are kept). */
function appendGoQuoted(b: usize, ptr: usize, len: i32): void {
  bufAppendByte(b, 0x22);
  for (let i = 0; i < len; i++) {
    const c = <u32>load<u8>(ptr + <usize>i);
    if (c == 0x22 || c == 0x5c) {
      bufAppendByte(b, 0x5c);
      bufAppendByte(b, c);
    } else if (c == 0x0a) bufAppendAS(b, "\\n");
    else if (c == 0x09) bufAppendAS(b, "\\t");
    else if (c == 0x0d) bufAppendAS(b, "\\r");
    else if (c < 0x20 || c == 0x7f) {
      bufAppendAS(b, "\\x");
      bufAppendByte(b, "0123456789abcdef".charCodeAt(c >> 4));
      bufAppendByte(b, "0123456789abcdef".charCodeAt(c & 15));
    } else bufAppendByte(b, c);
  }
  bufAppendByte(b, 0x22);
}

/** Records `parse "<url>": <reason>`, the reason an AS literal, optionally followed by a quoted piece. */
function fail(
  url: usize,
  urlLen: i32,
  reason: string,
  piece: usize = 0,
  pieceLen: i32 = 0,
  after: string = "",
): usize {
  const b = bufNew(64);
  bufAppendAS(b, "parse ");
  appendGoQuoted(b, url, urlLen);
  bufAppendAS(b, ": ");
  bufAppendAS(b, reason);
  if (piece != 0) {
    appendGoQuoted(b, piece, pieceLen);
    bufAppendAS(b, after);
  }
  lastError = bufToString(b);
  return 0;
}

// The failure of the last unescape: its offset, or -1 when there was none. An invalid escape is
// reported with up to three bytes from the '%'; an invalid host byte with that byte.
let unescapeFailure: i32 = -1;
let unescapeBadHostByte: bool = false;

/** Go's unescape: decodes %XX; in a host, a byte that would need escaping is an error. Returns the
 *  decoded bytes as a string value, or 0 with unescapeFailure set. */
function unescape(ptr: usize, len: i32, mode: i32): usize {
  unescapeFailure = -1;
  unescapeBadHostByte = false;
  const b = bufNew(len);
  for (let i = 0; i < len;) {
    const c = <u32>load<u8>(ptr + <usize>i);
    if (c == 0x25) {
      if (i + 2 >= len || !isHex(load<u8>(ptr + <usize>(i + 1))) || !isHex(load<u8>(ptr + <usize>(i + 2)))) {
        unescapeFailure = i;
        return 0;
      }
      bufAppendByte(
        b,
        (hexValue(load<u8>(ptr + <usize>(i + 1))) << 4) | hexValue(load<u8>(ptr + <usize>(i + 2))),
      );
      i += 3;
      continue;
    }
    if (mode == HOST && c < 0x80 && shouldEscape(c, HOST)) {
      unescapeFailure = i;
      unescapeBadHostByte = true;
      return 0;
    }
    bufAppendByte(b, c);
    i++;
  }
  return bufToString(b);
}

/** The error of the last failed unescape of the `len` bytes at `ptr`, a piece of `url`. */
function failUnescape(url: usize, urlLen: i32, ptr: usize, len: i32): usize {
  const at = ptr + <usize>unescapeFailure;
  if (unescapeBadHostByte) return fail(url, urlLen, "invalid character ", at, 1, " in host name");
  const rest = len - unescapeFailure;
  return fail(url, urlLen, "invalid URL escape ", at, rest > 3 ? 3 : rest);
}

/** Go's validEncoded for a path: every byte may stand as it is or is a '%'. */
function validEncodedPath(ptr: usize, len: i32): bool {
  for (let i = 0; i < len; i++) {
    const c = <u32>load<u8>(ptr + <usize>i);
    if (!isOneOf(c, "!$&'()*+,;=:@[]%") && shouldEscape(c, PATH)) return false;
  }
  return true;
}

/** EscapedPath(): the path as written when that is a valid encoding, else the decoded path re-escaped. */
function escapedPath(raw: usize, rawLen: i32, decoded: usize): usize {
  if (validEncodedPath(raw, rawLen)) return makeString(raw, rawLen);
  const ptr = stringPtr(decoded);
  const len = stringLen(decoded);
  const b = bufNew(len * 3);
  for (let i = 0; i < len; i++) {
    const c = <u32>load<u8>(ptr + <usize>i);
    if (shouldEscape(c, PATH)) {
      bufAppendByte(b, 0x25);
      bufAppendByte(b, "0123456789ABCDEF".charCodeAt(c >> 4));
      bufAppendByte(b, "0123456789ABCDEF".charCodeAt(c & 15));
    } else bufAppendByte(b, c);
  }
  return bufToString(b);
}

/** The length of the scheme before ':', 0 when there is none, -1 when the URL starts with ':'. */
function schemeLength(ptr: usize, len: i32): i32 {
  for (let i = 0; i < len; i++) {
    const c = <u32>load<u8>(ptr + <usize>i);
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)) continue;
    if ((c >= 0x30 && c <= 0x39) || c == 0x2b || c == 0x2d || c == 0x2e) {
      if (i == 0) return 0;
      continue;
    }
    if (c == 0x3a) return i == 0 ? -1 : i;
    return 0;
  }
  return 0;
}

function indexOf(ptr: usize, len: i32, c: u8): i32 {
  for (let i = 0; i < len; i++) if (load<u8>(ptr + <usize>i) == c) return i;
  return -1;
}

function lastIndexOf(ptr: usize, len: i32, c: u8): i32 {
  for (let i = len - 1; i >= 0; i--) if (load<u8>(ptr + <usize>i) == c) return i;
  return -1;
}

/** Go's validOptionalPort: empty, or ':' followed by digits only. */
function validOptionalPort(ptr: usize, len: i32): bool {
  if (len == 0) return true;
  if (load<u8>(ptr) != 0x3a) return false;
  for (let i = 1; i < len; i++) {
    const c = load<u8>(ptr + <usize>i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** Go's validUserinfo: the characters RFC 3986 allows in userinfo, plus '@' (the last '@' ends it). */
function validUserinfo(ptr: usize, len: i32): bool {
  for (let i = 0; i < len; i++) {
    const c = <u32>load<u8>(ptr + <usize>i);
    if (!isAlphanumeric(c) && !isOneOf(c, "-._:~!$&'()*+,;=%@")) return false;
  }
  return true;
}

/** The host of an authority (Go's parseAuthority and parseHost), unescaped; 0 after fail(). */
function parseHost(url: usize, urlLen: i32, authority: usize, authorityLen: i32): usize {
  const at = lastIndexOf(authority, authorityLen, 0x40);
  let host = authority;
  let hostLen = authorityLen;
  if (at >= 0) {
    host = authority + <usize>(at + 1);
    hostLen = authorityLen - at - 1;
  }
  if (hostLen > 0 && load<u8>(host) == 0x5b) {
    const close = lastIndexOf(host, hostLen, 0x5d);
    if (close < 0) return fail(url, urlLen, "missing ']' in host");
    const port = host + <usize>(close + 1);
    const portLen = hostLen - close - 1;
    if (!validOptionalPort(port, portLen))
      return fail(url, urlLen, "invalid port ", port, portLen, " after host");
  } else {
    const colon = lastIndexOf(host, hostLen, 0x3a);
    if (colon >= 0) {
      const port = host + <usize>colon;
      const portLen = hostLen - colon;
      if (!validOptionalPort(port, portLen))
        return fail(url, urlLen, "invalid port ", port, portLen, " after host");
    }
  }
  const decoded = unescape(host, hostLen, HOST);
  if (decoded == 0) return failUnescape(url, urlLen, host, hostLen);
  if (at >= 0) {
    if (!validUserinfo(authority, at)) return fail(url, urlLen, "net/url: invalid userinfo");
    if (unescape(authority, at, USERINFO) == 0) return failUnescape(url, urlLen, authority, at);
  }
  return decoded;
}

/** Parses the URL string value `s`; returns a record of URL_HOST/URL_PATH/URL_QUERY string values,
 *  or 0 with urlError() set. */
export function parseUrl(s: usize): usize {
  const ptr = stringPtr(s);
  const len = stringLen(s);
  const hash = indexOf(ptr, len, 0x23);
  const record = parseWithoutFragment(ptr, hash >= 0 ? hash : len);
  if (record == 0 || hash < 0) return record;
  // The fragment plays no part here, but Go checks that it unescapes, after the rest.
  const fragment = ptr + <usize>(hash + 1);
  const fragmentLen = len - hash - 1;
  if (unescape(fragment, fragmentLen, FRAGMENT) == 0) return failUnescape(ptr, len, fragment, fragmentLen);
  return record;
}

function parseWithoutFragment(ptr: usize, len: i32): usize {
  for (let i = 0; i < len; i++) {
    const c = load<u8>(ptr + <usize>i);
    if (c < 0x20 || c == 0x7f) return fail(ptr, len, "net/url: invalid control character in URL");
  }
  const record = alloc(12);
  const empty = makeString(ptr, 0);
  store<usize>(record + <usize>URL_HOST, empty);
  store<usize>(record + <usize>URL_PATH, empty);
  store<usize>(record + <usize>URL_QUERY, empty);
  if (len == 1 && load<u8>(ptr) == 0x2a) {
    store<usize>(record + <usize>URL_PATH, makeString(ptr, 1)); // "*" is a path of its own
    return record;
  }
  const scheme = schemeLength(ptr, len);
  if (scheme < 0) return fail(ptr, len, "missing protocol scheme");
  let rest = scheme > 0 ? ptr + <usize>(scheme + 1) : ptr;
  let restLen = scheme > 0 ? len - scheme - 1 : len;

  const question = indexOf(rest, restLen, 0x3f);
  if (question >= 0) {
    store<usize>(record + <usize>URL_QUERY, makeString(rest + <usize>(question + 1), restLen - question - 1));
    restLen = question;
  }

  const rooted = restLen > 0 && load<u8>(rest) == 0x2f;
  if (!rooted) {
    if (scheme > 0) return record; // an opaque URL such as mailto:x has neither host nor path
    let segment = indexOf(rest, restLen, 0x2f);
    if (segment < 0) segment = restLen;
    if (indexOf(rest, segment, 0x3a) >= 0)
      return fail(ptr, len, "first path segment in URL cannot contain colon");
  }

  const authorityFollows = restLen >= 2 && load<u8>(rest) == 0x2f && load<u8>(rest, 1) == 0x2f;
  const tripleSlash = authorityFollows && restLen >= 3 && load<u8>(rest, 2) == 0x2f;
  if (authorityFollows && (scheme > 0 || !tripleSlash)) {
    const authority = rest + 2;
    let authorityLen = indexOf(authority, restLen - 2, 0x2f);
    if (authorityLen < 0) authorityLen = restLen - 2;
    const host = parseHost(ptr, len, authority, authorityLen);
    if (host == 0) return 0;
    store<usize>(record + <usize>URL_HOST, host);
    rest = authority + <usize>authorityLen;
    restLen = restLen - 2 - authorityLen;
  }

  const decodedPath = unescape(rest, restLen, PATH);
  if (decodedPath == 0) return failUnescape(ptr, len, rest, restLen);
  store<usize>(record + <usize>URL_PATH, escapedPath(rest, restLen, decodedPath));
  return record;
}
