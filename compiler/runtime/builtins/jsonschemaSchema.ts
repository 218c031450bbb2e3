// Reading a JSON schema as gojsonschema compiles it (drafts 4, 6 and 7 mixed, its "hybrid" mode for a
// schema without $schema): keyword lookup, local $ref resolution, and the checks its parser makes,
// keyword by keyword in its order, so the first mistake found is the one OPA reports, in its words.

import {
  T_ARRAY,
  T_BOOLEAN,
  T_NUMBER,
  T_OBJECT,
  T_STRING,
  arrayGet,
  arrayLen,
  makeSet,
  makeString,
  makeStringFromAS,
  objectGet,
  objectKeyAt,
  objectLen,
  objectValueAt,
  setAdd,
  setContains,
  stringLen,
  stringPtr,
  typeOf,
} from "../value";
import { bufAppend, bufAppendAS, bufAppendByte, bufNew, bufToString } from "../buffer";
import { compareNumbers, makeNumberI64, numberKind, N_INT } from "../number";
import { regexCompile } from "../regex/regex";
import { KIND_REGEX, cachePattern, cachedPattern } from "../regex/cache";
import { canonicalText } from "./jsonschemaText";

/** The value of a schema keyword; 0 when the schema does not have it. */
export function keyword(schema: usize, name: string): usize {
  return objectGet(schema, makeStringFromAS(name));
}

/** Whether v can stand as a (sub)schema: an object, or a boolean (drafts 6 and 7). */
export function isSchema(v: usize): bool {
  const t = typeOf(v);
  return t == T_OBJECT || t == T_BOOLEAN;
}

/** The compiled pattern, shared with regex.* through the evaluation's cache; 0 when it does not compile. */
export function schemaRegex(pattern: usize): usize {
  const ptr = stringPtr(pattern);
  const len = stringLen(pattern);
  let re = cachedPattern(KIND_REGEX, ptr, len, 0, 0);
  if (re == 0) {
    re = regexCompile(ptr, len);
    if (re != 0) cachePattern(KIND_REGEX, ptr, len, 0, 0, re);
  }
  return re;
}

/** A keyword that holds an integer count (minLength, maxItems, ...): written as an integer literal
 *  (gojsonschema rejects 2.0 and 1e2 there). */
function isCount(v: usize): bool {
  return typeOf(v) == T_NUMBER && numberKind(v) == N_INT;
}

// ---- $ref ----

/** Why the last resolveRef failed, in gojsonschema's words where it has them. */
let refError: usize = 0;

/**
 * The schema a $ref names in the root document: "#" or "#/json/pointer" (tokens unescaped from ~1,
 * ~0 and %XX). Returns 0 and sets lastRefError() when the reference does not resolve; references
 * to other documents are not supported (OPA would fetch them over the network).
 */
export function resolveRef(root: usize, ref: usize): usize {
  const ptr = stringPtr(ref);
  const len = stringLen(ref);
  if (len == 0 || load<u8>(ptr) != 0x23) {
    const b = bufNew(64);
    bufAppendAS(b, "remote $ref is not supported: ");
    bufAppend(b, ptr, len);
    refError = bufToString(b);
    return 0;
  }
  if (len == 1) return root;
  if (load<u8>(ptr + 1) != 0x2f) {
    refError = makeStringFromAS("$ref must be a JSON pointer");
    return 0;
  }
  let node = root;
  let i = 2;
  for (;;) {
    const token = bufNew(16);
    while (i < len && load<u8>(ptr + <usize>i) != 0x2f) {
      const c = load<u8>(ptr + <usize>i);
      const next = i + 1 < len ? load<u8>(ptr + <usize>(i + 1)) : 0;
      if (c == 0x7e && (next == 0x30 || next == 0x31)) {
        bufAppendByte(token, next == 0x31 ? 0x2f : 0x7e);
        i += 2;
      } else if (
        c == 0x25 &&
        i + 2 < len &&
        hexValue(next) >= 0 &&
        hexValue(load<u8>(ptr + <usize>(i + 2))) >= 0
      ) {
        bufAppendByte(token, hexValue(next) * 16 + hexValue(load<u8>(ptr + <usize>(i + 2))));
        i += 3;
      } else {
        bufAppendByte(token, c);
        i++;
      }
    }
    node = pointerStep(node, bufToString(token));
    if (node == 0 || i >= len) break;
    i++; // the "/" before the next token
  }
  return node;
}

function hexValue(c: u8): i32 {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return -1;
}

/** One JSON pointer step into an object or array; 0 (and refError set) when it leads nowhere. */
function pointerStep(node: usize, key: usize): usize {
  const t = typeOf(node);
  if (t == T_OBJECT) {
    const next = objectGet(node, key);
    if (next == 0) refError = message3("Object has no key '", key, "'");
    return next;
  }
  if (t == T_ARRAY) {
    let index: i32 = 0;
    const ptr = stringPtr(key);
    const len = stringLen(key);
    for (let i = 0; i < len; i++) {
      const c = load<u8>(ptr + <usize>i);
      if (c < 0x30 || c > 0x39 || index > 100000000) {
        refError = message3("Invalid array index '", key, "'");
        return 0;
      }
      index = index * 10 + (c - 0x30);
    }
    if (len == 0 || index >= arrayLen(node)) {
      refError = message3("Invalid array index '", key, "'");
      return 0;
    }
    return arrayGet(node, index);
  }
  refError = message3("Invalid token reference '", key, "'");
  return 0;
}

function message3(before: string, text: usize, after: string): usize {
  const b = bufNew(32);
  bufAppendAS(b, before);
  bufAppend(b, stringPtr(text), stringLen(text));
  bufAppendAS(b, after);
  return bufToString(b);
}

// ---- checking a schema ----

/** Whether the string value v reads as the literal text. */
export function isNamed(v: usize, text: string): bool {
  const t = makeStringFromAS(text);
  return stringLen(t) == stringLen(v) && memory.compare(stringPtr(t), stringPtr(v), <usize>stringLen(v)) == 0;
}

// Keyword and URL lists below are chains of literals rather than static arrays: a static array is laid
// out with the runtime's data ahead of the functions' literals, which would shift everyone's addresses.

/** Whether name is one of JSON Schema's primitive types. */
function isTypeName(name: usize): bool {
  return (
    isNamed(name, "array") ||
    isNamed(name, "boolean") ||
    isNamed(name, "integer") ||
    isNamed(name, "number") ||
    isNamed(name, "null") ||
    isNamed(name, "object") ||
    isNamed(name, "string")
  );
}

// ---- drafts ----

/** The draft a root schema's $schema names; HYBRID, the default, accepts the keywords of all three
 *  (and is numerically above them, so "draft >= DRAFT_6" holds for it). */
export const DRAFT_4: i32 = 4;
export const DRAFT_6: i32 = 6;
export const DRAFT_7: i32 = 7;
export const HYBRID: i32 = 8;

// Set by schemaError before anything reads it (a literal initial value: a constant expression here
// would be assigned by the start function, which every module keeps).
let draft: i32 = 0;

/** The draft of the schema schemaError last accepted. */
export function schemaDraft(): i32 {
  return draft;
}

/** The draft $schema names (a trailing "#" ignored); HYBRID for any other URL. */
function draftOf(url: usize): i32 {
  let len = stringLen(url);
  if (len > 0 && load<u8>(stringPtr(url) + <usize>(len - 1)) == 0x23) len--;
  const trimmed = makeString(stringPtr(url), len);
  if (isNamed(trimmed, "http://json-schema.org/draft-04/schema")) return DRAFT_4;
  if (isNamed(trimmed, "http://json-schema.org/draft-06/schema")) return DRAFT_6;
  if (isNamed(trimmed, "http://json-schema.org/draft-07/schema")) return DRAFT_7;
  return HYBRID;
}

/** The root of the schema being checked and the $refs already followed (cycles end there). */
let checkRoot: usize = 0;
let checkedRefs: usize = 0;

/** 0 when gojsonschema compiles the schema; otherwise its message (a string value). */
export function schemaError(root: usize): usize {
  if (!isSchema(root)) return makeStringFromAS("schema is invalid");
  draft = HYBRID;
  const url = typeOf(root) == T_OBJECT ? keyword(root, "$schema") : 0;
  if (url != 0) {
    if (typeOf(url) != T_STRING) return text("$schema must be of type string");
    draft = draftOf(url);
  }
  checkRoot = root;
  checkedRefs = makeSet();
  return checkSchema(root);
}

function text(s: string): usize {
  return makeStringFromAS(s);
}

/** The pieces joined, as a string value (AssemblyScript string concatenation would use the managed heap). */
function joined(a: string, b: string, c: string = "", d: string = ""): usize {
  const buf = bufNew(64);
  bufAppendAS(buf, a);
  bufAppendAS(buf, b);
  bufAppendAS(buf, c);
  bufAppendAS(buf, d);
  return bufToString(buf);
}

/** "Invalid type. Expected: <expected>, given: <given>", the parser's wording for a misplaced type. */
function invalidType(expected: string, given: string): usize {
  return joined("Invalid type. Expected: ", expected, ", given: ", given);
}

function checkSubschema(v: usize): usize {
  if (!isSchema(v)) return text("Expected: Valid Schema, given: Invalid JSON");
  return checkSchema(v);
}

function checkSchemaArray(schema: usize, name: string): usize {
  const list = keyword(schema, name);
  if (list == 0) return 0;
  if (typeOf(list) != T_ARRAY) return joined(name, " must be of an array");
  for (let i = 0; i < arrayLen(list); i++) {
    const err = checkSubschema(arrayGet(list, i));
    if (err != 0) return err;
  }
  return 0;
}

function checkOptionalSchema(schema: usize, name: string): usize {
  const v = keyword(schema, name);
  if (v == 0) return 0;
  if (!isSchema(v)) return joined(name, " must be of an object");
  return checkSchema(v);
}

function checkString(schema: usize, name: string): usize {
  const v = keyword(schema, name);
  return v != 0 && typeOf(v) != T_STRING ? invalidType("string", name) : 0;
}

function checkCount(schema: usize, name: string): usize {
  const v = keyword(schema, name);
  if (v == 0) return 0;
  if (!isCount(v)) return joined(name, " must be of an integer");
  if (compareNumbers(v, makeNumberI64(0)) < 0) return joined(name, " must be greater than or equal to 0");
  return 0;
}

function checkCountRange(schema: usize, min: string, max: string): usize {
  let err = checkCount(schema, min);
  if (err == 0) err = checkCount(schema, max);
  if (err != 0) return err;
  const low = keyword(schema, min);
  const high = keyword(schema, max);
  if (low != 0 && high != 0 && compareNumbers(low, high) > 0)
    return joined(min, " cannot be greater than ", max);
  return 0;
}

/** minimum or maximum, then its exclusive form: a boolean modifier in draft 4, a bound of its own in
 *  drafts 6 and 7, either in hybrid mode. */
function checkBound(schema: usize, name: string, exclusive: string): usize {
  const v = keyword(schema, name);
  if (v != 0 && typeOf(v) != T_NUMBER) return joined(name, " must be of a Number");
  const flag = keyword(schema, exclusive);
  if (flag == 0) return 0;
  if (draft == DRAFT_4 && typeOf(flag) != T_BOOLEAN) return invalidType("boolean", exclusive);
  if ((draft == DRAFT_6 || draft == DRAFT_7) && typeOf(flag) != T_NUMBER)
    return invalidType("number", exclusive);
  if (typeOf(flag) == T_BOOLEAN) {
    return v == 0 ? joined(exclusive, " cannot be used without ", name) : 0;
  }
  return typeOf(flag) == T_NUMBER ? 0 : invalidType("boolean/number", exclusive);
}

function checkSchema(schema: usize): usize {
  // Draft 4 has no boolean schemas; where a keyword takes "true" itself it never gets here.
  if (typeOf(schema) == T_BOOLEAN)
    return draft == DRAFT_4 ? text("Expected: Valid Schema, given: Invalid JSON") : 0;
  let err: usize = 0;

  // The identifier keyword: "id" in draft 4, "$id" after it, whichever is present in hybrid mode.
  const hybridId = keyword(schema, "id") != 0 ? "id" : "$id";
  err = checkString(schema, draft == DRAFT_4 ? "id" : draft == HYBRID ? hybridId : "$id");
  if (err != 0) return err;

  const definitions = keyword(schema, "definitions");
  if (definitions != 0) {
    if (typeOf(definitions) != T_OBJECT) return invalidType("Array Of Schemas", "definitions");
    for (let i = 0; i < objectLen(definitions); i++) {
      const definition = objectValueAt(definitions, i);
      if (!isSchema(definition)) return invalidType("Array Of Schemas", "definitions");
      err = checkSchema(definition);
      if (err != 0) return err;
    }
  }
  if ((err = checkString(schema, "title")) != 0) return err;
  if ((err = checkString(schema, "description")) != 0) return err;

  // A $ref replaces the whole schema: gojsonschema reads no other keyword beside it.
  const ref = keyword(schema, "$ref");
  if (ref != 0) {
    if (typeOf(ref) != T_STRING) return invalidType("string", "$ref");
    if (setContains(checkedRefs, ref)) return 0;
    setAdd(checkedRefs, ref);
    const target = resolveRef(checkRoot, ref);
    if (target == 0) return refError;
    if (!isSchema(target)) return text("Valid Schema must be of type object");
    return checkSchema(target);
  }

  const type = keyword(schema, "type");
  if (type != 0) {
    if (typeOf(type) == T_STRING) {
      if (!isTypeName(type)) return notAValidType(type);
    } else if (typeOf(type) == T_ARRAY) {
      const seen = makeSet();
      for (let i = 0; i < arrayLen(type); i++) {
        const name = arrayGet(type, i);
        if (typeOf(name) != T_STRING) return invalidType("type", "string/Array Of Strings");
        if (!isTypeName(name)) return notAValidType(name);
        if (setContains(seen, name)) return message3("", name, " type is duplicated");
        setAdd(seen, name);
      }
    } else return invalidType("type", "string/Array Of Strings");
  }

  const properties = keyword(schema, "properties");
  if (properties != 0) {
    if (typeOf(properties) != T_OBJECT) return text("Properties must be of type object");
    for (let i = 0; i < objectLen(properties); i++) {
      if ((err = checkSubschema(objectValueAt(properties, i))) != 0) return err;
    }
  }

  const additionalProperties = keyword(schema, "additionalProperties");
  if (additionalProperties != 0) {
    if (!isSchema(additionalProperties)) return invalidType("boolean/Valid Schema", "additionalProperties");
    if (typeOf(additionalProperties) == T_OBJECT && (err = checkSchema(additionalProperties)) != 0)
      return err;
  }

  const patternProperties = keyword(schema, "patternProperties");
  if (patternProperties != 0) {
    if (typeOf(patternProperties) != T_OBJECT) return invalidType("Valid Schema", "patternProperties");
    for (let i = 0; i < objectLen(patternProperties); i++) {
      const pattern = objectKeyAt(patternProperties, i);
      if (schemaRegex(pattern) == 0) return message3("Invalid regex pattern '", pattern, "'");
      if ((err = checkSubschema(objectValueAt(patternProperties, i))) != 0) return err;
    }
  }

  const propertyNames = draft >= DRAFT_6 ? keyword(schema, "propertyNames") : 0;
  if (propertyNames != 0) {
    if (!isSchema(propertyNames)) return invalidType("Valid Schema", "patternProperties");
    if ((err = checkSchema(propertyNames)) != 0) return err;
  }

  const dependencies = keyword(schema, "dependencies");
  if (dependencies != 0) {
    if (typeOf(dependencies) != T_OBJECT) return text("dependencies must be of type object");
    for (let i = 0; i < objectLen(dependencies); i++) {
      const dependency = objectValueAt(dependencies, i);
      if (typeOf(dependency) == T_ARRAY) {
        for (let j = 0; j < arrayLen(dependency); j++) {
          if (typeOf(arrayGet(dependency, j)) != T_STRING)
            return text("Dependency must be of type Schema Or Array Of Strings");
        }
      } else if (isSchema(dependency)) {
        if ((err = checkSchema(dependency)) != 0) return err;
      } else return text("Dependency must be of type Schema Or Array Of Strings");
    }
  }

  const items = keyword(schema, "items");
  if (items != 0) {
    if (typeOf(items) == T_ARRAY) {
      for (let i = 0; i < arrayLen(items); i++) {
        const item = arrayGet(items, i);
        if (!isSchema(item)) return invalidType("Valid Schema/Array Of Schemas", "items");
        if ((err = checkSchema(item)) != 0) return err;
      }
    } else if (isSchema(items)) {
      if ((err = checkSchema(items)) != 0) return err;
    } else return invalidType("Valid Schema/Array Of Schemas", "items");
  }

  const additionalItems = keyword(schema, "additionalItems");
  if (additionalItems != 0) {
    if (!isSchema(additionalItems)) return invalidType("boolean/Valid Schema", "additionalItems");
    if (typeOf(additionalItems) == T_OBJECT && (err = checkSchema(additionalItems)) != 0) return err;
  }

  const multipleOf = keyword(schema, "multipleOf");
  if (multipleOf != 0) {
    if (typeOf(multipleOf) != T_NUMBER) return invalidType("Number", "multipleOf");
    if (compareNumbers(multipleOf, makeNumberI64(0)) <= 0)
      return text("multipleOf must be strictly greater than 0");
  }
  if ((err = checkBound(schema, "minimum", "exclusiveMinimum")) != 0) return err;
  if ((err = checkBound(schema, "maximum", "exclusiveMaximum")) != 0) return err;

  if ((err = checkCountRange(schema, "minLength", "maxLength")) != 0) return err;
  const pattern = keyword(schema, "pattern");
  if (pattern != 0) {
    if (typeOf(pattern) != T_STRING) return invalidType("string", "pattern");
    if (schemaRegex(pattern) == 0) return text("pattern must be a valid regex");
  }
  if ((err = checkString(schema, "format")) != 0) return err;

  if ((err = checkCountRange(schema, "minProperties", "maxProperties")) != 0) return err;
  const required = keyword(schema, "required");
  if (required != 0) {
    if (typeOf(required) != T_ARRAY) return text("required must be of an array");
    const seen = makeSet();
    for (let i = 0; i < arrayLen(required); i++) {
      const name = arrayGet(required, i);
      if (typeOf(name) != T_STRING) return invalidType("string", "required");
      if (setContains(seen, name)) return text("required items must be unique");
      setAdd(seen, name);
    }
  }

  if ((err = checkCount(schema, "minItems")) != 0) return err;
  if ((err = checkCount(schema, "maxItems")) != 0) return err;
  const uniqueItems = keyword(schema, "uniqueItems");
  if (uniqueItems != 0 && typeOf(uniqueItems) != T_BOOLEAN) return text("uniqueItems must be of a boolean");
  const contains = draft >= DRAFT_6 ? keyword(schema, "contains") : 0;
  if (contains != 0 && (err = checkSubschema(contains)) != 0) return err;

  const enumValues = keyword(schema, "enum");
  if (enumValues != 0) {
    if (typeOf(enumValues) != T_ARRAY) return text("enum must be of an array");
    const seen = makeSet();
    for (let i = 0; i < arrayLen(enumValues); i++) {
      const canonical = canonicalText(arrayGet(enumValues, i));
      if (setContains(seen, canonical)) return text("enum items must be unique");
      setAdd(seen, canonical);
    }
  }

  if ((err = checkSchemaArray(schema, "oneOf")) != 0) return err;
  if ((err = checkSchemaArray(schema, "anyOf")) != 0) return err;
  if ((err = checkSchemaArray(schema, "allOf")) != 0) return err;
  if ((err = checkOptionalSchema(schema, "not")) != 0) return err;
  if (draft < DRAFT_7) return 0;
  if ((err = checkOptionalSchema(schema, "if")) != 0) return err;
  if ((err = checkOptionalSchema(schema, "then")) != 0) return err;
  return checkOptionalSchema(schema, "else");
}

function notAValidType(name: usize): usize {
  const b = bufNew(128);
  bufAppendAS(b, "has a primitive type that is NOT VALID -- given: /");
  bufAppend(b, stringPtr(name), stringLen(name));
  bufAppendAS(b, "/ Expected valid values are:[array boolean integer number null object string]");
  return bufToString(b);
}
