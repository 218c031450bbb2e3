// OPA values in linear memory. A value pointer is a usize; 0 means undefined.
//
// Layouts (all blocks 8-aligned, the first u32 is the type tag):
//   null     [tag]
//   boolean  [tag][b u32]
//   number   see number.ts
//   string   [tag][len u32][bytes ptr]            UTF-8, bytes not owned (may be static or input)
//   array    [tag][len u32][cap u32][slots ptr]   slots: u32 value pointers
//   object   [tag][len u32][cap u32][slots ptr]   slots: (key, value) pairs, sorted by key (compare)
//   set      [tag][len u32][cap u32][slots ptr]   slots: members, sorted and distinct
// Sorted objects and sets give OPA's iteration order for free and O(log n) lookups.

import { alloc } from "./alloc";
import { compare, compareBytes, equalBytes } from "./compare";
import { writeUtf8 } from "./errors";

export const T_NULL: i32 = 0;
export const T_BOOLEAN: i32 = 1;
export const T_NUMBER: i32 = 2;
export const T_STRING: i32 = 3;
export const T_ARRAY: i32 = 4;
export const T_OBJECT: i32 = 5;
export const T_SET: i32 = 6;

// Static singletons: they live below the heap and so survive every heap reset. They are the only
// null and boolean values (nothing else makes one), so a boolean is known by its address.
const NULL_VALUE: usize = memory.data<u32>([T_NULL, 0]);
const TRUE_VALUE: usize = memory.data<u32>([T_BOOLEAN, 1]);
const FALSE_VALUE: usize = memory.data<u32>([T_BOOLEAN, 0]);

export function typeOf(v: usize): i32 {
  return load<i32>(v);
}

export function makeNull(): usize {
  return NULL_VALUE;
}

export function makeBool(b: bool): usize {
  return b ? TRUE_VALUE : FALSE_VALUE;
}

export function boolValue(v: usize): bool {
  return load<u32>(v, 4) != 0;
}

// ---- strings ----

// The makers of values the generated code creates all the time inline alloc's bump.
export function makeString(ptr: usize, len: i32): usize {
  const v = inline.always(alloc(12));
  store<u32>(v, T_STRING);
  store<i32>(v, len, 4);
  store<usize>(v, ptr, 8);
  return v;
}

export function makeStringCopy(ptr: usize, len: i32): usize {
  const bytes = alloc(<usize>len + 1);
  memory.copy(bytes, ptr, <usize>len);
  store<u8>(bytes + <usize>len, 0);
  return makeString(bytes, len);
}

export function makeStringFromAS(s: string): usize {
  const bytes = alloc(<usize>s.length * 3 + 1);
  const len = writeUtf8(bytes, s);
  store<u8>(bytes + <usize>len, 0);
  return makeString(bytes, len);
}

export function stringPtr(v: usize): usize {
  return load<usize>(v, 8);
}

export function stringLen(v: usize): i32 {
  return load<i32>(v, 4);
}

// ---- shared vector machinery for arrays, objects and sets ----

/** A vector whose first `cap` slots follow its header in the same block: one allocation. */
function makeVector(tag: i32, cap: i32, slotSize: i32): usize {
  const c = cap < 0 ? 0 : cap;
  const v = inline.always(alloc(16 + <usize>(c * slotSize)));
  store<u32>(v, tag);
  store<u32>(v, 0, 4);
  store<u32>(v, c, 8);
  store<usize>(v, c > 0 ? v + 16 : 0, 12);
  return v;
}

// Room that objects and sets made empty start with: the ones generated code builds mostly get a few
// members, which then need no second allocation.
const INITIAL_CAP: i32 = 4;

export function vecLen(v: usize): i32 {
  return load<i32>(v, 4);
}

export function vecSlots(v: usize): usize {
  return load<usize>(v, 12);
}

/** Moves a full vector's slots to a block twice as large (at least 4 slots). */
function vecGrow(v: usize, slotSize: i32): void {
  const len = load<i32>(v, 4);
  const cap = load<i32>(v, 8);
  const newCap = cap < 4 ? 4 : cap * 2;
  const slots = alloc(<usize>(newCap * slotSize));
  if (len > 0) memory.copy(slots, load<usize>(v, 12), <usize>(len * slotSize));
  store<usize>(v, slots, 12);
  store<i32>(v, newCap, 8);
}

/** Whether a vector's slots are all used: callers test this before calling vecGrow, so that
 *  only growing costs a call. */
function vecFull(v: usize): bool {
  return load<i32>(v, 4) == load<i32>(v, 8);
}

/** Opens a gap of one slot at index `at`, shifting the tail right; the caller fills it. */
function vecInsertGap(v: usize, at: i32, slotSize: i32): usize {
  if (vecFull(v)) vecGrow(v, slotSize);
  const len = load<i32>(v, 4);
  const slots = load<usize>(v, 12);
  const gap = slots + <usize>(at * slotSize);
  if (at < len) memory.copy(gap + <usize>slotSize, gap, <usize>((len - at) * slotSize));
  store<i32>(v, len + 1, 4);
  return gap;
}

// ---- arrays ----

export function makeArray(cap: i32): usize {
  return makeVector(T_ARRAY, cap, 4);
}

export function arrayLen(a: usize): i32 {
  return load<i32>(a, 4);
}

export function arrayGet(a: usize, i: i32): usize {
  return load<u32>(load<usize>(a, 12) + ((<usize>i) << 2));
}

export function arrayPush(a: usize, x: usize): void {
  if (vecFull(a)) vecGrow(a, 4);
  const len = load<i32>(a, 4);
  store<u32>(load<usize>(a, 12) + ((<usize>len) << 2), <u32>x);
  store<i32>(a, len + 1, 4);
}

// ---- objects ----

export function makeObject(): usize {
  return makeVector(T_OBJECT, INITIAL_CAP, 8);
}

export function makeObjectWithCap(cap: i32): usize {
  return makeVector(T_OBJECT, cap, 8);
}

export function objectLen(o: usize): i32 {
  return load<i32>(o, 4);
}

export function objectKeyAt(o: usize, i: i32): usize {
  return load<u32>(load<usize>(o, 12) + ((<usize>i) << 3));
}

export function objectValueAt(o: usize, i: i32): usize {
  return load<u32>(load<usize>(o, 12) + ((<usize>i) << 3), 4);
}

/** Index of key k, or -(insertion point) - 1 when absent. */
export function objectFind(o: usize, k: usize): i32 {
  if (typeOf(k) == T_STRING) return objectFindString(o, stringPtr(k), stringLen(k));
  let lo = 0;
  let hi = load<i32>(o, 4) - 1;
  const slots = load<usize>(o, 12);
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const c = compare(load<u32>(slots + ((<usize>mid) << 3)), k);
    if (c == 0) return mid;
    if (c < 0) lo = mid + 1;
    else hi = mid - 1;
  }
  return -lo - 1;
}

/**
 * objectFind for a string key, the usual case (rt_dot on a field name): compares the bytes directly
 * instead of going through compare()'s type dispatch. Keys of other types order as compare() does:
 * null, booleans and numbers before strings; arrays, objects and sets after.
 */
function objectFindString(o: usize, keyPtr: usize, keyLen: i32): i32 {
  let lo = 0;
  let hi = load<i32>(o, 4) - 1;
  const slots = load<usize>(o, 12);
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const key = <usize>load<u32>(slots + ((<usize>mid) << 3));
    let c = typeOf(key) - T_STRING;
    if (c == 0) {
      const len = stringLen(key);
      // Keys mostly differ in their first byte: decide that without a call.
      c = len > 0 && keyLen > 0 ? <i32>load<u8>(stringPtr(key)) - <i32>load<u8>(keyPtr) : 0;
      if (c == 0) c = compareBytes(stringPtr(key), len, keyPtr, keyLen);
    }
    if (c == 0) return mid;
    if (c < 0) lo = mid + 1;
    else hi = mid - 1;
  }
  return -lo - 1;
}

// Objects of at most this many keys are looked up by a string key with a scan rather than a bisection:
// most keys differ from the wanted one in length, which one comparison tells, where bisecting orders
// bytes at every step.
const SCAN_MAX: i32 = 8;

export function objectGet(o: usize, k: usize): usize {
  if (typeOf(k) == T_STRING && load<i32>(o, 4) <= SCAN_MAX) return inline.always(objectScanString(o, k));
  const i = objectFind(o, k);
  return i >= 0 ? objectValueAt(o, i) : 0;
}

/**
 * objectGet for a string key in a small object. A string's first word is its type and its second its
 * length, so one 64-bit load tells a key of another type or length; only a key of the same length has
 * its bytes compared, and bytes at the same address (keys the generated code inserts and looks up from
 * its static strings) are not read. The slots are walked by address: the usual object is a parsed
 * one, whose keys are never the very values the generated code looks up, so testing for that first
 * costs more than it saves.
 */
function objectScanString(o: usize, k: usize): usize {
  const slots = load<usize>(o, 12);
  const end = slots + ((<usize>load<i32>(o, 4)) << 3);
  const head = load<u64>(k);
  for (let slot = slots; slot < end; slot += 8) {
    const key = <usize>load<u32>(slot);
    if (load<u64>(key) != head) continue;
    if (inline.always(equalBytes(stringPtr(key), stringPtr(k), stringLen(k)))) return load<u32>(slot, 4);
  }
  return 0;
}

/** Inserts or replaces the value under key k. */
export function objectInsert(o: usize, k: usize, v: usize): void {
  // Keys often arrive in order (copies, merges, literals written sorted): then one comparison with the
  // last key places the new one.
  const len = load<i32>(o, 4);
  const last = len > 0 ? compare(objectKeyAt(o, len - 1), k) : -1;
  if (last < 0) {
    inline.always(objectAppendUnsorted(o, k, v));
    return;
  }
  const i = last == 0 ? len - 1 : objectFind(o, k);
  if (i >= 0) {
    store<u32>(load<usize>(o, 12) + ((<usize>i) << 3), <u32>v, 4);
    return;
  }
  const slot = vecInsertGap(o, -i - 1, 8);
  store<u32>(slot, <u32>k);
  store<u32>(slot, <u32>v, 4);
}

/** Appends without ordering; the caller must call objectSortDedupe before the object is used. */
export function objectAppendUnsorted(o: usize, k: usize, v: usize): void {
  if (vecFull(o)) vecGrow(o, 8);
  const len = load<i32>(o, 4);
  const slot = load<usize>(o, 12) + ((<usize>len) << 3);
  store<u32>(slot, <u32>k);
  store<u32>(slot, <u32>v, 4);
  store<i32>(o, len + 1, 4);
}

// ---- sets ----

export function makeSet(): usize {
  return makeVector(T_SET, INITIAL_CAP, 4);
}

export function setLen(s: usize): i32 {
  return load<i32>(s, 4);
}

export function setAt(s: usize, i: i32): usize {
  return load<u32>(load<usize>(s, 12) + ((<usize>i) << 2));
}

/** Index of x, or -(insertion point) - 1 when absent. */
export function setFind(s: usize, x: usize): i32 {
  let lo = 0;
  let hi = load<i32>(s, 4) - 1;
  const slots = load<usize>(s, 12);
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const c = compare(load<u32>(slots + ((<usize>mid) << 2)), x);
    if (c == 0) return mid;
    if (c < 0) lo = mid + 1;
    else hi = mid - 1;
  }
  return -lo - 1;
}

export function setContains(s: usize, x: usize): bool {
  return setFind(s, x) >= 0;
}

export function setAdd(s: usize, x: usize): void {
  const len = load<i32>(s, 4);
  // Fast path for members arriving in order (sorted sources, comprehensions over sorted input).
  if (len > 0) {
    const c = compare(setAt(s, len - 1), x);
    if (c == 0) return;
    if (c < 0) {
      arrayPush(s, x);
      return;
    }
  } else {
    arrayPush(s, x);
    return;
  }
  const i = setFind(s, x);
  if (i >= 0) return;
  store<u32>(vecInsertGap(s, -i - 1, 4), <u32>x);
}

/** Appends without ordering; the caller must call setSortDedupe before the set is used. */
export function setAppendUnsorted(s: usize, x: usize): void {
  arrayPush(s, x);
}

// ---- sorting (a bottom-up merge sort: stable, no recursion, O(n log n)) ----

function loadSlot(p: usize, wide: bool): u64 {
  return wide ? load<u64>(p) : <u64>load<u32>(p);
}

function storeSlot(p: usize, x: u64, wide: bool): void {
  if (wide) store<u64>(p, x);
  else store<u32>(p, <u32>x);
}

// Typical objects have a handful of keys: below this size an in-place insertion sort beats merging.
const SMALL_SORT: i32 = 12;

/**
 * Stable in-place insertion sort of small slot runs. Returns whether two slots compared equal: each
 * slot stops next to the last slot equal to it already placed, so equal slots are always compared.
 */
function insertionSort(slots: usize, n: i32, sz: usize, wide: bool): bool {
  let sawEqual = false;
  for (let i = 1; i < n; i++) {
    const x = loadSlot(slots + <usize>i * sz, wide);
    let j = i - 1;
    while (j >= 0) {
      const y = loadSlot(slots + <usize>j * sz, wide);
      const c = compare(<usize>(<u32>y), <usize>(<u32>x));
      if (c <= 0) {
        if (c == 0) sawEqual = true;
        break;
      }
      inline.always(storeSlot(slots + <usize>(j + 1) * sz, y, wide));
      j--;
    }
    inline.always(storeSlot(slots + <usize>(j + 1) * sz, x, wide));
  }
  return sawEqual;
}

/** Sorts `n` slots of `slotSize` bytes (4 or 8) at `slots` by the value pointer at each slot's
 *  start (its low 32 bits). Bottom-up merge sort: stable, no recursion, O(n log n). Returns false
 *  when the slots are known to be distinct, so the dedupe pass can be skipped. */
export function sortSlots(slots: usize, n: i32, slotSize: i32): bool {
  if (n < 2) return false;
  const wide = slotSize == 8;
  const sz = <usize>slotSize;
  if (n <= SMALL_SORT) return insertionSort(slots, n, sz, wide);
  let src = slots;
  let dst = alloc(<usize>n * sz);
  for (let width = 1; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = min(lo + width, n);
      const hi = min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        const a = loadSlot(src + <usize>i * sz, wide);
        const b = loadSlot(src + <usize>j * sz, wide);
        if (compare(<usize>(<u32>b), <usize>(<u32>a)) < 0) {
          inline.always(storeSlot(dst + <usize>k * sz, b, wide));
          j++;
        } else {
          inline.always(storeSlot(dst + <usize>k * sz, a, wide));
          i++;
        }
        k++;
      }
      if (i < mid) memory.copy(dst + <usize>k * sz, src + <usize>i * sz, <usize>(mid - i) * sz);
      else if (j < hi) memory.copy(dst + <usize>k * sz, src + <usize>j * sz, <usize>(hi - j) * sz);
    }
    const t = src;
    src = dst;
    dst = t;
  }
  if (src != slots) memory.copy(slots, src, <usize>n * sz);
  return true;
}

/** Sorts an object built with objectAppendUnsorted; of duplicate keys the last one wins. */
export function objectSortDedupe(o: usize): void {
  const n = objectLen(o);
  const slots = vecSlots(o);
  if (!sortSlots(slots, n, 8)) return;
  let out = 0;
  for (let i = 0; i < n; i++) {
    const slot = slots + ((<usize>i) << 3);
    if (out > 0 && compare(load<u32>(slots + ((<usize>(out - 1)) << 3)), load<u32>(slot)) == 0) {
      // stable sort kept insertion order, so this later duplicate replaces the earlier one
      store<u64>(slots + ((<usize>(out - 1)) << 3), load<u64>(slot));
    } else {
      store<u64>(slots + ((<usize>out) << 3), load<u64>(slot));
      out++;
    }
  }
  store<i32>(o, out, 4);
}

/** Sorts a set built with setAppendUnsorted and removes duplicates. */
export function setSortDedupe(s: usize): void {
  const n = setLen(s);
  const slots = vecSlots(s);
  if (!sortSlots(slots, n, 4)) return;
  let out = 0;
  for (let i = 0; i < n; i++) {
    const x = load<u32>(slots + ((<usize>i) << 2));
    if (out > 0 && compare(load<u32>(slots + ((<usize>(out - 1)) << 2)), x) == 0) continue;
    store<u32>(slots + ((<usize>out) << 2), x);
    out++;
  }
  store<i32>(s, out, 4);
}

/** Removes key k from an object the caller owns; returns whether it was present. */
export function objectRemove(o: usize, k: usize): bool {
  const i = objectFind(o, k);
  if (i < 0) return false;
  const len = objectLen(o);
  const slot = vecSlots(o) + ((<usize>i) << 3);
  if (i < len - 1) memory.copy(slot, slot + 8, (<usize>(len - 1 - i)) << 3);
  store<i32>(o, len - 1, 4);
  return true;
}

/** A shallow copy of an object: new slots, same keys and values. */
export function objectCopy(o: usize): usize {
  const n = objectLen(o);
  const c = makeObjectWithCap(n);
  if (n > 0) memory.copy(vecSlots(c), vecSlots(o), (<usize>n) << 3);
  store<i32>(c, n, 4);
  return c;
}
