/**
 * Template strings after names are resolved and locals renamed, as OPA's compiler finishes lowering
 * them (its stage RewriteTemplateStrings, run right after RewriteLocalVars). The parser already wrote
 * `$"a{x}b"` as `internal.template_string(["a", {$t0 | $t0 = x}, "b"])` (syntax/expressions.ts);
 * here, for each such set of an expression's values:
 * - an expression that always has exactly one value needs no set comprehension: a variable (the
 *   body binds it) or a ref to a rule that is always defined (a default rule, a partial set, or a
 *   single rule whose value is a constant) becomes the set literal `{x}`, as OPA plans it; like
 *   OPA, this drops the expression's `with` modifiers (`$"{a with data.p.a as 2}"` is `a`'s value);
 * - any other expression may only read variables the enclosing body binds (or its closures'
 *   surroundings, `every` symbols, function arguments): `$"{x}"` with no `x` bound is
 *   `var x is undeclared`, since inside the set the expression could otherwise bind it and give the
 *   string several values. OPA takes the body's output variables; we take every variable the body
 *   mentions outside its closures, and the safety check reports those it never binds.
 * - a relation builtin (several outputs) is refused.
 * A function argument holding a template string is matched after the body, as OPA's compiler moves
 * what needs evaluating out of a rule head: `f($"{x}") if { x = "a" }` is
 * `f($a0) if { x = "a"; $a0 = internal.template_string([{x}]) }`.
 */
import type { Body, Expr, Module, Position, Rule, Term } from "../syntax/ast";
import { opName, opRef, TEMPLATE_STRING } from "../syntax/expressions";
import { ruleContains, visitTerm } from "../syntax/visit";
import { lookupBuiltin } from "./builtins";
import { CompileError } from "./errors";
import { collectExprVars, collectVars, displayName, exprTerms, ROOT_VARS, termVars } from "./termvars";

/** The rules defined exactly at a path under `data` (package path, then rule name and string keys). */
export type RulesAt = (path: string[]) => Rule[];

export interface TemplateRewrite {
  modules: Module[];
  errors: CompileError[];
}

/**
 * The modules with every template string's expression sets checked and simplified. The input is
 * left as it was: a rule holding a template string is rewritten in a copy, the others are shared.
 */
export function rewriteTemplateStrings(
  modules: Module[],
  rulesAt: RulesAt,
  originalNames: ReadonlyMap<string, string> = new Map(),
): TemplateRewrite {
  const errors: CompileError[] = [];
  const undeclared = (name: string, loc: Position) => {
    const shown = displayName(originalNames.get(name) ?? name);
    errors.push(new CompileError("rego_compile_error", `var ${shown} is undeclared`, loc));
  };

  /** One part of a template string: the captured expression's set, simplified when it can be. */
  const part = (item: Term, safe: ReadonlySet<string>): Term => {
    const expression = capturedExpression(item);
    if (expression === undefined) return item;
    if (expression.value.type === "var" || alwaysDefinedRule(expression, rulesAt)) {
      return { value: { type: "set", items: [expression] }, loc: expression.loc };
    }
    if (expression.value.type === "call") {
      const name = opName(expression.value.op);
      if (name !== undefined && lookupBuiltin(name)?.relation) {
        errors.push(
          new CompileError(
            "rego_compile_error",
            `illegal call to relation built-in '${name}' that may cause multiple outputs`,
            expression.loc,
          ),
        );
      }
    }
    const vars = new Map<string, Position>();
    collectVars(expression, vars, false);
    for (const name of [...vars.keys()].sort()) if (!safe.has(name)) undeclared(name, expression.loc);
    return item;
  };

  /** Rewrites the template strings in `term`, whose surroundings bind `safe`. */
  const term = (t: Term, safe: ReadonlySet<string>): void => {
    const v = t.value;
    switch (v.type) {
      case "call":
        if (opName(v.op) === TEMPLATE_STRING && v.args.length === 1 && v.args[0].value.type === "array") {
          const parts = v.args[0].value;
          parts.items = parts.items.map((item) => part(item, safe));
        }
        v.args.forEach((a) => term(a, safe));
        return;
      case "ref":
        v.terms.forEach((x) => term(x, safe));
        return;
      case "array":
      case "set":
        v.items.forEach((x) => term(x, safe));
        return;
      case "object":
        v.items.flat().forEach((x) => term(x, safe));
        return;
      case "arraycompr":
      case "setcompr": {
        const inner = body(v.body, safe);
        term(v.term, inner);
        return;
      }
      case "objectcompr": {
        const inner = body(v.body, safe);
        term(v.key, inner);
        term(v.value, inner);
        return;
      }
      default:
        return;
    }
  };

  /** Rewrites a body whose surroundings bind `outer`; returns what is bound inside it. */
  const body = (exprs: Body, outer: ReadonlySet<string>): Set<string> => {
    const safe = new Set(outer);
    for (const e of exprs) for (const name of exprVars(e)) safe.add(name);
    for (const e of exprs) {
      exprTerms(e).forEach((t) => term(t, safe));
      if (e.kind.type === "every") {
        const own = new Set(safe);
        for (const symbol of [e.kind.key, e.kind.value])
          if (symbol) for (const v of termVars(symbol)) own.add(v);
        body(e.kind.body, own);
      }
    }
    return safe;
  };

  const rule = (r: Rule, fresh: () => string) => {
    const globals = new Set<string>(ROOT_VARS);
    for (const arg of r.head.args ?? []) for (const v of termVars(arg)) globals.add(v);
    const safe = body(r.body, globals);
    const head = [...r.head.ref.slice(1), ...(r.head.args ?? []), r.head.key, r.head.value];
    for (const t of head) if (t) term(t, safe);
    r.head.args = r.head.args?.map((arg) => {
      if (!containsTemplate(arg)) return arg;
      const param: Term = { value: { type: "var", name: fresh() }, loc: arg.loc };
      r.body.push({
        kind: { type: "call", op: opRef("eq", arg.loc), args: [param, arg] },
        negated: false,
        with: [],
        loc: arg.loc,
        generated: true,
      });
      return param;
    });
    if (r.else) rule(r.else, fresh);
  };

  const rewritten = modules.map((module) => {
    let params = 0;
    const fresh = () => `$a${params++}`;
    const rules = module.rules.map((r) => {
      if (!ruleContains(r, { term: isTemplateString })) return r;
      const copy = structuredClone(r);
      rule(copy, fresh);
      return copy;
    });
    return { ...module, rules };
  });
  return { modules: rewritten, errors };
}

/** The expression a template part `{$tN | $tN = expression}` captures, if the part is one. */
function capturedExpression(item: Term): Term | undefined {
  const v = item.value;
  if (v.type !== "setcompr" || v.term.value.type !== "var" || !v.term.value.name.startsWith("$t"))
    return undefined;
  const [capture] = v.body;
  if (v.body.length !== 1 || capture.kind.type !== "call" || !capture.generated) return undefined;
  return capture.kind.args[1];
}

function isTemplateString(term: Term): boolean {
  return term.value.type === "call" && opName(term.value.op) === TEMPLATE_STRING;
}

function containsTemplate(term: Term): boolean {
  let found = false;
  visitTerm(term, {
    term: (t) => {
      found ||= isTemplateString(t);
      return !found;
    },
  });
  return found;
}

function exprVars(expr: Expr): Set<string> {
  const out = new Map<string, Position>();
  collectExprVars(expr, out, false);
  return new Set(out.keys());
}

/** A ref to rules at a ground `data` path that always have a value: nothing to capture. */
function alwaysDefinedRule(term: Term, rulesAt: RulesAt): boolean {
  if (term.value.type !== "ref") return false;
  const [head, ...keys] = term.value.terms;
  if (head.value.type !== "var" || head.value.name !== "data" || keys.length === 0) return false;
  const path: string[] = [];
  for (const key of keys) {
    if (key.value.type !== "string") return false;
    path.push(key.value.value);
  }
  const [first, ...rest] = rulesAt(path);
  if (first === undefined || first.head.args !== undefined) return false;
  if (first.default || first.head.kind === "partial_set") return true;
  if (rest.length === 0) return constantRule(first);
  return rest.some((r) => r.default);
}

/** A rule without a body whose value is a scalar or a ground composite, as OPA's isConstantRule. */
function constantRule(rule: Rule): boolean {
  const [only] = rule.body;
  const bodyless =
    rule.body.length === 1 &&
    only.kind.type === "term" &&
    only.kind.term.value.type === "boolean" &&
    only.kind.term.value.value;
  if (!bodyless || rule.head.value === undefined) return false;
  const value = rule.head.value.value.type;
  if (value === "string" || value === "var" || value === "number" || value === "boolean" || value === "null")
    return true;
  return (value === "array" || value === "object" || value === "set") && ground(rule.head.value);
}

function ground(term: Term): boolean {
  const v = term.value;
  switch (v.type) {
    case "null":
    case "boolean":
    case "number":
    case "string":
      return true;
    case "array":
    case "set":
      return v.items.every(ground);
    case "object":
      return v.items.every(([k, x]) => ground(k) && ground(x));
    default:
      return false;
  }
}
