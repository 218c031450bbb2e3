// Graph builtins: walk, graph.reachable and graph.reachable_paths. A graph is an object from node
// to its neighbours (an array or set); nodes that are not keys of the object are not in the graph.

import {
  T_ARRAY,
  T_OBJECT,
  T_SET,
  arrayGet,
  arrayLen,
  arrayPush,
  makeArray,
  makeSet,
  objectGet,
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
import { makeNumberI64 } from "../number";
import { requireObject } from "./operands";

/** A new array: the elements of `path` followed by `key`. */
function extend(path: usize, key: usize): usize {
  const n = arrayLen(path);
  const longer = makeArray(n + 1);
  for (let i = 0; i < n; i++) arrayPush(longer, arrayGet(path, i));
  arrayPush(longer, key);
  return longer;
}

// ---- walk ----

/** Appends [path, v] and then, depth first, the pairs of v's elements (objects and sets in order). */
function walkValue(out: usize, path: usize, v: usize): void {
  const pair = makeArray(2);
  arrayPush(pair, path);
  arrayPush(pair, v);
  arrayPush(out, pair);
  const t = typeOf(v);
  if (t == T_ARRAY) {
    const n = arrayLen(v);
    for (let i = 0; i < n; i++) walkValue(out, extend(path, makeNumberI64(i)), arrayGet(v, i));
  } else if (t == T_OBJECT) {
    const n = objectLen(v);
    for (let i = 0; i < n; i++) walkValue(out, extend(path, objectKeyAt(v, i)), objectValueAt(v, i));
  } else if (t == T_SET) {
    const n = setLen(v);
    for (let i = 0; i < n; i++) walkValue(out, extend(path, setAt(v, i)), setAt(v, i));
  }
}

/** Every [path, value] pair of x, x itself first (the planner scans the array this returns). */
export function builtin_walk(x: usize): usize {
  const out = makeArray(8);
  walkValue(out, makeArray(0), x);
  return out;
}

// ---- reachability ----

/** Neighbours of a node's edge value: arrays and sets list them, anything else has none. */
function edgeCount(edges: usize): i32 {
  const t = typeOf(edges);
  return t == T_ARRAY ? arrayLen(edges) : t == T_SET ? setLen(edges) : 0;
}

function edgeAt(edges: usize, i: i32): usize {
  return typeOf(edges) == T_ARRAY ? arrayGet(edges, i) : setAt(edges, i);
}

function requireVertices(fname: string, initial: usize): void {
  const t = typeOf(initial);
  if (t != T_ARRAY && t != T_SET) typeError(fname, 2, "one of {array, set}", initial);
}

/** The set of graph nodes reachable from the initial ones (breadth first). */
export function builtin_graph_reachable(graph: usize, initial: usize): usize {
  requireObject("graph.reachable", 1, graph);
  requireVertices("graph.reachable", initial);
  const reached = makeSet();
  const queue = makeArray(8);
  for (let i = 0; i < edgeCount(initial); i++) arrayPush(queue, edgeAt(initial, i));
  for (let q = 0; q < arrayLen(queue); q++) {
    const node = arrayGet(queue, q);
    if (setContains(reached, node)) continue;
    const edges = objectGet(graph, node);
    if (edges == 0) continue;
    setAdd(reached, node);
    const n = edgeCount(edges);
    for (let i = 0; i < n; i++) {
      const next = edgeAt(edges, i);
      if (!setContains(reached, next)) arrayPush(queue, next);
    }
  }
  return reached;
}

/**
 * Extends `path` through `node`, adding every path that ends to `paths`, as OPA does: a path ends
 * at a node with no neighbours, just before a node that is not in the graph, or where it would
 * revisit a node already expanded (`expanded` is shared by one whole descent from a start edge).
 */
function extendPaths(graph: usize, node: usize, path: usize, expanded: usize, paths: usize): void {
  const edges = objectGet(graph, node);
  if (edges == 0) {
    setAdd(paths, path);
    return;
  }
  const through = extend(path, node);
  const n = edgeCount(edges);
  if (n == 0) {
    setAdd(paths, through);
    return;
  }
  for (let i = 0; i < n; i++) {
    const next = edgeAt(edges, i);
    if (setContains(expanded, next)) setAdd(paths, through);
    else {
      setAdd(expanded, node);
      extendPaths(graph, next, through, expanded, paths);
    }
  }
}

/** The set of maximal paths (arrays of nodes) leading out of each initial node. */
export function builtin_graph_reachable_paths(graph: usize, initial: usize): usize {
  requireObject("graph.reachable_paths", 1, graph);
  requireVertices("graph.reachable_paths", initial);
  const paths = makeSet();
  for (let i = 0; i < edgeCount(initial); i++) {
    const start = edgeAt(initial, i);
    const edges = objectGet(graph, start);
    if (edges == 0) continue;
    const startPath = extend(makeArray(0), start);
    const n = edgeCount(edges);
    if (n == 0) setAdd(paths, startPath);
    for (let j = 0; j < n; j++) {
      const expanded = makeSet();
      setAdd(expanded, start);
      extendPaths(graph, edgeAt(edges, j), startPath, expanded, paths);
    }
  }
  return paths;
}
