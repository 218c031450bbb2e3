// Parsing text with a Go layout (Go's time.Parse), to an instant: what each layout element
// accepts, the defaults of the fields a layout leaves out (January 1st of year 0, midnight), the
// range checks, and Go's error messages ("parsing time ..."), all as Go's time package has them.
//
// Zones: a numeric offset moves the instant; "Z" and "UTC" mean UTC. A zone abbreviation ("MST",
// "GMT+3") only names the zone: Go gives it the offset the local zone has for it, and OPA's local
// zone (like the runtime's only zone) is UTC, which has no abbreviation but "UTC", so the text is
// read as UTC.

import { stringLen, stringPtr } from "../value";
import { abortBuiltin } from "../errors";
import { bufAppendAS, bufNew, bufToString } from "../buffer";
import { SECONDS_PER_DAY, daysBeforeMonth, daysFromCivil, daysInMonth, isLeapYear } from "./calendar";
import { bufAppendGoQuoted } from "./goQuote";
import {
  E_DAY,
  E_FRACTION_NINES,
  E_FRACTION_ZEROS,
  E_HOUR,
  E_HOUR12,
  E_ISO_COLON_SECONDS_TZ,
  E_ISO_COLON_TZ,
  E_ISO_SECONDS_TZ,
  E_ISO_SHORT_TZ,
  E_LONG_MONTH,
  E_LONG_WEEKDAY,
  E_LONG_YEAR,
  E_MINUTE,
  E_MONTH,
  E_NONE,
  E_NUM_COLON_SECONDS_TZ,
  E_NUM_COLON_TZ,
  E_NUM_MONTH,
  E_NUM_SECONDS_TZ,
  E_NUM_SHORT_TZ,
  E_PM,
  E_PM_LOWER,
  E_SECOND,
  E_UNDER_DAY,
  E_UNDER_YEAR_DAY,
  E_WEEKDAY,
  E_YEAR,
  E_ZERO_DAY,
  E_ZERO_HOUR12,
  E_ZERO_MINUTE,
  E_ZERO_MONTH,
  E_ZERO_SECOND,
  E_ZERO_YEAR_DAY,
  E_ZONE_NAME,
  elementEnd,
  elementStart,
  fractionDigits,
  hasLiteral,
  isISOZone,
  monthName,
  nextElement,
  weekdayName,
} from "./timeLayout";

// The instant parseTime found.
export let parsedSeconds: i64 = 0;
export let parsedNanos: i32 = 0;

// The value text being parsed. Each reader below takes a position in it and, when the text there
// fits, leaves what it read in `number` and moves `cursor` past it; false when the text does not fit.
let text: usize = 0;
let textEnd: i32 = 0;
let cursor: i32 = 0;
let number: i64 = 0;

function byteAt(i: i32): u32 {
  return <u32>load<u8>(text + <usize>i);
}

function isDigit(i: i32): bool {
  return i < textEnd && byteAt(i) - 0x30 < 10;
}

function isCommaOrPeriod(i: i32): bool {
  return i < textEnd && (byteAt(i) == 0x2e || byteAt(i) == 0x2c);
}

/** Go's time atoi on text[from, to): an optional sign, then digits (none is 0), nothing else; the
 *  cursor stays. */
function readSignedInt(from: i32, to: i32): bool {
  let i = from;
  const negative = i < to && byteAt(i) == 0x2d;
  if (i < to && (byteAt(i) == 0x2d || byteAt(i) == 0x2b)) i++;
  let magnitude: u64 = 0;
  for (; i < to; i++) {
    const d = byteAt(i) - 0x30;
    if (d >= 10) return false;
    if (magnitude > <u64>922337203685477580) return false;
    magnitude = magnitude * 10 + d;
    if (magnitude > <u64>9223372036854775808) return false;
  }
  number = negative ? -(<i64>magnitude) : <i64>magnitude;
  return true;
}

/** One or two digits (exactly two when fixed) into `number`. */
function readNumber(from: i32, fixed: bool): bool {
  if (!isDigit(from)) return false;
  if (!isDigit(from + 1)) {
    if (fixed) return false;
    number = byteAt(from) - 0x30;
    cursor = from + 1;
    return true;
  }
  number = (byteAt(from) - 0x30) * 10 + byteAt(from + 1) - 0x30;
  cursor = from + 2;
  return true;
}

/** One to three digits (exactly three when fixed) into `number`. */
function readNumber3(from: i32, fixed: bool): bool {
  let n: i64 = 0;
  let i = from;
  for (; i < from + 3 && isDigit(i); i++) n = n * 10 + byteAt(i) - 0x30;
  if (i == from || (fixed && i != from + 3)) return false;
  number = n;
  cursor = i;
  return true;
}

/** One of the 12 month or 7 weekday names (their first 3 letters when short), any letter case. */
function readName(from: i32, months: bool, short: bool): bool {
  const count = months ? 12 : 7;
  for (let k = 0; k < count; k++) {
    const name = months ? monthName(k + 1) : weekdayName(k);
    const len = short ? 3 : name.length;
    if (textEnd - from < len) continue;
    let same = true;
    for (let i = 0; i < len && same; i++) {
      const want = <u32>name.charCodeAt(i);
      const got = byteAt(from + i);
      same = got == want || ((got | 0x20) == (want | 0x20) && (got | 0x20) - 0x61 < 26);
    }
    if (same) {
      number = months ? k + 1 : k;
      cursor = from + len;
      return true;
    }
  }
  return false;
}

/** A sign and an hour offset 0..23 ("+3", "-07"): its length, 0 when there is none. */
function signedOffsetLength(from: i32): i32 {
  if (from >= textEnd || (byteAt(from) != 0x2b && byteAt(from) != 0x2d)) return 0;
  let i = from + 1;
  let hours = 0;
  while (isDigit(i)) {
    hours = hours > 23 ? 24 : hours * 10 + <i32>(byteAt(i) - 0x30);
    i++;
  }
  return i == from + 1 || hours > 23 ? 0 : i - from;
}

/** The length of a zone abbreviation at `from` as Go guesses it (3 capitals, or 4-5 ending in T,
 *  ChST, MeST, WITA, GMT with an hour offset, a bare signed hour), 0 when none. */
function zoneNameLength(from: i32): i32 {
  if (textEnd - from < 3) return 0;
  if (hasLiteral(text, from, textEnd, "ChST") || hasLiteral(text, from, textEnd, "MeST")) return 4;
  if (hasLiteral(text, from, textEnd, "GMT")) return 3 + signedOffsetLength(from + 3);
  if (byteAt(from) == 0x2b || byteAt(from) == 0x2d) return signedOffsetLength(from);
  let capitals = 0;
  while (capitals < 6 && from + capitals < textEnd && byteAt(from + capitals) - 0x41 < 26) capitals++;
  if (capitals == 3) return 3;
  if (capitals == 4 && (byteAt(from + 3) == 0x54 || hasLiteral(text, from, textEnd, "WITA"))) return 4;
  if (capitals == 5 && byteAt(from + 4) == 0x54) return 5;
  return 0;
}

// A field value out of range ("month", "hour", ...), which Go reports before a syntax error.
let rangeError: string = "";

/** Nanoseconds from text[from, from+width): a '.' or ',' then digits (beyond 9 ignored). */
function readNanoseconds(from: i32, width: i32): bool {
  if (!isCommaOrPeriod(from)) return false;
  const used = width > 10 ? 10 : width;
  if (!readSignedInt(from + 1, from + used)) return false;
  if (number < 0) {
    rangeError = "fractional second";
    return true;
  }
  for (let i = used; i < 10; i++) number *= 10;
  cursor = from + width;
  return true;
}

/**
 * Matches layout literal text[from..] against the layout's literal [layoutFrom, layoutTo): bytes
 * must be equal, except that a run of spaces in the layout matches any run of spaces (at least
 * one unless the value text has ended). Leaves cursor where matching stopped.
 */
function skipLiteral(layout: usize, layoutFrom: i32, layoutTo: i32, from: i32): bool {
  let l = layoutFrom;
  cursor = from;
  while (l < layoutTo) {
    const c = <u32>load<u8>(layout + <usize>l);
    if (c == 0x20) {
      if (cursor < textEnd && byteAt(cursor) != 0x20) return false;
      while (l < layoutTo && load<u8>(layout + <usize>l) == 0x20) l++;
      while (cursor < textEnd && byteAt(cursor) == 0x20) cursor++;
      continue;
    }
    if (cursor >= textEnd || byteAt(cursor) != c) return false;
    l++;
    cursor++;
  }
  return true;
}

function appendFailure(b: usize, fname: string, value: usize): void {
  bufAppendAS(b, fname);
  bufAppendAS(b, ": parsing time ");
  bufAppendGoQuoted(b, stringPtr(value), stringLen(value));
}

/** Aborts with Go's message for text that does not fit a part of the layout. */
function abortCannotParse(
  fname: string,
  layout: usize,
  value: usize,
  layoutFrom: i32,
  layoutTo: i32,
  valueFrom: i32,
): void {
  const b = bufNew(96);
  appendFailure(b, fname, value);
  bufAppendAS(b, " as ");
  bufAppendGoQuoted(b, stringPtr(layout), stringLen(layout));
  bufAppendAS(b, ": cannot parse ");
  bufAppendGoQuoted(b, text + <usize>valueFrom, textEnd - valueFrom);
  bufAppendAS(b, " as ");
  bufAppendGoQuoted(b, stringPtr(layout) + <usize>layoutFrom, layoutTo - layoutFrom);
  abortBuiltin(stringPtr(bufToString(b)));
}

/** Aborts with Go's message for a parsed time that cannot be: ": day out of range", ... */
function abortInvalid(fname: string, value: usize, detail: string): void {
  const b = bufNew(64);
  appendFailure(b, fname, value);
  bufAppendAS(b, detail);
  abortBuiltin(stringPtr(bufToString(b)));
}

function abortOutOfRange(fname: string, value: usize, field: string): void {
  const b = bufNew(64);
  appendFailure(b, fname, value);
  bufAppendAS(b, ": ");
  bufAppendAS(b, field);
  bufAppendAS(b, " out of range");
  abortBuiltin(stringPtr(bufToString(b)));
}

function abortExtraText(fname: string, value: usize, from: i32): void {
  const b = bufNew(64);
  appendFailure(b, fname, value);
  bufAppendAS(b, ": extra text: ");
  bufAppendGoQuoted(b, text + <usize>from, textEnd - from);
  abortBuiltin(stringPtr(bufToString(b)));
}

/** Parses the string value `value` with the layout string value `layout` into parsedSeconds and
 *  parsedNanos, or aborts with Go's error after "<fname>: ". */
export function parseTime(fname: string, layout: usize, value: usize): void {
  const layoutPtr = stringPtr(layout);
  const layoutLen = stringLen(layout);
  text = stringPtr(value);
  textEnd = stringLen(value);
  rangeError = "";
  let year: i64 = 0;
  let month: i32 = -1;
  let day: i32 = -1;
  let yearDay: i32 = -1;
  let hour: i32 = 0;
  let minute: i32 = 0;
  let second: i32 = 0;
  let nanos: i32 = 0;
  let utc = false;
  // -1 is "no offset" as in Go, so an offset of -00:00:01 is read as none.
  let zoneOffset: i32 = -1;
  let am = false;
  let pm = false;
  let at = 0; // in the value text
  let layoutAt = 0;
  for (;;) {
    const element = nextElement(layoutPtr, layoutAt, layoutLen);
    const start = elementStart;
    const end = elementEnd;
    const digits = fractionDigits;
    if (!skipLiteral(layoutPtr, layoutAt, start, at))
      abortCannotParse(fname, layout, value, layoutAt, start, cursor);
    at = cursor;
    if (element == E_NONE) {
      if (at != textEnd) abortExtraText(fname, value, at);
      break;
    }
    layoutAt = end;
    const before = at;
    let ok = true;
    switch (element) {
      case E_YEAR:
        ok = textEnd - at >= 2 && readSignedInt(at, at + 2);
        if (ok) year = number >= 69 ? number + 1900 : number + 2000;
        cursor = at + 2;
        break;
      case E_LONG_YEAR:
        ok = textEnd - at >= 4 && isDigit(at) && readSignedInt(at, at + 4);
        if (ok) year = number;
        cursor = at + 4;
        break;
      case E_MONTH:
      case E_LONG_MONTH:
        ok = readName(at, true, element == E_MONTH);
        if (ok) month = <i32>number;
        break;
      case E_NUM_MONTH:
      case E_ZERO_MONTH:
        ok = readNumber(at, element == E_ZERO_MONTH);
        if (ok) {
          month = <i32>number;
          if (month < 1 || month > 12) rangeError = "month";
        }
        break;
      case E_WEEKDAY:
      case E_LONG_WEEKDAY:
        // Checked for its syntax only, as in Go.
        ok = readName(at, false, element == E_WEEKDAY);
        break;
      case E_DAY:
      case E_UNDER_DAY:
      case E_ZERO_DAY:
        if (element == E_UNDER_DAY && at < textEnd && byteAt(at) == 0x20) at++;
        ok = readNumber(at, element == E_ZERO_DAY);
        if (ok) day = <i32>number;
        break;
      case E_UNDER_YEAR_DAY:
      case E_ZERO_YEAR_DAY:
        if (element == E_UNDER_YEAR_DAY) {
          for (let i = 0; i < 2 && at < textEnd && byteAt(at) == 0x20; i++) at++;
        }
        ok = readNumber3(at, element == E_ZERO_YEAR_DAY);
        if (ok) yearDay = <i32>number;
        break;
      case E_HOUR:
        ok = readNumber(at, false);
        if (ok) hour = <i32>number;
        if (ok && hour >= 24) rangeError = "hour";
        break;
      case E_HOUR12:
      case E_ZERO_HOUR12:
        ok = readNumber(at, element == E_ZERO_HOUR12);
        if (ok) hour = <i32>number;
        if (ok && hour > 12) rangeError = "hour";
        break;
      case E_MINUTE:
      case E_ZERO_MINUTE:
        ok = readNumber(at, element == E_ZERO_MINUTE);
        if (ok) minute = <i32>number;
        if (ok && minute >= 60) rangeError = "minute";
        break;
      case E_SECOND:
      case E_ZERO_SECOND: {
        ok = readNumber(at, element == E_ZERO_SECOND);
        if (!ok) break;
        second = <i32>number;
        if (second >= 60) {
          rangeError = "second";
          break;
        }
        // A fraction the layout does not ask for is still read here, unless the layout's next
        // element is a fraction.
        const fraction = cursor;
        if (!(isCommaOrPeriod(fraction) && isDigit(fraction + 1))) break;
        const following = nextElement(layoutPtr, layoutAt, layoutLen);
        if (following == E_FRACTION_ZEROS || following == E_FRACTION_NINES) break;
        let width = 2;
        while (isDigit(fraction + width)) width++;
        ok = readNanoseconds(fraction, width);
        if (ok) nanos = <i32>number;
        break;
      }
      case E_PM:
      case E_PM_LOWER: {
        ok = textEnd - at >= 2;
        if (!ok) break;
        const upper = element == E_PM;
        pm = hasLiteral(text, at, textEnd, upper ? "PM" : "pm");
        am = hasLiteral(text, at, textEnd, upper ? "AM" : "am");
        ok = pm || am;
        cursor = at + 2;
        break;
      }
      case E_ZONE_NAME: {
        if (hasLiteral(text, at, textEnd, "UTC")) {
          utc = true;
          cursor = at + 3;
          break;
        }
        const len = zoneNameLength(at);
        ok = len > 0;
        cursor = at + len;
        break;
      }
      case E_FRACTION_ZEROS: {
        const width = 1 + digits;
        ok = textEnd - at >= width && readNanoseconds(at, width);
        if (ok) nanos = <i32>number;
        break;
      }
      case E_FRACTION_NINES: {
        cursor = at;
        if (!(isCommaOrPeriod(at) && isDigit(at + 1))) break; // the fraction may be left out
        let width = 2;
        while (isDigit(at + width)) width++;
        ok = readNanoseconds(at, width);
        if (ok) nanos = <i32>number;
        break;
      }
      default: {
        // The numeric zone offsets.
        if (isISOZone(element) && at < textEnd && byteAt(at) == 0x5a) {
          utc = true;
          cursor = at + 1;
          break;
        }
        ok = readZoneOffset(element, at);
        if (ok) zoneOffset = <i32>number;
      }
    }
    if (rangeError.length > 0) abortOutOfRange(fname, value, rangeError);
    if (!ok) abortCannotParse(fname, layout, value, start, end, before);
    at = cursor;
  }

  if (pm && hour < 12) hour += 12;
  else if (am && hour == 12) hour = 0;

  if (yearDay >= 0) {
    let m = 0;
    let d = 0;
    if (isLeapYear(year)) {
      if (yearDay == 31 + 29) {
        m = 2;
        d = 29;
      } else if (yearDay > 31 + 29) yearDay--;
    }
    if (yearDay < 1 || yearDay > 365) abortInvalid(fname, value, ": day-of-year out of range");
    if (m == 0) {
      m = (yearDay - 1) / 31 + 1;
      if (daysBeforeMonth(m + 1) < yearDay) m++;
      d = yearDay - daysBeforeMonth(m);
    }
    if (month >= 0 && month != m) abortInvalid(fname, value, ": day-of-year does not match month");
    month = m;
    if (day >= 0 && day != d) abortInvalid(fname, value, ": day-of-year does not match day");
    day = d;
  } else {
    if (month < 0) month = 1;
    if (day < 0) day = 1;
  }
  if (day < 1 || day > daysInMonth(year, month)) abortInvalid(fname, value, ": day out of range");

  let seconds =
    daysFromCivil(year, month, <i64>day) * SECONDS_PER_DAY + <i64>(hour * 3600 + minute * 60 + second);
  if (!utc && zoneOffset != -1) seconds -= <i64>zoneOffset;
  parsedSeconds = seconds;
  parsedNanos = nanos;
}

/** A numeric offset in the element's shape (±hh, ±hhmm, ±hh:mm, ±hhmmss, ±hh:mm:ss) into `number`
 *  (seconds east of UTC); hours up to 24 and minutes and seconds up to 60 are accepted, as in Go. */
function readZoneOffset(element: i32, from: i32): bool {
  let width = 5;
  let minutesAt = from + 3;
  let secondsAt = -1;
  if (element == E_NUM_COLON_TZ || element == E_ISO_COLON_TZ) {
    width = 6;
    minutesAt = from + 4;
  } else if (element == E_NUM_SHORT_TZ || element == E_ISO_SHORT_TZ) {
    width = 3;
    minutesAt = -1;
  } else if (element == E_NUM_COLON_SECONDS_TZ || element == E_ISO_COLON_SECONDS_TZ) {
    width = 9;
    minutesAt = from + 4;
    secondsAt = from + 7;
  } else if (element == E_NUM_SECONDS_TZ || element == E_ISO_SECONDS_TZ) {
    width = 7;
    secondsAt = from + 5;
  }
  if (textEnd - from < width) return false;
  if (width == 6 || width == 9) {
    if (byteAt(from + 3) != 0x3a) return false;
    if (width == 9 && byteAt(from + 6) != 0x3a) return false;
  }
  let hours: i64 = 0;
  let minutes: i64 = 0;
  let seconds: i64 = 0;
  let ok = readNumber(from + 1, true);
  hours = ok ? number : 0;
  if (ok && minutesAt >= 0) {
    ok = readNumber(minutesAt, true);
    minutes = ok ? number : 0;
  }
  if (ok && secondsAt >= 0) {
    ok = readNumber(secondsAt, true);
    seconds = ok ? number : 0;
  }
  if (hours > 24) rangeError = "time zone offset hour";
  if (minutes > 60) rangeError = "time zone offset minute";
  if (seconds > 60) rangeError = "time zone offset second";
  const sign = byteAt(from);
  if (sign != 0x2b && sign != 0x2d) return false;
  const offset = (hours * 60 + minutes) * 60 + seconds;
  number = sign == 0x2d ? -offset : offset;
  cursor = from + width;
  return ok;
}
