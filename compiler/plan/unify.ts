/**
 * Unification (`a = b`, and `:=` after renaming). An unbound variable is bound with AssignVar;
 * arrays and objects written on both sides unify element by element; a pattern holding unbound
 * variables against a value is destructured (IsArray/IsObject, Len, Dot per element); anything
 * else is planned as two values and compared with EqualStmt.
 */
import type { Term } from "../syntax/ast";
import { termVars, valueText } from "../check/termvars";
import type { Local } from "./ir";
import { PlanError, PlanState } from "./state";
import { makeInt, planTerm } from "./terms";

type Next = () => void;

function isUnbound(s: PlanState, term: Term): boolean {
  return term.value.type === "var" && s.lookup(term.value.name) === undefined;
}

function hasUnboundVars(s: PlanState, term: Term): boolean {
  for (const name of termVars(term)) if (s.lookup(name) === undefined) return true;
  return false;
}

/** Emits a statement that is always undefined: the unification cannot succeed. */
function fail(s: PlanState): void {
  s.emit("EqualStmt", { a: { type: "bool", value: true }, b: { type: "bool", value: false } });
}

function bindVar(s: PlanState, name: string, source: Local): void {
  const target = s.newLocal();
  s.emit("AssignVarStmt", { source: PlanState.local(source), target });
  s.bind(name, target);
}

export function planUnify(s: PlanState, a: Term, b: Term, then: Next): void {
  const av = a.value;
  const bv = b.value;
  if (av.type === "var" && bv.type === "var" && isUnbound(s, a) && isUnbound(s, b)) {
    throw new PlanError(`var ${av.name} is unbound`, a.loc);
  }
  if (isUnbound(s, a) && av.type === "var") {
    return planTerm(s, b, (op) => {
      // Planning b may itself bind a (`x = xs[x]` iterates with x as the key).
      const bound = s.lookup(av.name);
      if (bound === undefined) bindVar(s, av.name, s.asLocal(op));
      else s.emit("EqualStmt", { a: op, b: PlanState.local(bound) });
      then();
    });
  }
  if (isUnbound(s, b) && bv.type === "var") return planUnify(s, b, a, then);
  if (av.type === "array" && bv.type === "array") {
    if (av.items.length !== bv.items.length) {
      fail(s);
      return then();
    }
    return unifyPairs(
      s,
      av.items.map((item, i): [Term, Term] => [item, bv.items[i]]),
      then,
    );
  }
  if (av.type === "object" && bv.type === "object" && hasLiteralKeys(a) && hasLiteralKeys(b)) {
    const pairs: [Term, Term][] = [];
    for (const [key, value] of av.items) {
      const match = bv.items.find(([k]) => valueText(k) === valueText(key));
      if (!match || av.items.length !== bv.items.length) {
        fail(s);
        return then();
      }
      pairs.push([value, match[1]]);
    }
    return unifyPairs(s, pairs, then);
  }
  if (isDestructurable(s, a)) return planTerm(s, b, (op) => planUnifyLocal(s, a, s.asLocal(op), then));
  if (isDestructurable(s, b)) return planTerm(s, a, (op) => planUnifyLocal(s, b, s.asLocal(op), then));
  planTerm(s, a, (left) =>
    planTerm(s, b, (right) => {
      s.emit("EqualStmt", { a: left, b: right });
      then();
    }),
  );
}

/** Object keys written as constants can be matched while planning; others only at run time. */
function hasLiteralKeys(term: Term): boolean {
  if (term.value.type !== "object") return false;
  return term.value.items.every(
    ([k]) => termVars(k).size === 0 && k.value.type !== "ref" && k.value.type !== "call",
  );
}

function isDestructurable(s: PlanState, term: Term): boolean {
  const t = term.value.type;
  return (t === "var" || t === "array" || t === "object") && hasUnboundVars(s, term);
}

function unifyPairs(s: PlanState, pairs: [Term, Term][], then: Next): void {
  const step = (i: number): void => {
    if (i === pairs.length) return then();
    planUnify(s, pairs[i][0], pairs[i][1], () => step(i + 1));
  };
  step(0);
}

/** Unifies `pattern` with the value already in `local`. */
export function planUnifyLocal(s: PlanState, pattern: Term, local: Local, then: Next): void {
  const v = pattern.value;
  if (v.type === "var") {
    const bound = s.lookup(v.name);
    if (bound === undefined) {
      bindVar(s, v.name, local);
    } else {
      s.emit("EqualStmt", { a: PlanState.local(local), b: PlanState.local(bound) });
    }
    return then();
  }
  if (v.type === "array" && hasUnboundVars(s, pattern)) {
    s.emit("IsArrayStmt", { source: PlanState.local(local) });
    checkLength(s, local, v.items.length);
    const step = (i: number): void => {
      if (i === v.items.length) return then();
      const index = makeInt(s, i);
      const element = s.newLocal();
      s.emit("DotStmt", { source: PlanState.local(local), key: PlanState.local(index), target: element });
      planUnifyLocal(s, v.items[i], element, () => step(i + 1));
    };
    return step(0);
  }
  if (v.type === "object" && hasUnboundVars(s, pattern)) {
    s.emit("IsObjectStmt", { source: PlanState.local(local) });
    checkLength(s, local, v.items.length);
    const step = (i: number): void => {
      if (i === v.items.length) return then();
      const [key, value] = v.items[i];
      planTerm(s, key, (keyOp) => {
        const element = s.newLocal();
        s.emit("DotStmt", { source: PlanState.local(local), key: keyOp, target: element });
        planUnifyLocal(s, value, element, () => step(i + 1));
      });
    };
    return step(0);
  }
  planTerm(s, pattern, (op) => {
    s.emit("EqualStmt", { a: op, b: PlanState.local(local) });
    then();
  });
}

function checkLength(s: PlanState, local: Local, length: number): void {
  const actual = s.newLocal();
  s.emit("LenStmt", { source: PlanState.local(local), target: actual });
  const expected = makeInt(s, length);
  s.emit("EqualStmt", { a: PlanState.local(actual), b: PlanState.local(expected) });
}
