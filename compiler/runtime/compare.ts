// OPA's total order over values and its equality (1 == 1.0).
// Order of types: null < boolean < number < string < array < object < set. Within a type:
// false < true; numbers by value; strings bytewise; arrays and sets element by element then by
// length; objects by their sorted keys, then values, pair by pair, then by size.

import {
  T_NULL,
  T_BOOLEAN,
  T_NUMBER,
  T_STRING,
  T_ARRAY,
  T_OBJECT,
  typeOf,
  boolValue,
  stringPtr,
  stringLen,
  vecLen,
  vecSlots,
} from "./value";
import { compareNumbers } from "./number";

/**
 * Orders two byte strings. Compares eight bytes per step: keys and ARNs share long prefixes. Words
 * are loaded little-endian, so the lowest differing bit of x ^ y lies in the first differing byte.
 */
export function compareBytes(pa: usize, la: i32, pb: usize, lb: i32): i32 {
  const n = <usize>(la < lb ? la : lb);
  let i: usize = 0;
  for (; i + 8 <= n; i += 8) {
    const x = load<u64>(pa + i);
    const y = load<u64>(pb + i);
    if (x != y) {
      const shift = ctz(x ^ y) & ~(<u64>7);
      return ((x >> shift) & 0xff) < ((y >> shift) & 0xff) ? -1 : 1;
    }
  }
  for (; i < n; i++) {
    const x = load<u8>(pa + i);
    const y = load<u8>(pb + i);
    if (x != y) return x < y ? -1 : 1;
  }
  return la < lb ? -1 : la > lb ? 1 : 0;
}

/**
 * Whether n bytes at pa equal n bytes at pb. Eight bytes per step, then the last eight (or, below eight,
 * the first and last four) once more, overlapping what was compared: no byte loop for four bytes or more.
 */
export function equalBytes(pa: usize, pb: usize, n: i32): bool {
  if (pa == pb) return true;
  const len = <usize>n;
  if (len >= 8) {
    const last = len - 8;
    for (let i: usize = 0; i < last; i += 8) if (load<u64>(pa + i) != load<u64>(pb + i)) return false;
    return load<u64>(pa + last) == load<u64>(pb + last);
  }
  if (len >= 4) {
    return load<u32>(pa) == load<u32>(pb) && load<u32>(pa + len - 4) == load<u32>(pb + len - 4);
  }
  for (let i: usize = 0; i < len; i++) if (load<u8>(pa + i) != load<u8>(pb + i)) return false;
  return true;
}

export function compare(a: usize, b: usize): i32 {
  if (a == b) return 0;
  const ta = typeOf(a);
  const tb = typeOf(b);
  if (ta != tb) return ta < tb ? -1 : 1;
  switch (ta) {
    case T_NULL:
      return 0;
    case T_BOOLEAN: {
      const x = <i32>boolValue(a);
      const y = <i32>boolValue(b);
      return x - y;
    }
    case T_NUMBER:
      return compareNumbers(a, b);
    case T_STRING:
      // the usual case (object keys, set members): worth the bytes of a second copy
      return inline.always(compareBytes(stringPtr(a), stringLen(a), stringPtr(b), stringLen(b)));
    case T_OBJECT: {
      const la = vecLen(a);
      const lb = vecLen(b);
      const n = la < lb ? la : lb;
      const sa = vecSlots(a);
      const sb = vecSlots(b);
      for (let i = 0; i < n; i++) {
        const off = (<usize>i) << 3;
        let c = compare(load<u32>(sa + off), load<u32>(sb + off));
        if (c != 0) return c;
        c = compare(load<u32>(sa + off, 4), load<u32>(sb + off, 4));
        if (c != 0) return c;
      }
      return la < lb ? -1 : la > lb ? 1 : 0;
    }
    default: {
      // arrays and sets: element slots are u32 value pointers
      const la = vecLen(a);
      const lb = vecLen(b);
      const n = la < lb ? la : lb;
      const sa = vecSlots(a);
      const sb = vecSlots(b);
      for (let i = 0; i < n; i++) {
        const c = compare(load<u32>(sa + ((<usize>i) << 2)), load<u32>(sb + ((<usize>i) << 2)));
        if (c != 0) return c;
      }
      return la < lb ? -1 : la > lb ? 1 : 0;
    }
  }
}

export function equal(a: usize, b: usize): bool {
  if (a == b) return true;
  if (a == 0 || b == 0) return false;
  const ta = typeOf(a);
  if (ta != typeOf(b)) return false;
  if (ta == T_STRING) {
    const la = stringLen(a);
    return la == stringLen(b) && equalBytes(stringPtr(a), stringPtr(b), la);
  }
  if (ta >= T_ARRAY && vecLen(a) != vecLen(b)) return false;
  return compare(a, b) == 0;
}
