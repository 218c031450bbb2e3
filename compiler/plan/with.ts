/**
 * `with` modifiers. Targets under `input` or `data` are upserted into local 0 or 1 by a
 * WithStmt around the expression; the original document is saved first and put back (a
 * WithStmt with a null path) around the rest of the body, so the modification only applies to
 * the expression. When the target hides rules (`with data.pkg.rule as ...`) or mocks a function
 * or builtin, the rules the expression reaches are planned again in a new generation in which
 * those rules read the upserted base document and those calls are replaced.
 */
import type { Expr, Term } from "../syntax/ast";
import type { Local, Operand } from "./ir";
import { lookupBuiltin } from "../check/builtins";
import { termVars, valueText } from "../check/termvars";
import { opName } from "../syntax/expressions";
import { PlanError, PlanState, type FunctionMock, type Mocks } from "./state";
import { planTerms } from "./terms";

type Next = () => void;

interface DocumentTarget {
  local: Local;
  path: string[];
  value: Term;
}

export function planWith(
  s: PlanState,
  expr: Expr,
  planInner: (inner: Expr, next: Next) => void,
  then: Next,
): void {
  const inner: Expr = { ...expr, with: [] };
  const targets: DocumentTarget[] = [];
  const functions = new Map(s.mocks.functions);
  const hiddenData = [...s.mocks.hiddenData];
  const outer = { generation: s.generation, mocks: s.mocks };
  /** Mock values only known at run time, planned with the document values below. */
  const capturedValues: Term[] = [];
  let newGeneration = false;
  for (const w of expr.with) {
    const doc = documentTarget(w.target);
    const isFunction =
      doc?.local === 1 && s.trie.functionArity(["data", ...doc.path].join(".")) !== undefined;
    if (doc && !isFunction) {
      targets.push({ ...doc, value: w.value });
      if (doc.local === 1 && touchesRules(s, doc.path)) {
        hiddenData.push(doc.path.join("."));
        newGeneration = true;
      }
      continue;
    }
    const name = functionName(w.target);
    if (name === undefined) throw new PlanError("unsupported `with` target", w.loc);
    functions.set(name, functionMock(s, w.value, outer, capturedValues));
    newGeneration = true;
  }
  const mocks: Mocks = { hiddenData, functions, captured: s.mocks.captured + capturedValues.length };

  planTerms(s, [...targets.map((t) => t.value), ...capturedValues], (operands) => {
    const values = operands.slice(0, targets.length);
    const mockLocals = [...s.mockLocals, ...operands.slice(targets.length).map((op) => s.asLocal(op))];
    const modified = [...new Set(targets.map((t) => t.local))];
    const saved = new Map<Local, Local>();
    for (const local of modified) {
      const copy = s.newLocal();
      s.emit("AssignVarStmt", { source: PlanState.local(local), target: copy });
      saved.set(local, copy);
    }
    const outerLocals = s.mockLocals;
    const restoreThen = (i: number): void => {
      if (i === modified.length) return then();
      const local = modified[i];
      const block = s.blockOf(() => restoreThen(i + 1));
      s.emit("WithStmt", { local, path: null, value: PlanState.local(saved.get(local) as Local), block });
    };
    const rest = (): void =>
      s.inGenerationOf(outer.generation, outer.mocks, outerLocals, () => restoreThen(0));
    const planModified = (): void => planInner(inner, rest);
    const nest = (i: number): void => {
      if (i === targets.length) {
        if (newGeneration) s.inGeneration(mocks, mockLocals, planModified);
        else planModified();
        return;
      }
      const target = targets[i];
      const value: Operand = values[i];
      const block = s.blockOf(() => nest(i + 1));
      s.emit("WithStmt", { local: target.local, path: target.path.map((p) => s.str(p)), value, block });
    };
    nest(0);
  });
}

function functionName(term: Term): string | undefined {
  return term.value.type === "var" ? term.value.name : opName(term);
}

/**
 * What a mocked call becomes: another function (a name that is a builtin or a user function),
 * a constant, or a value computed here and passed to the generation's funcs (`capturedValues`).
 */
function functionMock(
  s: PlanState,
  value: Term,
  outer: { generation: number; mocks: Mocks },
  capturedValues: Term[],
): FunctionMock {
  const name = functionName(value);
  if (name !== undefined && (lookupBuiltin(name) || s.trie.functionArity(name) !== undefined)) {
    return { type: "function", name };
  }
  if (termVars(value, true).size === 0 && !hasRefs(value)) return { type: "constant", term: value };
  capturedValues.push(value);
  return { type: "captured", index: outer.mocks.captured + capturedValues.length - 1 };
}

function hasRefs(term: Term): boolean {
  return valueText(term).includes('"type":"ref"');
}

/** `input.a.b` → local 0 and path [a, b]; `data.x` → local 1 and [x]; anything else is a function. */
function documentTarget(target: Term): { local: Local; path: string[] } | undefined {
  const v = target.value;
  const terms = v.type === "ref" ? v.terms : v.type === "var" ? [target] : [];
  const head = terms[0]?.value;
  if (!head || head.type !== "var" || (head.name !== "input" && head.name !== "data")) return undefined;
  const path: string[] = [];
  for (const t of terms.slice(1)) {
    if (t.value.type !== "string") throw new PlanError("`with` target paths must be strings", t.loc);
    path.push(t.value.value);
  }
  return { local: head.name === "input" ? 0 : 1, path };
}

/** True when rules live at, below or above `path` (so upserting base data alone would not do). */
function touchesRules(s: PlanState, path: string[]): boolean {
  let node = s.trie.root;
  for (const key of path) {
    if (node.rules.length > 0) return true;
    const child = node.children.get(key);
    if (!child) return false;
    node = child;
  }
  return true;
}
