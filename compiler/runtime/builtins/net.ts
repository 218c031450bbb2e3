// net.cidr_* builtins, reproducing Go's net.ParseIP / net.ParseCIDR / IPNet.Contains as OPA uses them.
// Addresses are kept as 16 bytes, IPv4 in IPv4-mapped form (::ffff:a.b.c.d), as Go does.
//
// Go's quirks are kept on purpose, because OPA has them:
// - an IPv4 address is compared as 4 bytes (IP.To4), so an IPv6 network only contains it when the
//   network itself is IPv4-mapped (::ffff:0:0/96 contains 10.0.0.1, ::/0 does not);
// - IPv4 fields with leading zeros ("010.0.0.1") and zones ("fe80::1%eth0") are invalid.
import {
  T_ARRAY,
  T_OBJECT,
  T_SET,
  T_STRING,
  arrayGet,
  arrayLen,
  makeArray,
  arrayPush,
  makeBool,
  makeSet,
  objectKeyAt,
  objectLen,
  objectValueAt,
  setAdd,
  setAt,
  setLen,
  stringLen,
  stringPtr,
  typeOf,
} from "../value";
import { abortBuiltin, builtinError } from "../errors";
import { alloc } from "../alloc";
import { makeNumberI64 } from "../number";
import { bufAppend, bufAppendAS, bufAppendByte, bufAppendI64, bufNew, bufToString } from "../buffer";
import { requireString } from "./operands";

// A network, as Go's ParseCIDR returns it: {address: 16 bytes (host bits cleared), bits: i32 (32 for
// IPv4 text, 128 for IPv6 text), ones: i32 (prefix length)}.
const NET_SIZE: usize = 24;

function hexDigit(c: i32): i32 {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return -1;
}

/** Go's parseIPv4Fields: four decimal fields 0-255 without leading zeros, written to dst[0..4). */
function parseIPv4Fields(s: usize, start: i32, end: i32, dst: usize): bool {
  let value = 0;
  let digits = 0;
  let field = 0;
  for (let i = start; i < end; i++) {
    const c = <i32>load<u8>(s + <usize>i);
    if (c >= 0x30 && c <= 0x39) {
      if (digits == 1 && value == 0) return false;
      value = value * 10 + (c - 0x30);
      digits++;
      if (value > 255) return false;
    } else if (c == 0x2e) {
      if (i == start || i == end - 1 || load<u8>(s + <usize>(i - 1)) == 0x2e) return false;
      if (field == 3) return false;
      store<u8>(dst + <usize>field, <u8>value);
      field++;
      value = 0;
      digits = 0;
    } else return false;
  }
  if (field < 3 || digits == 0) return false;
  store<u8>(dst + 3, <u8>value);
  return true;
}

/** Go's netip parseIPv6 (without zones) into dst[0..16). */
function parseIPv6(s: usize, start: i32, end: i32, dst: usize): bool {
  memory.fill(dst, 0, 16);
  let at = start;
  let ellipsis = -1;
  if (end - at >= 2 && load<u8>(s + <usize>at) == 0x3a && load<u8>(s + <usize>(at + 1)) == 0x3a) {
    ellipsis = 0;
    at += 2;
    if (at == end) return true;
  }
  let i = 0;
  while (i < 16) {
    let digits = 0;
    let acc = 0;
    while (at + digits < end) {
      const d = hexDigit(<i32>load<u8>(s + <usize>(at + digits)));
      if (d < 0) break;
      if (digits == 4) return false; // more than four hex digits in a group
      acc = (acc << 4) | d;
      digits++;
    }
    if (digits == 0) return false;
    if (at + digits < end && load<u8>(s + <usize>(at + digits)) == 0x2e) {
      // A trailing dotted IPv4 address fills the last four bytes.
      if ((ellipsis < 0 && i != 12) || i + 4 > 16) return false;
      if (!parseIPv4Fields(s, at, end, dst + <usize>i)) return false;
      at = end;
      i += 4;
      break;
    }
    store<u8>(dst + <usize>i, <u8>(acc >> 8));
    store<u8>(dst + <usize>(i + 1), <u8>acc);
    i += 2;
    at += digits;
    if (at == end) break;
    if (load<u8>(s + <usize>at) != 0x3a || at + 1 == end) return false;
    at++;
    if (load<u8>(s + <usize>at) == 0x3a) {
      if (ellipsis >= 0) return false; // a second "::"
      ellipsis = i;
      at++;
      if (at == end) break;
    }
  }
  if (at != end) return false;
  if (i < 16) {
    if (ellipsis < 0) return false;
    const n = 16 - i;
    for (let j = i - 1; j >= ellipsis; j--) store<u8>(dst + <usize>(j + n), load<u8>(dst + <usize>j));
    memory.fill(dst + <usize>ellipsis, 0, <usize>n);
  } else if (ellipsis >= 0) return false; // "::" must stand for at least one zero group
  return true;
}

/** Parses an address into dst (16 bytes): 4 for IPv4 text, 6 for IPv6 text, 0 when invalid. */
function parseAddress(s: usize, start: i32, end: i32, dst: usize): i32 {
  for (let i = start; i < end; i++) {
    const c = load<u8>(s + <usize>i);
    if (c == 0x2e) {
      memory.fill(dst, 0, 10);
      store<u8>(dst + 10, 0xff);
      store<u8>(dst + 11, 0xff);
      return parseIPv4Fields(s, start, end, dst + 12) ? 4 : 0;
    }
    if (c == 0x3a) return parseIPv6(s, start, end, dst) ? 6 : 0;
    if (c == 0x25) return 0;
  }
  return 0;
}

function isV4Mapped(address: usize): bool {
  for (let i = 0; i < 10; i++) if (load<u8>(address + <usize>i) != 0) return false;
  return load<u8>(address + 10) == 0xff && load<u8>(address + 11) == 0xff;
}

/** Clears every bit of the 16-byte address after the first `keep` bits. */
function clearHostBits(address: usize, keep: i32): void {
  for (let i = 0; i < 16; i++) {
    const first = i * 8;
    if (first + 8 <= keep) continue;
    const kept = keep > first ? keep - first : 0;
    store<u8>(address + <usize>i, load<u8>(address + <usize>i) & (<u8>(0xff00 >> kept)));
  }
}

/** Go's net.ParseCIDR; 0 when invalid. */
function parseCIDR(s: usize, len: i32): usize {
  let slash = -1;
  for (let i = 0; i < len; i++) {
    if (load<u8>(s + <usize>i) == 0x2f) {
      slash = i;
      break;
    }
  }
  if (slash < 0) return 0;
  const network = alloc(NET_SIZE);
  const kind = parseAddress(s, 0, slash, network);
  if (kind == 0) return 0;
  let ones = 0;
  let digits = 0;
  for (let i = slash + 1; i < len; i++) {
    const c = <i32>load<u8>(s + <usize>i);
    if (c < 0x30 || c > 0x39) return 0;
    ones = ones * 10 + (c - 0x30);
    if (ones > 0xffffff) return 0;
    digits++;
  }
  const bits = kind == 4 ? 32 : 128;
  if (digits == 0 || ones > bits) return 0;
  clearHostBits(network, 128 - bits + ones);
  store<i32>(network, bits, 16);
  store<i32>(network, ones, 20);
  return network;
}

/** Whether the first `bits` bits of a and b agree. */
function samePrefix(a: usize, b: usize, bits: i32): bool {
  for (let i = 0; bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff00 >> bits) & 0xff;
    if ((load<u8>(a + <usize>i) & mask) != (load<u8>(b + <usize>i) & mask)) return false;
  }
  return true;
}

/** Go's IPNet.Contains(address): IPv4 and IPv4-mapped addresses compare as 4 bytes. */
function networkContains(network: usize, address: usize): bool {
  const bits = load<i32>(network, 16);
  const ones = load<i32>(network, 20);
  const addressIs4 = isV4Mapped(address);
  if (bits == 32 || isV4Mapped(network)) {
    // A 4-byte network; an IPv6 one that is IPv4-mapped uses the last 32 bits of its mask.
    if (!addressIs4) return false;
    const ones4 = bits == 32 ? ones : max(ones - 96, 0);
    return samePrefix(network + 12, address + 12, ones4);
  }
  return !addressIs4 && samePrefix(network, address, ones);
}

/** The last address of a network: its address with all host bits set. */
function lastAddress(network: usize): usize {
  const last = alloc(16);
  memory.copy(last, network, 16);
  const keep = 128 - load<i32>(network, 16) + load<i32>(network, 20);
  for (let i = 0; i < 16; i++) {
    const first = i * 8;
    if (first + 8 <= keep) continue;
    const kept = keep > first ? keep - first : 0;
    store<u8>(last + <usize>i, load<u8>(last + <usize>i) | (<u8>((<u32>0xff) >> (<u32>kept))));
  }
  return last;
}

export function abortWithText(fname: string, detail: string, text: usize): void {
  const b = bufNew(64);
  bufAppendAS(b, fname);
  bufAppendAS(b, ": ");
  bufAppendAS(b, detail);
  bufAppend(b, stringPtr(text), stringLen(text));
  abortBuiltin(stringPtr(bufToString(b)));
}

/** The network of a CIDR operand; type errors name operand 1 whichever operand it is, as OPA does. */
function networkOperand(fname: string, v: usize): usize {
  requireString(fname, 1, v);
  const network = parseCIDR(stringPtr(v), stringLen(v));
  if (network == 0) abortWithText(fname, "invalid CIDR address: ", v);
  return network;
}

function cidrContains(fname: string, cidr: usize, cidrOrIP: usize): bool {
  const network = networkOperand(fname, cidr);
  requireString(fname, 1, cidrOrIP);
  const address = alloc(16);
  if (parseAddress(stringPtr(cidrOrIP), 0, stringLen(cidrOrIP), address) != 0) {
    return networkContains(network, address);
  }
  const inner = parseCIDR(stringPtr(cidrOrIP), stringLen(cidrOrIP));
  if (inner == 0) {
    abortWithText(fname, "not a valid textual representation of an IP address or CIDR: ", cidrOrIP);
  }
  return networkContains(network, inner) && networkContains(network, lastAddress(inner));
}

export function builtin_net_cidr_contains(cidr: usize, cidrOrIP: usize): usize {
  return makeBool(cidrContains("net.cidr_contains", cidr, cidrOrIP));
}

/** OPA registers net.cidr_overlap with the implementation of net.cidr_contains. */
export function builtin_net_cidr_overlap(cidr: usize, cidrOrIP: usize): usize {
  return makeBool(cidrContains("net.cidr_overlap", cidr, cidrOrIP));
}

export function builtin_net_cidr_intersects(a: usize, b: usize): usize {
  const fname = "net.cidr_intersects";
  const first = networkOperand(fname, a);
  const second = networkOperand(fname, b);
  return makeBool(networkContains(first, second) || networkContains(second, first));
}

export function builtin_net_cidr_is_valid(cidr: usize): usize {
  return makeBool(typeOf(cidr) == T_STRING && parseCIDR(stringPtr(cidr), stringLen(cidr)) != 0);
}

function appendAddress(b: usize, address: usize, asIPv4: bool): void {
  if (asIPv4) {
    for (let i = 12; i < 16; i++) {
      if (i > 12) bufAppendByte(b, 0x2e);
      bufAppendI64(b, load<u8>(address + <usize>i));
    }
    return;
  }
  // RFC 5952, as Go prints: the longest run of two or more zero groups (the first on a tie) is "::".
  let bestStart = -1;
  let bestLen = 1;
  for (let g = 0; g < 8;) {
    let run = 0;
    while (g + run < 8 && load<u16>(address + <usize>((g + run) * 2)) == 0) run++;
    if (run > bestLen) {
      bestStart = g;
      bestLen = run;
    }
    g += run > 0 ? run : 1;
  }
  for (let g = 0; g < 8; g++) {
    if (g == bestStart) {
      bufAppendAS(b, "::");
      g += bestLen - 1;
      continue;
    }
    if (g > 0 && g != bestStart + bestLen) bufAppendByte(b, 0x3a);
    const group = ((<i32>load<u8>(address + <usize>(g * 2))) << 8) | load<u8>(address + <usize>(g * 2 + 1));
    let shift = 12;
    while (shift > 0 && group >> shift == 0) shift -= 4;
    for (; shift >= 0; shift -= 4) bufAppendByte(b, "0123456789abcdef".charCodeAt((group >> shift) & 15));
  }
}

// net.cidr_expand materialises every address; beyond this many the result would not fit in memory
// anyway (OPA itself runs until its evaluation deadline).
const MAX_EXPANDED_HOST_BITS = 16;

export function builtin_net_cidr_expand(cidr: usize): usize {
  const fname = "net.cidr_expand";
  const network = networkOperand(fname, cidr);
  const bits = load<i32>(network, 16);
  const hostBits = bits - load<i32>(network, 20);
  if (hostBits > MAX_EXPANDED_HOST_BITS) abortWithText(fname, "too many addresses to expand: ", cidr);
  const asIPv4 = bits == 32 || isV4Mapped(network);
  const result = makeSet();
  const address = alloc(16);
  memory.copy(address, network, 16);
  const count = 1 << hostBits;
  for (let k = 0; k < count; k++) {
    const b = bufNew(40);
    appendAddress(b, address, asIPv4);
    setAdd(result, bufToString(b));
    for (let i = 15; i >= 0; i--) {
      const byte = <u8>(load<u8>(address + <usize>i) + 1);
      store<u8>(address + <usize>i, byte);
      if (byte != 0) break;
    }
  }
  return result;
}

/** The CIDR string of a cidr_contains_matches element: a string, or the first item of an array. */
function matchElementCIDR(fname: string, operand: i32, element: usize): usize {
  if (typeOf(element) == T_STRING) return element;
  if (typeOf(element) == T_ARRAY && arrayLen(element) > 0) return arrayGet(element, 0);
  const b = bufNew(64);
  bufAppendAS(b, fname);
  bufAppendAS(b, ": operand ");
  bufAppendI64(b, operand);
  bufAppendAS(b, ": element must be string or non-empty array");
  abortBuiltin(stringPtr(bufToString(b)));
  return 0;
}

// The operand of cidr_contains_matches as parallel lists of CIDR strings and the keys to report.
function matchEntries(fname: string, operand: i32, v: usize, cidrs: usize, keys: usize): void {
  const type = typeOf(v);
  if (type == T_STRING) {
    arrayPush(cidrs, v);
    arrayPush(keys, v);
  } else if (type == T_ARRAY) {
    for (let i = 0; i < arrayLen(v); i++) {
      arrayPush(cidrs, matchElementCIDR(fname, operand, arrayGet(v, i)));
      arrayPush(keys, makeNumberI64(i));
    }
  } else if (type == T_SET) {
    for (let i = 0; i < setLen(v); i++) {
      arrayPush(cidrs, matchElementCIDR(fname, operand, setAt(v, i)));
      arrayPush(keys, setAt(v, i));
    }
  } else if (type == T_OBJECT) {
    for (let i = 0; i < objectLen(v); i++) {
      arrayPush(cidrs, matchElementCIDR(fname, operand, objectValueAt(v, i)));
      arrayPush(keys, objectKeyAt(v, i));
    }
  }
}

/** The set of [key1, key2] for which CIDR key1 of the first operand contains CIDR/IP key2 of the second. */
export function builtin_net_cidr_contains_matches(a: usize, b: usize): usize {
  const fname = "net.cidr_contains_matches";
  const cidrsA = makeArray(4);
  const keysA = makeArray(4);
  const cidrsB = makeArray(4);
  const keysB = makeArray(4);
  matchEntries(fname, 1, a, cidrsA, keysA);
  matchEntries(fname, 2, b, cidrsB, keysB);
  const result = makeSet();
  for (let i = 0; i < arrayLen(cidrsA); i++) {
    for (let j = 0; j < arrayLen(cidrsB); j++) {
      if (!cidrContains(fname, arrayGet(cidrsA, i), arrayGet(cidrsB, j))) continue;
      const pair = makeArray(2);
      arrayPush(pair, arrayGet(keysA, i));
      arrayPush(pair, arrayGet(keysB, j));
      setAdd(result, pair);
    }
  }
  return result;
}

// net.cidr_merge, after OPA (whose algorithm comes from Cilium): each element becomes an address range;
// ranges sorted by (last, first) are merged from the end whenever one starts at most one address after
// the previous one ends; a merged range is printed as its minimal list of CIDR blocks, an unmerged one
// as the network it came from (Go's IPNet.String, host bits of a bare IPv4 address included).
// A range is {first: 16 bytes, last: 16 bytes, network: usize (0 once merged)}.
const RANGE_SIZE: usize = 40;

/** The class-based default prefix Go gives a bare IPv4 address (IP.DefaultMask); -1 for class D and E. */
function defaultPrefix(firstOctet: i32): i32 {
  if (firstOctet < 0x80) return 8;
  if (firstOctet < 0xc0) return 16;
  if (firstOctet < 0xe0) return 24;
  return -1;
}

function mergeElementNetwork(fname: string, element: usize): usize {
  if (typeOf(element) != T_STRING) builtinError(fname, "element must be string");
  const ptr = stringPtr(element);
  const len = stringLen(element);
  const network = alloc(NET_SIZE);
  if (parseAddress(ptr, 0, len, network) == 0) {
    const parsed = parseCIDR(ptr, len);
    if (parsed == 0) abortWithText(fname, "invalid CIDR address: ", element);
    return parsed;
  }
  if (!isV4Mapped(network)) builtinError(fname, "IPv6 invalid: needs prefix length");
  const prefix = defaultPrefix(load<u8>(network + 12));
  if (prefix < 0) abortWithText(fname, "IPv4 address has no default mask: ", element);
  store<i32>(network, 32, 16);
  store<i32>(network, prefix, 20);
  return network;
}

function setRange(range: usize, network: usize): void {
  memory.copy(range, network, 16);
  clearHostBits(range, 128 - load<i32>(network, 16) + load<i32>(network, 20));
  const masked = alloc(NET_SIZE);
  memory.copy(masked, range, 16);
  store<i64>(masked + 16, load<i64>(network + 16));
  memory.copy(range + 16, lastAddress(masked), 16);
  store<usize>(range + 32, network);
}

function rangeBefore(a: usize, b: usize): bool {
  const byLast = memory.compare(a + 16, b + 16, 16);
  return byLast < 0 || (byLast == 0 && memory.compare(a, b, 16) < 0);
}

/** The address just before `address`; the lowest IPv4 and IPv6 addresses stay as they are (as Cilium's). */
function previousAddress(address: usize): usize {
  const previous = alloc(16);
  memory.copy(previous, address, 16);
  let zero = true;
  for (let i = isV4Mapped(address) ? 12 : 0; i < 16; i++) if (load<u8>(address + <usize>i) != 0) zero = false;
  if (zero) return previous;
  for (let i = 15; i >= 0; i--) {
    const byte = load<u8>(previous + <usize>i);
    store<u8>(previous + <usize>i, byte - 1);
    if (byte != 0) break;
  }
  return previous;
}

function appendNetwork(b: usize, address: usize, bits: i32, ones: i32): void {
  const asIPv4 = bits == 32 || isV4Mapped(address);
  appendAddress(b, address, asIPv4);
  bufAppendByte(b, 0x2f);
  bufAppendI64(b, bits == 128 && asIPv4 ? max(ones - 96, 0) : ones);
}

/** Adds the minimal CIDR blocks covering [first, last] to the set, as strings. */
function addRangeBlocks(result: usize, first: usize, last: usize): void {
  const bits = isV4Mapped(first) ? 32 : 128;
  const current = alloc(16);
  const blockEnd = alloc(16);
  memory.copy(current, first, 16);
  while (true) {
    // The largest aligned block starting at `current` that ends at or before `last`.
    let size = 0;
    while (size < bits && ((load<u8>(current + <usize>(15 - (size >> 3))) >> (<u8>(size & 7))) & 1) == 0)
      size++;
    while (true) {
      memory.copy(blockEnd, current, 16);
      for (let k = 0; k < size; k++) {
        const at = blockEnd + <usize>(15 - (k >> 3));
        const mask: i32 = 1 << (k & 7);
        store<u8>(at, load<u8>(at) | (<u8>mask));
      }
      if (memory.compare(blockEnd, last, 16) <= 0) break;
      size--;
    }
    const text = bufNew(48);
    appendNetwork(text, current, bits, bits - size);
    setAdd(result, bufToString(text));
    if (memory.compare(blockEnd, last, 16) >= 0) return;
    // Next block: one past the end of this one.
    memory.copy(current, blockEnd, 16);
    for (let i = 15; i >= 0; i--) {
      const byte = <u8>(load<u8>(current + <usize>i) + 1);
      store<u8>(current + <usize>i, byte);
      if (byte != 0) break;
    }
  }
}

export function builtin_net_cidr_merge(addresses: usize): usize {
  const fname = "net.cidr_merge";
  const type = typeOf(addresses);
  if (type != T_ARRAY && type != T_SET) builtinError(fname, "operand must be an array");
  const n = type == T_ARRAY ? arrayLen(addresses) : setLen(addresses);
  const ranges = alloc(<usize>max(n, 1) * RANGE_SIZE);
  for (let i = 0; i < n; i++) {
    const element = type == T_ARRAY ? arrayGet(addresses, i) : setAt(addresses, i);
    setRange(ranges + <usize>i * RANGE_SIZE, mergeElementNetwork(fname, element));
  }
  // Insertion sort by (last, first): element lists are short.
  const swap = alloc(RANGE_SIZE);
  for (let i = 1; i < n; i++) {
    memory.copy(swap, ranges + <usize>i * RANGE_SIZE, RANGE_SIZE);
    let j = i - 1;
    while (j >= 0 && rangeBefore(swap, ranges + <usize>j * RANGE_SIZE)) {
      memory.copy(ranges + <usize>(j + 1) * RANGE_SIZE, ranges + <usize>j * RANGE_SIZE, RANGE_SIZE);
      j--;
    }
    memory.copy(ranges + <usize>(j + 1) * RANGE_SIZE, swap, RANGE_SIZE);
  }
  let count = n;
  for (let i = count - 1; i > 0; i--) {
    const current = ranges + <usize>i * RANGE_SIZE;
    const previous = ranges + <usize>(i - 1) * RANGE_SIZE;
    if (memory.compare(previousAddress(current), previous + 16, 16) > 0) continue;
    if (memory.compare(current, previous, 16) < 0) memory.copy(previous, current, 16);
    memory.copy(previous + 16, current + 16, 16);
    store<usize>(previous + 32, 0);
    memory.copy(current, current + RANGE_SIZE, <usize>(count - i - 1) * RANGE_SIZE);
    count--;
  }
  const result = makeSet();
  for (let i = 0; i < count; i++) {
    const range = ranges + <usize>i * RANGE_SIZE;
    const network = load<usize>(range + 32);
    if (network == 0) {
      addRangeBlocks(result, range, range + 16);
      continue;
    }
    const text = bufNew(48);
    appendNetwork(text, network, load<i32>(network, 16), load<i32>(network, 20));
    setAdd(result, bufToString(text));
  }
  return result;
}
