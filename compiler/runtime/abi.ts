// The OPA Wasm ABI 1.2 surface used by the npm SDK (see NOTES.md §1): evaluation contexts, heap
// control, JSON/value parse and dump, path updates on the data document, and the opa_eval fast path.

import { alloc, heapPointer, setHeapPointer } from "./alloc";
import { abort, resetAbortKind } from "./errors";
import {
  T_ARRAY,
  T_OBJECT,
  T_STRING,
  typeOf,
  arrayLen,
  arrayGet,
  makeObject,
  objectGet,
  objectInsert,
  objectRemove,
  stringPtr,
} from "./value";
import { jsonParse, valueParse, jsonDump, valueDump } from "./json";
import { clearPatternCache } from "./regex/cache";

import { plan_eval, plan_entrypoints, plan_builtins } from "./imports";

export const opa_wasm_abi_version: i32 = 1;
export const opa_wasm_abi_minor_version: i32 = 2;

// Evaluation context: [entrypoint i32 @0][input @4][data @8][result @12].
export function opa_eval_ctx_new(): usize {
  const ctx = alloc(16);
  memory.fill(ctx, 0, 16);
  return ctx;
}

export function opa_eval_ctx_set_input(ctx: usize, input: usize): void {
  store<u32>(ctx, <u32>input, 4);
}

export function opa_eval_ctx_set_data(ctx: usize, data: usize): void {
  store<u32>(ctx, <u32>data, 8);
}

export function opa_eval_ctx_set_entrypoint(ctx: usize, entrypoint: i32): void {
  store<i32>(ctx, entrypoint);
}

export function opa_eval_ctx_get_result(ctx: usize): usize {
  return load<u32>(ctx, 12);
}

/** Runs the context's entrypoint; an invalid entrypoint id is reported by plan.eval (opa_abort). */
export function eval(ctx: usize): i32 {
  resetAbortKind();
  store<u32>(ctx, <u32>plan_eval(load<i32>(ctx), load<u32>(ctx, 4), load<u32>(ctx, 8)), 12);
  return 0;
}

export function builtins(): usize {
  return plan_builtins();
}

export function entrypoints(): usize {
  return plan_entrypoints();
}

export function opa_malloc(size: usize): usize {
  return alloc(size);
}

/** Nothing to do: the bump heap is reclaimed wholesale by opa_heap_ptr_set. */
export function opa_free(ptr: usize): void {}

export function opa_heap_ptr_get(): usize {
  return heapPointer();
}

export function opa_heap_ptr_set(ptr: usize): void {
  // Whatever lies above ptr will be overwritten, the pattern cache included.
  clearPatternCache();
  setHeapPointer(ptr);
}

export function opa_json_parse(ptr: usize, len: i32): usize {
  return jsonParse(ptr, len);
}

export function opa_value_parse(ptr: usize, len: i32): usize {
  return valueParse(ptr, len);
}

export function opa_json_dump(v: usize): usize {
  return stringPtr(jsonDump(v));
}

export function opa_value_dump(v: usize): usize {
  return stringPtr(valueDump(v));
}

const ERR_OK: i32 = 0;
const ERR_INVALID_TYPE: i32 = 2;
const ERR_INVALID_PATH: i32 = 3;

/** A usable data path: a non-empty array whose elements, except maybe the last, are strings. */
function validPath(path: usize): bool {
  if (typeOf(path) != T_ARRAY) return false;
  const n = arrayLen(path);
  if (n == 0) return false;
  for (let i = 0; i < n - 1; i++) if (typeOf(arrayGet(path, i)) != T_STRING) return false;
  return true;
}

/** Sets base[path...] = value in place, creating missing intermediate objects (OPA's semantics:
 *  a bad path is INVALID_PATH, a non-object on the way is INVALID_TYPE). */
export function opa_value_add_path(base: usize, path: usize, value: usize): i32 {
  if (!validPath(path)) return ERR_INVALID_PATH;
  const n = arrayLen(path);
  let node = base;
  for (let i = 0; i < n - 1; i++) {
    if (typeOf(node) != T_OBJECT) return ERR_INVALID_TYPE;
    let next = objectGet(node, arrayGet(path, i));
    if (next == 0) {
      next = makeObject();
      objectInsert(node, arrayGet(path, i), next);
    }
    node = next;
  }
  if (typeOf(node) != T_OBJECT) return ERR_INVALID_TYPE;
  objectInsert(node, arrayGet(path, n - 1), value);
  return ERR_OK;
}

/** Deletes base[path...] in place. As in OPA, a path that leads nowhere counts as already deleted. */
export function opa_value_remove_path(base: usize, path: usize): i32 {
  if (!validPath(path)) return ERR_INVALID_PATH;
  const n = arrayLen(path);
  let node = base;
  for (let i = 0; i < n - 1; i++) {
    if (typeOf(node) != T_OBJECT) return ERR_OK;
    node = objectGet(node, arrayGet(path, i));
    if (node == 0) return ERR_OK;
  }
  if (typeOf(node) == T_OBJECT) objectRemove(node, arrayGet(path, n - 1));
  return ERR_OK;
}

/**
 * The one-call fast path (ABI 1.2). The SDK has written the input JSON at `inputPtr` and passes the
 * first free byte after it as `heapPtr`, so everything from there on is ours. Returns the address
 * of the NUL-terminated result set text (JSON for format 0, Rego syntax for format 1).
 */
export function opa_eval(
  reserved: i32,
  entrypoint: i32,
  data: usize,
  inputPtr: usize,
  inputLen: i32,
  heapPtr: usize,
  format: i32,
): usize {
  // A new evaluation: the host has just rewritten memory from inputPtr on, where the last
  // evaluation's cached patterns may lie.
  clearPatternCache();
  setHeapPointer(heapPtr);
  resetAbortKind();
  let input: usize = 0;
  if (inputLen > 0) {
    input = jsonParse(inputPtr, inputLen);
    if (input == 0) {
      abort("opa_eval: invalid input json");
      unreachable();
    }
  }
  const result = plan_eval(entrypoint, input, data);
  return stringPtr(format == 1 ? valueDump(result) : jsonDump(result));
}
