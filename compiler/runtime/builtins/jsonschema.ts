// json.verify_schema and json.match_schema: JSON Schema drafts 4, 6 and 7 (chosen by the root's
// $schema; without one, gojsonschema's mix of all three) checked and applied natively, with OPA's
// messages. The schema and the document may be values or JSON text. What is not implemented fails
// loudly rather than passing: a format checked by Go's parsers (email, date-time, ipv4, uri, ...) met
// while matching, and a $ref to another document.

import {
  T_ARRAY,
  T_OBJECT,
  T_SET,
  T_STRING,
  arrayLen,
  arrayPush,
  makeArray,
  makeBool,
  makeNull,
  stringLen,
  stringPtr,
  typeOf,
} from "../value";
import { bufAppend, bufAppendAS, bufAppendByte, bufData, bufNew, bufToString } from "../buffer";
import { abortBuiltin, builtinError } from "../errors";
import { jsonParse } from "../json";
import { schemaError } from "./jsonschemaSchema";
import { validateDocument } from "./jsonschemaValidate";

/** Whether OPA reads the operand as a document: JSON text, or an object or array value. */
function readable(v: usize): bool {
  const t = typeOf(v);
  return t == T_STRING || t == T_OBJECT || t == T_ARRAY || t == T_SET;
}

const WRONG_TYPE = "wrong type, expected string or object";

/** The operand as a value: JSON text is parsed; 0 when it is not valid JSON. */
function operandValue(v: usize): usize {
  return typeOf(v) == T_STRING ? jsonParse(stringPtr(v), stringLen(v)) : v;
}

function pair(first: usize, second: usize): usize {
  const result = makeArray(2);
  arrayPush(result, first);
  arrayPush(result, second);
  return result;
}

/** [true, null] for a schema gojsonschema compiles, else [false, "jsonschema: <why>"]. */
export function builtin_json_verify_schema(schema: usize): usize {
  const value = readable(schema) ? operandValue(schema) : 0;
  const b = bufNew(64);
  bufAppendAS(b, "jsonschema: ");
  if (!readable(schema)) bufAppendAS(b, WRONG_TYPE);
  else if (value == 0) bufAppendAS(b, "invalid JSON string");
  else {
    const err = schemaError(value);
    if (err == 0) return pair(makeBool(true), makeNull());
    bufAppend(b, stringPtr(err), stringLen(err));
  }
  return pair(makeBool(false), bufToString(b));
}

/** [true, []] when the document matches, else [false, [error objects]]; an invalid schema is an error. */
export function builtin_json_match_schema(document: usize, schema: usize): usize {
  if (!readable(document) || !readable(schema)) builtinError("json.match_schema", WRONG_TYPE);
  const doc = operandValue(document);
  if (doc == 0) builtinError("json.match_schema", "invalid JSON string");
  const root = operandValue(schema);
  if (root == 0) builtinError("json.match_schema", "invalid JSON string");
  const err = schemaError(root);
  if (err != 0) {
    const b = bufNew(64);
    bufAppendAS(b, "json.match_schema: ");
    bufAppend(b, stringPtr(err), stringLen(err));
    bufAppendByte(b, 0);
    abortBuiltin(bufData(b));
  }
  const errors = validateDocument(root, doc);
  return pair(makeBool(arrayLen(errors) == 0), errors);
}
