/**
 * What OPA evaluates before a negation. OPA's compiler hoists the operands of every expression into
 * generated assignments placed before it (stages RewriteExprTerms and RewriteDynamicTerms), negated
 * expressions included, so that for `not f(input.x)` an undefined `input.x` makes the body fail
 * instead of making `not` succeed. What is hoisted from `not e`:
 * - a call's arguments (`not f(a, b)`, `not a != b`, `not x in xs`): every nested call and every ref,
 *   also inside array, object and set literals; comprehensions stay (they are always defined);
 * - the sides of `=` and `==`: nested calls, refs inside literals and the index operands of a ref,
 *   but not a side that is itself a ref (`not input.x == 1` holds when input.x is undefined);
 * - a single term: likewise, its nested calls, the refs inside literals and a ref's index operands.
 */
import type { Expr, Term } from "../syntax/ast";
import { opName } from "../syntax/expressions";

export interface Hoisted {
  /** A generated variable name, which source text cannot spell. */
  name: string;
  term: Term;
}

/** The negated expression with its hoisted operands replaced by variables, and those operands in order. */
export function hoistFromNegation(expr: Expr, fresh: () => string): { expr: Expr; hoisted: Hoisted[] } {
  const hoisted: Hoisted[] = [];
  const hoist = (term: Term): Term => {
    const name = fresh();
    hoisted.push({ name, term });
    return { value: { type: "var", name }, loc: term.loc };
  };
  /** A call's argument: refs and calls are hoisted whole. */
  const operand = (term: Term): Term => {
    const v = term.value;
    if (v.type === "ref" || v.type === "call") return hoist(term);
    return composite(term, operand);
  };
  /** A side of `=`, or a single term: a ref stays, its index operands do not. */
  const side = (term: Term): Term => {
    const v = term.value;
    if (v.type === "call") return hoist(term);
    if (v.type === "ref")
      return { ...term, value: { ...v, terms: v.terms.map((t, i) => (i === 0 ? t : operand(t))) } };
    return composite(term, operand);
  };

  const kind = expr.kind;
  if (kind.type === "call") {
    const name = opName(kind.op);
    const equality = (name === "eq" || name === "equal") && kind.args.length === 2;
    return { expr: { ...expr, kind: { ...kind, args: kind.args.map(equality ? side : operand) } }, hoisted };
  }
  if (kind.type === "term") {
    const v = kind.term.value;
    // A call written as a term is a call expression to OPA.
    const term =
      v.type === "call" ? { ...kind.term, value: { ...v, args: v.args.map(operand) } } : side(kind.term);
    return { expr: { ...expr, kind: { ...kind, term } }, hoisted };
  }
  return { expr, hoisted };
}

/** Array, object and set literals with `element` applied to their parts; other terms unchanged. */
function composite(term: Term, element: (t: Term) => Term): Term {
  const v = term.value;
  switch (v.type) {
    case "array":
    case "set":
      return { ...term, value: { ...v, items: v.items.map(element) } };
    case "object":
      return {
        ...term,
        value: { ...v, items: v.items.map(([k, x]): [Term, Term] => [element(k), element(x)]) },
      };
    default:
      return term;
  }
}
