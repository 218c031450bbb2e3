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

export function compareBytes(pa: usize, la: i32, pb: usize, lb: i32): i32 {
  const n = la < lb ? la : lb;
  const c = memory.compare(pa, pb, <usize>n);
  if (c != 0) return c < 0 ? -1 : 1;
  return la < lb ? -1 : la > lb ? 1 : 0;
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
      return compareBytes(stringPtr(a), stringLen(a), stringPtr(b), stringLen(b));
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
    return la == stringLen(b) && memory.compare(stringPtr(a), stringPtr(b), <usize>la) == 0;
  }
  if (ta >= T_ARRAY && vecLen(a) != vecLen(b)) return false;
  return compare(a, b) == 0;
}
