// Pike VM: simulates all threads of a program in lockstep over the input, so a search costs
// O(input length x program length) whatever the pattern ((a*)*b included). Threads are kept in
// priority order, and a thread reaching MATCH cuts off the lower-priority ones: leftmost-first
// semantics, as Go's regexp.
import { alloc } from "../alloc";
import {
  A_BEGIN_LINE,
  A_BEGIN_TEXT,
  A_END_LINE,
  A_END_TEXT,
  A_NOT_WORD_BOUNDARY,
  A_WORD_BOUNDARY,
} from "./ast";
import { rangesContain } from "./charclass";
import {
  OP_ANY,
  OP_ANY_NOT_NL,
  OP_ASSERT,
  OP_CLASS,
  OP_JMP,
  OP_MATCH,
  OP_RUNE,
  OP_SAVE,
  OP_SPLIT,
  instOp,
  instX,
  instY,
} from "./compiler";
import { decodeRune, decodedWidth } from "./utf8";

// Work done by the VM since the module was instantiated (instructions visited plus threads stepped);
// tests use it to prove the cost stays linear in the input on pathological patterns.
export let pikeSteps: i64 = 0;

/**
 * Everything a search needs besides the input, allocated once per compiled expression and reused by
 * successive searches (find-all, replace). Layout, all i32 unless noted:
 *   0 program (usize), 4 program length, 8 capture slots, 12 anchored (1 when a match must start at 0),
 *   16 run queue (usize), 20 next queue (usize), 24 stack (usize), 28 working captures (usize),
 *   32 match captures (usize)
 * A queue is {marks: usize, generation, count, threads: usize}; a thread is its pc then its slots.
 */
export const MACHINE_SIZE: usize = 36;

function newQueue(length: i32, slots: i32): usize {
  const queue = alloc(16);
  const marks = alloc(<usize>length * 4);
  memory.fill(marks, 0, <usize>length * 4); // the heap is reused: generation stamps must start below 1
  store<usize>(queue, marks);
  store<i32>(queue, 0, 4);
  store<i32>(queue, 0, 8);
  store<usize>(queue, alloc(<usize>length * <usize>(slots + 1) * 4), 12);
  return queue;
}

export function newMachine(program: usize, length: i32, slots: i32, anchored: bool): usize {
  const m = alloc(MACHINE_SIZE);
  store<usize>(m, program);
  store<i32>(m, length, 4);
  store<i32>(m, slots, 8);
  store<i32>(m, anchored ? 1 : 0, 12);
  store<usize>(m, newQueue(length, slots), 16);
  store<usize>(m, newQueue(length, slots), 20);
  store<usize>(m, alloc(<usize>(length + 1) * 12), 24);
  store<usize>(m, alloc(<usize>slots * 4), 28);
  store<usize>(m, alloc(<usize>slots * 4), 32);
  return m;
}

/** The capture slots of the last successful search: byte offsets, -1 for a group that did not take part. */
export function machineMatchSlots(m: usize): usize {
  return load<usize>(m, 32);
}

export function machineSlotCount(m: usize): i32 {
  return load<i32>(m, 8);
}

function clearQueue(queue: usize): void {
  store<i32>(queue, load<i32>(queue, 4) + 1, 4);
  store<i32>(queue, 0, 8);
}

function isWordByte(c: i32): bool {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c == 0x5f;
}

/** The empty-width conditions that hold at byte offset `at`. \b is ASCII-only, as in Go. */
function conditionsAt(input: usize, len: i32, at: i32): i32 {
  const before = at > 0 ? <i32>load<u8>(input + <usize>(at - 1)) : -1;
  const after = at < len ? <i32>load<u8>(input + <usize>at) : -1;
  let conditions = 0;
  if (at == 0) conditions |= A_BEGIN_TEXT | A_BEGIN_LINE;
  else if (before == 0x0a) conditions |= A_BEGIN_LINE;
  if (at == len) conditions |= A_END_TEXT | A_END_LINE;
  else if (after == 0x0a) conditions |= A_END_LINE;
  conditions |= isWordByte(before) != isWordByte(after) ? A_WORD_BOUNDARY : A_NOT_WORD_BOUNDARY;
  return conditions;
}

/**
 * Adds the thread at `start` with the working captures to `queue`, following jumps, splits (preferred
 * branch first), saves and assertions, and queueing each rune-consuming or MATCH instruction reached.
 * Uses an explicit stack: a pushed pc >= 0 is a branch still to explore, -1 restores a capture slot
 * that the branch explored before it had overwritten.
 */
function addThread(m: usize, queue: usize, start: i32, at: i32, conditions: i32): void {
  const program = load<usize>(m);
  const slots = load<i32>(m, 8);
  const stack = load<usize>(m, 24);
  const caps = load<usize>(m, 28);
  const marks = load<usize>(queue);
  const generation = load<i32>(queue, 4);
  let depth = 0;
  store<i32>(stack, start);
  depth = 1;
  while (depth > 0) {
    depth--;
    const entry = stack + <usize>depth * 12;
    let pc = load<i32>(entry);
    if (pc < 0) {
      store<i32>(caps + ((<usize>load<i32>(entry, 4)) << 2), load<i32>(entry, 8));
      continue;
    }
    while (true) {
      const mark = marks + ((<usize>pc) << 2);
      if (load<i32>(mark) == generation) break;
      store<i32>(mark, generation);
      pikeSteps++;
      const op = instOp(program, pc);
      if (op == OP_JMP) {
        pc = instX(program, pc);
      } else if (op == OP_SPLIT) {
        store<i32>(stack + <usize>depth * 12, instY(program, pc));
        depth++;
        pc = instX(program, pc);
      } else if (op == OP_SAVE) {
        const slot = caps + ((<usize>instX(program, pc)) << 2);
        const saved = stack + <usize>depth * 12;
        store<i32>(saved, -1);
        store<i32>(saved, instX(program, pc), 4);
        store<i32>(saved, load<i32>(slot), 8);
        depth++;
        store<i32>(slot, at);
        pc++;
      } else if (op == OP_ASSERT) {
        if ((instX(program, pc) & conditions) == 0) break;
        pc++;
      } else if (op == OP_MATCH || op <= OP_ANY_NOT_NL) {
        const count = load<i32>(queue, 8);
        const thread = load<usize>(queue, 12) + <usize>count * <usize>(slots + 1) * 4;
        store<i32>(thread, pc);
        memory.copy(thread + 4, caps, <usize>slots * 4);
        store<i32>(queue, count + 1, 8);
        break;
      } else break; // OP_FAIL
    }
  }
}

function consumes(program: usize, pc: i32, r: i32): bool {
  const op = instOp(program, pc);
  if (op == OP_RUNE) return instX(program, pc) == r;
  if (op == OP_CLASS) return rangesContain(<usize>instX(program, pc), instY(program, pc), r);
  if (op == OP_ANY) return true;
  return op == OP_ANY_NOT_NL && r != 0x0a;
}

/**
 * Searches input[from..] for the leftmost-first match (the whole input stays the context of ^, \b...).
 * With `wantSlots` false it stops at the first match found, for a yes/no answer; otherwise the match
 * boundaries and groups are left in machineMatchSlots(m).
 */
export function pikeSearch(m: usize, input: usize, len: i32, from: i32, wantSlots: bool): bool {
  const program = load<usize>(m);
  const slots = load<i32>(m, 8);
  const anchored = load<i32>(m, 12) != 0;
  const caps = load<usize>(m, 28);
  const matchCaps = load<usize>(m, 32);
  let runq = load<usize>(m, 16);
  let nextq = load<usize>(m, 20);
  const stride = <usize>(slots + 1) * 4;
  clearQueue(runq);
  let matched = false;
  let at = from;
  let conditions = conditionsAt(input, len, at);
  while (true) {
    if (load<i32>(runq, 8) == 0 && (matched || (anchored && at != 0))) break;
    if (!matched && (!anchored || at == 0)) {
      memory.fill(caps, 0xff, <usize>slots * 4);
      addThread(m, runq, 0, at, conditions);
    }
    let r = -1;
    let width = 0;
    if (at < len) {
      r = decodeRune(input, len, at);
      width = decodedWidth;
    }
    const nextConditions = width > 0 ? conditionsAt(input, len, at + width) : 0;
    clearQueue(nextq);
    const count = load<i32>(runq, 8);
    const threads = load<usize>(runq, 12);
    for (let i = 0; i < count; i++) {
      const thread = threads + <usize>i * stride;
      const pc = load<i32>(thread);
      pikeSteps++;
      if (instOp(program, pc) == OP_MATCH) {
        memory.copy(matchCaps, thread + 4, <usize>slots * 4);
        matched = true;
        if (!wantSlots) return true;
        break; // the threads after this one have lower priority than the match just found
      }
      if (width > 0 && consumes(program, pc, r)) {
        memory.copy(caps, thread + 4, <usize>slots * 4);
        addThread(m, nextq, pc + 1, at + width, nextConditions);
      }
    }
    const swap = runq;
    runq = nextq;
    nextq = swap;
    if (width == 0) break;
    at += width;
    conditions = nextConditions;
  }
  // Keep the queue roles stable for the next search on this machine.
  store<usize>(m, runq, 16);
  store<usize>(m, nextq, 20);
  return matched;
}
