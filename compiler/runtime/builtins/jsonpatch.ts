// json.patch: RFC 6902 operations (add, remove, replace, move, copy, test) applied in order, as OPA
// does, including its extensions: paths may be arrays of segments, a leading "/" is optional, and
// sets are addressed by member. A patch that cannot apply makes the result undefined, so policies
// can test `not json.patch(...)`. Documents are immutable: every change copies the nodes on its path.

import {
  T_ARRAY,
  T_NUMBER,
  T_OBJECT,
  T_SET,
  T_STRING,
  arrayGet,
  arrayLen,
  arrayPush,
  makeArray,
  makeSet,
  objectCopy,
  objectGet,
  objectInsert,
  objectRemove,
  setAdd,
  setAt,
  setContains,
  setLen,
  stringLen,
  stringPtr,
  typeOf,
} from "../value";
import { typeError } from "../errors";
import { equal } from "../compare";
import { bufAppendByte, bufNew, bufToString } from "../buffer";
import { numberFitsI64, numberIsInteger, numberToI64 } from "../number";
import { elementTypeError } from "./operands";

const OP_ADD = 1;
const OP_REMOVE = 2;
const OP_REPLACE = 3;
const OP_TEST = 4;
const OP_MOVE = 5;
const OP_COPY = 6;

// ---- paths ----

/** A JSON pointer ("/a/b", leading "/" optional, "~1" and "~0" escaped) or an array of segments,
 *  as an array of segments; 0 when the path is neither. The empty string is the document itself. */
function pathSegments(path: usize): usize {
  const t = typeOf(path);
  if (t == T_ARRAY) return path;
  if (t != T_STRING) return 0;
  const segments = makeArray(4);
  const ptr = stringPtr(path);
  const len = stringLen(path);
  if (len == 0) return segments;
  let i = 0;
  while (i < len && load<u8>(ptr + <usize>i) == 0x2f) i++;
  let segment = bufNew(16);
  for (; i <= len; i++) {
    const c = i < len ? load<u8>(ptr + <usize>i) : 0x2f;
    if (c == 0x2f) {
      arrayPush(segments, bufToString(segment));
      segment = bufNew(16);
    } else if (
      c == 0x7e &&
      i + 1 < len &&
      (load<u8>(ptr + <usize>(i + 1)) == 0x30 || load<u8>(ptr + <usize>(i + 1)) == 0x31)
    ) {
      bufAppendByte(segment, load<u8>(ptr + <usize>(i + 1)) == 0x31 ? 0x2f : 0x7e);
      i++;
    } else bufAppendByte(segment, c);
  }
  return segments;
}

/** The array index a segment names: a number, or decimal digits without leading zeros ("-" is
 *  the end when `end` is allowed); -1 when it names no index. */
function arrayIndex(segment: usize, len: i32, end: bool): i64 {
  if (typeOf(segment) == T_NUMBER) {
    return numberIsInteger(segment) && numberFitsI64(segment) && numberToI64(segment) >= 0
      ? numberToI64(segment)
      : -1;
  }
  if (typeOf(segment) != T_STRING) return -1;
  const ptr = stringPtr(segment);
  const n = stringLen(segment);
  if (n == 1 && load<u8>(ptr) == 0x2d) return end ? <i64>len : -1;
  if (n == 0 || n > 18 || (n > 1 && load<u8>(ptr) == 0x30)) return -1;
  let index: i64 = 0;
  for (let i = 0; i < n; i++) {
    const d = <i32>load<u8>(ptr + <usize>i) - 0x30;
    if (d < 0 || d > 9) return -1;
    index = index * 10 + d;
  }
  return index;
}

/** The child of a collection under a segment (for sets, the member itself); 0 when absent. */
function child(node: usize, segment: usize): usize {
  const t = typeOf(node);
  if (t == T_OBJECT) return objectGet(node, segment);
  if (t == T_SET) return setContains(node, segment) ? segment : 0;
  if (t == T_ARRAY) {
    const i = arrayIndex(segment, arrayLen(node), false);
    return i >= 0 && i < <i64>arrayLen(node) ? arrayGet(node, <i32>i) : 0;
  }
  return 0;
}

function valueAt(doc: usize, segments: usize): usize {
  let node = doc;
  const n = arrayLen(segments);
  for (let i = 0; i < n && node != 0; i++) node = child(node, arrayGet(segments, i));
  return node;
}

// ---- copying updates ----

/** A copy of an array with element `at` replaced (replace), removed (value 0) or inserted before. */
function arrayEdit(a: usize, at: i32, value: usize, insert: bool): usize {
  const n = arrayLen(a);
  const result = makeArray(n + 1);
  for (let i = 0; i <= n; i++) {
    if (i == at) {
      if (value != 0) arrayPush(result, value);
      if (insert && i < n) arrayPush(result, arrayGet(a, i));
    } else if (i < n) arrayPush(result, arrayGet(a, i));
  }
  return result;
}

/** A copy of a set without `member`, with `replacement` added when it is a value. */
function setEdit(s: usize, member: usize, replacement: usize): usize {
  const result = makeSet();
  const n = setLen(s);
  for (let i = 0; i < n; i++) if (!equal(setAt(s, i), member)) setAdd(result, setAt(s, i));
  if (replacement != 0) setAdd(result, replacement);
  return result;
}

/** The parent with `op` applied to its child under `segment`; 0 when the operation cannot apply. */
function applyToParent(parent: usize, segment: usize, op: i32, value: usize): usize {
  const t = typeOf(parent);
  if (t == T_OBJECT) {
    const present = objectGet(parent, segment) != 0;
    if (op != OP_ADD && !present) return 0;
    const result = objectCopy(parent);
    if (op == OP_REMOVE) objectRemove(result, segment);
    else objectInsert(result, segment, value);
    return result;
  }
  if (t == T_ARRAY) {
    const n = arrayLen(parent);
    const i = arrayIndex(segment, n, op == OP_ADD);
    if (i < 0 || i > <i64>n || (op != OP_ADD && i == <i64>n)) return 0;
    return arrayEdit(parent, <i32>i, op == OP_REMOVE ? 0 : value, op == OP_ADD);
  }
  if (t == T_SET) {
    // a set member is its own key: adding must name the value it adds
    if (op == OP_ADD) return equal(segment, value) ? setEdit(parent, segment, value) : 0;
    if (!setContains(parent, segment)) return 0;
    return setEdit(parent, segment, op == OP_REMOVE ? 0 : value);
  }
  return 0;
}

/** node with `op` applied at segments[from..]; 0 when it cannot apply. */
function applyAt(node: usize, segments: usize, from: i32, op: i32, value: usize): usize {
  const n = arrayLen(segments);
  const segment = arrayGet(segments, from);
  if (from == n - 1) return applyToParent(node, segment, op, value);
  const inner = child(node, segment);
  if (inner == 0) return 0;
  const updated = applyAt(inner, segments, from + 1, op, value);
  if (updated == 0) return 0;
  return applyToParent(node, segment, OP_REPLACE, updated);
}

/** doc with one add/remove/replace at `segments` (the whole document for an empty path). */
function edit(doc: usize, segments: usize, op: i32, value: usize): usize {
  if (arrayLen(segments) == 0) return op == OP_REMOVE ? 0 : value;
  return applyAt(doc, segments, 0, op, value);
}

// ---- operations ----

function opCode(op: usize): i32 {
  if (typeOf(op) != T_STRING) return 0;
  if (isAscii(op, "add")) return OP_ADD;
  if (isAscii(op, "remove")) return OP_REMOVE;
  if (isAscii(op, "replace")) return OP_REPLACE;
  if (isAscii(op, "test")) return OP_TEST;
  if (isAscii(op, "move")) return OP_MOVE;
  if (isAscii(op, "copy")) return OP_COPY;
  return 0;
}

function isAscii(s: usize, literal: string): bool {
  const len = stringLen(s);
  if (len != literal.length) return false;
  for (let i = 0; i < len; i++)
    if (<i32>load<u8>(stringPtr(s) + <usize>i) != literal.charCodeAt(i)) return false;
  return true;
}

function field(patch: usize, name: string): usize {
  const b = bufNew(8);
  for (let i = 0; i < name.length; i++) bufAppendByte(b, name.charCodeAt(i));
  return objectGet(patch, bufToString(b));
}

/** doc with one patch operation applied; 0 when it does not apply. */
function applyPatch(doc: usize, patch: usize): usize {
  const op = opCode(field(patch, "op"));
  const pathValue = field(patch, "path");
  const path = pathValue != 0 ? pathSegments(pathValue) : 0;
  if (op == 0 || path == 0) return 0;
  const value = field(patch, "value");
  if (op == OP_MOVE || op == OP_COPY) {
    const fromValue = field(patch, "from");
    const from = fromValue != 0 ? pathSegments(fromValue) : 0;
    if (from == 0) return 0;
    const moved = valueAt(doc, from);
    if (moved == 0) return 0;
    if (op == OP_COPY) return edit(doc, path, OP_ADD, moved);
    if (equal(from, path)) return doc;
    const without = edit(doc, from, OP_REMOVE, 0);
    return without != 0 ? edit(without, path, OP_ADD, moved) : 0;
  }
  if (value == 0 && op != OP_REMOVE) return 0;
  if (op == OP_TEST) {
    const current = valueAt(doc, path);
    return current != 0 && equal(current, value) ? doc : 0;
  }
  return edit(doc, path, op, value);
}

export function builtin_json_patch(doc: usize, patches: usize): usize {
  if (typeOf(patches) != T_ARRAY) typeError("json.patch", 2, "array", patches);
  const n = arrayLen(patches);
  let result = doc;
  for (let i = 0; i < n && result != 0; i++) {
    const patch = arrayGet(patches, i);
    if (typeOf(patch) != T_OBJECT) elementTypeError("json.patch", 2, patches, "object", patch);
    result = applyPatch(result, patch);
  }
  return result;
}
