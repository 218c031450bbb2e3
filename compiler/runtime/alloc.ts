// The heap: one bump pointer, nothing else. The SDK resets evaluation state by setting the heap
// pointer back (opa_heap_ptr_set), so the pointer must be the allocator's whole state: no free
// lists, nothing freed. Memory below the pointer (static data, the parsed data document) survives.

import { abort } from "./errors";
import { heap_start } from "./imports";

// 0 until first use: the imported heap_start is read lazily because a global initializer may not
// refer to a global that the back end turns from an import into a definition.
let heapPtr: usize = 0;

const PAGE_SIZE: usize = 65536;

// The size of linear memory when last looked at: memory never shrinks, so an allocation ending below
// it needs no memory.size() call. Derived state only, valid whatever the heap pointer is set to.
let memoryEnd: usize = 0;

function heapBase(): usize {
  return (<usize>heap_start + 7) & ~(<usize>7);
}

export function heapPointer(): usize {
  if (heapPtr == 0) heapPtr = heapBase();
  return heapPtr;
}

export function setHeapPointer(ptr: usize): void {
  heapPtr = (ptr + 7) & ~(<usize>7);
}

/** abort() writes its message to static memory, so aborting here cannot call back into alloc. */
function outOfMemory(): void {
  abort("out of memory");
  unreachable();
}

/** 8-aligned bump allocation; grows linear memory when the heap runs past its end. Small enough for
 *  hot callers to inline (`inline.always(alloc(n))`): memory rarely needs to grow. */
export function alloc(size: usize): usize {
  const start = inline.always(heapPointer());
  const end = (start + size + 7) & ~(<usize>7);
  // A size near 4 GiB wraps around the 32-bit address space: no memory could hold it.
  if (end > memoryEnd || end < start) reachMemoryEnd(start, end);
  heapPtr = end;
  return start;
}

/** Makes sure linear memory reaches `end` (an allocation from `start`), growing it when needed. */
function reachMemoryEnd(start: usize, end: usize): void {
  if (end < start) outOfMemory();
  // The host may have grown memory since (the SDK does, to write the input): look again.
  memoryEnd = <usize>memory.size() * PAGE_SIZE;
  if (end <= memoryEnd) return;
  const needed = <i32>((end - memoryEnd + PAGE_SIZE - 1) / PAGE_SIZE);
  // Grow geometrically (up to 16 MiB at a time): growing page by page makes the engine move
  // the memory over and over while a large document is parsed.
  const current = memory.size();
  const preferred = max(needed, min(current, 256));
  if (memory.grow(preferred) < 0 && memory.grow(needed) < 0) outOfMemory();
  memoryEnd = <usize>memory.size() * PAGE_SIZE;
}
