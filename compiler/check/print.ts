/**
 * `print(a, b)` becomes `internal.print([{$p0 | $p0 = a}, {$p1 | $p1 = b}])`, as OPA's compiler
 * rewrites it after renaming locals: each argument is collected into a set, so an undefined argument
 * prints as `<undefined>` instead of making the expression undefined, and print itself is always
 * true. print takes any number of arguments (checkArity lets it through). As in OPA, print may only
 * read variables declared before it (by the expressions before it, the enclosing bodies, `every` or
 * the function's arguments), so printing never binds one: `print(_)` or `print(x)` before `x = 1` is
 * `var x is undeclared`.
 */
import type { Body, Expr, ExprKind, Module, Position, Rule, Term } from "../syntax/ast";
import { opName, opRef } from "../syntax/expressions";
import { ruleContains } from "../syntax/visit";
import { CompileError } from "./errors";
import {
  collectExprVars,
  collectVars,
  displayName,
  exprTerms,
  forEachClosureTerm,
  ROOT_VARS,
  termVars,
} from "./termvars";

export const PRINT = "print";

export interface PrintRewrite {
  modules: Module[];
  errors: CompileError[];
}

/**
 * The modules with every print call rewritten. The input is left as it was: a rule that prints is
 * rewritten in a copy, the others are shared.
 */
export function rewritePrintCalls(
  modules: Module[],
  originalNames: ReadonlyMap<string, string> = new Map(),
): PrintRewrite {
  const errors: CompileError[] = [];
  const rewritten = modules.map((module) => {
    // `$` cannot start a name in source, so the collected values' vars clash with nothing written.
    let fresh = 0;
    const undeclared = (name: string, loc: Position) => {
      const shown = displayName(originalNames.get(name) ?? name);
      errors.push(new CompileError("rego_compile_error", `var ${shown} is undeclared`, loc));
    };
    const rewrite = (expr: Expr, declared: ReadonlySet<string>) => {
      if (!isPrintCall(expr)) return;
      const loc = expr.kind.op.loc;
      const operands: Term[] = expr.kind.args.map((arg) => {
        const vars = new Map<string, Position>();
        collectVars(arg, vars, false);
        for (const name of [...vars.keys()].sort()) if (!declared.has(name)) undeclared(name, arg.loc);
        const v: Term = { value: { type: "var", name: `$p${fresh++}` }, loc: arg.loc };
        const eq: Expr = {
          kind: { type: "call", op: opRef("eq", arg.loc), args: [v, arg] },
          negated: false,
          with: [],
          loc: arg.loc,
          generated: true,
        };
        return { value: { type: "setcompr", term: v, body: [eq] }, loc: arg.loc };
      });
      expr.kind = {
        type: "call",
        op: opRef("internal.print", loc),
        args: [{ value: { type: "array", items: operands }, loc }],
      };
    };
    /** Rewrites a body whose surroundings declare `outer`; returns what the whole body mentions. */
    const body = (exprs: Body, outer: ReadonlySet<string>): Set<string> => {
      const declared = new Set(outer);
      for (const expr of exprs) {
        closures(expr, declared);
        rewrite(expr, declared);
        const vars = new Map<string, Position>();
        collectExprVars(expr, vars, false);
        for (const name of vars.keys()) declared.add(name);
      }
      return declared;
    };
    const closuresOf = (term: Term, declared: ReadonlySet<string>) =>
      forEachClosureTerm(term, (compr) => {
        if (
          compr.value.type === "arraycompr" ||
          compr.value.type === "setcompr" ||
          compr.value.type === "objectcompr"
        )
          body(compr.value.body, declared);
      });
    const closures = (expr: Expr, declared: ReadonlySet<string>) => {
      for (const term of exprTerms(expr)) closuresOf(term, declared);
      if (expr.kind.type !== "every") return;
      const own = new Set(declared);
      for (const symbol of [expr.kind.key, expr.kind.value])
        if (symbol) for (const v of termVars(symbol)) own.add(v);
      body(expr.kind.body, own);
    };
    const rule = (r: Rule) => {
      const globals = new Set<string>(ROOT_VARS);
      for (const arg of r.head.args ?? []) for (const v of termVars(arg)) globals.add(v);
      const mentioned = body(r.body, globals);
      for (const term of [r.head.key, r.head.value]) if (term) closuresOf(term, mentioned);
      if (r.else) rule(r.else);
    };
    const rules = module.rules.map((r) => {
      if (!ruleContains(r, { expr: isPrintCall })) return r;
      const copy = structuredClone(r);
      rule(copy);
      return copy;
    });
    return { ...module, rules };
  });
  return { modules: rewritten, errors };
}

function isPrintCall(expr: Expr): expr is Expr & { kind: Extract<ExprKind, { type: "call" }> } {
  return expr.kind.type === "call" && opName(expr.kind.op) === PRINT;
}
