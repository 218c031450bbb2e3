/**
 * Rules → funcs. All rules at one path are one func `g<generation>.data.<path>` with params
 * [input, data, args...]. Complete rules and functions: per rule, a block computes the value
 * into a result local (AssignVarOnce, so one body yielding two values is a conflict), then a
 * block copies it into the return local (AssignVarOnce again: two rules disagreeing is a
 * conflict). An `else` chain shares one result local inside a BlockStmt, each alternative
 * running only while the result is still undefined. Partial sets and objects start from an empty
 * collection that every body adds to. A default rule fills the return local last, if unset.
 */
import type { Rule, Term } from "../syntax/ast";
import type { Block, Local, Operand } from "./ir";
import { planBody } from "./exprs";
import { PlanState } from "./state";
import { planTerm } from "./terms";
import type { PlacedRule, RuleShape, TrieNode } from "./trie";
import { planUnifyLocal } from "./unify";

const TRUE: Term = { value: { type: "boolean", value: true }, loc: { file: "", row: 0, col: 0 } };

/** The func for the rules at `node`, planned on first use in the current generation. */
export function planRules(s: PlanState, node: TrieNode): string {
  const key = `${s.generation}:${node.path.join(".")}`;
  const known = s.funcNames.get(key);
  if (known) return known;
  const generation = `g${s.generation}`;
  const name = `${generation}.${["data", ...node.path].join(".")}`;
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
    const shape = node.rules[0].shape;
    s.at(node.rules[0].rule.loc);
    const packagePath = packageOf(node.rules[0]);

    const blocks: Block[] = [];
    if (shape.kind === "partial_set" && shape.keys.length === 0) {
      blocks.push(s.blockOf(() => s.emit("MakeSetStmt", { target: returnLocal })));
    } else if (shape.kind === "partial_set" || shape.kind === "partial_object") {
      blocks.push(s.blockOf(() => s.emit("MakeObjectStmt", { target: returnLocal })));
    }

    let defaultRule: Rule | undefined;
    for (const placed of node.rules) {
      if (placed.rule.default) {
        defaultRule = placed.rule;
        continue;
      }
      s.currentRule = { rule: placed.rule, path: node.path, packagePath };
      if (placed.shape.kind === "partial_set" || placed.shape.kind === "partial_object") {
        blocks.push(ruleBody(s, placed.rule, params, () => addToCollection(s, placed, returnLocal)));
        continue;
      }
      blocks.push(...singleValue(s, placed, params, returnLocal));
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

/** The package of a rule: its path without the head ref's ground part. */
function packageOf(placed: PlacedRule): string[] {
  const groundRef = placed.rule.head.ref.findIndex((t, i) => i > 0 && t.value.type !== "string");
  const refLength = groundRef === -1 ? placed.rule.head.ref.length : groundRef;
  return placed.shape.path.slice(0, placed.shape.path.length - refLength);
}

/** A complete rule or function, with its `else` chain. */
function singleValue(s: PlanState, placed: PlacedRule, params: Local[], returnLocal: Local): Block[] {
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
          planTerm(s, r.head.value ?? TRUE, (value) => {
            s.at(r.loc);
            s.emit("AssignVarOnceStmt", { source: value, target: result });
          }),
        () =>
          isFirst
            ? s.emit("ResetLocalStmt", { target: result })
            : s.emit("IsUndefinedStmt", { source: result }),
      ),
    );
  }
  const publish = s.blockOf(() => {
    s.at(placed.rule.loc);
    s.emit("IsDefinedStmt", { source: result });
    s.emit("AssignVarOnceStmt", { source: PlanState.local(result), target: returnLocal });
  });
  if (!placed.rule.else) return [...alternatives, publish];
  return [s.blockOf(() => s.emit("BlockStmt", { blocks: [...alternatives, publish] }))];
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

function addToCollection(s: PlanState, placed: PlacedRule, collection: Local): void {
  const { rule, shape } = placed;
  s.at(rule.loc);
  insertNested(s, shape, rule, collection);
}

/**
 * `p contains x` adds x to the set; `p[k] := v` inserts k → v once (a second, different value
 * for k is a conflict); with more keys (`p[a].b[c] := v`, `p[a] contains x`) the intermediate
 * objects, and the leaf set, are found or created first.
 */
function insertNested(s: PlanState, shape: RuleShape, rule: Rule, collection: Local): void {
  const keys = shape.keys;
  const leaf = (container: Local): void => {
    if (shape.kind === "partial_set") {
      return planTerm(s, shape.element ?? TRUE, (value) => {
        s.at(rule.loc);
        s.emit("SetAddStmt", { value, set: container });
      });
    }
  };
  const step = (i: number, object: Local): void => {
    if (i === keys.length) return leaf(object);
    planTerm(s, keys[i], (key) => {
      s.at(rule.loc);
      if (i === keys.length - 1 && shape.kind === "partial_object") {
        return planTerm(s, shape.value ?? TRUE, (value) => {
          s.at(rule.loc);
          s.emit("ObjectInsertOnceStmt", { key, value, object });
        });
      }
      const last = i === keys.length - 1;
      step(i + 1, childCollection(s, object, key, last ? "MakeSetStmt" : "MakeObjectStmt"));
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
