// Set algebra: and (&), or (|), intersection and union over a set of sets.

import { T_SET, typeOf, makeSet, setLen, setAt, setContains, arrayPush } from "../value";
import { compare } from "../compare";
import { typeError } from "../errors";

function intersect(a: usize, b: usize): usize {
  const out = makeSet();
  const n = setLen(a);
  // members of a arrive in sorted order, so appending keeps the result sorted
  for (let i = 0; i < n; i++) {
    const x = setAt(a, i);
    if (setContains(b, x)) arrayPush(out, x);
  }
  return out;
}

/** Merge of two sorted member lists: linear, and the result stays sorted and distinct. */
function unite(a: usize, b: usize): usize {
  const out = makeSet();
  const na = setLen(a);
  const nb = setLen(b);
  let i = 0;
  let j = 0;
  while (i < na && j < nb) {
    const x = setAt(a, i);
    const y = setAt(b, j);
    const c = compare(x, y);
    if (c <= 0) {
      arrayPush(out, x);
      i++;
      if (c == 0) j++;
    } else {
      arrayPush(out, y);
      j++;
    }
  }
  while (i < na) arrayPush(out, setAt(a, i++));
  while (j < nb) arrayPush(out, setAt(b, j++));
  return out;
}

export function builtin_and(a: usize, b: usize): usize {
  if (typeOf(a) != T_SET) typeError("and", 1, "set", a);
  if (typeOf(b) != T_SET) typeError("and", 2, "set", b);
  return intersect(a, b);
}

export function builtin_or(a: usize, b: usize): usize {
  if (typeOf(a) != T_SET) typeError("or", 1, "set", a);
  if (typeOf(b) != T_SET) typeError("or", 2, "set", b);
  return unite(a, b);
}

function requireSetOfSets(fname: string, xs: usize): void {
  if (typeOf(xs) != T_SET) typeError(fname, 1, "set of sets", xs);
  const n = setLen(xs);
  for (let i = 0; i < n; i++)
    if (typeOf(setAt(xs, i)) != T_SET) typeError(fname, 1, "set of sets", setAt(xs, i));
}

export function builtin_intersection(xs: usize): usize {
  requireSetOfSets("intersection", xs);
  const n = setLen(xs);
  if (n == 0) return makeSet();
  let acc = setAt(xs, 0);
  for (let i = 1; i < n; i++) acc = intersect(acc, setAt(xs, i));
  return acc;
}

export function builtin_union(xs: usize): usize {
  requireSetOfSets("union", xs);
  const n = setLen(xs);
  let acc = makeSet();
  for (let i = 0; i < n; i++) acc = unite(acc, setAt(xs, i));
  return acc;
}
