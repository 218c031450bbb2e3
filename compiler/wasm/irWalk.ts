/** Walks of the IR's statement tree, for the back end's analyses before emission. */
import type { Block, Stmt } from "../plan/ir";

/** Every statement of `blocks`, at any depth, each before those of its inner blocks. */
export function* allStmts(blocks: Block[]): Generator<Stmt> {
  for (const block of blocks) {
    for (const stmt of block.stmts) {
      yield stmt;
      yield* allStmts(innerBlocks(stmt));
    }
  }
}

/** The blocks a statement runs itself (BlockStmt, NotStmt, ScanStmt, WithStmt). */
export function innerBlocks(stmt: Stmt): Block[] {
  switch (stmt.type) {
    case "BlockStmt":
      return stmt.stmt.blocks ?? [];
    case "NotStmt":
    case "ScanStmt":
    case "WithStmt":
      return [stmt.stmt.block];
    default:
      return [];
  }
}
