// JSON builtins: json.marshal, json.marshal_with_options, json.unmarshal, json.is_valid, and the
// path-based json.filter and json.remove.

import {
  T_ARRAY,
  T_BOOLEAN,
  T_NULL,
  T_OBJECT,
  T_SET,
  T_STRING,
  arrayGet,
  arrayLen,
  arrayPush,
  boolValue,
  makeArray,
  makeBool,
  makeNull,
  makeObject,
  makeSet,
  makeString,
  objectGet,
  objectInsert,
  objectKeyAt,
  objectLen,
  objectValueAt,
  setAdd,
  setAt,
  setLen,
  stringLen,
  stringPtr,
  typeOf,
} from "../value";
import { abortBuiltin, builtinError, typeError } from "../errors";
import {
  bufAppendAS,
  bufAppendByte,
  bufAppendI64,
  bufAppendString,
  bufData,
  bufLen,
  bufNew,
  bufToString,
} from "../buffer";
import { bufAppendQuoted, bufAppendValue, jsonDump, jsonParse } from "../json";
import { makeNumberI64 } from "../number";
import { abortOperand, requireObject, requireString } from "./operands";

export function builtin_json_marshal(x: usize): usize {
  return jsonDump(x);
}

export function builtin_json_unmarshal(s: usize): usize {
  requireString("json.unmarshal", 1, s);
  const v = jsonParse(stringPtr(s), stringLen(s));
  if (v == 0) builtinError("json.unmarshal", "invalid JSON");
  return v;
}

/** False for anything but a string holding one JSON document (OPA does not raise type errors here). */
export function builtin_json_is_valid(x: usize): usize {
  return makeBool(typeOf(x) == T_STRING && jsonParse(stringPtr(x), stringLen(x)) != 0);
}

// ---- json.marshal_with_options ----

/** A line break followed by the prefix and `depth` copies of the indent, as Go's MarshalIndent. */
function appendLineStart(b: usize, prefix: usize, indent: usize, depth: i32): void {
  bufAppendByte(b, 0x0a);
  bufAppendString(b, prefix);
  for (let i = 0; i < depth; i++) bufAppendString(b, indent);
}

function appendKey(b: usize, k: usize): void {
  if (typeOf(k) == T_STRING) {
    bufAppendValue(b, k, false);
    return;
  }
  // JSON keys are strings: other keys are written as their own JSON text, quoted
  const text = bufNew(32);
  bufAppendValue(text, k, false);
  bufAppendQuoted(b, bufData(text), bufLen(text));
}

function appendIndented(b: usize, v: usize, prefix: usize, indent: usize, depth: i32): void {
  const t = typeOf(v);
  if (t == T_ARRAY || t == T_SET) {
    const n = t == T_ARRAY ? arrayLen(v) : setLen(v);
    if (n == 0) {
      bufAppendAS(b, "[]");
      return;
    }
    bufAppendByte(b, 0x5b);
    for (let i = 0; i < n; i++) {
      if (i > 0) bufAppendByte(b, 0x2c);
      appendLineStart(b, prefix, indent, depth + 1);
      appendIndented(b, t == T_ARRAY ? arrayGet(v, i) : setAt(v, i), prefix, indent, depth + 1);
    }
    appendLineStart(b, prefix, indent, depth);
    bufAppendByte(b, 0x5d);
  } else if (t == T_OBJECT) {
    const n = objectLen(v);
    if (n == 0) {
      bufAppendAS(b, "{}");
      return;
    }
    bufAppendByte(b, 0x7b);
    for (let i = 0; i < n; i++) {
      if (i > 0) bufAppendByte(b, 0x2c);
      appendLineStart(b, prefix, indent, depth + 1);
      appendKey(b, objectKeyAt(v, i));
      bufAppendAS(b, ": ");
      appendIndented(b, objectValueAt(v, i), prefix, indent, depth + 1);
    }
    appendLineStart(b, prefix, indent, depth);
    bufAppendByte(b, 0x7d);
  } else {
    bufAppendValue(b, v, false);
  }
}

const OPTION_PRETTY = 1;
const OPTION_INDENT = 2;
const OPTION_PREFIX = 3;

const EMPTY: usize = memory.data<u8>([0]);
const TAB: usize = memory.data<u8>([0x09, 0]);

/** Options {pretty, indent, prefix}: indent or prefix imply pretty unless pretty is false; pretty
 *  output indents with a tab by default and starts every line, the first included, with the prefix. */
export function builtin_json_marshal_with_options(x: usize, options: usize): usize {
  const fname = "json.marshal_with_options";
  requireObject(fname, 2, options);
  let pretty = false;
  let prettySet = false;
  let indent = makeString(TAB, 1);
  let prefix = makeString(EMPTY, 0);
  const n = objectLen(options);
  for (let i = 0; i < n; i++) {
    const k = objectKeyAt(options, i);
    const v = objectValueAt(options, i);
    const name = typeOf(k) == T_STRING ? optionNamed(k) : 0;
    if (name == OPTION_PRETTY) {
      if (typeOf(v) != T_BOOLEAN) abortOperand(fname, 2, "pretty must be a boolean", v);
      pretty = boolValue(v);
      prettySet = true;
    } else if (name == OPTION_INDENT || name == OPTION_PREFIX) {
      if (typeOf(v) != T_STRING) abortOperand(fname, 2, "indent and prefix must be strings", v);
      if (name == OPTION_INDENT) indent = v;
      else prefix = v;
      if (!prettySet) pretty = true;
    } else {
      const msg = bufNew(64);
      bufAppendAS(msg, fname);
      bufAppendAS(msg, ": object contained unknown key ");
      bufAppendValue(msg, k, false);
      abortBuiltin(stringPtr(bufToString(msg)));
    }
  }
  if (!pretty) return jsonDump(x);
  const b = bufNew(64);
  bufAppendString(b, prefix);
  appendIndented(b, x, prefix, indent, 0);
  return bufToString(b);
}

/** Which option a key string names (0 for none of them). */
function optionNamed(k: usize): i32 {
  if (equalsAscii(k, "pretty")) return OPTION_PRETTY;
  if (equalsAscii(k, "indent")) return OPTION_INDENT;
  if (equalsAscii(k, "prefix")) return OPTION_PREFIX;
  return 0;
}

function equalsAscii(s: usize, literal: string): bool {
  const len = stringLen(s);
  if (len != literal.length) return false;
  const ptr = stringPtr(s);
  for (let i = 0; i < len; i++) if (<i32>load<u8>(ptr + <usize>i) != literal.charCodeAt(i)) return false;
  return true;
}

// ---- json.filter / json.remove ----
//
// The paths become a tree of objects keyed by path segment, where null marks the end of a path (the
// whole subtree it names). A shorter path wins over a longer one through the same keys.

/** The segments of one path: "a/b/c" (a leading "/" ignored, ~1 and ~0 unescaped) or an array. */
function pathSegments(fname: string, path: usize): usize {
  const t = typeOf(path);
  if (t == T_ARRAY) return path;
  if (t != T_STRING) {
    abortOperand(
      fname,
      2,
      "must be one of {set, array} containing string paths or array of path segments",
      path,
    );
  }
  const segments = makeArray(4);
  const ptr = stringPtr(path);
  const len = stringLen(path);
  if (len == 0) return segments;
  let start = 0;
  while (start < len && load<u8>(ptr + <usize>start) == 0x2f) start++;
  for (let i = start; ; i++) {
    if (i == len || load<u8>(ptr + <usize>i) == 0x2f) {
      arrayPush(segments, unescapeSegment(ptr + <usize>start, i - start));
      start = i + 1;
      if (i == len) break;
    }
  }
  return segments;
}

/** A path segment with JSON pointer escapes resolved: "~1" is "/", "~0" is "~". */
function unescapeSegment(ptr: usize, len: i32): usize {
  const b = bufNew(len);
  for (let i = 0; i < len; i++) {
    const c = load<u8>(ptr + <usize>i);
    const next = i + 1 < len ? load<u8>(ptr + <usize>(i + 1)) : 0;
    if (c == 0x7e && (next == 0x31 || next == 0x30)) {
      bufAppendByte(b, next == 0x31 ? 0x2f : 0x7e);
      i++;
    } else bufAppendByte(b, c);
  }
  return bufToString(b);
}

function pathTree(fname: string, paths: usize): usize {
  const t = typeOf(paths);
  if (t != T_SET && t != T_ARRAY) typeError(fname, 2, "one of {set, array}", paths);
  const root = makeObject();
  const n = t == T_SET ? setLen(paths) : arrayLen(paths);
  for (let i = 0; i < n; i++) {
    const segments = pathSegments(fname, t == T_SET ? setAt(paths, i) : arrayGet(paths, i));
    const depth = arrayLen(segments);
    if (depth == 0) continue;
    let node = root;
    let covered = false;
    for (let d = 0; d < depth - 1 && !covered; d++) {
      const k = arrayGet(segments, d);
      const child = objectGet(node, k);
      if (child == 0) {
        const fresh = makeObject();
        objectInsert(node, k, fresh);
        node = fresh;
      } else if (typeOf(child) == T_NULL) covered = true;
      else node = child;
    }
    if (!covered) objectInsert(node, arrayGet(segments, depth - 1), makeNull());
  }
  return root;
}

/** The subtree for array index i: paths name indexes as strings ("a/0") or numbers (["a", 0]). */
function indexSubtree(tree: usize, i: i32): usize {
  const b = bufNew(12);
  bufAppendI64(b, i);
  const byString = objectGet(tree, bufToString(b));
  return byString != 0 ? byString : objectGet(tree, makeNumberI64(i));
}

/** v reduced to the parts the tree names; scalars under a deeper path are kept whole, as OPA does. */
function filterValue(v: usize, tree: usize): usize {
  if (typeOf(tree) == T_NULL) return v;
  const t = typeOf(v);
  if (t == T_OBJECT) {
    const result = makeObject();
    const n = objectLen(tree);
    for (let i = 0; i < n; i++) {
      const k = objectKeyAt(tree, i);
      const x = objectGet(v, k);
      if (x != 0) objectInsert(result, k, filterValue(x, objectValueAt(tree, i)));
    }
    return result;
  }
  if (t == T_ARRAY) {
    const result = makeArray(4);
    const n = arrayLen(v);
    for (let i = 0; i < n; i++) {
      const sub = indexSubtree(tree, i);
      if (sub != 0) arrayPush(result, filterValue(arrayGet(v, i), sub));
    }
    return result;
  }
  if (t == T_SET) {
    const result = makeSet();
    const n = setLen(v);
    for (let i = 0; i < n; i++) {
      const x = setAt(v, i);
      const sub = objectGet(tree, x);
      if (sub != 0) setAdd(result, filterValue(x, sub));
    }
    return result;
  }
  return v;
}

/** v without the parts the tree names (null in the tree removes the whole entry). */
function removeValue(v: usize, tree: usize): usize {
  const t = typeOf(v);
  if (t == T_OBJECT) {
    const result = makeObject();
    const n = objectLen(v);
    for (let i = 0; i < n; i++) {
      const k = objectKeyAt(v, i);
      const sub = objectGet(tree, k);
      if (sub == 0) objectInsert(result, k, objectValueAt(v, i));
      else if (typeOf(sub) != T_NULL) objectInsert(result, k, removeValue(objectValueAt(v, i), sub));
    }
    return result;
  }
  if (t == T_ARRAY) {
    const result = makeArray(arrayLen(v));
    const n = arrayLen(v);
    for (let i = 0; i < n; i++) {
      const sub = indexSubtree(tree, i);
      if (sub == 0) arrayPush(result, arrayGet(v, i));
      else if (typeOf(sub) != T_NULL) arrayPush(result, removeValue(arrayGet(v, i), sub));
    }
    return result;
  }
  if (t == T_SET) {
    const result = makeSet();
    const n = setLen(v);
    for (let i = 0; i < n; i++) {
      const x = setAt(v, i);
      const sub = objectGet(tree, x);
      if (sub == 0) setAdd(result, x);
      else if (typeOf(sub) != T_NULL) setAdd(result, removeValue(x, sub));
    }
    return result;
  }
  return v;
}

export function builtin_json_filter(obj: usize, paths: usize): usize {
  requireObject("json.filter", 1, obj);
  return filterValue(obj, pathTree("json.filter", paths));
}

export function builtin_json_remove(obj: usize, paths: usize): usize {
  requireObject("json.remove", 1, obj);
  return removeValue(obj, pathTree("json.remove", paths));
}
