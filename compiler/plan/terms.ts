/**
 * Terms → operands. Scalars become constants (strings and booleans are operands already;
 * numbers keep their literal text via MakeNumberRef; null needs a statement), composites are
 * built from their planned elements, comprehensions collect their body's results in a nested
 * block, refs and calls are delegated. Continuation-passing: a term that iterates (a ref with
 * an unbound variable) calls `then` once per element, inside the iteration's block.
 */
import type { Body, Term } from "../syntax/ast";
import { planCall } from "./calls";
import { planBody } from "./exprs";
import type { Operand } from "./ir";
import { planRef } from "./refs";
import { PlanError, PlanState } from "./state";

export type Then = (operand: Operand) => void;

export function planTerm(s: PlanState, term: Term, then: Then): void {
  const precomputed = s.precomputed.get(term);
  if (precomputed !== undefined) return then(precomputed);
  const v = term.value;
  switch (v.type) {
    case "null": {
      const target = s.newLocal();
      s.emit("MakeNullStmt", { target });
      return then(PlanState.local(target));
    }
    case "boolean":
      return then({ type: "bool", value: v.value });
    case "number":
      return then(PlanState.local(makeNumber(s, v.text)));
    case "string":
      return then({ type: "string_index", value: s.str(v.value) });
    case "var": {
      // `data` alone is the whole document: base data merged with every rule's value.
      if (v.name === "data")
        return planRef(s, { value: { type: "ref", terms: [term] }, loc: term.loc }, then);
      const local = s.lookup(v.name);
      if (local === undefined) throw new PlanError(`var ${v.name} is unbound`, term.loc);
      // The input document may be absent: reading it whole is then undefined.
      if (v.name === "input") s.emit("IsDefinedStmt", { source: local });
      return then(PlanState.local(local));
    }
    case "ref":
      return planRef(s, term, then);
    case "call":
      return planCall(s, v.op, v.args, then);
    case "array":
      return planTerms(s, v.items, (items) => {
        const target = s.newLocal();
        s.emit("MakeArrayStmt", { capacity: items.length, target });
        for (const value of items) s.emit("ArrayAppendStmt", { value, array: target });
        then(PlanState.local(target));
      });
    case "set":
      return planTerms(s, v.items, (items) => {
        const target = s.newLocal();
        s.emit("MakeSetStmt", { target });
        for (const value of items) s.emit("SetAddStmt", { value, set: target });
        then(PlanState.local(target));
      });
    case "object":
      return planTerms(s, v.items.flat(), (ops) => {
        const target = s.newLocal();
        s.emit("MakeObjectStmt", { target });
        for (let i = 0; i < ops.length; i += 2) {
          s.emit("ObjectInsertStmt", { key: ops[i], value: ops[i + 1], object: target });
        }
        then(PlanState.local(target));
      });
    case "arraycompr": {
      const target = s.newLocal();
      s.emit("MakeArrayStmt", { capacity: 0, target });
      comprehension(s, v.body, () =>
        planTerm(s, v.term, (value) => s.emit("ArrayAppendStmt", { value, array: target })),
      );
      return then(PlanState.local(target));
    }
    case "setcompr": {
      const target = s.newLocal();
      s.emit("MakeSetStmt", { target });
      comprehension(s, v.body, () =>
        planTerm(s, v.term, (value) => s.emit("SetAddStmt", { value, set: target })),
      );
      return then(PlanState.local(target));
    }
    case "objectcompr": {
      const target = s.newLocal();
      s.emit("MakeObjectStmt", { target });
      comprehension(s, v.body, () =>
        planTerm(s, v.key, (key) =>
          planTerm(s, v.value, (value) => s.emit("ObjectInsertOnceStmt", { key, value, object: target })),
        ),
      );
      return then(PlanState.local(target));
    }
  }
}

/**
 * Plans the calls nested in `terms` before anything else in them, then runs `then`, during which
 * planTerm answers each of those calls with its result. OPA's compiler moves every call out of an
 * expression (from arrays, objects, sets and refs, not from comprehensions) into an expression of its
 * own placed before it (stage RewriteExprTerms), so `[input.c, count(xs)]` reads input.c after
 * counting. The order shows when one term fails (a conflict) and another is undefined. A call's own
 * arguments get the same treatment when the call is planned (calls.ts).
 */
export function planCallsFirst(s: PlanState, terms: Term[], then: () => void): void {
  const calls: Term[] = [];
  const collect = (term: Term): void => {
    const v = term.value;
    if (v.type === "call") calls.push(term);
    else if (v.type === "array" || v.type === "set") v.items.forEach(collect);
    else if (v.type === "object") v.items.flat().forEach(collect);
    else if (v.type === "ref") v.terms.forEach(collect);
  };
  terms.forEach(collect);
  const step = (i: number): void => {
    if (i === calls.length) return then();
    planTerm(s, calls[i], (result) => {
      s.precomputed.set(calls[i], result);
      step(i + 1);
      s.precomputed.delete(calls[i]);
    });
  };
  step(0);
}

/** Plans `terms` left to right and hands all their operands to `then`. */
export function planTerms(s: PlanState, terms: Term[], then: (operands: Operand[]) => void): void {
  const operands: Operand[] = [];
  const step = (i: number): void => {
    if (i === terms.length) return then([...operands]);
    planTerm(s, terms[i], (op) => {
      operands[i] = op;
      step(i + 1);
    });
  };
  step(0);
}

export function makeNumber(s: PlanState, text: string): number {
  const target = s.newLocal();
  s.emit("MakeNumberRefStmt", { Index: s.str(text), target });
  return target;
}

export function makeInt(s: PlanState, value: number): number {
  const target = s.newLocal();
  s.emit("MakeNumberIntStmt", { value, target });
  return target;
}

/** The comprehension body runs in a block of its own; its bindings stay inside. */
function comprehension(s: PlanState, body: Body, collect: () => void): void {
  const block = s.blockOf(() => s.scoped(() => planBody(s, body, collect)));
  s.emit("BlockStmt", { blocks: [block] });
}
