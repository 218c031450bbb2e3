/**
 * Variable bookkeeping over the AST shared by name resolution, local renaming and safety:
 * which variables a term mentions, and small constructors for the terms those passes write.
 */
import type { Body, Expr, Position, Term, Value } from "../syntax/ast";
import { opName } from "../syntax/expressions";
import { lookupBuiltin } from "./builtins";

/** The two root documents; never locals. */
export const ROOT_VARS: ReadonlySet<string> = new Set(["input", "data"]);

/** Wildcards (`_`) are written `$w0`, `$w1`, ... by the parser. */
export function isWildcard(name: string): boolean {
  return name.startsWith("$");
}

/** How a variable is printed in messages: wildcards are `_`. */
export function displayName(name: string): string {
  return isWildcard(name) ? "_" : name;
}

/** A term's value as text without positions: equal texts are equal constants. */
export function valueText(term: Term): string {
  return JSON.stringify(term.value, (key, value: unknown) => (key === "loc" ? undefined : value));
}

export function varTerm(name: string, loc: Position): Term {
  return { value: { type: "var", name }, loc };
}

/**
 * Adds to `out` every variable `term` mentions, with its first position. Comprehension bodies
 * and heads are included only when `closures` is set: their variables are either their own or
 * closed over, which the safety check treats separately. Call operators are names, not vars.
 */
export function collectVars(term: Term, out: Map<string, Position>, closures: boolean): void {
  const value: Value = term.value;
  switch (value.type) {
    case "var":
      if (!out.has(value.name)) out.set(value.name, term.loc);
      return;
    case "ref":
      for (const t of value.terms) collectVars(t, out, closures);
      return;
    case "array":
    case "set":
      for (const t of value.items) collectVars(t, out, closures);
      return;
    case "object":
      for (const [k, v] of value.items) {
        collectVars(k, out, closures);
        collectVars(v, out, closures);
      }
      return;
    case "call":
      for (const t of value.args) collectVars(t, out, closures);
      return;
    case "arraycompr":
    case "setcompr":
      if (closures) {
        collectVars(value.term, out, closures);
        collectBodyVars(value.body, out);
      }
      return;
    case "objectcompr":
      if (closures) {
        collectVars(value.key, out, closures);
        collectVars(value.value, out, closures);
        collectBodyVars(value.body, out);
      }
      return;
    default:
      return;
  }
}

/** Every variable of a body, closures included. */
export function collectBodyVars(body: Body, out: Map<string, Position>): void {
  for (const expr of body) collectExprVars(expr, out, true);
}

/**
 * Variables of one expression. Without `closures`, `every` contributes only its domain and
 * comprehensions nothing, as in OPA's safety visitor.
 */
export function collectExprVars(expr: Expr, out: Map<string, Position>, closures: boolean): void {
  const kind = expr.kind;
  switch (kind.type) {
    case "term":
      collectVars(kind.term, out, closures);
      break;
    case "call":
      for (const t of kind.args) collectVars(t, out, closures);
      break;
    case "some":
      for (const t of kind.symbols) collectVars(t, out, closures);
      break;
    case "every":
      collectVars(kind.domain, out, closures);
      if (closures) {
        if (kind.key) collectVars(kind.key, out, closures);
        collectVars(kind.value, out, closures);
        collectBodyVars(kind.body, out);
      }
      break;
  }
  for (const w of expr.with) if (!namesFunction(w.value)) collectVars(w.value, out, closures);
}

/**
 * A `with` value that names a builtin (`with f as count`, `with count as object.union_n`) is a
 * function, not a variable: `object` in the second is no variable to make safe.
 */
function namesFunction(value: Term): boolean {
  const name = value.value.type === "var" ? value.value.name : opName(value);
  return name !== undefined && lookupBuiltin(name) !== undefined;
}

export function termVars(term: Term, closures = false): Set<string> {
  const out = new Map<string, Position>();
  collectVars(term, out, closures);
  return new Set(out.keys());
}

/** Applies `visit` to every comprehension directly or indirectly inside `term` (outermost first). */
export function forEachClosureTerm(term: Term, visit: (compr: Term) => void): void {
  const value = term.value;
  switch (value.type) {
    case "ref":
      for (const t of value.terms) forEachClosureTerm(t, visit);
      return;
    case "array":
    case "set":
      for (const t of value.items) forEachClosureTerm(t, visit);
      return;
    case "object":
      for (const [k, v] of value.items) {
        forEachClosureTerm(k, visit);
        forEachClosureTerm(v, visit);
      }
      return;
    case "call":
      for (const t of value.args) forEachClosureTerm(t, visit);
      return;
    case "arraycompr":
    case "setcompr":
    case "objectcompr":
      visit(term);
      return;
    default:
      return;
  }
}

/** The terms an expression holds at its top level (not inside closures' bodies). */
export function exprTerms(expr: Expr): Term[] {
  const kind = expr.kind;
  const terms: Term[] = [];
  switch (kind.type) {
    case "term":
      terms.push(kind.term);
      break;
    case "call":
      terms.push(...kind.args);
      break;
    case "some":
      terms.push(...kind.symbols);
      break;
    case "every":
      terms.push(kind.domain);
      break;
  }
  for (const w of expr.with) if (!namesFunction(w.value)) terms.push(w.value);
  return terms;
}
