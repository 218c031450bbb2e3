// The proleptic Gregorian calendar, as Go's time package reckons it for every year (before 1582
// too): day numbers count from 1970-01-01 (day 0), a year has 366 days when divisible by 4 and
// not by 100, or by 400. Instants are whole seconds since 1970-01-01T00:00:00 UTC plus nanoseconds.

export const SECONDS_PER_DAY: i64 = 86400;
export const NANOS_PER_SECOND: i64 = 1000000000;

/** Floor division and its non-negative remainder: instants before 1970 fall in the day before. */
export function floorDiv(a: i64, b: i64): i64 {
  const q = a / b;
  return a % b != 0 && a < 0 != b < 0 ? q - 1 : q;
}

export function floorMod(a: i64, b: i64): i64 {
  return a - floorDiv(a, b) * b;
}

export function isLeapYear(year: i64): bool {
  return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

export function daysInMonth(year: i64, month: i32): i32 {
  if (month == 2) return isLeapYear(year) ? 29 : 28;
  return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
}

/** Days of a common year before the first of `month` (1..13). */
export function daysBeforeMonth(month: i32): i32 {
  let days = 0;
  for (let m = 1; m < month; m++) days += daysInMonth(1, m);
  return days;
}

// A year reckoned from March ends with the leap day, so its months have the same lengths every
// year; 400 such years (an era) are always 146097 days. Day 0 is 1970-01-01, 719468 days after
// 0000-03-01.
const DAYS_PER_ERA: i64 = 146097;
const MARCH_ZERO_TO_EPOCH: i64 = 719468;

/** The day number of year-month-day (month 1..12); a day beyond the month's end runs on into the next. */
export function daysFromCivil(year: i64, month: i32, day: i64): i64 {
  const marchYear = month <= 2 ? year - 1 : year;
  const era = floorDiv(marchYear, 400);
  const yearOfEra = marchYear - era * 400;
  const monthFromMarch = <i64>((month + 9) % 12);
  const dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1;
  const dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
  return era * DAYS_PER_ERA + dayOfEra - MARCH_ZERO_TO_EPOCH;
}

// The date civilFromDays found (results without managed objects).
export let civilYear: i64 = 1970;
export let civilMonth: i32 = 1;
export let civilDay: i32 = 1;

/** Sets civilYear, civilMonth (1..12) and civilDay (1..31) to the date of day number `days`. */
export function civilFromDays(days: i64): void {
  const shifted = days + MARCH_ZERO_TO_EPOCH;
  const era = floorDiv(shifted, DAYS_PER_ERA);
  const dayOfEra = shifted - era * DAYS_PER_ERA;
  // Every 4th year is one day longer, except the last of each century but the era's last.
  const yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
  const dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
  const monthFromMarch = (5 * dayOfYear + 2) / 153;
  civilDay = <i32>(dayOfYear - (153 * monthFromMarch + 2) / 5 + 1);
  civilMonth = <i32>(monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9);
  civilYear = yearOfEra + era * 400 + (civilMonth <= 2 ? 1 : 0);
}

/** 0 for Sunday .. 6 for Saturday; 1970-01-01 was a Thursday. */
export function weekdayOfDays(days: i64): i32 {
  return <i32>floorMod(days + 4, 7);
}

/** 1 for January 1st .. 365 or 366. */
export function dayOfYear(year: i64, month: i32, day: i32): i32 {
  return daysBeforeMonth(month) + day + (month > 2 && isLeapYear(year) ? 1 : 0);
}
