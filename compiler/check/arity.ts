/**
 * Every call must name a known function with the right number of arguments. A call target is a
 * user function (by package, import or full `data.` path) or a builtin the SDK supports. As in
 * OPA, a call written as a whole expression may pass one extra argument, its output:
 * `count(xs, n)` means `n := count(xs)`.
 */
import type { Module, Term } from "../syntax/ast";
import { resolveRef, ruleDataPath, topLevelRuleNames } from "../syntax/names";
import { opName } from "../syntax/expressions";
import { visitRule } from "../syntax/visit";
import { lookupBuiltin } from "./builtins";
import { CompileError } from "./errors";
import { PRINT } from "./print";
import { calledRule, completeRules } from "./ruleCalls";

/**
 * Functions OPA's compiler replaces before planning (by the annotations in scope), so they are
 * known without being runtime builtins.
 */
const COMPILE_TIME_FUNCTIONS: ReadonlyMap<string, number> = new Map([
  ["rego.metadata.chain", 0],
  ["rego.metadata.rule", 0],
]);

/** What a call resolves to. */
export type CallTarget =
  { kind: "builtin"; name: string; arity: number } | { kind: "function"; path: string[]; arity: number };

/** Full path (`data.x.f`) → declared argument count, for every user function in the modules. */
export function userFunctions(modules: Module[]): Map<string, number> {
  const functions = new Map<string, number>();
  for (const module of modules) {
    for (const rule of module.rules) {
      if (rule.head.kind !== "function") continue;
      functions.set(ruleDataPath(module, rule).join("."), rule.head.args?.length ?? 0);
    }
  }
  return functions;
}

/** Resolves the operator of a call written in `module`, or undefined when nothing has that name. */
export function resolveCallTarget(
  op: Term,
  module: Module,
  functions: ReadonlyMap<string, number>,
  packageRules: ReadonlySet<string>,
): CallTarget | undefined {
  if (op.value.type !== "ref") return undefined;
  const path = resolveRef(op.value.terms, module, packageRules);
  if (path !== undefined) {
    const arity = functions.get(path.join("."));
    return arity === undefined ? undefined : { kind: "function", path, arity };
  }
  const name = opName(op);
  if (name === undefined) return undefined;
  const compileTimeArity = COMPILE_TIME_FUNCTIONS.get(name);
  if (compileTimeArity !== undefined) return { kind: "builtin", name, arity: compileTimeArity };
  const builtin = lookupBuiltin(name);
  return builtin && { kind: "builtin", name: builtin.name, arity: builtin.arity };
}

export function checkArity(modules: Module[]): CompileError[] {
  const errors: CompileError[] = [];
  const functions = userFunctions(modules);
  const rulesByPackage = topLevelRuleNames(modules);
  const mocked = mockedFunctionNames(modules);
  const rules = completeRules(modules);

  for (const module of modules) {
    const packageRules = rulesByPackage.get(module.package.join(".")) ?? new Set<string>();
    const check = (op: Term, argCount: number, mayHaveOutput: boolean) => {
      const target = resolveCallTarget(op, module, functions, packageRules);
      const written = (op.value.type === "ref" && opName(op)) || "?";
      if (target === undefined && mocked.has(written)) return;
      // print takes any number of arguments; it is rewritten into internal.print before planning.
      if (target === undefined && written === PRINT) return;
      // `r()` of a complete rule r is r's value (rewritten by ruleCalls.ts before planning).
      if (target === undefined && calledRule(op, argCount, module, packageRules, rules)) return;
      if (target === undefined) {
        errors.push(new CompileError("rego_type_error", `undefined function ${written}`, op.loc));
        return;
      }
      const fits = argCount === target.arity || (mayHaveOutput && argCount === target.arity + 1);
      if (!fits) {
        const name = target.kind === "builtin" ? target.name : target.path.join(".");
        errors.push(
          new CompileError(
            "rego_type_error",
            `function ${name} has arity ${target.arity}, got ${argCount} argument${argCount === 1 ? "" : "s"}`,
            op.loc,
          ),
        );
      }
    };
    for (const rule of module.rules) {
      visitRule(rule, {
        expr(expr) {
          if (expr.kind.type === "call") check(expr.kind.op, expr.kind.args.length, true);
        },
        term(term) {
          if (term.value.type === "call") check(term.value.op, term.value.args.length, false);
        },
      });
    }
  }
  return errors;
}

/**
 * Names replaced by `with` somewhere (`with time.now_ns as 1`). A call to such a name is planned
 * against its mock, so a builtin the SDK lacks is acceptable there; its arity is the mock's.
 */
function mockedFunctionNames(modules: Module[]): Set<string> {
  const names = new Set<string>();
  for (const module of modules) {
    for (const rule of module.rules) {
      visitRule(rule, {
        expr(expr) {
          for (const w of expr.with) {
            const name = w.target.value.type === "ref" ? opName(w.target) : undefined;
            if (name !== undefined && !name.startsWith("data.") && !name.startsWith("input")) names.add(name);
          }
        },
      });
    }
  }
  return names;
}
