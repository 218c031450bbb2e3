import { parseModule } from "../syntax/parser";
import type { Block, Stmt } from "./ir";
import { planPolicy } from "./planner";
import { printPolicy } from "./print";

function allStmts(blocks: Block[]): Stmt[] {
  return blocks.flatMap((b) =>
    b.stmts.flatMap((s) => {
      const inner =
        s.type === "ScanStmt" || s.type === "NotStmt" || s.type === "WithStmt" ? [s.stmt.block] : [];
      const nested = s.type === "BlockStmt" ? (s.stmt.blocks ?? []) : inner;
      return [s, ...allStmts(nested)];
    }),
  );
}

describe("printing a plan", () => {
  const policy = planPolicy(
    [parseModule("package test\n\np := x if some x in input.xs\n", "t.rego")],
    ["test/p"],
  );
  const text = printPolicy(policy);
  const printed = JSON.parse(text);
  const stmts = allStmts(printed.funcs.funcs[0].blocks);
  const keysOf = (type: string) => Object.keys(stmts.find((s) => s.type === type)?.stmt ?? {});

  test("round-trips as JSON", () => {
    expect(printed).toEqual(policy);
  });

  test.each([
    ["the policy", () => Object.keys(printed), ["static", "plans", "funcs"]],
    ["static data", () => Object.keys(printed.static), ["strings", "files"]],
    ["a func", () => Object.keys(printed.funcs.funcs[0]), ["name", "params", "return", "blocks", "path"]],
    ["a statement", () => Object.keys(stmts[0]), ["type", "stmt"]],
    ["ScanStmt", () => keysOf("ScanStmt"), ["source", "key", "value", "block", "file", "col", "row"]],
    ["DotStmt", () => keysOf("DotStmt"), ["source", "key", "target", "file", "col", "row"]],
    ["AssignVarOnceStmt", () => keysOf("AssignVarOnceStmt"), ["source", "target", "file", "col", "row"]],
  ])("orders the fields of %s as OPA does", (_name, keys, expected) => {
    expect(keys()).toEqual(expected);
  });
});
