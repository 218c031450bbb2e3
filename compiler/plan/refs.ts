/**
 * Refs. A ref is a head value followed by keys: a ground key is a DotStmt, a key with unbound
 * variables is a ScanStmt over the value (binding the variables by unification with each key).
 * Refs under `data` first walk the rule trie: a prefix that is a rule calls the rule's func and
 * continues on its value; a prefix holding no rules is plain base data (Dots on local 1); a
 * non-string key at a prefix that holds rules needs the whole document there, its "extent": the
 * rules' values in an object, merged with the base document.
 */
import type { Term } from "../syntax/ast";
import { termVars } from "../check/termvars";
import { planRules } from "./rules";
import { PlanState } from "./state";
import { planTerm, type Then } from "./terms";
import { sortedChildren, type TrieNode } from "./trie";
import { planUnifyLocal } from "./unify";
import type { Operand } from "./ir";

const DATA = 1;
const INPUT = 0;

export function planRef(s: PlanState, ref: Term, then: Then): void {
  if (ref.value.type !== "ref") throw new Error("planRef: not a ref");
  const terms = ref.value.terms;
  const head = terms[0];
  if (head.value.type === "var" && head.value.name === "data") return planDataRef(s, terms, then);
  planTerm(s, head, (source) => planRefKeys(s, terms, 1, source, then));
}

/**
 * Applies keys `terms[i..]` to `source`. In `baseData`, a number written as a key also finds the
 * object key spelled as it is written: OPA reads base documents through storage paths, whose segments
 * are strings (`data.nested[2]` is `data.nested["2"]` for an object, element 2 of an array), while a
 * number key into any other object, even one bound to base data, stays a number.
 */
export function planRefKeys(
  s: PlanState,
  terms: Term[],
  i: number,
  source: Operand,
  then: Then,
  baseData = false,
): void {
  if (i === terms.length) return then(source);
  const key = terms[i];
  if (isUnboundPattern(s, key)) {
    const src = s.asLocal(source);
    const k = s.newLocal();
    const v = s.newLocal();
    const block = s.blockOf(() =>
      planUnifyLocal(s, key, k, () => planRefKeys(s, terms, i + 1, PlanState.local(v), then, baseData)),
    );
    s.emit("ScanStmt", { source: src, key: k, value: v, block });
    return;
  }
  planTerm(s, key, (keyOp) => {
    const target = s.newLocal();
    if (baseData && key.value.type === "number") dotNumberOrText(s, source, keyOp, key.value.text, target);
    else s.emit("DotStmt", { source, key: keyOp, target });
    planRefKeys(s, terms, i + 1, PlanState.local(target), then, baseData);
  });
}

/** target := source[number], or else source["<text>"]; undefined when neither is there. */
function dotNumberOrText(s: PlanState, source: Operand, number: Operand, text: string, target: number): void {
  s.emit("ResetLocalStmt", { target });
  const byNumber = s.blockOf(() => {
    const found = s.newLocal();
    s.emit("DotStmt", { source, key: number, target: found });
    s.emit("AssignVarStmt", { source: PlanState.local(found), target });
  });
  const byText = s.blockOf(() => {
    const found = s.newLocal();
    s.emit("IsUndefinedStmt", { source: target });
    s.emit("DotStmt", { source, key: { type: "string_index", value: s.str(text) }, target: found });
    s.emit("AssignVarStmt", { source: PlanState.local(found), target });
  });
  s.emit("BlockStmt", { blocks: [byNumber, byText] });
  s.emit("IsDefinedStmt", { source: target });
}

/** A key that binds variables when iterated: an unbound var, or an array/object holding one. */
function isUnboundPattern(s: PlanState, key: Term): boolean {
  const t = key.value.type;
  if (t !== "var" && t !== "array" && t !== "object") return false;
  for (const name of termVars(key)) if (s.lookup(name) === undefined) return true;
  return false;
}

function planDataRef(s: PlanState, terms: Term[], then: Then): void {
  walkData(s, s.trie.root, terms, 1, then);
}

/** Continues the data ref `terms` from `node`, which `terms[1..i)` lead to. */
function walkData(s: PlanState, node: TrieNode, terms: Term[], i: number, then: Then): void {
  if (isHidden(s, node)) return planRefKeys(s, terms, 1, PlanState.local(DATA), then, true);
  if (node.rules.length > 0) return planRefKeys(s, terms, i, PlanState.local(callRules(s, node)), then);
  if (i === terms.length) return then(PlanState.local(extent(s, node)));
  const key = terms[i];
  if (key.value.type === "string") {
    const child = node.children.get(key.value.value);
    if (!child) return planRefKeys(s, terms, 1, PlanState.local(DATA), then, true);
    return walkData(s, child, terms, i + 1, then);
  }
  // Rules live under string keys only: any other constant key can only reach base data.
  const constant = termVars(key).size === 0 && key.value.type !== "ref" && key.value.type !== "call";
  if (constant || node.children.size === 0)
    return planRefKeys(s, terms, 1, PlanState.local(DATA), then, true);
  if (isUnboundPattern(s, key)) return branchOnKey(s, node, terms, i, undefined, then);
  planTerm(s, key, (keyOp) => branchOnKey(s, node, terms, i, keyOp, then));
}

/**
 * A variable key at a prefix holding rules: one branch per child (the key must be, or becomes,
 * the child's name) and one over the base document's other keys. Unrelated rules are thus never
 * evaluated when the key is known, which also keeps `data[x]` inside a rule from calling itself.
 */
function branchOnKey(
  s: PlanState,
  node: TrieNode,
  terms: Term[],
  i: number,
  keyOp: Operand | undefined,
  then: Then,
): void {
  const key = terms[i];
  const children = sortedChildren(node).filter(
    (c) => !isHidden(s, c) && !c.rules.some((r) => r.shape.kind === "function"),
  );
  const branches = children.map((child) =>
    s.blockOf(() =>
      s.scoped(() => {
        const name: Operand = { type: "string_index", value: s.str(child.key) };
        if (keyOp) {
          s.emit("EqualStmt", { a: keyOp, b: name });
          return walkData(s, child, terms, i + 1, then);
        }
        planUnifyLocal(s, key, s.asLocal(name), () => walkData(s, child, terms, i + 1, then));
      }),
    ),
  );
  branches.push(
    s.blockOf(() =>
      s.scoped(() => {
        const base = basePath(s, node.path);
        const ruleKeys = s.newLocal();
        s.emit("MakeSetStmt", { target: ruleKeys });
        for (const child of sortedChildren(node)) {
          s.emit("SetAddStmt", { value: { type: "string_index", value: s.str(child.key) }, set: ruleKeys });
        }
        const notARule = (k: Operand): void => {
          const found = s.newLocal();
          const block = s.blockOf(() =>
            s.emit("DotStmt", { source: PlanState.local(ruleKeys), key: k, target: found }),
          );
          s.emit("NotStmt", { block });
        };
        if (keyOp) {
          notARule(keyOp);
          const value = s.newLocal();
          s.emit("DotStmt", { source: base, key: keyOp, target: value });
          return planRefKeys(s, terms, i + 1, PlanState.local(value), then);
        }
        const k = s.newLocal();
        const v = s.newLocal();
        const block = s.blockOf(() => {
          notARule(PlanState.local(k));
          planUnifyLocal(s, key, k, () => planRefKeys(s, terms, i + 1, PlanState.local(v), then));
        });
        s.emit("ScanStmt", { source: s.asLocal(base), key: k, value: v, block });
      }),
    ),
  );
  s.emit("BlockStmt", { blocks: branches });
}

/** Dots from data along `path` (undefined where base data has nothing). */
function basePath(s: PlanState, path: string[]): Operand {
  let base: Operand = PlanState.local(DATA);
  for (const key of path) {
    const next = s.newLocal();
    s.emit("DotStmt", { source: base, key: { type: "string_index", value: s.str(key) }, target: next });
    base = PlanState.local(next);
  }
  return base;
}

/** Calls the func of a rule node with the current input and data; returns the result local. */
export function callRules(s: PlanState, node: TrieNode): number {
  const func = planRules(s, node);
  const result = s.newLocal();
  const args = [INPUT, DATA, ...s.mockLocals].map(PlanState.local);
  s.emit("CallStmt", { func, args, result });
  return result;
}

/** Rules under a path mocked by `with data... as` are not consulted: the base document holds the value. */
function isHidden(s: PlanState, node: TrieNode): boolean {
  if (s.mocks.hiddenData.length === 0) return false;
  const path = node.path.join(".");
  return s.mocks.hiddenData.some(
    (hidden) =>
      path === hidden ||
      path.startsWith(hidden + ".") ||
      (node.rules.length > 0 && hidden.startsWith(path + ".")),
  );
}

/** The full document at `node`: its rules' values merged with the base document there. */
function extent(s: PlanState, node: TrieNode): number {
  const virtual = virtualExtent(s, node);
  const target = s.newLocal();
  const merge = s.blockOf(() => {
    const base = basePath(s, node.path);
    s.emit("ObjectMergeStmt", { a: s.asLocal(base), b: virtual, target });
    s.emit("BreakStmt", { index: 1 });
  });
  const outer = s.blockOf(() => {
    s.emit("BlockStmt", { blocks: [merge] });
    s.emit("AssignVarStmt", { source: PlanState.local(virtual), target });
  });
  s.emit("BlockStmt", { blocks: [outer] });
  return target;
}

/** An object of the values of the rules at and below `node` (undefined rules are left out). */
function virtualExtent(s: PlanState, node: TrieNode): number {
  const target = s.newLocal();
  s.emit("MakeObjectStmt", { target });
  for (const child of sortedChildren(node)) {
    if (isHidden(s, child)) continue;
    if (child.rules.some((r) => r.shape.kind === "function")) continue;
    const key: Operand = { type: "string_index", value: s.str(child.key) };
    if (child.rules.length > 0) {
      const block = s.blockOf(() => {
        const value = callRules(s, child);
        s.emit("ObjectInsertStmt", { key, value: PlanState.local(value), object: target });
      });
      s.emit("BlockStmt", { blocks: [block] });
    } else {
      const value = virtualExtent(s, child);
      s.emit("ObjectInsertStmt", { key, value: PlanState.local(value), object: target });
    }
  }
  return target;
}
