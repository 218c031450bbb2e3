/**
 * Depth-first traversal of the AST. Checks use it to find every call, ref and variable without
 * each re-implementing the shape of comprehensions, `every`, `with` and `else` chains.
 */
import type { Body, Expr, Rule, Term } from "./ast";

export interface Visitor {
  /** Called for every term, outermost first. Return false to skip the term's children. */
  term?(term: Term): boolean | void;
  /** Called for every expression before its terms. */
  expr?(expr: Expr): void;
  /** `with` targets name what is replaced, not what is used; some checks skip them. */
  skipWithTargets?: boolean;
}

export function visitTerm(term: Term, visitor: Visitor): void {
  if (visitor.term?.(term) === false) return;
  const value = term.value;
  switch (value.type) {
    case "ref":
      value.terms.forEach((t) => visitTerm(t, visitor));
      break;
    case "array":
    case "set":
      value.items.forEach((t) => visitTerm(t, visitor));
      break;
    case "object":
      for (const [k, v] of value.items) {
        visitTerm(k, visitor);
        visitTerm(v, visitor);
      }
      break;
    case "arraycompr":
    case "setcompr":
      visitTerm(value.term, visitor);
      visitBody(value.body, visitor);
      break;
    case "objectcompr":
      visitTerm(value.key, visitor);
      visitTerm(value.value, visitor);
      visitBody(value.body, visitor);
      break;
    case "call":
      visitTerm(value.op, visitor);
      value.args.forEach((t) => visitTerm(t, visitor));
      break;
    default:
      break;
  }
}

export function visitExpr(expr: Expr, visitor: Visitor): void {
  visitor.expr?.(expr);
  const kind = expr.kind;
  switch (kind.type) {
    case "term":
      visitTerm(kind.term, visitor);
      break;
    case "call":
      visitTerm(kind.op, visitor);
      kind.args.forEach((t) => visitTerm(t, visitor));
      break;
    case "some":
      kind.symbols.forEach((t) => visitTerm(t, visitor));
      break;
    case "every":
      if (kind.key) visitTerm(kind.key, visitor);
      visitTerm(kind.value, visitor);
      visitTerm(kind.domain, visitor);
      visitBody(kind.body, visitor);
      break;
  }
  for (const w of expr.with) {
    if (!visitor.skipWithTargets) visitTerm(w.target, visitor);
    visitTerm(w.value, visitor);
  }
}

export function visitBody(body: Body, visitor: Visitor): void {
  body.forEach((e) => visitExpr(e, visitor));
}

/** The rule's head terms and body, then each `else` in the chain. */
export function visitRule(rule: Rule, visitor: Visitor): void {
  for (let r: Rule | undefined = rule; r !== undefined; r = r.else) {
    const head = r.head;
    head.ref.slice(1).forEach((t) => visitTerm(t, visitor));
    head.args?.forEach((t) => visitTerm(t, visitor));
    if (head.key && head.kind === "partial_set") visitTerm(head.key, visitor);
    if (head.value) visitTerm(head.value, visitor);
    visitBody(r.body, visitor);
  }
}

/** What `ruleContains` looks for: an expression, a term, or either. */
export interface Finder {
  expr?(expr: Expr): boolean;
  term?(term: Term): boolean;
}

/**
 * Whether the rule (head, body, `else` chain, closures, `with`) holds an expression or a term the
 * finder accepts. The rewriting checks use it to copy only the rules they change: copying every
 * module cost more than all the rest of those checks.
 */
export function ruleContains(rule: Rule, finder: Finder): boolean {
  let found = false;
  visitRule(rule, {
    expr(expr) {
      found ||= finder.expr?.(expr) ?? false;
    },
    term(term) {
      found ||= finder.term?.(term) ?? false;
      return !found;
    },
  });
  return found;
}
