// print and trace as OPA's wasm target has them. The compiler rewrites `print(a, b)` into
// `internal.print([{x | x = a}, {y | y = b}])` (check/print.ts), so an undefined argument arrives as an
// empty set; each combination of the sets' values is one line, handed to the host's opa_println.
// OPA's wasm target records no trace, so trace only checks its note and is true.

import { alloc } from "../alloc";
import { bufAppend, bufAppendAS, bufAppendByte, bufData, bufNew } from "../buffer";
import { opa_println } from "../imports";
import {
  T_ARRAY,
  T_SET,
  T_STRING,
  arrayGet,
  arrayLen,
  makeBool,
  setAt,
  setLen,
  stringLen,
  stringPtr,
  typeOf,
} from "../value";
import { typeError } from "../errors";
import { requireString } from "./operands";
import { regoText } from "./sprintf";

export function builtin_internal_print(operands: usize): usize {
  if (typeOf(operands) != T_ARRAY) typeError("internal.print", 1, "array", operands);
  const n = arrayLen(operands);
  for (let i = 0; i < n; i++) {
    const s = arrayGet(operands, i);
    if (typeOf(s) != T_SET) typeError("internal.print", 1, "array of sets", operands);
  }
  // chosen[i]: the index of the value taken from operand i's set, -1 when the set is empty.
  const chosen = alloc((<usize>n) << 2);
  printLines(operands, chosen, n, 0);
  return makeBool(true);
}

/** Prints one line per choice of a value from each operand's set (OPA's cross product). */
function printLines(operands: usize, chosen: usize, n: i32, i: i32): void {
  if (i == n) {
    println(operands, chosen, n);
    return;
  }
  const slot = chosen + ((<usize>i) << 2);
  const count = setLen(arrayGet(operands, i));
  if (count == 0) {
    store<i32>(slot, -1);
    printLines(operands, chosen, n, i + 1);
    return;
  }
  for (let j = 0; j < count; j++) {
    store<i32>(slot, j);
    printLines(operands, chosen, n, i + 1);
  }
}

/** A string as it is, `<undefined>` for an empty set, any other value as its Rego text; space-separated. */
function println(operands: usize, chosen: usize, n: i32): void {
  const b = bufNew(64);
  for (let i = 0; i < n; i++) {
    if (i > 0) bufAppendByte(b, 0x20);
    const j = load<i32>(chosen + ((<usize>i) << 2));
    if (j < 0) {
      bufAppendAS(b, "<undefined>");
      continue;
    }
    const v = setAt(arrayGet(operands, i), j);
    const text = typeOf(v) == T_STRING ? v : regoText(v);
    bufAppend(b, stringPtr(text), stringLen(text));
  }
  bufAppendByte(b, 0);
  opa_println(bufData(b));
}

export function builtin_trace(note: usize): usize {
  requireString("trace", 1, note);
  return makeBool(true);
}
