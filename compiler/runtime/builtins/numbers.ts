// Number builtins: numbers.range, numbers.range_step and to_number.

import {
  T_BOOLEAN,
  T_NULL,
  T_NUMBER,
  T_STRING,
  arrayPush,
  boolValue,
  makeArray,
  stringLen,
  stringPtr,
  typeOf,
} from "../value";
import { abortBuiltin, builtinError, typeError } from "../errors";
import { bufAppendAS, bufNew, bufToString } from "../buffer";
import { bufAppendQuoted } from "../json";
import {
  makeNumberF64,
  makeNumberI64,
  makeNumberText,
  numberFitsI64,
  numberIsInteger,
  numberToF64,
} from "../number";
import { requireInteger, requireNumber } from "./operands";

/** from..to inclusive, counting down when to < from. */
function range(from: i64, to: i64, step: i64): usize {
  const count = (to >= from ? to - from : from - to) / step + 1;
  const result = makeArray(<i32>min<i64>(count, 1 << 20));
  const delta = to >= from ? step : -step;
  let x = from;
  for (let i: i64 = 0; i < count; i++) {
    arrayPush(result, makeNumberI64(x));
    x += delta;
  }
  return result;
}

export function builtin_numbers_range(from: usize, to: usize): usize {
  return range(requireInteger("numbers.range", 1, from), requireInteger("numbers.range", 2, to), 1);
}

export function builtin_numbers_range_step(from: usize, to: usize, step: usize): usize {
  const fname = "numbers.range_step";
  const a = requireInteger(fname, 1, from);
  const b = requireInteger(fname, 2, to);
  requireNumber(fname, 3, step);
  if (!numberIsInteger(step) || numberToF64(step) <= 0)
    builtinError(fname, "step must be a positive integer");
  // a step beyond 64 bits overshoots every range: only the start remains
  if (!numberFitsI64(step)) return range(a, a, 1);
  return range(a, b, requireInteger(fname, 3, step));
}

function isAsciiLetterRun(ptr: usize, len: i32, start: i32, word: string): bool {
  if (len - start != word.length) return false;
  for (let i = 0; i < word.length; i++) {
    if (((<i32>load<u8>(ptr + <usize>(start + i))) | 0x20) != word.charCodeAt(i)) return false;
  }
  return true;
}

/** "inf", "infinity" or "nan" in any case after any run of signs: Go would parse them, but they
 *  are not numbers OPA can hold, so it rejects them as an operand type error. */
function isNonFinite(ptr: usize, len: i32): bool {
  let start = 0;
  while (start < len && (load<u8>(ptr + <usize>start) == 0x2b || load<u8>(ptr + <usize>start) == 0x2d))
    start++;
  return (
    isAsciiLetterRun(ptr, len, start, "nan") ||
    isAsciiLetterRun(ptr, len, start, "inf") ||
    isAsciiLetterRun(ptr, len, start, "infinity")
  );
}

/** Whether the text is a JSON number literal (kept verbatim, so no precision is lost). */
function isJsonNumber(ptr: usize, len: i32): bool {
  let i = 0;
  if (i < len && load<u8>(ptr) == 0x2d) i++;
  const intStart = i;
  while (i < len && load<u8>(ptr + <usize>i) - 0x30 < 10) i++;
  const intDigits = i - intStart;
  if (intDigits == 0 || (intDigits > 1 && load<u8>(ptr + <usize>intStart) == 0x30)) return false;
  if (i < len && load<u8>(ptr + <usize>i) == 0x2e) {
    const fracStart = ++i;
    while (i < len && load<u8>(ptr + <usize>i) - 0x30 < 10) i++;
    if (i == fracStart) return false;
  }
  if (i < len && (load<u8>(ptr + <usize>i) | 0x20) == 0x65) {
    i++;
    if (i < len && (load<u8>(ptr + <usize>i) == 0x2b || load<u8>(ptr + <usize>i) == 0x2d)) i++;
    const expStart = i;
    while (i < len && load<u8>(ptr + <usize>i) - 0x30 < 10) i++;
    if (i == expStart) return false;
  }
  return i == len;
}

/** null → 0, booleans → 0/1, numbers unchanged, strings parsed as Go's ParseFloat does. */
export function builtin_to_number(x: usize): usize {
  const t = typeOf(x);
  if (t == T_NUMBER) return x;
  if (t == T_NULL) return makeNumberI64(0);
  if (t == T_BOOLEAN) return makeNumberI64(boolValue(x) ? 1 : 0);
  if (t != T_STRING) typeError("to_number", 1, "one of {null, boolean, number, string}", x);
  const ptr = stringPtr(x);
  const len = stringLen(x);
  if (isNonFinite(ptr, len)) typeError("to_number", 1, "valid number string", x);
  if (isJsonNumber(ptr, len)) return makeNumberText(ptr, len);
  // other forms ParseFloat takes ("+1", ".5", "1.", "1E3"): read by the decimal parser, as a double
  const v = makeNumberText(ptr, len);
  if (v == 0) {
    // Go's strconv.NumError text
    const b = bufNew(64);
    bufAppendAS(b, "to_number: strconv.ParseFloat: parsing ");
    bufAppendQuoted(b, ptr, len);
    bufAppendAS(b, ": invalid syntax");
    abortBuiltin(stringPtr(bufToString(b)));
  }
  return makeNumberF64(numberToF64(v));
}
