/**
 * Rule-level mistakes OPA rejects before evaluation: misused `default` rules, rules of different
 * kinds (or function arities) defining one path, and a path defined both as a value and below it.
 * Two complete definitions of one path (`p := 1` and `p := 2`) are not rejected here: as in OPA,
 * they only fail when both produce different values at evaluation.
 */
import type { Module, Rule, Term } from "../syntax/ast";
import { ruleDataPath } from "../syntax/names";
import { visitTerm } from "../syntax/visit";
import { CompileError } from "./errors";

interface Definition {
  module: Module;
  rule: Rule;
}

export function checkRules(modules: Module[]): CompileError[] {
  const errors: CompileError[] = [];
  // Keyed by the path's parts, not their dotted text: `p["a.b"]` is one key, not `p.a.b`.
  const byPath = new Map<string, Definition[]>();
  for (const module of modules) {
    for (const rule of module.rules) {
      errors.push(...checkDefault(rule));
      const key = JSON.stringify(ruleDataPath(module, rule));
      byPath.set(key, [...(byPath.get(key) ?? []), { module, rule }]);
    }
  }
  for (const [key, definitions] of byPath) {
    errors.push(...checkSamePath(dotted(key), definitions));
  }
  errors.push(...checkPrefixConflicts(byPath));
  return errors;
}

function checkDefault(rule: Rule): CompileError[] {
  if (!rule.default) return [];
  const head = rule.head;
  const fail = (message: string) => [new CompileError("rego_parse_error", message, rule.loc)];
  if (head.kind !== "complete" && head.kind !== "function") {
    return fail("a default rule must be a complete rule or a function: `default p := value`");
  }
  if (head.value === undefined) return fail("illegal default rule (must have a value)");
  const nonConstant = firstNonConstant(head.value);
  if (nonConstant !== undefined) return fail(`illegal default rule (value cannot contain ${nonConstant})`);
  // A default function applies to any arguments, so its parameters can only be distinct names.
  const seen = new Set<string>();
  for (const arg of head.args ?? []) {
    if (arg.value.type !== "var") return fail("illegal default rule (arguments must be variables or `_`)");
    if (seen.has(arg.value.name))
      return fail(`illegal default rule (arguments cannot be repeated ${arg.value.name})`);
    seen.add(arg.value.name);
  }
  return [];
}

/**
 * Names the first var, ref or call in a default value (OPA's wording), or undefined if there is
 * none. Comprehensions are closed, so their insides do not count.
 */
function firstNonConstant(term: Term): string | undefined {
  let found: string | undefined;
  visitTerm(term, {
    term(t) {
      const type = t.value.type;
      if (found !== undefined || type === "arraycompr" || type === "setcompr" || type === "objectcompr")
        return false;
      if (type === "var" || type === "ref" || type === "call") found = type;
      return found === undefined;
    },
  });
  return found;
}

/** All rules for one path must agree on their kind and arity; only one may be `default`. */
function checkSamePath(path: string, definitions: Definition[]): CompileError[] {
  const errors: CompileError[] = [];
  const [first, ...rest] = definitions;
  const family = (rule: Rule) => (rule.head.kind === "partial_object" ? "complete" : rule.head.kind);
  const conflicting = rest.find(
    (d) =>
      family(d.rule) !== family(first.rule) ||
      (d.rule.head.kind === "function" && d.rule.head.args?.length !== first.rule.head.args?.length),
  );
  if (conflicting)
    errors.push(new CompileError("rego_type_error", `conflicting rules ${path} found`, conflicting.rule.loc));

  const defaults = definitions.filter((d) => d.rule.default);
  if (defaults.length > 1) {
    errors.push(
      new CompileError("rego_type_error", `multiple default rules ${path} found`, defaults[1].rule.loc),
    );
  }

  return errors;
}

/**
 * `p := 1` together with `p.q := 2` defines p twice. Only a rule whose whole ref is constant
 * owns its path; `p[k] := v` or `p[q] contains r` next to `p.b ...` is checked at evaluation, as
 * in OPA.
 */
function checkPrefixConflicts(byPath: Map<string, Definition[]>): CompileError[] {
  const errors: CompileError[] = [];
  const paths = [...byPath.keys()].map((key) => JSON.parse(key) as string[]);
  for (const [key, definitions] of byPath) {
    const path = JSON.parse(key) as string[];
    const owner = definitions.find(
      (d) =>
        d.rule.head.kind !== "partial_object" &&
        d.rule.head.ref.every((t, i) => i === 0 || t.value.type === "string"),
    );
    if (owner === undefined) continue;
    const below = paths.filter(
      (other) => other.length > path.length && path.every((part, i) => other[i] === part),
    );
    if (below.length > 0) {
      errors.push(
        new CompileError(
          "rego_type_error",
          `rule ${path.join(".")} conflicts with [${below.map((other) => other.join(".")).join(" ")}]`,
          owner.rule.loc,
        ),
      );
    }
  }
  return errors;
}

/** A path key of checkRules as OPA prints the path in messages. */
function dotted(key: string): string {
  return (JSON.parse(key) as string[]).join(".");
}
