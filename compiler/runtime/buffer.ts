// Growable byte buffers, for building strings (JSON text, builtin results) on the bump heap.
// Layout: [len u32 @0][cap u32 @4][data ptr @8]. Growing copies the bytes to a bigger block; the
// old block is simply abandoned (the heap is reset wholesale between evaluations).

import { alloc } from "./alloc";
import { makeString, stringLen, stringPtr } from "./value";
import { writeUtf8 } from "./errors";

export function bufNew(cap: i32): usize {
  const b = alloc(12);
  const c = cap < 16 ? 16 : cap;
  store<u32>(b, 0);
  store<u32>(b, c, 4);
  store<usize>(b, alloc(<usize>c), 8);
  return b;
}

export function bufLen(b: usize): i32 {
  return load<i32>(b);
}

export function bufData(b: usize): usize {
  return load<usize>(b, 8);
}

/** Makes room for `extra` more bytes and returns the address where they go. */
export function bufReserve(b: usize, extra: i32): usize {
  const len = load<u32>(b);
  const cap = load<u32>(b, 4);
  const need = len + <u32>extra;
  if (need > cap) {
    let newCap = cap * 2;
    if (newCap < need) newCap = need;
    const data = alloc(<usize>newCap);
    memory.copy(data, load<usize>(b, 8), <usize>len);
    store<usize>(b, data, 8);
    store<u32>(b, newCap, 4);
  }
  return load<usize>(b, 8) + <usize>len;
}

/** Records that `n` bytes were written at the address bufReserve returned. */
export function bufCommit(b: usize, n: i32): void {
  store<u32>(b, load<u32>(b) + <u32>n);
}

export function bufAppend(b: usize, ptr: usize, len: i32): void {
  const dst = bufReserve(b, len);
  memory.copy(dst, ptr, <usize>len);
  bufCommit(b, len);
}

export function bufAppendByte(b: usize, byte: i32): void {
  const dst = bufReserve(b, 1);
  store<u8>(dst, <u8>byte);
  bufCommit(b, 1);
}

/** Appends the bytes of a string value. */
export function bufAppendString(b: usize, s: usize): void {
  bufAppend(b, stringPtr(s), stringLen(s));
}

/** Appends an AS string literal as UTF-8. */
export function bufAppendAS(b: usize, s: string): void {
  const dst = bufReserve(b, s.length * 3);
  bufCommit(b, writeUtf8(dst, s));
}

/** Appends the decimal digits of `n`. */
export function bufAppendI64(b: usize, n: i64): void {
  if (n < 0) {
    bufAppendByte(b, 0x2d);
    if (n == i64.MIN_VALUE) {
      bufAppendAS(b, "9223372036854775808");
      return;
    }
    n = -n;
  }
  bufAppendU64(b, <u64>n);
}

export function bufAppendU64(b: usize, n: u64): void {
  const dst = bufReserve(b, 20);
  let digits = 1;
  for (let t = n; t >= 10; t /= 10) digits++;
  let p = dst + <usize>digits;
  let t = n;
  do {
    store<u8>(--p, <u8>(0x30 + (t % 10)));
    t /= 10;
  } while (t != 0);
  bufCommit(b, digits);
}

/** The buffer's bytes as a string value. A NUL byte follows the content (not counted in the
 *  length), so the result can also be handed to the host as a C string. */
export function bufToString(b: usize): usize {
  bufAppendByte(b, 0);
  const len = load<i32>(b) - 1;
  store<u32>(b, <u32>len);
  return makeString(load<usize>(b, 8), len);
}
