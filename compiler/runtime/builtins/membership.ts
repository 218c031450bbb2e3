// `x in xs` (internal.member_2) and `k, v in xs` (internal.member_3).

import {
  T_ARRAY,
  T_OBJECT,
  T_SET,
  typeOf,
  makeBool,
  arrayLen,
  arrayGet,
  objectLen,
  objectValueAt,
  objectGet,
  setContains,
} from "../value";
import { equal } from "../compare";
import { rt_dot } from "../helpers";

/** Whether x is an element of an array, a value of an object or a member of a set; false for scalars. */
export function builtin_internal_member_2(x: usize, xs: usize): usize {
  const t = typeOf(xs);
  if (t == T_SET) return makeBool(setContains(xs, x));
  if (t == T_ARRAY) {
    const n = arrayLen(xs);
    for (let i = 0; i < n; i++) if (equal(arrayGet(xs, i), x)) return makeBool(true);
  } else if (t == T_OBJECT) {
    const n = objectLen(xs);
    for (let i = 0; i < n; i++) if (equal(objectValueAt(xs, i), x)) return makeBool(true);
  }
  return makeBool(false);
}

/** Whether xs[k] == v for an array (k an index) or an object; false for sets and scalars, as in OPA. */
export function builtin_internal_member_3(k: usize, v: usize, xs: usize): usize {
  const t = typeOf(xs);
  if (t == T_OBJECT) {
    const found = objectGet(xs, k);
    return makeBool(found != 0 && equal(found, v));
  }
  if (t == T_ARRAY) {
    const found = rt_dot(xs, k);
    return makeBool(found != 0 && equal(found, v));
  }
  return makeBool(false);
}
