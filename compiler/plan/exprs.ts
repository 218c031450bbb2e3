/**
 * Bodies and expressions. A body is its expressions in (safety) order, each planned with the
 * rest of the body as its continuation. A bare term must be defined and not false; `=` unifies;
 * calls are builtins or user functions; `not` plans its expression in a NotStmt block, after the
 * operands OPA evaluates outside it (negation.ts); `every` scans its domain and fails when some
 * element's body is undefined; `with` modifiers wrap the expression in WithStmts (see with.ts).
 */
import type { Body, Expr, Term } from "../syntax/ast";
import { opName } from "../syntax/expressions";
import { planCallExpr } from "./calls";
import { hoistFromNegation } from "./negation";
import { PlanState } from "./state";
import { planCallsFirst, planTerm } from "./terms";
import { planUnify, planUnifyLocal } from "./unify";
import { planWith } from "./with";

type Next = () => void;

export function planBody(s: PlanState, body: Body, then: Next): void {
  const step = (i: number): void => {
    if (i === body.length) return then();
    planExpr(s, body[i], () => step(i + 1));
  };
  step(0);
}

export function planExpr(s: PlanState, expr: Expr, then: Next): void {
  s.at(expr.loc);
  if (expr.with.length > 0) return planWith(s, expr, (inner, next) => planExpr(s, inner, next), then);
  if (expr.negated) return planNot(s, expr, then);
  const kind = expr.kind;
  switch (kind.type) {
    case "term":
      return planCallsFirst(s, [kind.term], () =>
        planTerm(s, kind.term, (op) => {
          if (op.type === "bool" && op.value) return then(); // `true` holds: nothing to check
          s.at(expr.loc);
          s.emit("NotEqualStmt", { a: op, b: { type: "bool", value: false } });
          then();
        }),
      );
    case "call": {
      const name = opName(kind.op);
      if ((name === "eq" || name === "assign" || name === "equal") && kind.args.length === 2) {
        return planCallsFirst(s, kind.args, () => planUnify(s, kind.args[0], kind.args[1], then));
      }
      return planCallExpr(s, kind.op, kind.args, expr.loc, then);
    }
    case "some":
      return then();
    case "every":
      return planEvery(s, kind.key, kind.value, kind.domain, kind.body, then);
  }
}

/** `not e`: e's operands that OPA evaluates first (negation.ts), then e in a NotStmt block. */
function planNot(s: PlanState, expr: Expr, then: Next): void {
  const { row, col } = expr.loc;
  let count = 0;
  const { expr: negated, hoisted } = hoistFromNegation(expr, () => `$not${count++}@${row}:${col}`);
  const step = (i: number): void => {
    if (i < hoisted.length) {
      return planTerm(s, hoisted[i].term, (op) => {
        s.bind(hoisted[i].name, s.asLocal(op));
        step(i + 1);
      });
    }
    s.at(expr.loc);
    const block = s.blockOf(() =>
      s.scoped(() => planExpr(s, { ...negated, negated: false }, () => undefined)),
    );
    s.emit("NotStmt", { block });
    then();
  };
  step(0);
}

/**
 * `every k, v in domain { body }`: the domain must be a collection; then for each element the
 * body runs in a block that sets `ok`; an element without `ok` sets `failed`; and the
 * expression holds when nothing failed.
 */
function planEvery(
  s: PlanState,
  key: Term | undefined,
  value: Term,
  domain: Term,
  body: Body,
  then: Next,
): void {
  planTerm(s, domain, (domainOp) => {
    const source = s.newLocal();
    s.emit("AssignVarStmt", { source: domainOp, target: source });
    const failed = s.newLocal();
    s.emit("ResetLocalStmt", { target: failed });
    const isCollection = (["IsArrayStmt", "IsObjectStmt", "IsSetStmt"] as const).map((type) =>
      s.blockOf(() => {
        s.emit(type, { source: PlanState.local(source) });
        s.emit("BreakStmt", { index: 1 });
      }),
    );
    const check = s.blockOf(() => {
      s.emit("BlockStmt", { blocks: isCollection });
      s.emit("BreakStmt", { index: 1 });
    });
    s.emit("BlockStmt", { blocks: [check] });

    const k = s.newLocal();
    const v = s.newLocal();
    const scan = s.blockOf(() =>
      s.scoped(() => {
        const ok = s.newLocal();
        const perElement = (): void => {
          s.emit("ResetLocalStmt", { target: ok });
          const attempt = s.blockOf(() =>
            planUnifyLocal(s, value, v, () =>
              planBody(s, body, () =>
                s.emit("AssignVarStmt", { source: { type: "bool", value: true }, target: ok }),
              ),
            ),
          );
          s.emit("BlockStmt", { blocks: [attempt] });
          s.emit("IsUndefinedStmt", { source: ok });
          s.emit("AssignVarStmt", { source: { type: "bool", value: true }, target: failed });
        };
        if (key) planUnifyLocal(s, key, k, perElement);
        else perElement();
      }),
    );
    s.emit("ScanStmt", { source, key: k, value: v, block: scan });
    s.emit("IsUndefinedStmt", { source: failed });
    then();
  });
}
