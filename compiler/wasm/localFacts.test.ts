/**
 * The facts the emitter relies on to leave work out: which AssignVarOnceStmts find their target
 * undefined, and how often locals are read. Each row marks the assignments it expects to be first.
 */
import type { Block, Operand, Stmt } from "../plan/ir";
import { localFacts, onlyTrueWritten } from "./localFacts";
import { block, bool, local, stmt } from "./testing";

/** Each assignment reads a local of its own, so that rows can tell them apart. */
let sources = 20;
const once = (target: number): Stmt => stmt("AssignVarOnceStmt", { source: local(sources++), target });
const reset = (target: number): Stmt => stmt("ResetLocalStmt", { target });
const defined = (source: number): Stmt => stmt("IsDefinedStmt", { source });
const int = (target: number): Stmt => stmt("MakeNumberIntStmt", { value: 1, target });
const blocks = (...inner: Block[]): Stmt => stmt("BlockStmt", { blocks: inner });
const scan = (body: Block): Stmt => stmt("ScanStmt", { source: 9, key: 7, value: 8, block: body });

interface Row {
  name: string;
  blocks: Block[];
  /** The AssignVarOnceStmts (by identity) that must be reported first, and no others. */
  first: Stmt[];
}

function rows(): Row[] {
  const a = once(2);
  const b = once(2);
  const c = once(2);
  const d = once(3);
  const e = once(2);
  const f = once(2);
  const g = once(2);
  const h = once(2);
  const i = once(3);
  const j = once(2);
  const k = once(2);
  const l = once(2);
  return [
    { name: "a fresh local, then the same local again", blocks: [block(a, b)], first: [a] },
    { name: "a param is set on entry", blocks: [block(once(0), once(5))], first: [] },
    {
      name: "a reset earlier in the same block makes it undefined again",
      blocks: [block(c, reset(2), d, e)],
      first: [c, d, e],
    },
    {
      name: "a block may stop before its reset: the next block may see the value",
      blocks: [block(f, defined(4), reset(2)), block(g)],
      first: [f],
    },
    {
      name: "the blocks of a BlockStmt run one after the other",
      blocks: [block(blocks(block(h), block(once(2))), once(2))],
      first: [h],
    },
    {
      name: "a scan body's later iterations see what earlier ones wrote",
      blocks: [block(scan(block(once(2))), once(2))],
      first: [],
    },
    {
      name: "a local the scan body does not write stays undefined",
      blocks: [block(scan(block(int(4))), i)],
      first: [i],
    },
    { name: "any other write sets it", blocks: [block(int(2), once(2)), block(j)], first: [] },
    {
      name: "past an IsUndefinedStmt it is undefined, as in each else of a chain",
      blocks: [block(k), block(stmt("IsUndefinedStmt", { source: 2 }), l)],
      first: [k, l],
    },
  ];
}

describe("AssignVarOnceStmts that find their target undefined", () => {
  test.each(rows())("$name", ({ blocks: body, first }) => {
    const facts = localFacts([0, 1, 5], body);
    expect([...facts.firstAssignments]).toEqual(first);
  });
});

describe("reads of locals", () => {
  test("a statement's targets are not reads; AssignVarOnce reads its target, NotEqual its operands", () => {
    const body = [
      block(
        stmt("CallStmt", { func: "f", args: [local(0), local(1), local(2)], result: 3 }),
        stmt("NotEqualStmt", { a: local(3), b: bool(false) }),
        stmt("AssignVarOnceStmt", { source: local(3), target: 4 }),
        scan(block(stmt("DotStmt", { source: local(8), key: local(2), target: 6 }))),
      ),
    ];
    const { reads } = localFacts([0, 1, 2], body);
    expect(Object.fromEntries(reads)).toEqual({ 0: 1, 1: 1, 2: 2, 3: 2, 4: 1, 8: 1, 9: 1 });
  });
});

describe("copies into locals nothing reads", () => {
  const copy = (source: number, target: number): Stmt =>
    stmt("AssignVarStmt", { source: local(source), target });
  const returns = (source: number): Stmt => stmt("ReturnLocalStmt", { source });
  test.each([
    {
      name: "a scan key copied into a wildcard is not read",
      body: [copy(7, 10), returns(8)],
      reads: { 8: 1, 9: 1 },
    },
    {
      name: "a chain of dead copies leaves its start unread",
      body: [copy(7, 10), copy(10, 11), returns(8)],
      reads: { 8: 1, 9: 1 },
    },
    {
      name: "a copy that is read keeps its source read",
      body: [copy(7, 10), returns(10)],
      reads: { 7: 1, 9: 1, 10: 1 },
    },
    {
      name: "the source's other reads stay counted",
      body: [copy(7, 10), copy(7, 11), returns(11)],
      reads: { 7: 1, 9: 1, 11: 1 },
    },
  ])("$name", ({ body, reads }) => {
    const facts = localFacts([0, 1], [block(scan(block(...body)))]);
    expect(Object.fromEntries(facts.reads)).toEqual(reads);
  });
});

describe("locals that can only be true or undefined", () => {
  const set = (source: Operand, target: number): Stmt => stmt("AssignVarStmt", { source, target });
  const setOnce = (source: Operand, target: number): Stmt => stmt("AssignVarOnceStmt", { source, target });
  test.each([
    { name: "set to true once", body: [setOnce(bool(true), 2)], onlyTrue: true },
    {
      name: "set to true, reset, set to true again",
      body: [setOnce(bool(true), 2), reset(2), set(bool(true), 2)],
      onlyTrue: true,
    },
    {
      name: "a copy of a local set only to true (as OPA plans `f(x) if`)",
      body: [setOnce(bool(true), 5), setOnce(local(5), 2)],
      onlyTrue: true,
    },
    {
      name: "a copy cycle with no other write",
      body: [set(local(6), 5), set(local(5), 6), set(local(5), 2)],
      onlyTrue: true,
    },
    { name: "also set to false", body: [setOnce(bool(true), 2), set(bool(false), 2)], onlyTrue: false },
    {
      name: "a copy of a local set to something else",
      body: [int(5), setOnce(local(5), 2)],
      onlyTrue: false,
    },
    { name: "a copy of a param, which holds anything", body: [setOnce(local(3), 2)], onlyTrue: false },
    {
      name: "a call's result",
      body: [stmt("CallStmt", { func: "f", args: [], result: 2 })],
      onlyTrue: false,
    },
  ])("$name: $onlyTrue", ({ body, onlyTrue }) => {
    expect(onlyTrueWritten([0, 1, 3], [block(scan(block(...body)))], 2)).toBe(onlyTrue);
  });
});
