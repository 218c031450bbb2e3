// Runs a glob compiled by globProgram.ts over a text: whether the whole text matches. The text is read
// rune by rune (an invalid byte is one U+FFFD, as Go reads it) while the set of instructions waiting
// for the next rune is kept, as a Thompson NFA simulation does. Each rune costs at most one step per
// instruction, so no pattern takes more than (text runes × pattern size) steps, however many stars and
// alternatives it has (`*a*a*a*a*b` included), where a backtracking matcher can take exponential time.

import { alloc } from "../alloc";
import { utf8Decode, utf8LastSize } from "../utf8";
import {
  GLOB_COUNT,
  GLOB_SCRATCH,
  GLOB_SEPARATORS,
  GLOB_SEPARATOR_COUNT,
  OP_FORK,
  OP_JUMP,
  OP_ONE,
  OP_RANGE,
  OP_RUNE,
  OP_SET,
  OP_STAR,
  OP_SUPER,
  instructionAt,
} from "./globProgram";

// Working memory of the current run (in the glob's scratch block, reused by every run of the glob):
// marks[pc] is the step that last reached instruction pc, so an instruction enters a step's set once;
// the stack holds the instructions still to follow while a set is filled.
let marks: usize = 0;
let stack: usize = 0;
let step: i32 = 0;
let program: usize = 0;

/** Whether the glob matches all `len` bytes at `text`. */
export function globMatches(glob: usize, text: usize, len: i32): bool {
  const count = load<i32>(glob, GLOB_COUNT);
  const size = (<usize>count) << 2;
  let scratch = <usize>load<u32>(glob, GLOB_SCRATCH);
  if (scratch == 0) {
    // marks, two sets and the stack, which holds at most one entry per instruction's target (two for
    // a fork) plus the start
    scratch = alloc(size * 5 + 4);
    store<u32>(glob, <u32>scratch, GLOB_SCRATCH);
  }
  marks = scratch;
  let current = scratch + size;
  let next = current + size;
  stack = next + size;
  program = glob;
  memory.fill(marks, 0, size);
  step = 1;
  let currentCount = follow(current, 0, 0);
  const separators = <usize>load<u32>(glob, GLOB_SEPARATORS);
  const separatorCount = load<i32>(glob, GLOB_SEPARATOR_COUNT);
  for (let at = 0; at < len;) {
    if (currentCount == 0) return false;
    let r = <i32>load<u8>(text + <usize>at);
    let w = 1;
    if (r >= 0x80) {
      r = <i32>utf8Decode(text, at, len);
      w = utf8LastSize();
    }
    at += w;
    step++;
    let nextCount = 0;
    for (let i = 0; i < currentCount; i++) {
      const pc = load<i32>(current + ((<usize>i) << 2));
      const instruction = instructionAt(glob, pc);
      const op = load<i32>(instruction);
      const a = load<i32>(instruction, 4);
      const b = load<i32>(instruction, 8);
      let to = -1;
      if (op == OP_RUNE) {
        if (r == a && w == b) to = pc + 1;
      } else if (op == OP_ONE) {
        if (!containsRune(r, separators, separatorCount)) to = pc + 1;
      } else if (op == OP_STAR) {
        if (!containsRune(r, separators, separatorCount)) to = pc;
      } else if (op == OP_SUPER) {
        to = pc;
      } else if (op == OP_RANGE) {
        if ((a <= r && r <= b) != (load<i32>(instruction, 12) != 0)) to = pc + 1;
      } else if (op == OP_SET) {
        if (containsRune(r, <usize>a, b) != (load<i32>(instruction, 12) != 0)) to = pc + 1;
      }
      if (to >= 0) nextCount = follow(next, nextCount, to);
    }
    const filled = next;
    next = current;
    current = filled;
    currentCount = nextCount;
  }
  // OP_MATCH, the last instruction, is in the final set
  return load<i32>(marks + size - 4) == step;
}

/**
 * Adds instruction `pc` to the set of `count` instructions at `set` for this step, following forks
 * and jumps, and the way on past a star; returns the new count.
 */
function follow(set: usize, count: i32, pc: i32): i32 {
  push(0, pc);
  let top = 1;
  while (top > 0) {
    top--;
    const at = load<i32>(stack + ((<usize>top) << 2));
    const mark = marks + ((<usize>at) << 2);
    if (load<i32>(mark) == step) continue;
    store<i32>(mark, step);
    const instruction = instructionAt(program, at);
    const op = load<i32>(instruction);
    if (op == OP_FORK || op == OP_JUMP) {
      push(top++, load<i32>(instruction, 4));
      if (op == OP_JUMP) continue;
    } else {
      store<i32>(set + ((<usize>count) << 2), at);
      count++;
      if (op != OP_STAR && op != OP_SUPER) continue;
    }
    push(top++, at + 1);
  }
  return count;
}

/** Puts `pc` at entry `index` of the stack. */
function push(index: i32, pc: i32): void {
  store<i32>(stack + ((<usize>index) << 2), pc);
}

/** Whether rune r is one of the `count` runes at `runes`. */
function containsRune(r: i32, runes: usize, count: i32): bool {
  for (let i = 0; i < count; i++) if (load<i32>(runes + ((<usize>i) << 2)) == r) return true;
  return false;
}
