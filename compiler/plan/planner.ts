/**
 * The planner's entry points: Rego modules → OPA's IR (the shape `opa build -t plan` prints).
 * - planPolicy: one plan per entrypoint `pkg/rule`, binding the document at data.pkg.rule to
 *   `result` (what `opa build -t wasm -e pkg/rule` compiles);
 * - planQuery: the plan `eval` of an ad hoc query such as `data.pkg.p = x`, binding each of its
 *   variables, as in OPA's golden plans.
 * Funcs are planned on demand from the plans, so only rules reachable from them are emitted.
 */
import type { Body, Module, Position, Term } from "../syntax/ast";
import { parseModule } from "../syntax/parser";
import { collectExprVars } from "../check/termvars";
import type { Plan, Policy } from "./ir";
import { planBody } from "./exprs";
import { prepareModules } from "./prepare";
import { planRef } from "./refs";
import { PlanState } from "./state";
import { RuleTrie } from "./trie";

const QUERY_FILE = "<query>";
const QUERY_PACKAGE = "__query__";

export function planPolicy(modules: Module[], entrypoints: string[]): Policy {
  const prepared = prepareModules(modules).modules;
  const s = new PlanState(
    new RuleTrie(prepared),
    prepared.map((m) => m.file),
  );
  const plans = entrypoints.map((entrypoint) => planEntrypoint(s, entrypoint));
  return assemble(s, plans);
}

export function planQuery(modules: Module[], query: string): Policy {
  const queryModule = parseModule(
    `package ${QUERY_PACKAGE}\n${QUERY_PACKAGE} if {\n${query}\n}\n`,
    QUERY_FILE,
  );
  const prepared = prepareModules([...modules, queryModule]);
  const policyModules = prepared.modules.slice(0, -1);
  const body = prepared.modules[prepared.modules.length - 1].rules[0].body;
  const s = new PlanState(new RuleTrie(policyModules), [...policyModules.map((m) => m.file), QUERY_FILE]);
  const bindings = queryBindings(body, prepared.originalNames);
  const block = s.inFunction(2, () =>
    s.blockOf(() =>
      s.scoped(() => {
        bindRoots(s);
        planBody(s, body, () => {
          const result = s.newLocal();
          s.emit("MakeObjectStmt", { target: result });
          for (const [name, variable] of bindings) {
            const local = s.lookup(variable) as number;
            s.emit("ObjectInsertStmt", {
              key: { type: "string_index", value: s.str(name) },
              value: PlanState.local(local),
              object: result,
            });
          }
          s.emit("ResultSetAddStmt", { value: result });
        });
      }),
    ),
  );
  return assemble(s, [{ name: "eval", blocks: [block] }]);
}

/** The query's user variables (name as written → variable), in name order; generated ones are left out. */
function queryBindings(body: Body, originalNames: ReadonlyMap<string, string>): [string, string][] {
  const vars = new Map<string, Position>();
  for (const expr of body) collectExprVars(expr, vars, false);
  const bindings: [string, string][] = [];
  for (const variable of vars.keys()) {
    const name = originalNames.get(variable) ?? variable;
    if (name.startsWith("$") || name.startsWith("__") || name === "input" || name === "data") continue;
    bindings.push([name, variable]);
  }
  return bindings.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function bindRoots(s: PlanState): void {
  s.bind("input", 0);
  s.bind("data", 1);
}

function planEntrypoint(s: PlanState, entrypoint: string): Plan {
  const loc: Position = { file: s.files[0] ?? QUERY_FILE, row: 1, col: 1 };
  const terms: Term[] = [{ value: { type: "var", name: "data" }, loc }];
  for (const part of entrypoint.split("/").filter((p) => p !== "")) {
    terms.push({ value: { type: "string", value: part }, loc });
  }
  const block = s.inFunction(2, () =>
    s.blockOf(() =>
      s.scoped(() => {
        bindRoots(s);
        planRef(s, { value: { type: "ref", terms }, loc }, (value) => {
          const result = s.newLocal();
          s.emit("MakeObjectStmt", { target: result });
          s.emit("ObjectInsertStmt", {
            key: { type: "string_index", value: s.str("result") },
            value,
            object: result,
          });
          s.emit("ResultSetAddStmt", { value: result });
        });
      }),
    ),
  );
  return { name: entrypoint, blocks: [block] };
}

function assemble(s: PlanState, plans: Plan[]): Policy {
  const builtins = [...s.builtins.values()];
  return {
    static: {
      strings: s.strings.map((value) => ({ value })),
      ...(builtins.length > 0 ? { builtin_funcs: builtins } : {}),
      files: s.files.map((value) => ({ value })),
    },
    plans: { plans },
    funcs: { funcs: s.funcs },
  };
}
