/**
 * `print(a, b)` becomes `internal.print([{$p0 | $p0 = a}, {$p1 | $p1 = b}])`, as OPA's compiler
 * rewrites it before planning: each argument is collected into a set, so an undefined argument
 * prints as `<undefined>` instead of making the expression undefined, and print itself is always
 * true. print takes any number of arguments (checkArity lets it through).
 */
import type { Expr, Module, Term } from "../syntax/ast";
import { opName, opRef } from "../syntax/expressions";
import { visitRule } from "../syntax/visit";

export const PRINT = "print";

/** A copy of the modules with every print call rewritten; the input is left as it was. */
export function rewritePrintCalls(modules: Module[]): Module[] {
  const copy = structuredClone(modules);
  for (const module of copy) {
    // `$` cannot start a name in source, so the collected values' vars clash with nothing written.
    let fresh = 0;
    for (const rule of module.rules) {
      visitRule(rule, {
        expr(expr: Expr) {
          if (expr.kind.type !== "call" || opName(expr.kind.op) !== PRINT) return;
          const loc = expr.kind.op.loc;
          const operands: Term[] = expr.kind.args.map((arg) => {
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
        },
      });
    }
  }
  return copy;
}
