// Validating a document against a schema schemaError accepted, as gojsonschema does: the same
// keywords checked in the same order per schema node (so errors come out in OPA's order), the same
// error types, fields ("(Root)", "a.b.1") and messages, and the same "score" it uses to pick which
// failed alternative of anyOf/oneOf/contains to report.

import {
  T_ARRAY,
  T_BOOLEAN,
  T_NULL,
  T_NUMBER,
  T_OBJECT,
  T_SET,
  T_STRING,
  arrayGet,
  arrayLen,
  arrayPush,
  boolValue,
  makeArray,
  makeObject,
  makeStringFromAS,
  objectGet,
  objectInsert,
  objectKeyAt,
  objectLen,
  objectValueAt,
  setAt,
  setLen,
  stringLen,
  stringPtr,
  typeOf,
} from "../value";
import { alloc } from "../alloc";
import { bufAppend, bufAppendAS, bufAppendByte, bufAppendI64, bufData, bufNew, bufToString } from "../buffer";
import { abortBuiltin } from "../errors";
import { equal } from "../compare";
import { compareNumbers, decDigitCount, decDigitsPtr, decExponent, decomposeNumber } from "../number";
import { makeNumberI64, numberIsInteger, numberToF64, numberToI64 } from "../number";
import { utf8RuneCount } from "../utf8";
import { regexMatches } from "../regex/regex";
import { FORMAT_FAILS, FORMAT_UNSUPPORTED, formatHolds } from "./jsonschemaFormat";
import { bufAppendBound, canonicalText } from "./jsonschemaText";
import {
  DRAFT_6,
  DRAFT_7,
  isSchema,
  keyword,
  resolveRef,
  schemaDraft,
  schemaRegex,
} from "./jsonschemaSchema";

// ---- results: the errors found so far and gojsonschema's score (how far validation got) ----

function newResult(): usize {
  const r = alloc(8);
  store<u32>(r, <u32>makeArray(0));
  store<i32>(r, 0, 4);
  return r;
}

function resultErrors(r: usize): usize {
  return <usize>load<u32>(r);
}

function isValid(r: usize): bool {
  return arrayLen(resultErrors(r)) == 0;
}

function score(r: usize): i32 {
  return load<i32>(r, 4);
}

function incrementScore(r: usize): void {
  store<i32>(r, score(r) + 1, 4);
}

function mergeResult(r: usize, other: usize): void {
  const errors = resultErrors(other);
  for (let i = 0; i < arrayLen(errors); i++) arrayPush(resultErrors(r), arrayGet(errors, i));
  store<i32>(r, score(r) + score(other), 4);
}

/** The field of the document's root, as OPA prints it. */
const ROOT_FIELD = "(Root)";

function fieldText(field: usize): usize {
  return field == 0 ? makeStringFromAS(ROOT_FIELD) : field;
}

/** The field of a member: its key, after the parent's field unless the parent is the root. */
function childField(field: usize, key: usize): usize {
  if (field == 0) return key;
  const b = bufNew(stringLen(field) + stringLen(key) + 1);
  bufAppend(b, stringPtr(field), stringLen(field));
  bufAppendAS(b, ".");
  bufAppend(b, stringPtr(key), stringLen(key));
  return bufToString(b);
}

function indexField(field: usize, i: i32): usize {
  const b = bufNew(12);
  bufAppendI64(b, i);
  return childField(field, bufToString(b));
}

/** Records {"desc", "error": "<field>: <desc>", "field", "type"}; desc is a buffer. */
function addError(r: usize, field: usize, type: string, desc: usize): void {
  const where = fieldText(field);
  const description = bufToString(desc);
  const full = bufNew(stringLen(where) + 2 + stringLen(description));
  bufAppend(full, stringPtr(where), stringLen(where));
  bufAppendAS(full, ": ");
  bufAppend(full, stringPtr(description), stringLen(description));
  const e = makeObject();
  objectInsert(e, makeStringFromAS("desc"), description);
  objectInsert(e, makeStringFromAS("error"), bufToString(full));
  objectInsert(e, makeStringFromAS("field"), where);
  objectInsert(e, makeStringFromAS("type"), makeStringFromAS(type));
  arrayPush(resultErrors(r), e);
  // An error costs two points: a net -1 once its validation step adds its usual +1.
  store<i32>(r, score(r) - 2, 4);
}

function describe(s: string): usize {
  const b = bufNew(s.length + 8);
  bufAppendAS(b, s);
  return b;
}

function describeCount(before: string, n: usize, after: string): usize {
  const b = bufNew(48);
  bufAppendAS(b, before);
  bufAppendI64(b, numberToI64(n));
  bufAppendAS(b, after);
  return b;
}

function describeBound(before: string, n: usize): usize {
  const b = bufNew(48);
  bufAppendAS(b, before);
  bufAppendBound(b, n);
  return b;
}

function describeText(before: string, text: usize, after: string): usize {
  const b = bufNew(48);
  bufAppendAS(b, before);
  bufAppend(b, stringPtr(text), stringLen(text));
  bufAppendAS(b, after);
  return b;
}

// ---- validation ----

/** The root schema, which local $refs point into. */
let rootSchema: usize = 0;

/** The errors of validating doc against root (an array of error objects, empty when it matches). */
export function validateDocument(root: usize, doc: usize): usize {
  rootSchema = root;
  const r = newResult();
  validateNode(root, doc, r, 0);
  return resultErrors(r);
}

function subValidate(schema: usize, node: usize, field: usize): usize {
  const r = newResult();
  validateNode(schema, node, r, field);
  return r;
}

/** The JSON type of node as gojsonschema names it ("integer" for integral numbers). */
function givenType(node: usize): string {
  switch (typeOf(node)) {
    case T_NULL:
      return "null";
    case T_BOOLEAN:
      return "boolean";
    case T_NUMBER:
      return numberIsInteger(node) ? "integer" : "number";
    case T_STRING:
      return "string";
    case T_OBJECT:
      return "object";
  }
  return "array";
}

function typeListed(types: usize, name: string): bool {
  const wanted = makeStringFromAS(name);
  if (typeOf(types) == T_STRING) return equal(types, wanted);
  for (let i = 0; i < arrayLen(types); i++) if (equal(arrayGet(types, i), wanted)) return true;
  return false;
}

/** Whether node has one of the types the schema's "type" lists (an integer is also a number). */
function typeMatches(types: usize, node: usize): bool {
  const given = givenType(node);
  if (given == "integer") return typeListed(types, "number") || typeListed(types, "integer");
  return typeListed(types, given);
}

function describeTypes(types: usize, node: usize): usize {
  const b = bufNew(64);
  bufAppendAS(b, "Invalid type. Expected: ");
  if (typeOf(types) == T_STRING) bufAppend(b, stringPtr(types), stringLen(types));
  else if (arrayLen(types) == 1) bufAppend(b, stringPtr(arrayGet(types, 0)), stringLen(arrayGet(types, 0)));
  else {
    bufAppendAS(b, "[");
    for (let i = 0; i < arrayLen(types); i++) {
      if (i > 0) bufAppendAS(b, ",");
      bufAppend(b, stringPtr(arrayGet(types, i)), stringLen(arrayGet(types, i)));
    }
    bufAppendAS(b, "]");
  }
  bufAppendAS(b, ", given: ");
  bufAppendAS(b, givenType(node));
  return b;
}

/** OPA hands sets to the library as JSON arrays. */
function asArray(node: usize): usize {
  if (typeOf(node) != T_SET) return node;
  const a = makeArray(setLen(node));
  for (let i = 0; i < setLen(node); i++) arrayPush(a, setAt(node, i));
  return a;
}

function validateNode(schema: usize, node: usize, r: usize, field: usize): void {
  if (typeOf(schema) == T_BOOLEAN) {
    if (!boolValue(schema)) addError(r, field, "false", describe("False always fails validation"));
    return;
  }
  const ref = keyword(schema, "$ref");
  if (ref != 0) {
    validateNode(resolveRef(rootSchema, ref), node, r, field);
    return;
  }
  node = asArray(node);
  // An empty list of types constrains nothing, as no "type" at all.
  const types = keyword(schema, "type");
  const typed = types != 0 && (typeOf(types) == T_STRING || arrayLen(types) > 0);
  if (typed && !typeMatches(types, node)) {
    addError(r, field, "invalid_type", describeTypes(types, node));
    return;
  }
  validateCombinators(schema, node, r, field);
  switch (typeOf(node)) {
    case T_NUMBER:
      validateNumber(schema, node, r, field);
      break;
    case T_ARRAY:
      validateArray(schema, node, r, field);
      break;
    case T_OBJECT:
      validateObject(schema, node, r, field);
      break;
  }
  validateCommon(schema, node, r, field);
  if (typeOf(node) == T_STRING) validateString(schema, node, r, field);
  if (typeOf(node) == T_OBJECT) {
    const properties = keyword(schema, "properties");
    if (properties != 0) {
      for (let i = 0; i < objectLen(properties); i++) {
        const key = objectKeyAt(properties, i);
        const value = objectGet(node, key);
        if (value != 0) validateNode(objectValueAt(properties, i), value, r, childField(field, key));
      }
    }
  }
  incrementScore(r);
}

/** anyOf, oneOf, allOf, not, dependencies and if/then/else, in gojsonschema's order. */
function validateCombinators(schema: usize, node: usize, r: usize, field: usize): void {
  const anyOf = keyword(schema, "anyOf");
  if (anyOf != 0 && arrayLen(anyOf) > 0) {
    let best: usize = 0;
    let matched = false;
    for (let i = 0; i < arrayLen(anyOf) && !matched; i++) {
      const attempt = subValidate(arrayGet(anyOf, i), node, field);
      matched = isValid(attempt);
      if (!matched && (best == 0 || score(attempt) > score(best))) best = attempt;
    }
    if (!matched) {
      addError(r, field, "number_any_of", describe("Must validate at least one schema (anyOf)"));
      if (best != 0) mergeResult(r, best);
    }
  }

  const oneOf = keyword(schema, "oneOf");
  if (oneOf != 0 && arrayLen(oneOf) > 0) {
    let best: usize = 0;
    let matches = 0;
    for (let i = 0; i < arrayLen(oneOf); i++) {
      const attempt = subValidate(arrayGet(oneOf, i), node, field);
      if (isValid(attempt)) matches++;
      else if (matches == 0 && (best == 0 || score(attempt) > score(best))) best = attempt;
    }
    if (matches != 1) {
      addError(r, field, "number_one_of", describe("Must validate one and only one schema (oneOf)"));
      if (matches == 0) mergeResult(r, best);
    }
  }

  const allOf = keyword(schema, "allOf");
  if (allOf != 0 && arrayLen(allOf) > 0) {
    let matches = 0;
    for (let i = 0; i < arrayLen(allOf); i++) {
      const attempt = subValidate(arrayGet(allOf, i), node, field);
      if (isValid(attempt)) matches++;
      mergeResult(r, attempt);
    }
    if (matches != arrayLen(allOf))
      addError(r, field, "number_all_of", describe("Must validate all the schemas (allOf)"));
  }

  const not = keyword(schema, "not");
  if (not != 0 && isValid(subValidate(not, node, field))) {
    addError(r, field, "number_not", describe("Must not validate the schema (not)"));
  }

  const dependencies = keyword(schema, "dependencies");
  if (dependencies != 0 && typeOf(node) == T_OBJECT) {
    for (let i = 0; i < objectLen(node); i++) {
      const dependency = objectGet(dependencies, objectKeyAt(node, i));
      if (dependency == 0) continue;
      if (typeOf(dependency) == T_ARRAY) {
        for (let j = 0; j < arrayLen(dependency); j++) {
          const needed = arrayGet(dependency, j);
          if (objectGet(node, needed) == 0) {
            addError(r, field, "missing_dependency", describeText("Has a dependency on ", needed, ""));
          }
        }
      } else validateNode(dependency, node, r, field);
    }
  }

  const condition = schemaDraft() >= DRAFT_7 ? keyword(schema, "if") : 0;
  if (condition != 0) {
    const holds = isValid(subValidate(condition, node, field));
    const branch = keyword(schema, holds ? "then" : "else");
    if (branch != 0) {
      const attempt = subValidate(branch, node, field);
      if (!isValid(attempt)) {
        if (holds) addError(r, field, "condition_then", describe('Must validate "then" as "if" was valid'));
        else addError(r, field, "condition_else", describe('Must validate "else" as "if" was not valid'));
        mergeResult(r, attempt);
      }
    }
  }
  incrementScore(r);
}

/** const, enum and format, which apply to every type. */
function validateCommon(schema: usize, node: usize, r: usize, field: usize): void {
  const constant = schemaDraft() >= DRAFT_6 ? keyword(schema, "const") : 0;
  const enumValues = keyword(schema, "enum");
  if (constant != 0 || enumValues != 0) {
    const text = canonicalText(node);
    if (constant != 0) {
      const allowed = canonicalText(constant);
      if (!equal(text, allowed)) {
        const b = describeText("", fieldText(field), " does not match: ");
        bufAppend(b, stringPtr(allowed), stringLen(allowed));
        addError(r, field, "const", b);
      }
    }
    if (enumValues != 0) {
      let found = false;
      const allowed = bufNew(64);
      for (let i = 0; i < arrayLen(enumValues); i++) {
        const option = canonicalText(arrayGet(enumValues, i));
        if (equal(option, text)) found = true;
        if (i > 0) bufAppendAS(allowed, ", ");
        bufAppend(allowed, stringPtr(option), stringLen(option));
      }
      if (!found) {
        const b = describeText("", fieldText(field), " must be one of the following: ");
        bufAppend(b, stringPtr(bufToString(allowed)), stringLen(bufToString(allowed)));
        addError(r, field, "enum", b);
      }
    }
  }
  const format = keyword(schema, "format");
  if (format != 0 && typeOf(node) == T_STRING) {
    const holds = formatHolds(format, node);
    if (holds == FORMAT_UNSUPPORTED) {
      const b = describeText('json.match_schema: format "', format, '" is not supported');
      bufAppendByte(b, 0);
      abortBuiltin(bufData(b));
    }
    if (holds == FORMAT_FAILS)
      addError(r, field, "format", describeText("Does not match format '", format, "'"));
  }
  incrementScore(r);
}

function validateArray(schema: usize, node: usize, r: usize, field: usize): void {
  const count = arrayLen(node);
  const items = keyword(schema, "items");
  if (items != 0 && isSchema(items)) {
    for (let i = 0; i < count; i++)
      mergeResult(r, subValidate(items, arrayGet(node, i), indexField(field, i)));
  } else if (items != 0 && arrayLen(items) > 0) {
    const positional = arrayLen(items);
    for (let i = 0; i < positional && i < count; i++) {
      mergeResult(r, subValidate(arrayGet(items, i), arrayGet(node, i), indexField(field, i)));
    }
    const additional = keyword(schema, "additionalItems");
    if (positional < count && additional != 0) {
      if (typeOf(additional) == T_BOOLEAN) {
        if (!boolValue(additional)) {
          addError(r, field, "array_no_additional_items", describe("No additional items allowed on array"));
        }
      } else {
        for (let i = positional; i < count; i++) {
          mergeResult(r, subValidate(additional, arrayGet(node, i), indexField(field, i)));
        }
      }
    }
  }

  const minItems = keyword(schema, "minItems");
  if (minItems != 0 && compareNumbers(makeNumberI64(count), minItems) < 0) {
    addError(r, field, "array_min_items", describeCount("Array must have at least ", minItems, " items"));
  }
  const maxItems = keyword(schema, "maxItems");
  if (maxItems != 0 && compareNumbers(makeNumberI64(count), maxItems) > 0) {
    addError(r, field, "array_max_items", describeCount("Array must have at most ", maxItems, " items"));
  }

  const uniqueItems = keyword(schema, "uniqueItems");
  if (uniqueItems != 0 && boolValue(uniqueItems)) {
    // Each text remembers the last index it was seen at, as gojsonschema's map does.
    const lastSeen = makeObject();
    for (let j = 0; j < count; j++) {
      const text = canonicalText(arrayGet(node, j));
      const seen = objectGet(lastSeen, text);
      if (seen != 0) {
        const b = bufNew(48);
        bufAppendAS(b, "array items[");
        bufAppendI64(b, numberToI64(seen));
        bufAppendAS(b, ",");
        bufAppendI64(b, j);
        bufAppendAS(b, "] must be unique");
        addError(r, field, "unique", b);
      }
      objectInsert(lastSeen, text, makeNumberI64(j));
    }
  }

  const contains = schemaDraft() >= DRAFT_6 ? keyword(schema, "contains") : 0;
  if (contains != 0) {
    let best: usize = 0;
    let matched = false;
    for (let i = 0; i < count && !matched; i++) {
      const attempt = subValidate(contains, arrayGet(node, i), indexField(field, i));
      matched = isValid(attempt);
      if (!matched && (best == 0 || score(attempt) > score(best))) best = attempt;
    }
    if (!matched) {
      addError(r, field, "contains", describe("At least one of the items must match"));
      if (best != 0) mergeResult(r, best);
    }
  }
  incrementScore(r);
}

/** An object key as JSON has it: a string, or the JSON text of a Rego key of another type. */
function keyText(key: usize): usize {
  return typeOf(key) == T_STRING ? key : canonicalText(key);
}

function validateObject(schema: usize, node: usize, r: usize, field: usize): void {
  const count = makeNumberI64(objectLen(node));
  const minProperties = keyword(schema, "minProperties");
  if (minProperties != 0 && compareNumbers(count, minProperties) < 0) {
    addError(
      r,
      field,
      "array_min_properties",
      describeCount("Must have at least ", minProperties, " properties"),
    );
  }
  const maxProperties = keyword(schema, "maxProperties");
  if (maxProperties != 0 && compareNumbers(count, maxProperties) > 0) {
    addError(
      r,
      field,
      "array_max_properties",
      describeCount("Must have at most ", maxProperties, " properties"),
    );
  }

  const required = keyword(schema, "required");
  if (required != 0) {
    for (let i = 0; i < arrayLen(required); i++) {
      const name = arrayGet(required, i);
      if (objectGet(node, name) != 0) incrementScore(r);
      else addError(r, field, "required", describeText("", name, " is required"));
    }
  }

  const properties = keyword(schema, "properties");
  const patternProperties = keyword(schema, "patternProperties");
  const additional = keyword(schema, "additionalProperties");
  for (let i = 0; i < objectLen(node); i++) {
    const key = keyText(objectKeyAt(node, i));
    const value = objectValueAt(node, i);
    const described = properties != 0 && objectGet(properties, key) != 0;
    let patterned = false;
    if (patternProperties != 0) {
      for (let p = 0; p < objectLen(patternProperties); p++) {
        const re = schemaRegex(objectKeyAt(patternProperties, p));
        if (regexMatches(re, stringPtr(key), stringLen(key))) {
          patterned = true;
          mergeResult(r, subValidate(objectValueAt(patternProperties, p), value, childField(field, key)));
        }
      }
      if (patterned) incrementScore(r);
    }
    if (described || patterned || additional == 0) continue;
    if (typeOf(additional) == T_BOOLEAN) {
      if (!boolValue(additional)) {
        addError(
          r,
          field,
          "additional_property_not_allowed",
          describeText("Additional property ", key, " is not allowed"),
        );
      }
    } else mergeResult(r, subValidate(additional, value, childField(field, key)));
  }

  const propertyNames = schemaDraft() >= DRAFT_6 ? keyword(schema, "propertyNames") : 0;
  if (propertyNames != 0) {
    for (let i = 0; i < objectLen(node); i++) {
      const key = keyText(objectKeyAt(node, i));
      const attempt = subValidate(propertyNames, key, field);
      if (!isValid(attempt)) {
        addError(
          r,
          field,
          "invalid_property_name",
          describeText('Property name of "', key, '" does not match'),
        );
        mergeResult(r, attempt);
      }
    }
  }
  incrementScore(r);
}

function validateString(schema: usize, node: usize, r: usize, field: usize): void {
  const length = makeNumberI64(utf8RuneCount(stringPtr(node), stringLen(node)));
  const minLength = keyword(schema, "minLength");
  if (minLength != 0 && compareNumbers(length, minLength) < 0) {
    addError(
      r,
      field,
      "string_gte",
      describeCount("String length must be greater than or equal to ", minLength, ""),
    );
  }
  const maxLength = keyword(schema, "maxLength");
  if (maxLength != 0 && compareNumbers(length, maxLength) > 0) {
    addError(
      r,
      field,
      "string_lte",
      describeCount("String length must be less than or equal to ", maxLength, ""),
    );
  }
  const pattern = keyword(schema, "pattern");
  if (pattern != 0 && !regexMatches(schemaRegex(pattern), stringPtr(node), stringLen(node))) {
    addError(r, field, "pattern", describeText("Does not match pattern '", pattern, "'"));
  }
  incrementScore(r);
}

function validateNumber(schema: usize, node: usize, r: usize, field: usize): void {
  const multipleOf = keyword(schema, "multipleOf");
  if (multipleOf != 0 && !isMultipleOf(node, multipleOf)) {
    addError(r, field, "multiple_of", describeBound("Must be a multiple of ", multipleOf));
  }

  // Draft 4 writes an exclusive bound as a boolean beside maximum/minimum; drafts 6 and 7 as a number.
  let maximum = keyword(schema, "maximum");
  let exclusiveMaximum = keyword(schema, "exclusiveMaximum");
  if (exclusiveMaximum != 0 && typeOf(exclusiveMaximum) == T_BOOLEAN) {
    exclusiveMaximum = boolValue(exclusiveMaximum) ? maximum : 0;
    if (exclusiveMaximum != 0) maximum = 0;
  }
  if (maximum != 0 && compareNumbers(node, maximum) > 0) {
    addError(r, field, "number_lte", describeBound("Must be less than or equal to ", maximum));
  }
  if (exclusiveMaximum != 0 && compareNumbers(node, exclusiveMaximum) >= 0) {
    addError(r, field, "number_lt", describeBound("Must be less than ", exclusiveMaximum));
  }

  let minimum = keyword(schema, "minimum");
  let exclusiveMinimum = keyword(schema, "exclusiveMinimum");
  if (exclusiveMinimum != 0 && typeOf(exclusiveMinimum) == T_BOOLEAN) {
    exclusiveMinimum = boolValue(exclusiveMinimum) ? minimum : 0;
    if (exclusiveMinimum != 0) minimum = 0;
  }
  if (minimum != 0 && compareNumbers(node, minimum) < 0) {
    addError(r, field, "number_gte", describeBound("Must be greater than or equal to ", minimum));
  }
  if (exclusiveMinimum != 0 && compareNumbers(node, exclusiveMinimum) <= 0) {
    addError(r, field, "number_gt", describeBound("Must be greater than ", exclusiveMinimum));
  }
  incrementScore(r);
}

/** The decimal digits of the last decomposition as an integer; -1 when there are more than 18. */
function decimalDigits(): i64 {
  const count = decDigitCount();
  if (count > 18) return -1;
  let n: i64 = 0;
  for (let i = 0; i < count; i++) n = n * 10 + <i64>(load<u8>(decDigitsPtr() + <usize>i) - 0x30);
  return n;
}

/**
 * Whether x / m is an integer, exactly as gojsonschema's big.Rat division decides (0.3 is a multiple
 * of 0.1). With x = dx × 10^ex and m = dm × 10^em the question is whether dm × 10^(em-ex) divides
 * dx; doubles decide only when the digits do not fit 18 decimal places.
 */
function isMultipleOf(x: usize, m: usize): bool {
  decomposeNumber(x);
  const dx = decimalDigits();
  const ex = decExponent();
  decomposeNumber(m);
  const dm = decimalDigits();
  const em = decExponent();
  if (dx == 0) return true;
  const shift = ex - em;
  if (dx < 0 || dm <= 0 || shift > 400 || shift < -400) {
    const q = numberToF64(x) / numberToF64(m);
    return Math.floor(q) == q;
  }
  if (shift >= 0) {
    // dx × 10^shift mod dm, one decimal place at a time (dm < 10^18, so nothing overflows).
    const divisor = <u64>dm;
    let rest = <u64>dx % divisor;
    for (let i = 0; i < shift && rest != 0; i++) rest = (rest * 10) % divisor;
    return rest == 0;
  }
  if (dx % dm != 0) return false;
  let q = dx / dm;
  for (let i = 0; i < -shift; i++) {
    if (q % 10 != 0) return false;
    q /= 10;
  }
  return true;
}
