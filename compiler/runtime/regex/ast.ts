// Parse tree of a regular expression, as 20-byte nodes in linear memory:
// {kind, a, b, c, left}. The meaning of a, b, c depends on the kind (see below).
// Concatenations and alternations hold their operands in a list rather than as nested pairs, so
// that walking a long pattern does not recurse once per character.
import { alloc } from "../alloc";
import { rangeLo, rangesAdd, rangesLen, rangesNew, rangesPairs } from "./charclass";

export const N_EMPTY = 0; // matches the empty string
export const N_LITERAL = 1; // a = rune
export const N_CLASS = 2; // a = range pairs, b = pair count (sorted, disjoint)
export const N_ANY = 3; // any rune
export const N_ANY_NOT_NL = 4; // any rune but \n
export const N_ASSERT = 5; // a = one of the A_* empty-width conditions
export const N_CONCAT = 6; // a = children, b = child count (>= 2): each in turn
export const N_ALTERNATE = 7; // a = children, b = child count (>= 2): the first that matches is preferred
export const N_REPEAT = 8; // a = min, b = max (-1: unbounded), c = 1 when greedy; left = operand
export const N_CAPTURE = 9; // a = group index (1-based); left = operand

// Empty-width conditions, as bits so the matcher can test them against a position's context.
export const A_BEGIN_LINE = 1;
export const A_END_LINE = 2;
export const A_BEGIN_TEXT = 4;
export const A_END_TEXT = 8;
export const A_WORD_BOUNDARY = 16;
export const A_NOT_WORD_BOUNDARY = 32;

export function newNode(kind: i32, a: i32, b: i32, c: i32, left: usize): usize {
  const node = alloc(24);
  store<i32>(node, kind);
  store<i32>(node, a, 4);
  store<i32>(node, b, 8);
  store<i32>(node, c, 12);
  store<usize>(node, left, 16);
  return node;
}

export function nodeKind(node: usize): i32 {
  return load<i32>(node);
}

export function nodeA(node: usize): i32 {
  return load<i32>(node, 4);
}

export function nodeB(node: usize): i32 {
  return load<i32>(node, 8);
}

export function nodeC(node: usize): i32 {
  return load<i32>(node, 12);
}

export function nodeLeft(node: usize): usize {
  return load<usize>(node, 16);
}

/** A list to collect the operands of a concatenation or an alternation into. */
export function nodeListNew(): usize {
  return rangesNew();
}

export function nodeListAdd(list: usize, node: usize): void {
  rangesAdd(list, <i32>node, 0);
}

/** The node for a list of operands: EMPTY for none, the operand itself for one, else `kind`. */
export function nodeFromList(kind: i32, list: usize): usize {
  const count = rangesLen(list);
  if (count == 0) return newNode(N_EMPTY, 0, 0, 0, 0);
  if (count == 1) return <usize>rangeLo(rangesPairs(list), 0);
  return newNode(kind, <i32>rangesPairs(list), count, 0, 0);
}

/** Operand i of a CONCAT or ALTERNATE node. */
export function nodeChild(node: usize, i: i32): usize {
  return <usize>rangeLo(<usize>nodeA(node), i);
}
