// Compiles a parse tree into a program for the Pike VM (pikevm.ts): 16-byte instructions
// {op, x, y, z} in linear memory. The program is  SAVE 0; <tree>; SAVE 1; MATCH.
import { alloc } from "../alloc";
import {
  A_BEGIN_TEXT,
  N_ALTERNATE,
  N_ANY,
  N_ANY_NOT_NL,
  N_ASSERT,
  N_CAPTURE,
  N_CLASS,
  N_CONCAT,
  N_LITERAL,
  N_REPEAT,
  nodeA,
  nodeB,
  nodeC,
  nodeChild,
  nodeKind,
  nodeLeft,
} from "./ast";

export const OP_RUNE = 0; // x = rune
export const OP_CLASS = 1; // x = range pairs, y = pair count
export const OP_ANY = 2;
export const OP_ANY_NOT_NL = 3;
export const OP_SPLIT = 4; // try x first, then y
export const OP_JMP = 5; // x
export const OP_SAVE = 6; // x = capture slot
export const OP_ASSERT = 7; // x = A_* condition
export const OP_MATCH = 8;
export const OP_FAIL = 9; // an empty class: no rune matches

export const INST_SIZE: usize = 16;

// Programs above this many instructions are rejected as "expression too large": the matcher's
// memory is proportional to the program, and Go rejects such patterns too (at a larger limit).
export const MAX_PROGRAM = 100000;

let program: usize = 0;
let pc: i32 = 0;

export function instOp(prog: usize, at: i32): i32 {
  return load<i32>(prog + ((<usize>at) << 4));
}

export function instX(prog: usize, at: i32): i32 {
  return load<i32>(prog + ((<usize>at) << 4), 4);
}

export function instY(prog: usize, at: i32): i32 {
  return load<i32>(prog + ((<usize>at) << 4), 8);
}

function emit(op: i32, x: i32, y: i32): i32 {
  const at = program + ((<usize>pc) << 4);
  store<i32>(at, op);
  store<i32>(at, x, 4);
  store<i32>(at, y, 8);
  store<i32>(at, 0, 12);
  return pc++;
}

function patchX(at: i32, x: i32): void {
  store<i32>(program + ((<usize>at) << 4), x, 4);
}

function patchY(at: i32, y: i32): void {
  store<i32>(program + ((<usize>at) << 4), y, 8);
}

/** Instructions needed for `node`; saturates above MAX_PROGRAM so nested repeats cannot overflow. */
function programSize(node: usize): i64 {
  const kind = nodeKind(node);
  let size: i64 = 0;
  if (kind == N_LITERAL || kind == N_CLASS || kind == N_ANY || kind == N_ANY_NOT_NL || kind == N_ASSERT)
    size = 1;
  else if (kind == N_CONCAT || kind == N_ALTERNATE) {
    for (let i = 0; i < nodeB(node); i++)
      size = min(size + programSize(nodeChild(node, i)), <i64>MAX_PROGRAM + 1);
    if (kind == N_ALTERNATE) size += 2 * <i64>(nodeB(node) - 1);
  } else if (kind == N_CAPTURE) size = programSize(nodeLeft(node)) + 2;
  else if (kind == N_REPEAT) {
    const body = programSize(nodeLeft(node));
    const lo = <i64>nodeA(node);
    const hi = <i64>nodeB(node);
    if (hi < 0) size = lo == 0 ? body + 2 : lo * body + 1;
    else size = lo * body + (hi - lo) * (body + 1);
  }
  return min(size, <i64>MAX_PROGRAM + 1);
}

/** The program for `tree`, or 0 when it would exceed MAX_PROGRAM instructions. */
export function compileProgram(tree: usize): usize {
  const size = programSize(tree) + 3;
  if (size > <i64>MAX_PROGRAM) return 0;
  program = alloc(<usize>size * INST_SIZE);
  pc = 0;
  emit(OP_SAVE, 0, 0);
  compileNode(tree);
  emit(OP_SAVE, 1, 0);
  emit(OP_MATCH, 0, 0);
  return program;
}

/** Instruction count of the program compileProgram returned last. */
export function compiledLength(): i32 {
  return pc;
}

function compileNode(node: usize): void {
  const kind = nodeKind(node);
  if (kind == N_LITERAL) emit(OP_RUNE, nodeA(node), 0);
  else if (kind == N_CLASS) {
    if (nodeB(node) == 0) emit(OP_FAIL, 0, 0);
    else emit(OP_CLASS, nodeA(node), nodeB(node));
  } else if (kind == N_ANY) emit(OP_ANY, 0, 0);
  else if (kind == N_ANY_NOT_NL) emit(OP_ANY_NOT_NL, 0, 0);
  else if (kind == N_ASSERT) emit(OP_ASSERT, nodeA(node), 0);
  else if (kind == N_CONCAT) {
    for (let i = 0; i < nodeB(node); i++) compileNode(nodeChild(node, i));
  } else if (kind == N_ALTERNATE) {
    // SPLIT next, L1; <first>; JMP end; L1: SPLIT next, L2; <second>; JMP end; ... <last>; end:
    const count = nodeB(node);
    const jumps = alloc(<usize>count * 4);
    for (let i = 0; i < count - 1; i++) {
      const split = emit(OP_SPLIT, pc + 1, 0);
      compileNode(nodeChild(node, i));
      store<i32>(jumps + ((<usize>i) << 2), emit(OP_JMP, 0, 0));
      patchY(split, pc);
    }
    compileNode(nodeChild(node, count - 1));
    for (let i = 0; i < count - 1; i++) patchX(load<i32>(jumps + ((<usize>i) << 2)), pc);
  } else if (kind == N_CAPTURE) {
    emit(OP_SAVE, nodeA(node) * 2, 0);
    compileNode(nodeLeft(node));
    emit(OP_SAVE, nodeA(node) * 2 + 1, 0);
  } else if (kind == N_REPEAT) compileRepeat(node);
}

function compileRepeat(node: usize): void {
  const body = nodeLeft(node);
  const lo = nodeA(node);
  const hi = nodeB(node);
  const greedy = nodeC(node) != 0;
  if (hi < 0 && lo == 0) {
    // x*:  L: SPLIT body, end; body; JMP L; end:
    const split = emit(OP_SPLIT, 0, 0);
    const bodyStart = pc;
    compileNode(body);
    emit(OP_JMP, split, 0);
    setBranches(split, bodyStart, pc, greedy);
    return;
  }
  // x{n,...}: n copies first; an unbounded tail makes the last copy loop (x+).
  const copies = hi < 0 ? lo - 1 : lo;
  for (let i = 0; i < copies; i++) compileNode(body);
  if (hi < 0) {
    const bodyStart = pc;
    compileNode(body);
    const split = emit(OP_SPLIT, 0, 0);
    setBranches(split, bodyStart, pc, greedy);
    return;
  }
  // x{n,m}: m-n nested optional copies, x(x(x)?)?, each skip jumping to the common end.
  const optional = hi - lo;
  if (optional == 0) return;
  const splits = alloc(<usize>optional * 4);
  for (let i = 0; i < optional; i++) {
    const split = emit(OP_SPLIT, 0, 0);
    store<i32>(splits + ((<usize>i) << 2), split);
    patchX(split, pc);
    compileNode(body);
  }
  for (let i = 0; i < optional; i++) {
    const split = load<i32>(splits + ((<usize>i) << 2));
    setBranches(split, split + 1, pc, greedy);
  }
}

/** Points a SPLIT at `more` (one more iteration) and `done`, preferring `more` when greedy. */
function setBranches(split: i32, more: i32, done: i32, greedy: bool): void {
  patchX(split, greedy ? more : done);
  patchY(split, greedy ? done : more);
}

/** Whether every match of `node` must start at the beginning of the text (a leading ^ or \A). */
export function anchoredAtStart(node: usize): bool {
  const kind = nodeKind(node);
  if (kind == N_ASSERT) return nodeA(node) == A_BEGIN_TEXT;
  if (kind == N_CONCAT) return anchoredAtStart(nodeChild(node, 0));
  if (kind == N_CAPTURE) return anchoredAtStart(nodeLeft(node));
  if (kind == N_ALTERNATE) {
    for (let i = 0; i < nodeB(node); i++) if (!anchoredAtStart(nodeChild(node, i))) return false;
    return true;
  }
  if (kind == N_REPEAT) return nodeA(node) > 0 && anchoredAtStart(nodeLeft(node));
  return false;
}
