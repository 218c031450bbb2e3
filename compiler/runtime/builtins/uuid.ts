// uuid.parse: what OPA reports of a UUID. OPA parses with Go's github.com/google/uuid (its four
// spellings below), then reports the version and variant of every UUID and, for the time-based
// versions 1 and 2, the timestamp, clock sequence and node; a version 2 (DCE security) UUID also has
// a local id and domain. A string that is no UUID makes the result undefined, not an error.
// uuid.rfc4122 (random UUIDs) is not here.

import { alloc } from "../alloc";
import { makeObject, makeStringFromAS, objectInsert, stringLen, stringPtr } from "../value";
import { makeNumberI64 } from "../number";
import { bufAppendAS, bufAppendByte, bufAppendI64, bufNew, bufToString } from "../buffer";
import { bufAppendHex } from "../digest/hex";
import { requireString } from "./operands";

// 100-nanosecond intervals from the Gregorian calendar's start (1582-10-15) to the Unix epoch.
const GREGORIAN_TO_UNIX: i64 = 122192928000000000;

function hexDigit(c: u32): i32 {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return -1;
}

/** The byte written as two hex digits at `p`, or -1. */
function hexByte(p: usize): i32 {
  const hi = hexDigit(load<u8>(p));
  const lo = hexDigit(load<u8>(p, 1));
  return hi < 0 || lo < 0 ? -1 : (hi << 4) | lo;
}

/** Where byte i's hex pair starts in xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx: a dash follows bytes 3, 5, 7, 9. */
function dashedOffset(i: i32): i32 {
  return 2 * i + (i >= 4 ? 1 : 0) + (i >= 6 ? 1 : 0) + (i >= 8 ? 1 : 0) + (i >= 10 ? 1 : 0);
}

function isUrnPrefix(p: usize): bool {
  const prefix = "urn:uuid:";
  for (let i = 0; i < 9; i++) {
    const c = <u32>load<u8>(p + <usize>i);
    const lower = c >= 0x41 && c <= 0x5a ? c + 0x20 : c;
    if (lower != <u32>prefix.charCodeAt(i)) return false;
  }
  return true;
}

/**
 * Reads a UUID into the 16 bytes at `out` as google/uuid's Parse does: 32 hex digits, the dashed
 * form, the dashed form after "urn:uuid:" (any case), or the dashed form with one character either
 * side (meant for braces, which Go does not check). Returns false for anything else.
 */
function parseUuid(ptr: usize, len: i32, out: usize): bool {
  if (len == 32) {
    for (let i = 0; i < 16; i++) {
      const byte = hexByte(ptr + <usize>(i * 2));
      if (byte < 0) return false;
      store<u8>(out + <usize>i, byte);
    }
    return true;
  }
  let dashed = ptr;
  if (len == 36 + 9) {
    if (!isUrnPrefix(ptr)) return false;
    dashed += 9;
  } else if (len == 36 + 2) dashed += 1;
  else if (len != 36) return false;
  for (let i = 8; i <= 23; i += 5) if (load<u8>(dashed + <usize>i) != 0x2d) return false;
  for (let i = 0; i < 16; i++) {
    const byte = hexByte(dashed + <usize>dashedOffset(i));
    if (byte < 0) return false;
    store<u8>(out + <usize>i, byte);
  }
  return true;
}

/** RFC 4122 §4.1.1: the variant is in the top bits of byte 8. */
function variantName(byte: u32): string {
  if ((byte & 0xc0) == 0x80) return "RFC4122";
  if ((byte & 0xe0) == 0xc0) return "Microsoft";
  if ((byte & 0xe0) == 0xe0) return "Future";
  return "Reserved";
}

/** The first node byte's two low bits: multicast (bit 0) and locally administered (bit 1). */
function macVariables(byte: u32): string {
  if ((byte & 3) == 3) return "local:multicast";
  if ((byte & 1) == 1) return "global:multicast";
  if ((byte & 2) == 2) return "local:unicast";
  return "global:unicast";
}

function bigEndian(p: usize, n: i32): u64 {
  let v: u64 = 0;
  for (let i = 0; i < n; i++) v = (v << 8) | load<u8>(p + <usize>i);
  return v;
}

/**
 * Nanoseconds since the Unix epoch of the 60-bit timestamp (time_low, time_mid, then the low 12 bits
 * of time_hi_and_version). Go computes it in int64, seconds × 10^9 + nanoseconds, which wraps for
 * timestamps past 2262 and before 1677; i64 arithmetic wraps the same way.
 */
function unixNanos(bytes: usize): i64 {
  const intervals = <i64>(
    (bigEndian(bytes, 4) | (bigEndian(bytes + 4, 2) << 32) | ((bigEndian(bytes + 6, 2) & 0xfff) << 48))
  );
  return (intervals - GREGORIAN_TO_UNIX) * 100;
}

/** The node id as OPA writes it: the six bytes in hex, joined by dashes. */
function nodeId(bytes: usize): usize {
  const b = bufNew(18);
  for (let i = 10; i < 16; i++) {
    if (i > 10) bufAppendByte(b, 0x2d);
    bufAppendHex(b, bytes + <usize>i, 1);
  }
  return bufToString(b);
}

/** DCE security domains (version 2, byte 9) by name; others as Go's uuid.Domain prints them. */
function domainName(domain: i32): usize {
  if (domain == 0) return makeStringFromAS("Person");
  if (domain == 1) return makeStringFromAS("Group");
  if (domain == 2) return makeStringFromAS("Org");
  const b = bufNew(12);
  bufAppendAS(b, "Domain");
  bufAppendI64(b, domain);
  return bufToString(b);
}

function put(object: usize, key: string, value: usize): void {
  objectInsert(object, makeStringFromAS(key), value);
}

export function builtin_uuid_parse(s: usize): usize {
  requireString("uuid.parse", 1, s);
  const bytes = alloc(16);
  if (!parseUuid(stringPtr(s), stringLen(s), bytes)) return 0;
  const result = makeObject();
  const version = (<i32>load<u8>(bytes, 6)) >> 4;
  put(result, "version", makeNumberI64(version));
  put(result, "variant", makeStringFromAS(variantName(load<u8>(bytes, 8))));
  if (version == 1 || version == 2) {
    put(result, "time", makeNumberI64(unixNanos(bytes)));
    put(result, "clocksequence", makeNumberI64(<i64>(bigEndian(bytes + 8, 2) & 0x3fff)));
    put(result, "nodeid", nodeId(bytes));
    put(result, "macvariables", makeStringFromAS(macVariables(load<u8>(bytes, 10))));
    if (version == 2) {
      put(result, "id", makeNumberI64(<i64>bigEndian(bytes, 4)));
      put(result, "domain", domainName(load<u8>(bytes, 9)));
    }
  }
  return result;
}
