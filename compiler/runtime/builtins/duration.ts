// Go's time.ParseDuration: an optional sign, then one or more decimal numbers (with an optional
// fraction), each followed by a unit (ns, us, µs, μs, ms, s, m, h): "300ms", "-1.5h", "2h45m".
// The total is in nanoseconds within 64 bits; a fraction is scaled with a double, as Go does, so
// "1.1h" comes out exactly as Go has it.

import { stringLen, stringPtr } from "../value";
import { abortBuiltin } from "../errors";
import { bufAppendAS, bufNew, bufToString } from "../buffer";
import { bufAppendGoQuoted } from "./goQuote";

const LIMIT: u64 = 9223372036854775808; // 2^63: the magnitude of the most negative duration

function isDigitByte(c: u32): bool {
  return c - 0x30 < 10;
}

/** Nanoseconds in the unit text[0, len), 0 for no unit Go knows. */
function unitNanos(ptr: usize, len: i32): u64 {
  const a = len > 0 ? <u32>load<u8>(ptr) : 0;
  const b = len > 1 ? <u32>load<u8>(ptr + 1) : 0;
  const c = len > 2 ? <u32>load<u8>(ptr + 2) : 0;
  if (len == 1) {
    if (a == 0x73) return 1000000000; // s
    if (a == 0x6d) return 60000000000; // m
    if (a == 0x68) return 3600000000000; // h
  } else if (len == 2 && b == 0x73) {
    if (a == 0x6e) return 1; // ns
    if (a == 0x75) return 1000; // us
    if (a == 0x6d) return 1000000; // ms
  } else if (len == 3 && c == 0x73) {
    if (a == 0xc2 && b == 0xb5) return 1000; // µs, U+00B5 MICRO SIGN
    if (a == 0xce && b == 0xbc) return 1000; // μs, U+03BC GREEK SMALL LETTER MU
  }
  return 0;
}

function abortDuration(fname: string, problem: string, s: usize, unitPtr: usize = 0, unitLen: i32 = 0): void {
  const b = bufNew(64);
  bufAppendAS(b, fname);
  bufAppendAS(b, ": time: ");
  bufAppendAS(b, problem);
  if (unitPtr != 0) {
    bufAppendGoQuoted(b, unitPtr, unitLen);
    bufAppendAS(b, " in duration ");
  }
  bufAppendGoQuoted(b, stringPtr(s), stringLen(s));
  abortBuiltin(stringPtr(bufToString(b)));
}

/** The duration the string value `s` spells, in nanoseconds; aborts with Go's error after "<fname>: ". */
export function parseDuration(fname: string, s: usize): i64 {
  const ptr = stringPtr(s);
  const len = stringLen(s);
  let i = 0;
  let negative = false;
  if (len > 0 && (load<u8>(ptr) == 0x2d || load<u8>(ptr) == 0x2b)) {
    negative = load<u8>(ptr) == 0x2d;
    i = 1;
  }
  if (i == len - 1 && load<u8>(ptr + <usize>i) == 0x30) return 0; // a bare "0" needs no unit
  if (i == len) abortDuration(fname, "invalid duration ", s);
  let total: u64 = 0;
  while (i < len) {
    const first = <u32>load<u8>(ptr + <usize>i);
    if (first != 0x2e && !isDigitByte(first)) abortDuration(fname, "invalid duration ", s);
    // The whole part, within 2^63.
    const wholeStart = i;
    let whole: u64 = 0;
    while (i < len && isDigitByte(load<u8>(ptr + <usize>i))) {
      if (whole > LIMIT / 10) abortDuration(fname, "invalid duration ", s);
      whole = whole * 10 + <u64>(load<u8>(ptr + <usize>i) - 0x30);
      if (whole > LIMIT) abortDuration(fname, "invalid duration ", s);
      i++;
    }
    const hasWhole = i != wholeStart;
    // The fraction: digits past what 63 bits hold are ignored.
    let fraction: u64 = 0;
    let scale: f64 = 1;
    let hasFraction = false;
    if (i < len && load<u8>(ptr + <usize>i) == 0x2e) {
      i++;
      const fractionStart = i;
      let saturated = false;
      while (i < len && isDigitByte(load<u8>(ptr + <usize>i))) {
        if (!saturated) {
          const next = fraction * 10 + <u64>(load<u8>(ptr + <usize>i) - 0x30);
          if (fraction > (LIMIT - 1) / 10 || next > LIMIT) saturated = true;
          else {
            fraction = next;
            scale *= 10;
          }
        }
        i++;
      }
      hasFraction = i != fractionStart;
    }
    if (!hasWhole && !hasFraction) abortDuration(fname, "invalid duration ", s);
    // The unit runs to the next digit or period.
    const unitStart = i;
    while (i < len) {
      const c = <u32>load<u8>(ptr + <usize>i);
      if (c == 0x2e || isDigitByte(c)) break;
      i++;
    }
    if (i == unitStart) abortDuration(fname, "missing unit in duration ", s);
    const unit = unitNanos(ptr + <usize>unitStart, i - unitStart);
    if (unit == 0) abortDuration(fname, "unknown unit ", s, ptr + <usize>unitStart, i - unitStart);
    if (whole > LIMIT / unit) abortDuration(fname, "invalid duration ", s);
    let nanos = whole * unit;
    if (fraction > 0) {
      nanos += <u64>(<f64>fraction * (<f64>unit / scale));
      if (nanos > LIMIT) abortDuration(fname, "invalid duration ", s);
    }
    total += nanos;
    if (total > LIMIT) abortDuration(fname, "invalid duration ", s);
  }
  if (negative) return -(<i64>total);
  if (total > LIMIT - 1) abortDuration(fname, "invalid duration ", s);
  return <i64>total;
}
