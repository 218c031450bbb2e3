// The helpers generated code calls (README.md, "Contract used by the back end"). Thin wrappers
// over value.ts / compare.ts, plus the few IR statements with their own semantics (Dot, Len,
// ObjectInsertOnce, ObjectMerge, With).

import { abort } from "./errors";

// Asked by the code a module without strict builtin errors wraps around each builtin call.
export { rt_builtin_error_recoverable } from "./errors";
import {
  T_NUMBER,
  T_STRING,
  T_ARRAY,
  T_OBJECT,
  T_SET,
  typeOf,
  makeNull,
  makeBool,
  makeString,
  stringPtr,
  stringLen,
  makeArray,
  arrayLen,
  arrayGet,
  arrayPush,
  makeObject,
  makeObjectWithCap,
  objectAppendUnsorted,
  objectLen,
  objectKeyAt,
  objectValueAt,
  objectFind,
  objectGet,
  objectInsert,
  objectCopy,
  makeSet,
  setAt,
  setFind,
  setAdd,
} from "./value";
import { makeNumberI64, makeNumberText, numberIsInteger, numberFitsI64, numberToI64 } from "./number";
import { compare, equal } from "./compare";
import { utf8RuneCount } from "./utf8";

export function rt_null(): usize {
  return makeNull();
}

export function rt_true(): usize {
  return makeBool(true);
}

export function rt_false(): usize {
  return makeBool(false);
}

export function rt_boolean(b: i32): usize {
  return makeBool(b != 0);
}

export function rt_number_int(n: i64): usize {
  return makeNumberI64(n);
}

export function rt_number_ref(ptr: usize, len: i32): usize {
  const v = makeNumberText(ptr, len);
  if (v == 0) {
    abort("illegal number literal");
    unreachable();
  }
  return v;
}

export function rt_string(ptr: usize, len: i32): usize {
  return makeString(ptr, len);
}

/** MakeArrayStmt: a capacity of 0 is a comprehension's, whose size is unknown: it gets room for a few. */
export function rt_array_new(cap: i32): usize {
  return makeArray(cap == 0 ? 4 : cap);
}

export function rt_object_new(): usize {
  return makeObject();
}

/** An object with room for `count` keys: a literal whose keys rt_object_append adds. */
export function rt_object_sized(count: i32): usize {
  return makeObjectWithCap(count);
}

export function rt_set_new(): usize {
  return makeSet();
}

export function rt_array_append(a: usize, v: usize): void {
  arrayPush(a, v);
}

// The helpers generated code calls most inline the function they wrap: a call costs about as much
// as a short lookup or insertion itself.

export function rt_set_add(s: usize, v: usize): void {
  inline.always(setAdd(s, v));
}

export function rt_object_insert(o: usize, k: usize, v: usize): void {
  inline.always(objectInsert(o, k, v));
}

/**
 * An insert of a key greater than every key o holds, as a literal's distinct static keys inserted in
 * order: no comparison places it.
 */
export function rt_object_append(o: usize, k: usize, v: usize): void {
  inline.always(objectAppendUnsorted(o, k, v));
}

/** ObjectInsertOnceStmt: a second insert of the same key must carry an equal value. */
export function rt_object_insert_once(o: usize, k: usize, v: usize): void {
  const existing = objectGet(o, k);
  if (existing != 0) {
    if (!equal(existing, v)) {
      abort("object insert conflict");
      unreachable();
    }
    return;
  }
  objectInsert(o, k, v);
}

/**
 * ObjectMergeStmt: keys of both objects; where both hold objects they merge recursively, otherwise
 * `a` wins, as in OPA's opa_value_merge (so a non-object `a` is the result, and an undefined `a`
 * yields `b`).
 */
export function rt_object_merge(a: usize, b: usize): usize {
  if (a == 0) return b;
  if (b == 0 || typeOf(a) != T_OBJECT || typeOf(b) != T_OBJECT) return a;
  const merged = objectCopy(a);
  const n = objectLen(b);
  for (let i = 0; i < n; i++) {
    const k = inline.always(objectKeyAt(b, i));
    const bv = inline.always(objectValueAt(b, i));
    const av = objectGet(a, k);
    objectInsert(merged, k, av == 0 ? bv : rt_object_merge(av, bv));
  }
  return merged;
}

export function rt_equal(a: usize, b: usize): i32 {
  return inline.always(equal(a, b)) ? 1 : 0;
}

export function rt_compare(a: usize, b: usize): i32 {
  return compare(a, b);
}

/** DotStmt: array element by integer index, object value by key, set member by itself. */
export function rt_dot(v: usize, key: usize): usize {
  if (v == 0 || key == 0) return 0;
  const t = typeOf(v);
  if (t == T_OBJECT) return inline.always(objectGet(v, key));
  if (t == T_SET) {
    const i = setFind(v, key);
    return i >= 0 ? inline.always(setAt(v, i)) : 0;
  }
  if (t == T_ARRAY) {
    if (typeOf(key) != T_NUMBER || !numberIsInteger(key) || !numberFitsI64(key)) return 0;
    const i = numberToI64(key);
    return i >= 0 && i < <i64>arrayLen(v) ? inline.always(arrayGet(v, <i32>i)) : 0;
  }
  return 0;
}

/** LenStmt: elements of a collection, characters (not bytes) of a string; undefined otherwise. */
export function rt_length(v: usize): usize {
  const t = typeOf(v);
  if (t == T_STRING) return makeNumberI64(utf8RuneCount(stringPtr(v), stringLen(v)));
  if (t >= T_ARRAY) return makeNumberI64(load<i32>(v, 4));
  return 0;
}

/** The test of an `every` domain: defined and an array, object or set. */
export function rt_is_collection(v: usize): bool {
  return v != 0 && typeOf(v) >= T_ARRAY;
}

// Scans: the generated loop asks for element i until there is none (0: no element is undefined), so it
// needs no length first. Keys: the index for arrays, the key for objects, the member itself for sets.
export function rt_iter_key(v: usize, i: i32): usize {
  const t = typeOf(v);
  if (t == T_ARRAY) return makeNumberI64(i);
  if (t == T_OBJECT) return inline.always(objectKeyAt(v, i));
  return inline.always(setAt(v, i));
}

/** Element i of a collection, 0 past its end or when v is undefined or no collection. */
export function rt_iter_value(v: usize, i: i32): usize {
  if (v == 0) return 0;
  const t = typeOf(v);
  if (t < T_ARRAY || i >= load<i32>(v, 4)) return 0;
  if (t == T_ARRAY) return inline.always(arrayGet(v, i));
  if (t == T_OBJECT) return inline.always(objectValueAt(v, i));
  return inline.always(setAt(v, i));
}

function upsert(base: usize, path: usize, from: i32, value: usize): usize {
  if (from == arrayLen(path)) return value;
  const node = base != 0 && typeOf(base) == T_OBJECT ? objectCopy(base) : makeObject();
  const key = arrayGet(path, from);
  const i = objectFind(node, key);
  const child = i >= 0 ? objectValueAt(node, i) : 0;
  objectInsert(node, key, upsert(child, path, from + 1, value));
  return node;
}

/** WithStmt: a copy of base with `value` at `path` (an array of keys); base itself is unchanged. */
export function rt_with_upsert(base: usize, path: usize, value: usize): usize {
  return upsert(base, path, 0, value);
}

/**
 * AssignVarOnceStmt, one call per statement instead of the check inlined at each of them: the
 * value when the target is still undefined (0), the target when both are equal, else a conflict.
 */
export function rt_assign_once(target: usize, value: usize): usize {
  if (target == 0) return value;
  if (!equal(target, value)) abort("var assignment conflict");
  return target;
}

/** The result set: a set of binding objects, dumped as a JSON array. */
export function rt_result_set_new(): usize {
  return makeSet();
}
