// Texts gojsonschema (the JSON Schema library behind OPA's json.match_schema) derives from values:
// the canonical JSON it compares const/enum/uniqueItems by, and the way its messages print a
// schema's numeric bounds.

import {
  T_ARRAY,
  T_BOOLEAN,
  T_NUMBER,
  T_OBJECT,
  T_SET,
  T_STRING,
  arrayGet,
  arrayLen,
  boolValue,
} from "../value";
import { objectKeyAt, objectLen, objectValueAt, setAt, setLen, stringLen, stringPtr, typeOf } from "../value";
import { bufAppendAS, bufAppendByte, bufAppendI64, bufNew, bufToString } from "../buffer";
import { bufAppendQuoted } from "../json";
import {
  bufAppendF64,
  decDigitCount,
  decDigitsPtr,
  decExponent,
  decIsNegative,
  decomposeNumber,
} from "../number";
import { numberToF64 } from "../number";

/**
 * Appends v as gojsonschema's marshalWithoutNumber writes it: Go's encoding/json with every number
 * turned into a float64 first (so 1, 1.0 and 1e0 all read "1"), object keys sorted. Two values are
 * equal for const, enum and uniqueItems exactly when these texts are.
 */
function bufAppendCanonical(b: usize, v: usize): void {
  switch (typeOf(v)) {
    case T_BOOLEAN:
      bufAppendAS(b, boolValue(v) ? "true" : "false");
      return;
    case T_NUMBER:
      // Go and JavaScript agree on the shortest round-trip text and on when to switch to exponents.
      bufAppendF64(b, numberToF64(v));
      return;
    case T_STRING:
      bufAppendQuoted(b, stringPtr(v), stringLen(v));
      return;
    case T_ARRAY: {
      bufAppendByte(b, 0x5b);
      for (let i = 0; i < arrayLen(v); i++) {
        if (i > 0) bufAppendByte(b, 0x2c);
        bufAppendCanonical(b, arrayGet(v, i));
      }
      bufAppendByte(b, 0x5d);
      return;
    }
    case T_SET: {
      // OPA hands a set to the library as a JSON array.
      bufAppendByte(b, 0x5b);
      for (let i = 0; i < setLen(v); i++) {
        if (i > 0) bufAppendByte(b, 0x2c);
        bufAppendCanonical(b, setAt(v, i));
      }
      bufAppendByte(b, 0x5d);
      return;
    }
    case T_OBJECT: {
      bufAppendByte(b, 0x7b);
      for (let i = 0; i < objectLen(v); i++) {
        if (i > 0) bufAppendByte(b, 0x2c);
        const key = objectKeyAt(v, i);
        if (typeOf(key) == T_STRING) bufAppendQuoted(b, stringPtr(key), stringLen(key));
        else {
          // JSON keys are strings: a non-string key is written as its own JSON text, quoted.
          const inner = bufNew(16);
          bufAppendCanonical(inner, key);
          const text = bufToString(inner);
          bufAppendQuoted(b, stringPtr(text), stringLen(text));
        }
        bufAppendByte(b, 0x3a);
        bufAppendCanonical(b, objectValueAt(v, i));
      }
      bufAppendByte(b, 0x7d);
      return;
    }
    default:
      bufAppendAS(b, "null");
  }
}

/** The canonical JSON text of v as a string value. */
export function canonicalText(v: usize): usize {
  const b = bufNew(32);
  bufAppendCanonical(b, v);
  return bufToString(b);
}

/**
 * Appends a schema bound (maximum, multipleOf, ...) as gojsonschema prints it: a big.Float through
 * fmt's %v, i.e. Go's %g with the shortest digits and exponents outside 1e-4 <= |x| < 1e6
 * ("1e+06", "1.234e-07", two exponent digits at least).
 */
export function bufAppendBound(b: usize, v: usize): void {
  decomposeNumber(v);
  const count = decDigitCount();
  const digits = decDigitsPtr();
  if (count == 0) {
    bufAppendByte(b, 0x30);
    return;
  }
  if (decIsNegative()) bufAppendByte(b, 0x2d);
  // value = 0.d1d2...dn × 10^point
  const point = count + decExponent();
  const exponent = point - 1;
  if (exponent < -4 || exponent >= 6) {
    bufAppendByte(b, load<u8>(digits));
    if (count > 1) {
      bufAppendByte(b, 0x2e);
      for (let i = 1; i < count; i++) bufAppendByte(b, load<u8>(digits + <usize>i));
    }
    bufAppendByte(b, 0x65);
    bufAppendByte(b, exponent < 0 ? 0x2d : 0x2b);
    const magnitude = exponent < 0 ? -exponent : exponent;
    if (magnitude < 10) bufAppendByte(b, 0x30);
    bufAppendI64(b, magnitude);
    return;
  }
  if (point <= 0) {
    bufAppendAS(b, "0.");
    for (let i = point; i < 0; i++) bufAppendByte(b, 0x30);
    for (let i = 0; i < count; i++) bufAppendByte(b, load<u8>(digits + <usize>i));
    return;
  }
  for (let i = 0; i < point; i++) bufAppendByte(b, i < count ? load<u8>(digits + <usize>i) : 0x30);
  if (point < count) {
    bufAppendByte(b, 0x2e);
    for (let i = point; i < count; i++) bufAppendByte(b, load<u8>(digits + <usize>i));
  }
}
