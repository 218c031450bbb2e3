/**
 * Calls. A builtin is a CallStmt naming it (and declared in `static.builtin_funcs`); a user
 * function is a CallStmt to its rules' func with input and data prepended. A function mocked by
 * `with f as g` calls g instead, and `with f as <value>` makes the call evaluate to the value.
 * As an expression, a call with one more argument than its arity unifies its result with the
 * last argument; otherwise the result must be defined and not false.
 */
import type { Position, Term } from "../syntax/ast";
import { lookupBuiltin } from "../check/builtins";
import { callOpName } from "../check/termvars";
import type { Operand } from "./ir";
import { planRules } from "./rules";
import { PlanError, PlanState } from "./state";
import { planTerm, planTerms, type Then } from "./terms";
import { planUnifyLocal } from "./unify";

/** The dotted name a call operator or `with` value names: `count`, `data.pkg.f`. */
function functionName(term: Term): string | undefined {
  return term.value.type === "var" ? term.value.name : callOpName(term);
}

/** The number of arguments `op` takes, when known. */
export function arityOf(s: PlanState, op: Term): number | undefined {
  const name = functionName(op);
  if (name === undefined) return undefined;
  const mock = s.mocks.functions.get(name);
  if (mock && functionName(mock) !== undefined && functionName(mock) !== name) {
    const mocked = arityOf(s, mock);
    if (mocked !== undefined) return mocked;
  }
  return s.trie.functionArity(name) ?? lookupBuiltin(name)?.arity;
}

/** A call as an expression of a body. */
export function planCallExpr(s: PlanState, op: Term, args: Term[], loc: Position, then: () => void): void {
  const arity = arityOf(s, op);
  if (arity !== undefined && args.length === arity + 1) {
    return planCall(s, op, args.slice(0, arity), (result) =>
      planUnifyLocal(s, args[arity], s.asLocal(result), then),
    );
  }
  planCall(s, op, args, (result) => {
    s.at(loc);
    s.emit("NotEqualStmt", { a: result, b: { type: "bool", value: false } });
    then();
  });
}

/** A call whose result is handed to `then`. */
export function planCall(s: PlanState, op: Term, args: Term[], then: Then): void {
  const name = functionName(op);
  if (name === undefined) throw new PlanError("dynamic function calls are not supported", op.loc);
  const mock = s.mocks.functions.get(name);
  if (mock !== undefined) {
    const replacement = functionName(mock);
    const isFunction =
      replacement !== undefined && (s.trie.functionArity(replacement) !== undefined || lookupBuiltin(replacement));
    if (!isFunction) return planTerms(s, args, () => planTerm(s, mock, then));
    if (replacement !== name) return planCall(s, mock, args, then);
  }
  if (name.startsWith("data.")) {
    const node = s.trie.find(name.split(".").slice(1));
    if (!node || node.rules.length === 0) throw new PlanError(`undefined function ${name}`, op.loc);
    const func = planRules(s, node);
    return planTerms(s, args, (ops) => {
      const result = s.newLocal();
      const callArgs: Operand[] = [PlanState.local(0), PlanState.local(1), ...ops];
      s.emit("CallStmt", { func, args: callArgs, result });
      then(PlanState.local(result));
    });
  }
  const builtin = lookupBuiltin(name);
  if (!s.builtins.has(name)) s.builtins.set(name, { name, decl: builtin?.decl ?? { type: "function" } });
  planTerms(s, args, (ops) => {
    const result = s.newLocal();
    s.emit("CallStmt", { func: name, args: ops, result });
    then(PlanState.local(result));
  });
}
