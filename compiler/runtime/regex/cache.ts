// Compiled patterns of the current evaluation. Rego calls regex.match and glob.match with the same
// few constant patterns over and over (once per resource, statement, action...), and compiling a
// pattern costs far more than matching it, so each distinct pattern is compiled once per evaluation.
//
// The table and its entries live on the bump heap like everything else, so they are gone when the
// heap pointer is set back: the ABI entry points that do so (opa_eval, opa_heap_ptr_set) call
// clearPatternCache() first. Keys are copied into the entries, so a key never depends on memory the
// host may rewrite between evaluations.

import { alloc } from "../alloc";

/** What a compiled pattern was compiled from: the same text means different programs per kind. */
export const KIND_REGEX: i32 = 0;
export const KIND_GLOB: i32 = 1;

const BUCKETS: i32 = 256;

// Entry: [next @0][hash @4][kind @8][pattern length @12][extra length @16][compiled @20][pattern, extra bytes @24].
const ENTRY_HEADER: usize = 24;

// Bucket heads (BUCKETS u32 entry addresses); 0 until the evaluation caches its first pattern.
let table: usize = 0;

export function clearPatternCache(): void {
  table = 0;
}

/** FNV-1a over the kind, the pattern and the extra key bytes (glob delimiters). */
function keyHash(kind: i32, ptr: usize, len: i32, extraPtr: usize, extraLen: i32): u32 {
  let h: u32 = 2166136261 ^ (<u32>kind);
  for (let i = 0; i < len; i++) h = (h ^ (<u32>load<u8>(ptr + <usize>i))) * 16777619;
  h = (h ^ 0xff) * 16777619; // separates pattern from extra: ("ab", "") differs from ("a", "b")
  for (let i = 0; i < extraLen; i++) h = (h ^ (<u32>load<u8>(extraPtr + <usize>i))) * 16777619;
  return h;
}

function bucket(hash: u32): usize {
  return table + ((<usize>(hash & (<u32>(BUCKETS - 1)))) << 2);
}

/** The compiled pattern cached for this key in the current evaluation, or 0. */
export function cachedPattern(kind: i32, ptr: usize, len: i32, extraPtr: usize, extraLen: i32): usize {
  if (table == 0) return 0;
  const hash = keyHash(kind, ptr, len, extraPtr, extraLen);
  let entry = <usize>load<u32>(bucket(hash));
  while (entry != 0) {
    if (
      load<u32>(entry, 4) == hash &&
      load<i32>(entry, 8) == kind &&
      load<i32>(entry, 12) == len &&
      load<i32>(entry, 16) == extraLen &&
      memory.compare(entry + ENTRY_HEADER, ptr, <usize>len) == 0 &&
      memory.compare(entry + ENTRY_HEADER + <usize>len, extraPtr, <usize>extraLen) == 0
    ) {
      return <usize>load<u32>(entry, 20);
    }
    entry = <usize>load<u32>(entry);
  }
  return 0;
}

/** Remembers `compiled` for this key until the heap is next set back. */
export function cachePattern(
  kind: i32,
  ptr: usize,
  len: i32,
  extraPtr: usize,
  extraLen: i32,
  compiled: usize,
): void {
  if (table == 0) {
    table = alloc((<usize>BUCKETS) << 2);
    memory.fill(table, 0, (<usize>BUCKETS) << 2);
  }
  const hash = keyHash(kind, ptr, len, extraPtr, extraLen);
  const entry = alloc(ENTRY_HEADER + <usize>len + <usize>extraLen);
  const head = bucket(hash);
  store<u32>(entry, load<u32>(head));
  store<u32>(entry, hash, 4);
  store<i32>(entry, kind, 8);
  store<i32>(entry, len, 12);
  store<i32>(entry, extraLen, 16);
  store<u32>(entry, <u32>compiled, 20);
  memory.copy(entry + ENTRY_HEADER, ptr, <usize>len);
  memory.copy(entry + ENTRY_HEADER + <usize>len, extraPtr, <usize>extraLen);
  store<u32>(head, <u32>entry);
}
