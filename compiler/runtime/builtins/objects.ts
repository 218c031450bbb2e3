// Object builtins (object.get, remove, filter, union, union_n, keys, subset). Objects are sorted by
// key, so results built by walking an operand in order stay sorted without extra work.

import {
  T_ARRAY,
  T_OBJECT,
  T_SET,
  arrayGet,
  arrayLen,
  makeBool,
  makeObject,
  makeSet,
  objectCopy,
  objectGet,
  objectInsert,
  objectKeyAt,
  objectLen,
  objectValueAt,
  setAdd,
  setAt,
  setContains,
  setLen,
  typeOf,
} from "../value";
import { typeError } from "../errors";
import { equal } from "../compare";
import { rt_dot } from "../helpers";
import { elementTypeError, requireObject } from "./operands";

/** object.get: a key, or (when the key is an array) a path through objects, arrays and sets. */
export function builtin_object_get(obj: usize, key: usize, fallback: usize): usize {
  requireObject("object.get", 1, obj);
  if (typeOf(key) != T_ARRAY) {
    const found = objectGet(obj, key);
    return found != 0 ? found : fallback;
  }
  let node = obj;
  const n = arrayLen(key);
  for (let i = 0; i < n; i++) {
    node = rt_dot(node, arrayGet(key, i));
    if (node == 0) return fallback;
  }
  return node;
}

/** The keys named by an object.remove/object.filter operand (an array, set or object's keys) as a set. */
function keySet(fname: string, keys: usize): usize {
  const t = typeOf(keys);
  if (t == T_SET) return keys;
  const set = makeSet();
  if (t == T_ARRAY) {
    const n = arrayLen(keys);
    for (let i = 0; i < n; i++) setAdd(set, arrayGet(keys, i));
  } else if (t == T_OBJECT) {
    const n = objectLen(keys);
    for (let i = 0; i < n; i++) setAdd(set, objectKeyAt(keys, i));
  } else {
    typeError(fname, 2, "one of {object, set, array}", keys);
  }
  return set;
}

/** The entries of obj whose key is (keep = true) or is not (keep = false) in `keys`. */
function selectKeys(fname: string, obj: usize, keys: usize, keep: bool): usize {
  requireObject(fname, 1, obj);
  const selected = keySet(fname, keys);
  const result = makeObject();
  const n = objectLen(obj);
  for (let i = 0; i < n; i++) {
    const k = objectKeyAt(obj, i);
    if (setContains(selected, k) == keep) objectInsert(result, k, objectValueAt(obj, i));
  }
  return result;
}

export function builtin_object_remove(obj: usize, keys: usize): usize {
  return selectKeys("object.remove", obj, keys, false);
}

export function builtin_object_filter(obj: usize, keys: usize): usize {
  return selectKeys("object.filter", obj, keys, true);
}

/** b's entries over a's; where both hold objects under a key they are unioned recursively. */
function union(a: usize, b: usize): usize {
  const merged = objectCopy(a);
  const n = objectLen(b);
  for (let i = 0; i < n; i++) {
    const k = objectKeyAt(b, i);
    const bv = objectValueAt(b, i);
    const av = objectGet(a, k);
    const both = av != 0 && typeOf(av) == T_OBJECT && typeOf(bv) == T_OBJECT;
    objectInsert(merged, k, both ? union(av, bv) : bv);
  }
  return merged;
}

export function builtin_object_union(a: usize, b: usize): usize {
  requireObject("object.union", 1, a);
  requireObject("object.union", 2, b);
  return union(a, b);
}

export function builtin_object_union_n(objects: usize): usize {
  if (typeOf(objects) != T_ARRAY) typeError("object.union_n", 1, "array", objects);
  let result = makeObject();
  const n = arrayLen(objects);
  for (let i = 0; i < n; i++) {
    const o = arrayGet(objects, i);
    if (typeOf(o) != T_OBJECT) elementTypeError("object.union_n", 1, objects, "object", o);
    result = union(result, o);
  }
  return result;
}

export function builtin_object_keys(obj: usize): usize {
  requireObject("object.keys", 1, obj);
  const keys = makeSet();
  const n = objectLen(obj);
  for (let i = 0; i < n; i++) setAdd(keys, objectKeyAt(obj, i));
  return keys;
}

// ---- object.subset ----

function setSubset(sup: usize, sub: usize): bool {
  const n = setLen(sub);
  for (let i = 0; i < n; i++) if (!setContains(sup, setAt(sub, i))) return false;
  return true;
}

/** sub occurs in sup as a contiguous run of elements. */
function arraySubset(sup: usize, sub: usize): bool {
  const n = arrayLen(sup);
  const m = arrayLen(sub);
  for (let start = 0; start + m <= n; start++) {
    let all = true;
    for (let j = 0; j < m && all; j++) all = equal(arrayGet(sup, start + j), arrayGet(sub, j));
    if (all) return true;
  }
  return false;
}

/** Every member of the set occurs somewhere in the array. */
function arrayContainsSet(sup: usize, sub: usize): bool {
  const n = setLen(sub);
  const m = arrayLen(sup);
  for (let i = 0; i < n; i++) {
    const x = setAt(sub, i);
    let found = false;
    for (let j = 0; j < m && !found; j++) found = equal(arrayGet(sup, j), x);
    if (!found) return false;
  }
  return true;
}

/** Every key of sub is in sup, with values that are recursively subsets (or equal, for scalars). */
function objectSubset(sup: usize, sub: usize): bool {
  const n = objectLen(sub);
  for (let i = 0; i < n; i++) {
    const supValue = objectGet(sup, objectKeyAt(sub, i));
    if (supValue == 0) return false;
    const subValue = objectValueAt(sub, i);
    const ts = typeOf(supValue);
    const sameCollection = ts == typeOf(subValue) && (ts == T_OBJECT || ts == T_SET || ts == T_ARRAY);
    if (!(sameCollection ? subset(supValue, subValue) : equal(supValue, subValue))) return false;
  }
  return true;
}

/** Whether sub is a subset of sup, whose types the caller has found comparable. */
function subset(sup: usize, sub: usize): bool {
  const ts = typeOf(sup);
  if (ts == T_OBJECT) return objectSubset(sup, sub);
  if (ts == T_SET) return setSubset(sup, sub);
  if (typeOf(sub) == T_SET) return arrayContainsSet(sup, sub);
  return arraySubset(sup, sub);
}

/** object.subset(super, sub). Operands that are not two objects, two sets, two arrays or an array
 *  and a set make it undefined: OPA reports them as a builtin error, which non-strict evaluation
 *  (the conformance suite's expectation) turns into undefined. */
export function builtin_object_subset(sup: usize, sub: usize): usize {
  const ts = typeOf(sup);
  const tb = typeOf(sub);
  const comparable =
    (ts == tb && (ts == T_OBJECT || ts == T_SET || ts == T_ARRAY)) || (ts == T_ARRAY && tb == T_SET);
  if (!comparable) return 0;
  return makeBool(subset(sup, sub));
}
