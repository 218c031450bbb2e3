// Operand checks shared by the builtin families. Each check aborts with OPA's wording when the
// operand does not fit; the abort never returns, so callers go on as if the check had passed.

import { T_NUMBER, T_OBJECT, T_STRING, stringPtr, typeOf } from "../value";
import { abortBuiltin, typeError, typeName } from "../errors";
import { bufAppendAS, bufAppendByte, bufNew, bufToString } from "../buffer";
import { numberFitsI64, numberIsInteger, numberToI64 } from "../number";

export function requireString(fname: string, operand: i32, v: usize): void {
  if (typeOf(v) != T_STRING) typeError(fname, operand, "string", v);
}

export function requireNumber(fname: string, operand: i32, v: usize): void {
  if (typeOf(v) != T_NUMBER) typeError(fname, operand, "number", v);
}

export function requireObject(fname: string, operand: i32, v: usize): void {
  if (typeOf(v) != T_OBJECT) typeError(fname, operand, "object", v);
}

/** An integer operand of any size; a float aborts as OPA's do. */
export function requireWholeNumber(fname: string, operand: i32, v: usize): void {
  requireNumber(fname, operand, v);
  if (!numberIsInteger(v))
    abortOperand(fname, operand, "must be integer number but got floating-point number", 0);
}

/** The value of an integer operand; floats and integers beyond 64 bits abort as OPA's do. */
export function requireInteger(fname: string, operand: i32, v: usize): i64 {
  requireNumber(fname, operand, v);
  if (!numberIsInteger(v))
    abortOperand(fname, operand, "must be integer number but got floating-point number", 0);
  if (!numberFitsI64(v)) abortOperand(fname, operand, "must be an integer within 64 bits", 0);
  return numberToI64(v);
}

/** Aborts with "<fname>: operand <n> <detail>", followed by " but got <type>" when `got` is a value. */
export function abortOperand(fname: string, operand: i32, detail: string, got: usize): void {
  const b = bufNew(64);
  bufAppendAS(b, fname);
  bufAppendAS(b, ": operand ");
  appendOperandNumber(b, operand);
  bufAppendByte(b, 0x20);
  bufAppendAS(b, detail);
  if (got != 0) {
    bufAppendAS(b, " but got ");
    bufAppendAS(b, typeName(got));
  }
  abortBuiltin(stringPtr(bufToString(b)));
}

/** Aborts with OPA's element error: "<fname>: operand <n> must be array of strings but got array
 *  containing number" (the collection's own type names it). */
export function elementTypeError(
  fname: string,
  operand: i32,
  collection: usize,
  elementType: string,
  element: usize,
): void {
  const b = bufNew(96);
  bufAppendAS(b, fname);
  bufAppendAS(b, ": operand ");
  appendOperandNumber(b, operand);
  bufAppendAS(b, " must be ");
  bufAppendAS(b, typeName(collection));
  bufAppendAS(b, " of ");
  bufAppendAS(b, elementType);
  bufAppendAS(b, "s but got ");
  bufAppendAS(b, typeName(collection));
  bufAppendAS(b, " containing ");
  bufAppendAS(b, typeName(element));
  abortBuiltin(stringPtr(bufToString(b)));
}

function appendOperandNumber(b: usize, operand: i32): void {
  if (operand >= 10) bufAppendByte(b, 0x30 + operand / 10);
  bufAppendByte(b, 0x30 + (operand % 10));
}
