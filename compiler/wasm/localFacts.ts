/**
 * What the emitter can know about a func's locals before emitting it, to leave out work whose result
 * cannot matter: how often each local is read, and which AssignVarOnceStmts find their target still
 * undefined (so there is no earlier value to compare with).
 *
 * Both are conservative. Reads count every statement that mentions a local other than as the target
 * it writes, except copies into locals nothing reads. A local may hold a value ("may be set") from
 * its first write until a ResetLocalStmt or an IsUndefinedStmt of it earlier in the same block:
 * reaching a statement means every statement before it in its block completed. A block may also be
 * left early, so what runs after it (the next block, the statement after a BlockStmt) counts all of
 * the block's writes and none of its resets; so does a loop body, whose later iterations see what
 * earlier ones wrote.
 */
import type { Block, Local, Operand, Stmt } from "../plan/ir";
import { allStmts } from "./irWalk";

export interface LocalFacts {
  /** Number of statements reading each local; a local never read is absent. */
  reads: Map<Local, number>;
  /** AssignVarOnceStmts whose target is certainly undefined (0) when they run. */
  firstAssignments: Set<Stmt>;
}

/** `params` are set on entry; every other local starts undefined. */
export function localFacts(params: Local[], blocks: Block[]): LocalFacts {
  const reads = new Map<Local, number>();
  for (const stmt of allStmts(blocks)) {
    for (const local of readsOf(stmt)) reads.set(local, (reads.get(local) ?? 0) + 1);
  }
  uncountDeadCopies(blocks, reads);
  const firstAssignments = new Set<Stmt>();
  inSequence(blocks, new Set(params), firstAssignments);
  return { reads, firstAssignments };
}

/**
 * A copy into a local nothing reads is no read of its source: OPA plans `some x in xs` with the scan's
 * key copied into a wildcard, which would otherwise make every such scan fetch its keys. Copies are
 * uncounted until none is left to uncount, since dropping one may leave its source unread in turn.
 */
function uncountDeadCopies(blocks: Block[], reads: Map<Local, number>): void {
  const copies = [...allStmts(blocks)].flatMap((stmt) =>
    stmt.type === "AssignVarStmt" && stmt.stmt.source.type === "local"
      ? [{ source: stmt.stmt.source.value, target: stmt.stmt.target }]
      : [],
  );
  const uncounted = new Set<(typeof copies)[number]>();
  for (let changed = true; changed;) {
    changed = false;
    for (const copy of copies) {
      if (uncounted.has(copy) || reads.has(copy.target)) continue;
      uncounted.add(copy);
      const left = (reads.get(copy.source) ?? 0) - 1;
      if (left > 0) reads.set(copy.source, left);
      else reads.delete(copy.source);
      changed = true;
    }
  }
}

/** Blocks run one after the other, each after the ones before it, which may have stopped anywhere. */
function inSequence(blocks: Block[], entry: Set<Local>, firstAssignments: Set<Stmt>): void {
  const maySet = new Set(entry);
  for (const block of blocks) {
    straightLine(block, maySet, firstAssignments);
    for (const local of writesIn([block])) maySet.add(local);
  }
}

/**
 * Follows the block's statements in order from `entry` (the locals that may hold a value), recording
 * the first assignments.
 */
function straightLine(block: Block, entry: Set<Local>, firstAssignments: Set<Stmt>): void {
  const maySet = new Set(entry);
  for (const stmt of block.stmts) {
    switch (stmt.type) {
      case "AssignVarOnceStmt":
        if (!maySet.has(stmt.stmt.target)) firstAssignments.add(stmt);
        maySet.add(stmt.stmt.target);
        break;
      case "ResetLocalStmt":
        maySet.delete(stmt.stmt.target);
        break;
      case "IsUndefinedStmt":
        // Past it the local is undefined: how OPA plans each `else` after the first.
        maySet.delete(stmt.stmt.source);
        break;
      case "BlockStmt":
        inSequence(stmt.stmt.blocks ?? [], maySet, firstAssignments);
        for (const local of writesIn(stmt.stmt.blocks ?? [])) maySet.add(local);
        break;
      case "NotStmt":
        straightLine(stmt.stmt.block, maySet, firstAssignments);
        for (const local of writesIn([stmt.stmt.block])) maySet.add(local);
        break;
      case "WithStmt":
        maySet.add(stmt.stmt.local);
        straightLine(stmt.stmt.block, maySet, firstAssignments);
        for (const local of writesIn([stmt.stmt.block])) maySet.add(local);
        break;
      case "ScanStmt":
        maySet.add(stmt.stmt.key);
        maySet.add(stmt.stmt.value);
        for (const local of writesIn([stmt.stmt.block])) maySet.add(local);
        straightLine(stmt.stmt.block, maySet, firstAssignments);
        break;
      default:
        for (const local of writesOf(stmt)) maySet.add(local);
    }
  }
}

/** Every local some statement in `blocks` (at any depth) writes. */
function writesIn(blocks: Block[]): Local[] {
  return [...allStmts(blocks)].flatMap(writesOf);
}

/** The locals one statement writes, not counting those of its inner blocks. */
export function writesOf(stmt: Stmt): Local[] {
  switch (stmt.type) {
    case "AssignIntStmt":
    case "AssignVarOnceStmt":
    case "AssignVarStmt":
    case "DotStmt":
    case "LenStmt":
    case "MakeArrayStmt":
    case "MakeNullStmt":
    case "MakeNumberIntStmt":
    case "MakeNumberRefStmt":
    case "MakeObjectStmt":
    case "MakeSetStmt":
    case "ObjectMergeStmt":
    case "ResetLocalStmt":
      return [stmt.stmt.target];
    case "CallDynamicStmt":
    case "CallStmt":
      return [stmt.stmt.result];
    case "ScanStmt":
      return [stmt.stmt.key, stmt.stmt.value];
    case "WithStmt":
      return [stmt.stmt.local];
    default:
      return [];
  }
}

/** The locals one statement reads, not counting those of its inner blocks. */
function readsOf(stmt: Stmt): Local[] {
  const locals = (...operands: Operand[]) =>
    operands.flatMap((operand) => (operand.type === "local" ? [operand.value] : []));
  switch (stmt.type) {
    case "ArrayAppendStmt":
      return [stmt.stmt.array, ...locals(stmt.stmt.value)];
    case "AssignVarOnceStmt":
      return [stmt.stmt.target, ...locals(stmt.stmt.source)];
    case "AssignVarStmt":
    case "IsArrayStmt":
    case "IsObjectStmt":
    case "IsSetStmt":
    case "LenStmt":
      return locals(stmt.stmt.source);
    case "CallDynamicStmt":
      return [...stmt.stmt.args, ...locals(...stmt.stmt.path)];
    case "CallStmt":
      return locals(...(stmt.stmt.args ?? []));
    case "DotStmt":
      return locals(stmt.stmt.source, stmt.stmt.key);
    case "EqualStmt":
    case "NotEqualStmt":
      return locals(stmt.stmt.a, stmt.stmt.b);
    case "IsDefinedStmt":
    case "IsUndefinedStmt":
    case "ReturnLocalStmt":
      return [stmt.stmt.source];
    case "ObjectInsertOnceStmt":
    case "ObjectInsertStmt":
      return [stmt.stmt.object, ...locals(stmt.stmt.key, stmt.stmt.value)];
    case "ObjectMergeStmt":
      return [stmt.stmt.a, stmt.stmt.b];
    case "ResultSetAddStmt":
      return [stmt.stmt.value];
    case "ScanStmt":
      return [stmt.stmt.source];
    case "SetAddStmt":
      return [stmt.stmt.set, ...locals(stmt.stmt.value)];
    case "WithStmt":
      return [stmt.stmt.local, ...locals(stmt.stmt.value)];
    case "AssignIntStmt":
    case "BlockStmt":
    case "BreakStmt":
    case "MakeArrayStmt":
    case "MakeNullStmt":
    case "MakeNumberIntStmt":
    case "MakeNumberRefStmt":
    case "MakeObjectStmt":
    case "MakeSetStmt":
    case "NopStmt":
    case "NotStmt":
    case "ResetLocalStmt":
      return [];
  }
}

/**
 * Whether `local` can only be true or undefined: every write of it in `blocks` sets it to true, resets it,
 * or copies a local that can only be true or undefined; a param holds anything. A rule or function whose
 * return local is such (`f(x) if { ... }`) is tested by its caller as defined or not.
 */
export function onlyTrueWritten(params: Local[], blocks: Block[], local: Local): boolean {
  const stmts = [...allStmts(blocks)];
  const assumed = new Set<Local>();
  const onlyTrue = (target: Local): boolean => {
    if (params.includes(target)) return false;
    // A copy cycle with no other write can only carry true: assume it while checking the cycle.
    if (assumed.has(target)) return true;
    assumed.add(target);
    return stmts.every((stmt) => {
      if (!writesOf(stmt).includes(target) || stmt.type === "ResetLocalStmt") return true;
      if (stmt.type !== "AssignVarStmt" && stmt.type !== "AssignVarOnceStmt") return false;
      const source = stmt.stmt.source;
      if (source.type === "bool") return source.value === true;
      return source.type === "local" && onlyTrue(source.value);
    });
  };
  return onlyTrue(local);
}
