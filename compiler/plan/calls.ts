/**
 * Calls. A builtin is a CallStmt naming it (and declared in `static.builtin_funcs`); a user
 * function is a CallStmt to its rules' func with input and data prepended. A function mocked by
 * `with f as g` calls g instead, and `with f as <value>` makes the call evaluate to the value.
 * As an expression, a call with one more argument than its arity unifies its result with the
 * last argument; otherwise the result must be defined and not false (a builtin without a result
 * is only called).
 */
import type { Position, Term } from "../syntax/ast";
import { lookupBuiltin } from "../check/builtins";
import { guessedArity } from "../check/safety";
import { termVars } from "../check/termvars";
import { opName } from "../syntax/expressions";
import type { Operand } from "./ir";
import { METADATA_CALLS, metadataConstant } from "./metadata";
import { planRules } from "./rules";
import { NO_MOCKS, PlanError, PlanState } from "./state";
import { planCallsFirst, planTerm, planTerms, type Then } from "./terms";
import { planUnifyLocal } from "./unify";

/** The dotted name a call operator or `with` value names: `count`, `data.pkg.f`. */
function functionName(term: Term): string | undefined {
  return term.value.type === "var" ? term.value.name : opName(term);
}

/** The number of arguments `op` takes, when known. */
export function arityOf(s: PlanState, op: Term): number | undefined {
  const name = functionName(op);
  if (name === undefined) return undefined;
  const mock = s.mocks.functions.get(name);
  if (mock?.type === "function") {
    const mocked = s.trie.functionArity(mock.name) ?? lookupBuiltin(mock.name)?.arity;
    if (mocked !== undefined) return mocked;
  }
  return s.trie.functionArity(name) ?? lookupBuiltin(name)?.arity;
}

/** A call as an expression of a body. */
export function planCallExpr(s: PlanState, op: Term, args: Term[], loc: Position, then: () => void): void {
  const arity = arityOf(s, op) ?? guessedArity(functionName(op) ?? "data.", args, boundVars(s, args));
  if (arity !== undefined && args.length === arity + 1) {
    return planCall(s, op, args.slice(0, arity), (result) =>
      planUnifyLocal(s, args[arity], s.asLocal(result), then),
    );
  }
  planCall(s, op, args, (result) => {
    // A builtin without a result (internal.print) is a statement: OPA tests nothing after it.
    if (lookupBuiltin(functionName(op) ?? "")?.void === true) return then();
    s.at(loc);
    s.emit("NotEqualStmt", { a: result, b: { type: "bool", value: false } });
    then();
  });
}

/** The variables of `args` bound at this point. */
function boundVars(s: PlanState, args: Term[]): Set<string> {
  const bound = new Set<string>();
  for (const arg of args) for (const v of termVars(arg)) if (s.lookup(v) !== undefined) bound.add(v);
  return bound;
}

/** A call whose result is handed to `then`. */
export function planCall(s: PlanState, op: Term, args: Term[], then: Then): void {
  const name = functionName(op);
  if (name === undefined) throw new PlanError("dynamic function calls are not supported", op.loc);
  const mock = s.mocks.functions.get(name);
  switch (mock?.type) {
    case "constant":
      return planTerms(s, args, () => planTerm(s, mock.term, then));
    case "captured":
      return planTerms(s, args, () => then(PlanState.local(s.mockLocals[mock.index])));
    case "function": {
      // The replacement runs unmocked, as OPA's: it may call the original, and no other mock applies.
      const func = s.inGenerationOf(0, NO_MOCKS, [], () => functionOf(s, mock.name, op.loc));
      return emitCall(s, func ?? mock.name, args, func ? [] : undefined, then);
    }
    default: {
      if (METADATA_CALLS.has(name)) return planTerm(s, metadataConstant(s, name, op.loc), then);
      const func = functionOf(s, name, op.loc);
      return emitCall(s, func ?? name, args, func ? s.mockLocals : undefined, then);
    }
  }
}

/** The func planned for user function `name`, or undefined when `name` is a builtin. */
function functionOf(s: PlanState, name: string, loc: Position): string | undefined {
  if (!name.startsWith("data.")) return undefined;
  const node = s.trie.find(name.split(".").slice(1));
  if (!node || node.rules.length === 0) throw new PlanError(`undefined function ${name}`, loc);
  return planRules(s, node);
}

/**
 * CallStmt to a func (with input, data and the captured mock values around the arguments) or,
 * when `mockLocals` is undefined, to a builtin (declared in static.builtin_funcs).
 */
function emitCall(
  s: PlanState,
  func: string,
  args: Term[],
  mockLocals: number[] | undefined,
  then: Then,
): void {
  if (mockLocals === undefined && !s.builtins.has(func)) {
    s.builtins.set(func, { name: func, decl: lookupBuiltin(func)?.decl ?? { type: "function" } });
  }
  planCallsFirst(s, args, () =>
    planTerms(s, args, (ops) => {
      const result = s.newLocal();
      const callArgs: Operand[] =
        mockLocals === undefined
          ? ops
          : [PlanState.local(0), PlanState.local(1), ...ops, ...mockLocals.map(PlanState.local)];
      s.emit("CallStmt", { func, args: callArgs, result });
      if (mockLocals !== undefined || lookupBuiltin(func)?.relation !== true)
        return then(PlanState.local(result));
      // A relation (`walk`) returns all its outputs in an array: the call yields each in turn.
      const key = s.newLocal();
      const value = s.newLocal();
      const block = s.blockOf(() => then(PlanState.local(value)));
      s.emit("ScanStmt", { source: result, key, value, block });
    }),
  );
}
