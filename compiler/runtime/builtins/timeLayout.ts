// Go's time layouts: text in which parts of the reference time "Mon Jan 2 15:04:05 MST 2006"
// stand for the fields of the time formatted or parsed ("2006" the year, "01" the month, ...), found
// in the same order and with the same precedence as Go's time package finds them; the rest of the
// layout is literal. Also the names of months and weekdays, and the layout constants OPA accepts by
// name.

export const E_NONE = 0;
export const E_LONG_MONTH = 1; // January
export const E_MONTH = 2; // Jan
export const E_NUM_MONTH = 3; // 1
export const E_ZERO_MONTH = 4; // 01
export const E_LONG_WEEKDAY = 5; // Monday
export const E_WEEKDAY = 6; // Mon
export const E_DAY = 7; // 2
export const E_UNDER_DAY = 8; // _2
export const E_ZERO_DAY = 9; // 02
export const E_UNDER_YEAR_DAY = 10; // __2
export const E_ZERO_YEAR_DAY = 11; // 002
export const E_HOUR = 12; // 15
export const E_HOUR12 = 13; // 3
export const E_ZERO_HOUR12 = 14; // 03
export const E_MINUTE = 15; // 4
export const E_ZERO_MINUTE = 16; // 04
export const E_SECOND = 17; // 5
export const E_ZERO_SECOND = 18; // 05
export const E_LONG_YEAR = 19; // 2006
export const E_YEAR = 20; // 06
export const E_PM = 21; // PM
export const E_PM_LOWER = 22; // pm
export const E_ZONE_NAME = 23; // MST
// Numeric zone offsets; the Z forms print (and accept) "Z" for UTC.
export const E_ISO_TZ = 24; // Z0700
export const E_ISO_SECONDS_TZ = 25; // Z070000
export const E_ISO_SHORT_TZ = 26; // Z07
export const E_ISO_COLON_TZ = 27; // Z07:00
export const E_ISO_COLON_SECONDS_TZ = 28; // Z07:00:00
export const E_NUM_TZ = 29; // -0700
export const E_NUM_SECONDS_TZ = 30; // -070000
export const E_NUM_SHORT_TZ = 31; // -07
export const E_NUM_COLON_TZ = 32; // -07:00
export const E_NUM_COLON_SECONDS_TZ = 33; // -07:00:00
// Fractional seconds: "." or "," then zeros (that many digits) or nines (trailing zeros dropped).
export const E_FRACTION_ZEROS = 34;
export const E_FRACTION_NINES = 35;

// Where nextElement found its element, and a fraction's digit count and separator.
export let elementStart: i32 = 0;
export let elementEnd: i32 = 0;
export let fractionDigits: i32 = 0;
export let fractionSeparator: u32 = 0x2e;

export function isISOZone(element: i32): bool {
  return element >= E_ISO_TZ && element <= E_ISO_COLON_SECONDS_TZ;
}

export function isNumericZone(element: i32): bool {
  return element >= E_ISO_TZ && element <= E_NUM_COLON_SECONDS_TZ;
}

function byteAt(ptr: usize, i: i32): u32 {
  return <u32>load<u8>(ptr + <usize>i);
}

function isDigitAt(ptr: usize, end: i32, i: i32): bool {
  return i < end && byteAt(ptr, i) - 0x30 < 10;
}

/** Whether the bytes at ptr+i (within end) spell the ASCII `literal`. */
export function hasLiteral(ptr: usize, i: i32, end: i32, literal: string): bool {
  if (end - i < literal.length) return false;
  for (let k = 0; k < literal.length; k++) if (byteAt(ptr, i + k) != <u32>literal.charCodeAt(k)) return false;
  return true;
}

/** "Jan" is the month only when no lower-case letter follows ("Janet" is text). */
function lowerCaseAt(ptr: usize, end: i32, i: i32): bool {
  return i < end && byteAt(ptr, i) - 0x61 < 26;
}

/** "01" .. "06": the zero-padded month, day, 12-hour, minute, second and two-digit year. */
function zeroPaddedElement(digit: u32): i32 {
  switch (digit) {
    case 0x31:
      return E_ZERO_MONTH;
    case 0x32:
      return E_ZERO_DAY;
    case 0x33:
      return E_ZERO_HOUR12;
    case 0x34:
      return E_ZERO_MINUTE;
    case 0x35:
      return E_ZERO_SECOND;
  }
  return E_YEAR;
}

function found(start: i32, end: i32, element: i32): i32 {
  elementStart = start;
  elementEnd = end;
  return element;
}

/**
 * The first layout element in layout[start, end): its code, with elementStart/elementEnd around its
 * text; E_NONE (both at end) when the rest is literal.
 */
export function nextElement(ptr: usize, start: i32, end: i32): i32 {
  for (let i = start; i < end; i++) {
    const c = byteAt(ptr, i);
    if (c == 0x4a /* J */) {
      if (hasLiteral(ptr, i, end, "January")) return found(i, i + 7, E_LONG_MONTH);
      if (hasLiteral(ptr, i, end, "Jan") && !lowerCaseAt(ptr, end, i + 3)) return found(i, i + 3, E_MONTH);
    } else if (c == 0x4d /* M */) {
      if (hasLiteral(ptr, i, end, "Monday")) return found(i, i + 6, E_LONG_WEEKDAY);
      if (hasLiteral(ptr, i, end, "Mon") && !lowerCaseAt(ptr, end, i + 3)) return found(i, i + 3, E_WEEKDAY);
      if (hasLiteral(ptr, i, end, "MST")) return found(i, i + 3, E_ZONE_NAME);
    } else if (c == 0x30 /* 0 */) {
      if (i + 1 < end) {
        const next = byteAt(ptr, i + 1);
        if (next >= 0x31 && next <= 0x36) return found(i, i + 2, zeroPaddedElement(next));
      }
      if (hasLiteral(ptr, i, end, "002")) return found(i, i + 3, E_ZERO_YEAR_DAY);
    } else if (c == 0x31 /* 1 */) {
      if (hasLiteral(ptr, i, end, "15")) return found(i, i + 2, E_HOUR);
      return found(i, i + 1, E_NUM_MONTH);
    } else if (c == 0x32 /* 2 */) {
      if (hasLiteral(ptr, i, end, "2006")) return found(i, i + 4, E_LONG_YEAR);
      return found(i, i + 1, E_DAY);
    } else if (c == 0x5f /* _ */) {
      if (hasLiteral(ptr, i, end, "_2")) {
        // "_2006" is a literal underscore before the year.
        if (hasLiteral(ptr, i + 1, end, "2006")) return found(i + 1, i + 5, E_LONG_YEAR);
        return found(i, i + 2, E_UNDER_DAY);
      }
      if (hasLiteral(ptr, i, end, "__2")) return found(i, i + 3, E_UNDER_YEAR_DAY);
    } else if (c == 0x33 /* 3 */) {
      return found(i, i + 1, E_HOUR12);
    } else if (c == 0x34 /* 4 */) {
      return found(i, i + 1, E_MINUTE);
    } else if (c == 0x35 /* 5 */) {
      return found(i, i + 1, E_SECOND);
    } else if (c == 0x50 /* P */) {
      if (hasLiteral(ptr, i, end, "PM")) return found(i, i + 2, E_PM);
    } else if (c == 0x70 /* p */) {
      if (hasLiteral(ptr, i, end, "pm")) return found(i, i + 2, E_PM_LOWER);
    } else if (c == 0x2d /* - */) {
      if (hasLiteral(ptr, i, end, "-070000")) return found(i, i + 7, E_NUM_SECONDS_TZ);
      if (hasLiteral(ptr, i, end, "-07:00:00")) return found(i, i + 9, E_NUM_COLON_SECONDS_TZ);
      if (hasLiteral(ptr, i, end, "-0700")) return found(i, i + 5, E_NUM_TZ);
      if (hasLiteral(ptr, i, end, "-07:00")) return found(i, i + 6, E_NUM_COLON_TZ);
      if (hasLiteral(ptr, i, end, "-07")) return found(i, i + 3, E_NUM_SHORT_TZ);
    } else if (c == 0x5a /* Z */) {
      if (hasLiteral(ptr, i, end, "Z070000")) return found(i, i + 7, E_ISO_SECONDS_TZ);
      if (hasLiteral(ptr, i, end, "Z07:00:00")) return found(i, i + 9, E_ISO_COLON_SECONDS_TZ);
      if (hasLiteral(ptr, i, end, "Z0700")) return found(i, i + 5, E_ISO_TZ);
      if (hasLiteral(ptr, i, end, "Z07:00")) return found(i, i + 6, E_ISO_COLON_TZ);
      if (hasLiteral(ptr, i, end, "Z07")) return found(i, i + 3, E_ISO_SHORT_TZ);
    } else if ((c == 0x2e || c == 0x2c) && i + 1 < end) {
      const digit = byteAt(ptr, i + 1);
      if (digit == 0x30 || digit == 0x39) {
        let j = i + 1;
        while (j < end && byteAt(ptr, j) == digit) j++;
        // Only a run that no other digit follows is a fraction.
        if (!isDigitAt(ptr, end, j)) {
          fractionDigits = j - (i + 1);
          fractionSeparator = c;
          return found(i, j, digit == 0x30 ? E_FRACTION_ZEROS : E_FRACTION_NINES);
        }
      }
    }
  }
  return found(end, end, E_NONE);
}

/** January .. December for 1..12. */
export function monthName(month: i32): string {
  switch (month) {
    case 1:
      return "January";
    case 2:
      return "February";
    case 3:
      return "March";
    case 4:
      return "April";
    case 5:
      return "May";
    case 6:
      return "June";
    case 7:
      return "July";
    case 8:
      return "August";
    case 9:
      return "September";
    case 10:
      return "October";
    case 11:
      return "November";
  }
  return "December";
}

/** Sunday .. Saturday for 0..6. */
export function weekdayName(weekday: i32): string {
  switch (weekday) {
    case 0:
      return "Sunday";
    case 1:
      return "Monday";
    case 2:
      return "Tuesday";
    case 3:
      return "Wednesday";
    case 4:
      return "Thursday";
    case 5:
      return "Friday";
  }
  return "Saturday";
}

export const RFC3339_LAYOUT = "2006-01-02T15:04:05Z07:00";
export const RFC3339_NANO_LAYOUT = "2006-01-02T15:04:05.999999999Z07:00";

/** The layout a Go constant OPA accepts by name stands for (time.parse_ns, time.format), or "" for
 *  any other text, which is then a layout itself. */
export function namedLayout(ptr: usize, len: i32): string {
  if (hasLiteral(ptr, 0, len, "ANSIC") && len == 5) return "Mon Jan _2 15:04:05 2006";
  if (hasLiteral(ptr, 0, len, "UnixDate") && len == 8) return "Mon Jan _2 15:04:05 MST 2006";
  if (hasLiteral(ptr, 0, len, "RubyDate") && len == 8) return "Mon Jan 02 15:04:05 -0700 2006";
  if (hasLiteral(ptr, 0, len, "RFC822") && len == 6) return "02 Jan 06 15:04 MST";
  if (hasLiteral(ptr, 0, len, "RFC822Z") && len == 7) return "02 Jan 06 15:04 -0700";
  if (hasLiteral(ptr, 0, len, "RFC850") && len == 6) return "Monday, 02-Jan-06 15:04:05 MST";
  if (hasLiteral(ptr, 0, len, "RFC1123") && len == 7) return "Mon, 02 Jan 2006 15:04:05 MST";
  if (hasLiteral(ptr, 0, len, "RFC1123Z") && len == 8) return "Mon, 02 Jan 2006 15:04:05 -0700";
  if (hasLiteral(ptr, 0, len, "RFC3339") && len == 7) return RFC3339_LAYOUT;
  if (hasLiteral(ptr, 0, len, "RFC3339Nano") && len == 11) return RFC3339_NANO_LAYOUT;
  return "";
}
