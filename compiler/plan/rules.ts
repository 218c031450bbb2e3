/**
 * Rules → funcs. All rules at one path are one func `g<generation>.data.<path>` with params
 * [input, data, args...]. Complete rules and functions: per rule, a block computes the value
 * into a result local (AssignVarOnce, so one body yielding two values is a conflict), then a
 * block copies it into the return local (AssignVarOnce again: two rules disagreeing is a
 * conflict). An `else` chain shares one result local inside a BlockStmt, each alternative
 * running only while the result is still undefined. Partial sets and objects start from an empty
 * collection that every body adds to. A default rule fills the return local last, if unset.
 * Rules below the func's path (general ref heads) insert their values into the func's object.
 */
import type { Position, Rule, Term } from "../syntax/ast";
import type { Block, Local, Operand } from "./ir";
import { planBody } from "./exprs";
import { PlanState } from "./state";
import { planCallsFirst, planTerm } from "./terms";
import { sortedChildren, type PlacedRule, type TrieNode } from "./trie";
import { planUnifyLocal } from "./unify";

const TRUE: Term = { value: { type: "boolean", value: true }, loc: { file: "", row: 0, col: 0 } };

const KEYWORDS = new Set([
  "as",
  "contains",
  "default",
  "else",
  "every",
  "false",
  "if",
  "import",
  "in",
  "not",
]);
for (const word of ["null", "package", "some", "true", "with"]) KEYWORDS.add(word);

/** A path segment as OPA prints refs: `.name`, or `["key"]` for keywords and other strings. */
function refSegment(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) && !KEYWORDS.has(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

/** A rule of a func's group, with the keys under the func's path where it puts its value. */
interface GroupRule {
  placed: PlacedRule;
  /** `p.q[k] := v` planned in the func of `p`: ["q", k]. */
  keys: Term[];
}

/**
 * The func for the rules at `node` and below it, planned on first use in the current generation.
 * Rules below a rule node (`p[k] := v` beside `p.q := 1`, `p.b contains x` beside
 * `p[a] contains y`) build one object together, so their values merge and conflicts are caught.
 */
export function planRules(s: PlanState, node: TrieNode): string {
  const key = `${s.generation}:${node.path.join(".")}`;
  const known = s.funcNames.get(key);
  if (known) return known;
  const generation = `g${s.generation}`;
  const name = `${generation}.data${node.path.map(refSegment).join("")}`;
  s.funcNames.set(key, name);

  s.inFunction(2, () => {
    const returnLocal = s.newLocal();
    const arity = node.rules[0].rule.head.args?.length ?? 0;
    const params: Local[] = [0, 1];
    for (let i = 0; i < arity; i++) params.push(s.newLocal());
    const mockLocals: Local[] = [];
    for (let i = 0; i < s.mocks.captured; i++) mockLocals.push(s.newLocal());
    params.push(...mockLocals);
    s.mockLocals = mockLocals;
    s.at(node.rules[0].rule.loc);

    const group = ruleGroup(node);
    const buildsObject = group.some((g) => g.keys.length > 0);
    const blocks: Block[] = [];
    if (buildsObject) blocks.push(s.blockOf(() => s.emit("MakeObjectStmt", { target: returnLocal })));
    else if (node.rules[0].shape.kind === "partial_set") {
      blocks.push(s.blockOf(() => s.emit("MakeSetStmt", { target: returnLocal })));
    }

    let defaultRule: Rule | undefined;
    for (const { placed, keys } of group) {
      if (placed.rule.default && keys.length === 0) {
        defaultRule = placed.rule;
        continue;
      }
      s.currentRule = { rule: placed.rule, path: placed.shape.path, packagePath: packageOf(placed) };
      const loc = placed.rule.loc;
      const { kind, element, value } = placed.shape;
      if (kind === "partial_set" || kind === "partial_object") {
        const leaf: Leaf =
          kind === "partial_set"
            ? { kind: "set", element: element ?? TRUE }
            : { kind: "value", value: (then) => planTerm(s, value ?? TRUE, then) };
        // OPA moves the head's calls into the end of the body, ahead of the head's other terms.
        const headTerms = [...keys, ...(kind === "partial_set" ? [element ?? TRUE] : [value ?? TRUE])];
        blocks.push(
          ruleBody(s, placed.rule, params, () =>
            planCallsFirst(s, headTerms, () => insertAt(s, keys, leaf, loc, returnLocal)),
          ),
        );
        continue;
      }
      const publish = (result: Local): void => {
        if (keys.length === 0) {
          s.emit("AssignVarOnceStmt", { source: PlanState.local(result), target: returnLocal });
          return;
        }
        insertAt(
          s,
          keys,
          { kind: "value", value: (then) => then(PlanState.local(result)) },
          loc,
          returnLocal,
        );
      };
      blocks.push(...singleValue(s, placed, params, publish));
    }
    if (defaultRule) {
      const rule = defaultRule;
      blocks.push(
        s.blockOf(() => {
          s.at(rule.loc);
          s.emit("IsUndefinedStmt", { source: returnLocal });
          planTerm(s, rule.head.value ?? TRUE, (value) =>
            s.emit("AssignVarOnceStmt", { source: value, target: returnLocal }),
          );
        }),
      );
    }
    blocks.push(s.blockOf(() => s.emit("ReturnLocalStmt", { source: returnLocal })));
    s.funcs.push({ name, params, return: returnLocal, blocks, path: [generation, ...node.path] });
  });
  return name;
}

/** The rules at `node` and, unless they are functions, every rule below it. */
function ruleGroup(node: TrieNode): GroupRule[] {
  const group: GroupRule[] = node.rules.map((placed) => ({ placed, keys: placed.shape.keys }));
  if (node.rules.some((r) => r.shape.kind === "function")) return group;
  const below = (child: TrieNode, path: string[]): void => {
    for (const placed of child.rules) {
      const loc = placed.rule.head.loc;
      const pathKeys = path.map((p): Term => ({ value: { type: "string", value: p }, loc }));
      group.push({ placed, keys: [...pathKeys, ...placed.shape.keys] });
    }
    for (const grandchild of sortedChildren(child)) below(grandchild, [...path, grandchild.key]);
  };
  for (const child of sortedChildren(node)) below(child, [child.key]);
  // Deeper rules first: a shallower rule whose value lands where a deeper rule already made an
  // object then meets it in ObjectInsertOnce, which reports the conflict OPA reports.
  return group.sort((a, b) => b.keys.length - a.keys.length);
}

/** The package of a rule: its path without the head ref's ground part. */
function packageOf(placed: PlacedRule): string[] {
  const groundRef = placed.rule.head.ref.findIndex((t, i) => i > 0 && t.value.type !== "string");
  const refLength = groundRef === -1 ? placed.rule.head.ref.length : groundRef;
  return placed.shape.path.slice(0, placed.shape.path.length - refLength);
}

/** A complete rule or function, with its `else` chain; `publish` stores a defined result. */
function singleValue(
  s: PlanState,
  placed: PlacedRule,
  params: Local[],
  publish: (result: Local) => void,
): Block[] {
  const result = s.newLocal();
  const alternatives: Block[] = [];
  for (let rule: Rule | undefined = placed.rule, first = true; rule; rule = rule.else, first = false) {
    const r = rule;
    const isFirst = first;
    alternatives.push(
      ruleBody(
        s,
        r,
        params,
        () =>
          planCallsFirst(s, [r.head.value ?? TRUE], () =>
            planTerm(s, r.head.value ?? TRUE, (value) => {
              s.at(r.loc);
              s.emit("AssignVarOnceStmt", { source: value, target: result });
            }),
          ),
        () =>
          isFirst
            ? s.emit("ResetLocalStmt", { target: result })
            : s.emit("IsUndefinedStmt", { source: result }),
      ),
    );
  }
  const defined = s.blockOf(() => {
    s.at(placed.rule.loc);
    s.emit("IsDefinedStmt", { source: result });
    publish(result);
  });
  if (!placed.rule.else) return [...alternatives, defined];
  return [s.blockOf(() => s.emit("BlockStmt", { blocks: [...alternatives, defined] }))];
}

/** One rule body: bind the arguments, run the body, then `head` with everything bound. */
function ruleBody(s: PlanState, rule: Rule, params: Local[], head: () => void, prelude?: () => void): Block {
  return s.blockOf(() =>
    s.scoped(() => {
      s.bind("input", 0);
      s.bind("data", 1);
      s.at(rule.loc);
      prelude?.();
      const args = rule.head.args ?? [];
      const bindArg = (i: number): void => {
        if (i === args.length) return planBody(s, rule.body, head);
        planUnifyLocal(s, args[i], params[i + 2], () => bindArg(i + 1));
      };
      bindArg(0);
    }),
  );
}

/** What a rule puts at the end of its keys: an element of a set, or a value. */
type Leaf =
  { kind: "set"; element: Term } | { kind: "value"; value: (then: (value: Operand) => void) => void };

/**
 * Puts the leaf at `keys` under `collection`: `p contains x` adds x to the set; `p[k] := v`
 * inserts k → v once (a second, different value for k is a conflict); with more keys
 * (`p[a].b[c] := v`, `p[a] contains x`) the intermediate objects, and the leaf set, are found or
 * created first.
 */
function insertAt(s: PlanState, keys: Term[], leaf: Leaf, loc: Position, collection: Local): void {
  const step = (i: number, container: Local): void => {
    if (i === keys.length) {
      if (leaf.kind !== "set") return;
      return planTerm(s, leaf.element, (value) => {
        s.at(loc);
        s.emit("SetAddStmt", { value, set: container });
      });
    }
    planTerm(s, keys[i], (key) => {
      s.at(loc);
      const last = i === keys.length - 1;
      if (last && leaf.kind === "value") {
        return leaf.value((value) => {
          s.at(loc);
          s.emit("ObjectInsertOnceStmt", { key, value, object: container });
        });
      }
      step(i + 1, childCollection(s, container, key, last ? "MakeSetStmt" : "MakeObjectStmt"));
    });
  };
  step(0, collection);
}

function childCollection(
  s: PlanState,
  object: Local,
  key: Operand,
  make: "MakeObjectStmt" | "MakeSetStmt",
): Local {
  const child = s.newLocal();
  s.emit("ResetLocalStmt", { target: child });
  const existing = s.blockOf(() => {
    const found = s.newLocal();
    s.emit("DotStmt", { source: PlanState.local(object), key, target: found });
    s.emit("AssignVarStmt", { source: PlanState.local(found), target: child });
  });
  const created = s.blockOf(() => {
    s.emit("IsUndefinedStmt", { source: child });
    s.emit(make, { target: child });
    s.emit("ObjectInsertStmt", { key, value: PlanState.local(child), object });
  });
  s.emit("BlockStmt", { blocks: [existing] });
  s.emit("BlockStmt", { blocks: [created] });
  return child;
}
