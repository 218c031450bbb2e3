/**
 * `with` modifiers. Targets under `input` or `data` are upserted into local 0 or 1 by a
 * WithStmt around the expression; the original document is saved first and put back (a
 * WithStmt with a null path) around the rest of the body, so the modification only applies to
 * the expression. When the target hides rules (`with data.pkg.rule as ...`) or mocks a function
 * or builtin, the rules the expression reaches are planned again in a new generation in which
 * those rules read the upserted base document and those calls are replaced.
 */
import type { Expr, Term } from "../syntax/ast";
import { callOpName } from "../check/termvars";
import type { Local, Operand } from "./ir";
import { PlanError, PlanState, type Mocks } from "./state";
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
  let newGeneration = false;
  for (const w of expr.with) {
    const doc = documentTarget(w.target);
    const isFunction = doc?.local === 1 && s.trie.functionArity(["data", ...doc.path].join(".")) !== undefined;
    if (doc && !isFunction) {
      targets.push({ ...doc, value: w.value });
      if (doc.local === 1 && touchesRules(s, doc.path)) {
        hiddenData.push(doc.path.join("."));
        newGeneration = true;
      }
      continue;
    }
    const name = w.target.value.type === "var" ? w.target.value.name : callOpName(w.target);
    if (name === undefined) throw new PlanError("unsupported `with` target", w.loc);
    functions.set(name, w.value);
    newGeneration = true;
  }
  const mocks: Mocks = { hiddenData, functions };

  planTerms(
    s,
    targets.map((t) => t.value),
    (values) => {
      const modified = [...new Set(targets.map((t) => t.local))];
      const saved = new Map<Local, Local>();
      for (const local of modified) {
        const copy = s.newLocal();
        s.emit("AssignVarStmt", { source: PlanState.local(local), target: copy });
        saved.set(local, copy);
      }
      const outerGeneration = s.generation;
      const outerMocks = s.mocks;
      const restoreThen = (i: number): void => {
        if (i === modified.length) return then();
        const local = modified[i];
        const block = s.blockOf(() => restoreThen(i + 1));
        s.emit("WithStmt", { local, path: null, value: PlanState.local(saved.get(local) as Local), block });
      };
      const rest = (): void => s.inGenerationOf(outerGeneration, outerMocks, () => restoreThen(0));
      const planModified = (): void => planInner(inner, rest);
      const nest = (i: number): void => {
        if (i === targets.length) {
          if (newGeneration) s.inGeneration(mocks, planModified);
          else planModified();
          return;
        }
        const target = targets[i];
        const value: Operand = values[i];
        const block = s.blockOf(() => nest(i + 1));
        s.emit("WithStmt", { local: target.local, path: target.path.map((p) => s.str(p)), value, block });
      };
      nest(0);
    },
  );
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
