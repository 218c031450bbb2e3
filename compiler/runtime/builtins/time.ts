// time.*: instants as integer nanoseconds since 1970-01-01T00:00:00Z, which must fit in 64 bits
// (1677-09-21 to 2262-04-11), computed on the proleptic Gregorian calendar as OPA does with Go's
// time package. time.now_ns is not here: it needs the host's clock.
//
// Time zones: an argument [ns, zone] may name "UTC" or "" (UTC), or "Local", which is UTC here
// too, since a wasm module has no local zone. Any other name needs the IANA time zone database,
// which the runtime does not carry, so it fails as a zone Go cannot find: "unknown time zone <name>".

import {
  T_ARRAY,
  T_NUMBER,
  T_STRING,
  arrayGet,
  arrayLen,
  makeArray,
  arrayPush,
  makeStringFromAS,
  stringLen,
  stringPtr,
  typeOf,
} from "../value";
import { abortBuiltin, builtinError, typeError } from "../errors";
import { bufAppend, bufAppendAS, bufNew, bufToString } from "../buffer";
import { makeNumberI64, numberFitsI64, numberIsInteger, numberToI64 } from "../number";
import { abortOperand, requireNumber, requireString } from "./operands";
import {
  NANOS_PER_SECOND,
  SECONDS_PER_DAY,
  civilDay,
  civilFromDays,
  civilMonth,
  civilYear,
  daysFromCivil,
  daysInMonth,
  floorDiv,
  floorMod,
  weekdayOfDays,
} from "./calendar";
import { RFC3339_LAYOUT, RFC3339_NANO_LAYOUT, hasLiteral, namedLayout, weekdayName } from "./timeLayout";
import { appendFormattedTime } from "./timeFormat";
import { parseTime, parsedNanos, parsedSeconds } from "./timeParse";
import { parseDuration } from "./duration";

const TIME_OPERAND = "either number (ns) or [number (ns), string (tz)]";

// The time readTime found: seconds since the epoch, the nanoseconds within that second, and the
// layout string of a three-element argument (0 when there is none).
let timeSeconds: i64 = 0;
let timeNanos: i32 = 0;
let timeLayout: usize = 0;

/** "", "UTC" and "Local": the zone names read as UTC. */
function isUTCName(ptr: usize, len: i32): bool {
  return (
    len == 0 || (len == 3 && hasLiteral(ptr, 0, len, "UTC")) || (len == 5 && hasLiteral(ptr, 0, len, "Local"))
  );
}

/** Go refuses a zone name with ".." or a leading slash or backslash before looking it up. */
function isInvalidZoneName(ptr: usize, len: i32): bool {
  for (let i = 0; i + 1 < len; i++)
    if (load<u8>(ptr + <usize>i) == 0x2e && load<u8>(ptr + <usize>i + 1) == 0x2e) return true;
  return load<u8>(ptr) == 0x2f || load<u8>(ptr) == 0x5c;
}

/** Go's time.LoadLocation, for the names it resolves without a zone database; aborts on any other. */
function checkZone(fname: string, zone: usize): void {
  const ptr = stringPtr(zone);
  const len = stringLen(zone);
  if (isUTCName(ptr, len)) return;
  if (isInvalidZoneName(ptr, len)) builtinError(fname, "time: invalid location name");
  const b = bufNew(32 + len);
  bufAppendAS(b, fname);
  bufAppendAS(b, ": unknown time zone ");
  bufAppend(b, ptr, len);
  abortBuiltin(stringPtr(bufToString(b)));
}

/**
 * Reads a time operand as OPA does: a number of nanoseconds, or [ns], [ns, zone] or [ns, zone,
 * layout]; the checks and their wording (each naming operand 1, whichever it is) follow OPA's order.
 */
function readTime(fname: string, x: usize): void {
  let ns = x;
  timeLayout = 0;
  if (typeOf(x) == T_ARRAY) {
    const n = arrayLen(x);
    if (n == 0) typeError(fname, 1, TIME_OPERAND, x);
    ns = arrayGet(x, 0);
    if (typeOf(ns) != T_NUMBER) typeError(fname, 1, "number", ns);
    if (n > 1) {
      const zone = arrayGet(x, 1);
      if (typeOf(zone) != T_STRING) typeError(fname, 1, "string", zone);
      checkZone(fname, zone);
    }
    if (n > 2) {
      timeLayout = arrayGet(x, 2);
      if (typeOf(timeLayout) != T_STRING) typeError(fname, 1, "string", timeLayout);
    }
  } else if (typeOf(x) != T_NUMBER) typeError(fname, 1, TIME_OPERAND, x);
  if (!numberIsInteger(ns) || !numberFitsI64(ns)) builtinError(fname, "timestamp too big");
  const value = numberToI64(ns);
  timeSeconds = floorDiv(value, NANOS_PER_SECOND);
  timeNanos = <i32>floorMod(value, NANOS_PER_SECOND);
}

// The instants of the int64 range, -2^63 ns (1677-09-21T00:12:43.145224192Z) to 2^63-1 ns
// (2262-04-11T23:47:16.854775807Z), as seconds and nanoseconds.
const MIN_SECONDS: i64 = -9223372037;
const MIN_SECONDS_NANOS: i32 = 145224192;
const MAX_SECONDS: i64 = 9223372036;
const MAX_SECONDS_NANOS: i32 = 854775807;

/** The instant as a nanosecond number, or "time outside of valid range" when 64 bits cannot hold it. */
function nanosecondsResult(fname: string, seconds: i64, nanos: i32): usize {
  const inRange =
    (seconds > MIN_SECONDS && seconds < MAX_SECONDS) ||
    (seconds == MIN_SECONDS && nanos >= MIN_SECONDS_NANOS) ||
    (seconds == MAX_SECONDS && nanos <= MAX_SECONDS_NANOS);
  if (!inRange) builtinError(fname, "time outside of valid range");
  // At the edges seconds * 10^9 passes the int64 range; the wrapped sum lands back on the value.
  return makeNumberI64(seconds * NANOS_PER_SECOND + <i64>nanos);
}

function makeTriple(a: i64, b: i64, c: i64): usize {
  const result = makeArray(3);
  arrayPush(result, makeNumberI64(a));
  arrayPush(result, makeNumberI64(b));
  arrayPush(result, makeNumberI64(c));
  return result;
}

export function builtin_time_parse_rfc3339_ns(value: usize): usize {
  const fname = "time.parse_rfc3339_ns";
  requireString(fname, 1, value);
  parseTime(fname, makeStringFromAS(RFC3339_LAYOUT), value);
  return nanosecondsResult(fname, parsedSeconds, parsedNanos);
}

export function builtin_time_parse_ns(layout: usize, value: usize): usize {
  const fname = "time.parse_ns";
  requireString(fname, 1, layout);
  requireString(fname, 2, value);
  const named = namedLayout(stringPtr(layout), stringLen(layout));
  parseTime(fname, named.length > 0 ? makeStringFromAS(named) : layout, value);
  return nanosecondsResult(fname, parsedSeconds, parsedNanos);
}

export function builtin_time_parse_duration_ns(duration: usize): usize {
  const fname = "time.parse_duration_ns";
  requireString(fname, 1, duration);
  return makeNumberI64(parseDuration(fname, duration));
}

/** [year, month, day] */
export function builtin_time_date(x: usize): usize {
  readTime("time.date", x);
  civilFromDays(floorDiv(timeSeconds, SECONDS_PER_DAY));
  return makeTriple(civilYear, civilMonth, civilDay);
}

/** [hour, minute, second] */
export function builtin_time_clock(x: usize): usize {
  readTime("time.clock", x);
  const secondOfDay = floorMod(timeSeconds, SECONDS_PER_DAY);
  return makeTriple(secondOfDay / 3600, (secondOfDay / 60) % 60, secondOfDay % 60);
}

export function builtin_time_weekday(x: usize): usize {
  readTime("time.weekday", x);
  return makeStringFromAS(weekdayName(weekdayOfDays(floorDiv(timeSeconds, SECONDS_PER_DAY))));
}

/** An integer operand as Go's int: one that does not fit 64 bits is refused as a float is (OPA's wording). */
function requireGoInt(fname: string, operand: i32, v: usize): i64 {
  requireNumber(fname, operand, v);
  if (!numberIsInteger(v) || !numberFitsI64(v))
    abortOperand(fname, operand, "must be integer number but got floating-point number", 0);
  return numberToI64(v);
}

// Go's date arithmetic is exact for years within about ±2.9e11 and, past that, no longer tracks the
// calendar; the result there is out of range here.
const YEAR_LIMIT: i64 = 1 << 38;

/**
 * Go's AddDate: the years and months are added to the date's, the month carried into the year,
 * then the days added, a day past the month's end running on into the next month (October 32nd
 * is November 1st); the time of day stays. As in Go, the day count and the seconds wrap around 64
 * bits, so adding -2^63 days comes back to the same instant.
 */
export function builtin_time_add_date(x: usize, years: usize, months: usize, days: usize): usize {
  const fname = "time.add_date";
  readTime(fname, x);
  const addYears = requireGoInt(fname, 2, years);
  const addMonths = requireGoInt(fname, 3, months);
  const addDays = requireGoInt(fname, 4, days);
  const startDay = floorDiv(timeSeconds, SECONDS_PER_DAY);
  const secondOfDay = timeSeconds - startDay * SECONDS_PER_DAY;
  civilFromDays(startDay);
  const monthIndex = <i64>(civilMonth - 1) + floorMod(addMonths, 12);
  const yearShift = floorDiv(addMonths, 12) + monthIndex / 12;
  if (addYears > YEAR_LIMIT || addYears < -YEAR_LIMIT || yearShift > YEAR_LIMIT || yearShift < -YEAR_LIMIT)
    builtinError(fname, "time outside of valid range");
  const year = civilYear + addYears + yearShift;
  const resultDay = daysFromCivil(year, <i32>(monthIndex % 12) + 1, civilDay) + addDays;
  return nanosecondsResult(fname, resultDay * SECONDS_PER_DAY + secondOfDay, timeNanos);
}

/**
 * [years, months, days, hours, minutes, seconds] from the earlier instant to the later, as OPA
 * counts them: field by field, borrowing from the next larger field, a month being as long as the
 * earlier date's month.
 */
export function builtin_time_diff(x: usize, y: usize): usize {
  readTime("time.diff", x);
  let earlySeconds = timeSeconds;
  let earlyNanos = timeNanos;
  readTime("time.diff", y);
  let lateSeconds = timeSeconds;
  if (earlySeconds > lateSeconds || (earlySeconds == lateSeconds && earlyNanos > timeNanos)) {
    lateSeconds = earlySeconds;
    earlySeconds = timeSeconds;
  }
  const earlyDay = floorDiv(earlySeconds, SECONDS_PER_DAY);
  const lateDay = floorDiv(lateSeconds, SECONDS_PER_DAY);
  const earlyTime = earlySeconds - earlyDay * SECONDS_PER_DAY;
  const lateTime = lateSeconds - lateDay * SECONDS_PER_DAY;
  civilFromDays(earlyDay);
  const earlyYear = civilYear;
  const earlyMonth = civilMonth;
  const earlyDate = civilDay;
  civilFromDays(lateDay);
  let years = civilYear - earlyYear;
  let months = <i64>(civilMonth - earlyMonth);
  let days = <i64>(civilDay - earlyDate);
  let hours = lateTime / 3600 - earlyTime / 3600;
  let minutes = ((lateTime / 60) % 60) - ((earlyTime / 60) % 60);
  let seconds = (lateTime % 60) - (earlyTime % 60);
  if (seconds < 0) {
    seconds += 60;
    minutes--;
  }
  if (minutes < 0) {
    minutes += 60;
    hours--;
  }
  if (hours < 0) {
    hours += 24;
    days--;
  }
  if (days < 0) {
    days += daysInMonth(earlyYear, earlyMonth);
    months--;
  }
  if (months < 0) {
    months += 12;
    years--;
  }
  const result = makeArray(6);
  arrayPush(result, makeNumberI64(years));
  arrayPush(result, makeNumberI64(months));
  arrayPush(result, makeNumberI64(days));
  arrayPush(result, makeNumberI64(hours));
  arrayPush(result, makeNumberI64(minutes));
  arrayPush(result, makeNumberI64(seconds));
  return result;
}

/** The instant written with the argument's layout, a Go constant's name, or RFC 3339 with
 *  nanoseconds when there is none (or it is ""). */
export function builtin_time_format(x: usize): usize {
  readTime("time.format", x);
  let layout = timeLayout;
  if (layout == 0 || stringLen(layout) == 0) layout = makeStringFromAS(RFC3339_NANO_LAYOUT);
  else {
    const named = namedLayout(stringPtr(layout), stringLen(layout));
    if (named.length > 0) layout = makeStringFromAS(named);
  }
  const b = bufNew(stringLen(layout) + 16);
  appendFormattedTime(b, stringPtr(layout), stringLen(layout), timeSeconds, timeNanos);
  return bufToString(b);
}
