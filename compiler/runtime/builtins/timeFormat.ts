// Formatting an instant with a Go layout (Go's Time.Format), in UTC: the only zone the runtime
// knows, so a zone name prints "UTC", a numeric offset "+0000" and its Z forms "Z".

import { bufAppendAS, bufAppendByte, bufAppend, bufAppendI64 } from "../buffer";
import {
  E_DAY,
  E_FRACTION_NINES,
  E_FRACTION_ZEROS,
  E_HOUR,
  E_HOUR12,
  E_LONG_MONTH,
  E_LONG_WEEKDAY,
  E_LONG_YEAR,
  E_MINUTE,
  E_MONTH,
  E_NONE,
  E_NUM_MONTH,
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
  E_NUM_COLON_SECONDS_TZ,
  E_NUM_COLON_TZ,
  E_NUM_SECONDS_TZ,
  elementEnd,
  elementStart,
  fractionDigits,
  fractionSeparator,
  isISOZone,
  isNumericZone,
  monthName,
  nextElement,
  weekdayName,
} from "./timeLayout";
import {
  SECONDS_PER_DAY,
  civilDay,
  civilFromDays,
  civilMonth,
  civilYear,
  dayOfYear,
  floorDiv,
  weekdayOfDays,
} from "./calendar";

/** Appends `n` (not negative) with at least `width` digits, zero-padded. */
function appendPadded(b: usize, n: i64, width: i32): void {
  let digits = 1;
  for (let t = n; t >= 10; t /= 10) digits++;
  for (let i = digits; i < width; i++) bufAppendByte(b, 0x30);
  bufAppendI64(b, n);
}

/** Appends the first `count` characters of an ASCII name (all of it when count < 0). */
function appendName(b: usize, name: string, count: i32): void {
  const n = count < 0 ? name.length : count;
  for (let i = 0; i < n; i++) bufAppendByte(b, name.charCodeAt(i));
}

/** Go's fraction: the separator and `digits` digits of the nanoseconds (9 at most); with nines,
 *  trailing zeros go, and the separator too when nothing is left. */
function appendFraction(b: usize, nanos: i32, element: i32, digits: i32, separator: u32): void {
  const trim = element == E_FRACTION_NINES;
  if (trim && (digits == 0 || nanos == 0)) return;
  let shown = digits < 9 ? digits : 9;
  let value = <i64>nanos;
  for (let i = shown; i < 9; i++) value /= 10;
  if (trim) {
    while (shown > 0 && value % 10 == 0) {
      value /= 10;
      shown--;
    }
    if (shown == 0) return;
  }
  bufAppendByte(b, separator);
  appendPadded(b, value, shown);
}

/** The offset of UTC in the layout's numeric form: "Z" for the ISO forms, else +00, +0000, +00:00, ... */
function appendUTCOffset(b: usize, element: i32): void {
  if (isISOZone(element)) {
    bufAppendByte(b, 0x5a);
    return;
  }
  bufAppendAS(b, "+00");
  if (element == E_NUM_SHORT_TZ) return;
  const colons = element == E_NUM_COLON_TZ || element == E_NUM_COLON_SECONDS_TZ;
  if (colons) bufAppendByte(b, 0x3a);
  bufAppendAS(b, "00");
  if (element == E_NUM_SECONDS_TZ || element == E_NUM_COLON_SECONDS_TZ) {
    if (colons) bufAppendByte(b, 0x3a);
    bufAppendAS(b, "00");
  }
}

/** Appends the instant `seconds`+`nanos` (UTC) written with the layout at ptr (len bytes). */
export function appendFormattedTime(b: usize, ptr: usize, len: i32, seconds: i64, nanos: i32): void {
  const days = floorDiv(seconds, SECONDS_PER_DAY);
  const secondOfDay = <i32>(seconds - days * SECONDS_PER_DAY);
  civilFromDays(days);
  const year = civilYear;
  const month = civilMonth;
  const day = civilDay;
  const hour = secondOfDay / 3600;
  const minute = (secondOfDay / 60) % 60;
  const second = secondOfDay % 60;
  const hour12 = hour % 12 == 0 ? 12 : hour % 12;
  let at = 0;
  for (;;) {
    const element = nextElement(ptr, at, len);
    bufAppend(b, ptr + <usize>at, elementStart - at);
    if (element == E_NONE) return;
    at = elementEnd;
    switch (element) {
      case E_YEAR:
        appendPadded(b, (year < 0 ? -year : year) % 100, 2);
        break;
      case E_LONG_YEAR:
        appendPadded(b, year, 4);
        break;
      case E_MONTH:
        appendName(b, monthName(month), 3);
        break;
      case E_LONG_MONTH:
        appendName(b, monthName(month), -1);
        break;
      case E_NUM_MONTH:
        appendPadded(b, month, 0);
        break;
      case E_ZERO_MONTH:
        appendPadded(b, month, 2);
        break;
      case E_WEEKDAY:
        appendName(b, weekdayName(weekdayOfDays(days)), 3);
        break;
      case E_LONG_WEEKDAY:
        appendName(b, weekdayName(weekdayOfDays(days)), -1);
        break;
      case E_DAY:
        appendPadded(b, day, 0);
        break;
      case E_UNDER_DAY:
        if (day < 10) bufAppendByte(b, 0x20);
        appendPadded(b, day, 0);
        break;
      case E_ZERO_DAY:
        appendPadded(b, day, 2);
        break;
      case E_UNDER_YEAR_DAY: {
        const yday = dayOfYear(year, month, day);
        if (yday < 100) bufAppendByte(b, 0x20);
        if (yday < 10) bufAppendByte(b, 0x20);
        appendPadded(b, yday, 0);
        break;
      }
      case E_ZERO_YEAR_DAY:
        appendPadded(b, dayOfYear(year, month, day), 3);
        break;
      case E_HOUR:
        appendPadded(b, hour, 2);
        break;
      case E_HOUR12:
        appendPadded(b, hour12, 0);
        break;
      case E_ZERO_HOUR12:
        appendPadded(b, hour12, 2);
        break;
      case E_MINUTE:
        appendPadded(b, minute, 0);
        break;
      case E_ZERO_MINUTE:
        appendPadded(b, minute, 2);
        break;
      case E_SECOND:
        appendPadded(b, second, 0);
        break;
      case E_ZERO_SECOND:
        appendPadded(b, second, 2);
        break;
      case E_PM:
        bufAppendAS(b, hour >= 12 ? "PM" : "AM");
        break;
      case E_PM_LOWER:
        bufAppendAS(b, hour >= 12 ? "pm" : "am");
        break;
      case E_ZONE_NAME:
        bufAppendAS(b, "UTC");
        break;
      case E_FRACTION_ZEROS:
      case E_FRACTION_NINES:
        appendFraction(b, nanos, element, fractionDigits, fractionSeparator);
        break;
      default:
        if (isNumericZone(element)) appendUTCOffset(b, element);
    }
  }
}
