/**
 * Absolute names of rules and refs: which `data` document a rule defines and which document a
 * ref written inside a module reads, following the module's package and imports as OPA does.
 */
import type { Module, Rule, Term } from "./ast";

/** `["data", ...package, ...the head ref's leading string parts]`, e.g. data.x.p for `p[k] := v`. */
export function ruleDataPath(module: Module, rule: Rule): string[] {
  return ["data", ...module.package, ...constantPrefix(rule.head.ref)];
}

/** The leading var/string parts of a ref as names: `a.b[x].c` → ["a", "b"]. */
export function constantPrefix(terms: Term[]): string[] {
  const names: string[] = [];
  for (const [i, t] of terms.entries()) {
    if (i === 0 && t.value.type === "var") names.push(t.value.name);
    else if (i > 0 && t.value.type === "string") names.push(t.value.value);
    else break;
  }
  return names;
}

/** The names each package defines at its top level, across all modules: package key → rule names. */
export function topLevelRuleNames(modules: Module[]): Map<string, Set<string>> {
  const byPackage = new Map<string, Set<string>>();
  for (const module of modules) {
    const key = module.package.join(".");
    const names = byPackage.get(key) ?? new Set<string>();
    for (const rule of module.rules) {
      const head = rule.head.ref[0];
      if (head.value.type === "var") names.add(head.value.name);
    }
    byPackage.set(key, names);
  }
  return byPackage;
}

/**
 * The absolute path a ref (or call target) reads, as far as it is constant:
 * `data.a[x]` → ["data", "a"]; `p.q` in package x with rule p → ["data", "x", "p", "q"];
 * `lib.f` with `import data.lib` → ["data", "lib", "f"]. Undefined for input, locals and builtins.
 */
export function resolveRef(
  terms: Term[],
  module: Module,
  packageRules: ReadonlySet<string>,
  locals: ReadonlySet<string> = new Set(),
): string[] | undefined {
  const prefix = constantPrefix(terms);
  if (prefix.length === 0) return undefined;
  const [head, ...rest] = prefix;
  if (locals.has(head)) return undefined;
  if (head === "data") return prefix;
  if (head === "input") return undefined;
  for (const imp of module.imports) {
    if (imp.path.value.type !== "ref") continue;
    const importPath = constantPrefix(imp.path.value.terms);
    const name = imp.alias ?? importPath[importPath.length - 1];
    if (name === head && importPath[0] === "data") return [...importPath, ...rest];
    if (name === head) return undefined;
  }
  if (packageRules.has(head)) return ["data", ...module.package, ...prefix];
  return undefined;
}

/** A ref part that may be any name (a variable or computed key). */
export const ANY_NAME = Symbol("any name");
/** A ref part that is a constant but not a string (`data[2]`): no rule path part matches it. */
export const NO_NAME = Symbol("no name");
export type PathPattern = (string | typeof ANY_NAME | typeof NO_NAME)[];

/**
 * Like `resolveRef`, but keeps the whole ref as a pattern: `data[x].allow` →
 * ["data", ANY_NAME, "allow"], so a dependency on `data[x].allow` is not mistaken for one on
 * every rule under `data`.
 */
export function resolveRefPattern(
  terms: Term[],
  module: Module,
  packageRules: ReadonlySet<string>,
  locals: ReadonlySet<string> = new Set(),
): PathPattern | undefined {
  const prefixLength = constantPrefix(terms).length;
  const resolved = resolveRef(terms.slice(0, prefixLength), module, packageRules, locals);
  if (resolved === undefined) return undefined;
  const rest = terms.slice(prefixLength).map((t): PathPattern[number] => {
    const v = t.value;
    if (v.type === "string") return v.value;
    if (v.type === "number" || v.type === "boolean" || v.type === "null") return NO_NAME;
    return ANY_NAME;
  });
  return [...resolved, ...rest];
}
