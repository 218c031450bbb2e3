// internal.template_string, what a template string calls: the compiler turns `$"a{x}b"` into
// `internal.template_string(["a", {x}, "b"])` (syntax/expressions.ts, check/templates.ts), each
// expression the set of its values, so an undefined one arrives as the empty set. Parts are joined
// as OPA's print writes its operands: a string as it is, any other value as its Rego text, an empty
// set as `<undefined>`. Like OPA's, both errors end evaluation whatever the builtin-error mode: a
// set with several values (the string would have several values; only a custom relation could make
// one) and a part that is neither a scalar nor a set (only a hand-written call can pass one).

import { abort, typeError } from "../errors";
import { bufAppend, bufAppendAS, bufNew, bufToString } from "../buffer";
import {
  T_ARRAY,
  T_OBJECT,
  T_SET,
  T_STRING,
  arrayGet,
  arrayLen,
  setAt,
  setLen,
  stringLen,
  stringPtr,
  typeOf,
} from "../value";
import { regoText } from "./sprintf";

export function builtin_internal_template_string(parts: usize): usize {
  if (typeOf(parts) != T_ARRAY) typeError("internal.template_string", 1, "array", parts);
  const n = arrayLen(parts);
  for (let i = 0; i < n; i++) {
    const t = typeOf(arrayGet(parts, i));
    if (t == T_ARRAY) abort("illegal argument type: array");
    if (t == T_OBJECT) abort("illegal argument type: object");
  }
  for (let i = 0; i < n; i++) {
    const part = arrayGet(parts, i);
    if (typeOf(part) == T_SET && setLen(part) > 1)
      abort("template-strings must not produce multiple outputs");
  }
  const b = bufNew(64);
  for (let i = 0; i < n; i++) {
    const part = arrayGet(parts, i);
    if (typeOf(part) != T_SET) appendText(b, part);
    else if (setLen(part) == 0) bufAppendAS(b, "<undefined>");
    else appendText(b, setAt(part, 0));
  }
  return bufToString(b);
}

/** A string as it is, any other value as its Rego text. */
function appendText(b: usize, v: usize): void {
  const text = typeOf(v) == T_STRING ? v : regoText(v);
  bufAppend(b, stringPtr(text), stringLen(text));
}
