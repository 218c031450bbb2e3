/**
 * Safety, as OPA's "reorder for safety": each body is reordered so every variable is bound
 * before it is read, which lets the planner run a body top to bottom. An expression can be
 * placed once its inputs are safe; what it binds (its outputs) becomes safe after it:
 * - a ref with a safe head binds the variables in its operands (`xs[i]` iterates with `i`);
 * - `a = b` binds what unification can bind given what is already safe;
 * - a call with one more argument than the function's arity binds its last argument;
 * - negated expressions and `every` bind nothing and need all their inputs safe.
 * Comprehensions and `every` bodies are closures: variables they share with the enclosing body
 * must be bound before them, and their own bodies are reordered in turn. Variables that can
 * never be bound are reported as `rego_unsafe_var_error: var x is unsafe`.
 */
import type { Body, Expr, Module, Position, Rule, Term } from "../syntax/ast";
import { CompileError } from "./errors";
import { opName } from "../syntax/expressions";
import {
  collectExprVars,
  collectVars,
  displayName,
  exprTerms,
  forEachClosureTerm,
  isWildcard,
  ROOT_VARS,
  termVars,
  valueText,
} from "./termvars";

/** Number of declared arguments of the function or builtin called `name`; undefined if unknown. */
export type ArityOf = (name: string) => number | undefined;

export interface SafeModules {
  modules: Module[];
  errors: CompileError[];
}

export function reorderForSafety(
  modules: Module[],
  arityOf: ArityOf,
  originalNames: ReadonlyMap<string, string> = new Map(),
): SafeModules {
  const checker = new SafetyChecker(arityOf, originalNames);
  const out = modules.map((mod) => ({ ...mod, rules: mod.rules.map((rule) => checker.rule(rule)) }));
  return { modules: out, errors: checker.errors };
}

/** Variables of an expression outside its closures (every var there must end up safe). */
function exprVars(expr: Expr): Map<string, Position> {
  const out = new Map<string, Position>();
  collectExprVars(expr, out, false);
  return out;
}

function subset(vars: Iterable<string>, safe: ReadonlySet<string>): boolean {
  for (const v of vars) if (!safe.has(v)) return false;
  return true;
}

class SafetyChecker {
  readonly errors: CompileError[] = [];

  constructor(
    private readonly arityOf: ArityOf,
    private readonly originalNames: ReadonlyMap<string, string>,
  ) {}

  rule(rule: Rule): Rule {
    const globals = new Set<string>(ROOT_VARS);
    for (const arg of rule.head.args ?? []) for (const v of termVars(arg)) globals.add(v);
    const body = this.body(rule.body, globals);
    const bound = new Set(globals);
    for (const expr of body) for (const v of exprVars(expr).keys()) bound.add(v);
    const headTerms = [...rule.head.ref.slice(1), rule.head.key, rule.head.value].filter(
      (t): t is Term => t !== undefined,
    );
    const head = { ...rule.head };
    for (const t of headTerms) this.reportUnsafe(t, bound);
    if (head.key) head.key = this.closures(head.key, bound);
    if (head.value) head.value = this.closures(head.value, bound);
    const out: Rule = { ...rule, head, body };
    if (rule.else) out.else = this.rule(rule.else);
    return out;
  }

  /** Head terms need their vars bound, except those a ref in the head iterates (`p := xs[_]`). */
  private reportUnsafe(term: Term, bound: ReadonlySet<string>): void {
    const iterated = new Set<string>();
    refOutputs(term, bound, iterated);
    const vars = new Map<string, Position>();
    collectVars(term, vars, false);
    for (const [v, loc] of vars) if (!bound.has(v) && !iterated.has(v)) this.unsafe(v, loc);
  }

  private unsafe(name: string, loc: Position): void {
    const shown = displayName(this.originalNames.get(name) ?? name);
    this.errors.push(new CompileError("rego_unsafe_var_error", `var ${shown} is unsafe`, loc));
  }

  /** Reorders `body` given the variables bound outside it, then checks its closures. */
  body(body: Body, globals: ReadonlySet<string>): Body {
    const bodyVars = new Set<string>();
    for (const expr of body) for (const v of exprVars(expr).keys()) bodyVars.add(v);

    const safe = new Set(globals);
    const placed: Expr[] = [];
    const pending = new Set(body.keys());
    for (let progress = true; progress;) {
      progress = false;
      for (const i of [...pending]) {
        const expr = body[i];
        const outputs = this.outputVars(expr, safe);
        if (this.missingInputs(expr, outputs, safe, bodyVars, globals).size > 0) continue;
        pending.delete(i);
        placed.push(expr);
        for (const v of outputs) safe.add(v);
        progress = true;
      }
    }
    for (const i of pending) {
      const expr = body[i];
      for (const [v, loc] of this.missingInputs(expr, this.outputVars(expr, safe), safe, bodyVars, globals)) {
        this.unsafe(v, loc);
      }
    }

    // Closures see everything the expressions before them mention (OPA's rule).
    const seen = new Set(globals);
    return placed.map((expr) => {
      const rewritten = this.exprClosures(expr, seen);
      for (const v of exprVars(expr).keys()) seen.add(v);
      return rewritten;
    });
  }

  /** Variables `expr` still needs before it can be placed. */
  private missingInputs(
    expr: Expr,
    outputs: ReadonlySet<string>,
    safe: ReadonlySet<string>,
    bodyVars: ReadonlySet<string>,
    globals: ReadonlySet<string>,
  ): Map<string, Position> {
    const missing = new Map<string, Position>();
    for (const [v, loc] of exprVars(expr)) {
      if (safe.has(v) || outputs.has(v)) continue;
      // A wildcard seen only inside a negation is local to it: `not xs[_] == 1`.
      if (expr.negated && isWildcard(v)) continue;
      missing.set(v, loc);
    }
    for (const [v, loc] of closureVars(expr)) {
      if (bodyVars.has(v) && !globals.has(v) && !safe.has(v) && !missing.has(v)) missing.set(v, loc);
    }
    return missing;
  }

  /** Variables `expr` binds when evaluated with `safe` already bound. */
  private outputVars(expr: Expr, safe: ReadonlySet<string>): Set<string> {
    const out = new Set<string>();
    if (expr.negated) return out;
    const kind = expr.kind;
    if (kind.type === "term") {
      refOutputs(kind.term, safe, out);
      return out;
    }
    if (kind.type !== "call") return out;
    for (const arg of kind.args) refOutputs(arg, safe, out);
    const name = opName(kind.op) ?? "";
    if ((name === "eq" || name === "assign") && kind.args.length === 2) {
      unifyOutputs(kind.args[0], kind.args[1], new Set([...safe, ...out]), out);
      return out;
    }
    const arity = this.arityOf(name) ?? guessedArity(name, kind.args, safe);
    if (arity !== undefined && kind.args.length === arity + 1) {
      const bound = new Set([...safe, ...out]);
      const inputsSafe = kind.args.slice(0, arity).every((a) => subset(termVars(a), bound));
      if (inputsSafe) for (const v of termVars(kind.args[arity])) out.add(v);
    }
    return out;
  }

  private exprClosures(expr: Expr, seen: ReadonlySet<string>): Expr {
    const kind = expr.kind;
    const withs = expr.with.map((w) => ({ ...w, value: this.closures(w.value, seen) }));
    switch (kind.type) {
      case "term":
        return { ...expr, kind: { type: "term", term: this.closures(kind.term, seen) }, with: withs };
      case "call":
        return {
          ...expr,
          kind: { type: "call", op: kind.op, args: kind.args.map((a) => this.closures(a, seen)) },
          with: withs,
        };
      case "every": {
        const inner = new Set(seen);
        for (const v of exprVars(expr).keys()) inner.add(v);
        if (kind.key) for (const v of termVars(kind.key)) inner.add(v);
        for (const v of termVars(kind.value)) inner.add(v);
        return {
          ...expr,
          kind: { ...kind, domain: this.closures(kind.domain, seen), body: this.body(kind.body, inner) },
          with: withs,
        };
      }
      default:
        return expr;
    }
  }

  /** Rebuilds `term` with each comprehension's body reordered (globals: `seen`). */
  private closures(term: Term, seen: ReadonlySet<string>): Term {
    const v = term.value;
    switch (v.type) {
      case "ref":
        return { ...term, value: { type: "ref", terms: v.terms.map((t) => this.closures(t, seen)) } };
      case "array":
        return { ...term, value: { type: "array", items: v.items.map((t) => this.closures(t, seen)) } };
      case "set":
        return { ...term, value: { type: "set", items: v.items.map((t) => this.closures(t, seen)) } };
      case "object":
        return {
          ...term,
          value: {
            type: "object",
            items: v.items.map(([k, x]): [Term, Term] => [this.closures(k, seen), this.closures(x, seen)]),
          },
        };
      case "call":
        return {
          ...term,
          value: { type: "call", op: v.op, args: v.args.map((t) => this.closures(t, seen)) },
        };
      case "arraycompr":
      case "setcompr":
      case "objectcompr": {
        const body = this.body(v.body, seen);
        const bound = new Set(seen);
        for (const expr of body) for (const name of exprVars(expr).keys()) bound.add(name);
        const heads = v.type === "objectcompr" ? [v.key, v.value] : [v.term];
        for (const h of heads) this.reportUnsafe(h, bound);
        if (v.type === "objectcompr") {
          return {
            ...term,
            value: { ...v, body, key: this.closures(v.key, bound), value: this.closures(v.value, bound) },
          };
        }
        return { ...term, value: { ...v, body, term: this.closures(v.term, bound) } };
      }
      default:
        return term;
    }
  }
}

/**
 * A builtin the table does not know (one outside the SDK's set) is taken to return into its last
 * argument when that is a variable (or array/object pattern) nothing else binds.
 */
export function guessedArity(name: string, args: Term[], safe: ReadonlySet<string>): number | undefined {
  const last = args[args.length - 1];
  if (name.startsWith("data.") || !last || !isPattern(last)) return undefined;
  const vars = termVars(last);
  if (vars.size === 0 || [...vars].some((v) => safe.has(v))) return undefined;
  return args.length - 1;
}

/** Every variable mentioned inside the closures (comprehensions, `every` bodies) of `expr`. */
function closureVars(expr: Expr): Map<string, Position> {
  const out = new Map<string, Position>();
  for (const term of exprTerms(expr)) {
    forEachClosureTerm(term, (compr) => collectVars(compr, out, true));
  }
  if (expr.kind.type === "every") {
    const kind = expr.kind;
    const local = new Set<string>();
    if (kind.key) for (const v of termVars(kind.key)) local.add(v);
    for (const v of termVars(kind.value)) local.add(v);
    const inner = new Map<string, Position>();
    for (const e of kind.body) collectExprVars(e, inner, true);
    for (const [v, loc] of inner) if (!local.has(v) && !out.has(v)) out.set(v, loc);
  }
  return out;
}

/** Adds the variables that refs inside `term` bind by iteration, given `safe`. */
function refOutputs(term: Term, safe: ReadonlySet<string>, out: Set<string>): void {
  const v = term.value;
  switch (v.type) {
    case "ref": {
      const head = v.terms[0];
      const headSafe =
        head.value.type === "var"
          ? safe.has(head.value.name) || ROOT_VARS.has(head.value.name)
          : subset(termVars(head), safe);
      if (!headSafe) return;
      for (const t of v.terms.slice(1)) {
        refOutputs(t, safe, out);
        for (const name of termVars(t)) out.add(name);
      }
      return;
    }
    case "array":
    case "set":
      for (const t of v.items) refOutputs(t, safe, out);
      return;
    case "object":
      for (const [k, x] of v.items) {
        refOutputs(k, safe, out);
        refOutputs(x, safe, out);
      }
      return;
    case "call":
      for (const t of v.args) refOutputs(t, safe, out);
      return;
    default:
      return;
  }
}

/** True for terms that unification can destructure: variables and array/object patterns. */
function isPattern(term: Term): boolean {
  return term.value.type === "var" || term.value.type === "array" || term.value.type === "object";
}

/**
 * Adds to `out` the variables that unifying `a` and `b` binds when `safe` is bound, iterating
 * to a fixed point so bindings from one element may enable another (`[x, y] = [1, x]`).
 */
function unifyOutputs(a: Term, b: Term, safe: ReadonlySet<string>, out: Set<string>): void {
  const bound = new Set([...safe, ...out]);
  const pairs: [Term, Term][] = [];
  const expand = (x: Term, y: Term): void => {
    const xv = x.value;
    const yv = y.value;
    if (xv.type === "array" && yv.type === "array" && xv.items.length === yv.items.length) {
      xv.items.forEach((item, i) => expand(item, yv.items[i]));
    } else if (xv.type === "object" && yv.type === "object" && xv.items.length === yv.items.length) {
      for (const [k, val] of xv.items) {
        const match = yv.items.find(([k2]) => valueText(k2) === valueText(k));
        if (match) expand(val, match[1]);
      }
    } else pairs.push([x, y]);
  };
  expand(a, b);
  for (let changed = true; changed;) {
    changed = false;
    for (const [x, y] of pairs) {
      for (const [pattern, other] of [
        [x, y],
        [y, x],
      ] as const) {
        if (!isPattern(pattern) || !subset(termVars(other), bound)) continue;
        for (const v of termVars(pattern)) {
          if (!bound.has(v)) {
            bound.add(v);
            out.add(v);
            changed = true;
          }
        }
      }
    }
  }
}
