/**
 * A rule called with empty parentheses: `allowed_sysctl_string()` where `allowed_sysctl_string := out
 * if {...}` is a complete rule. OPA evaluates such a call as the rule's value. Its type checker lets it
 * through only when it cannot infer the rule's type (a value taken from input, say); a rule whose value
 * has a known type (`a := "x"`) is an `undefined function` there. We accept every complete rule: a
 * superset, with the same value wherever OPA compiles the call.
 */
import type { Module, Rule, Term } from "../syntax/ast";
import { resolveRef, ruleDataPath, topLevelRuleNames } from "../syntax/names";
import { ruleContains, visitRule } from "../syntax/visit";

/** Full paths (`data.pkg.rule`) of the complete rules, the ones a zero-argument call may name. */
export function completeRules(modules: Module[]): Set<string> {
  const paths = new Set<string>();
  for (const module of modules)
    for (const rule of module.rules)
      if (rule.head.kind === "complete") paths.add(ruleDataPath(module, rule).join("."));
  return paths;
}

/** The path of the complete rule a call `op()` written in `module` names, or undefined. */
export function calledRule(
  op: Term,
  argCount: number,
  module: Module,
  packageRules: ReadonlySet<string>,
  rules: ReadonlySet<string>,
): string[] | undefined {
  if (argCount !== 0 || op.value.type !== "ref") return undefined;
  const path = resolveRef(op.value.terms, module, packageRules);
  return path !== undefined && rules.has(path.join(".")) ? path : undefined;
}

/**
 * The modules with each zero-argument call of a complete rule replaced by the rule's ref. The input
 * is left as it was: a rule with such a call is rewritten in a copy, the others are shared.
 */
export function rewriteRuleCalls(modules: Module[]): Module[] {
  const rules = completeRules(modules);
  const rulesByPackage = topLevelRuleNames(modules);
  return modules.map((module) => {
    const packageRules = rulesByPackage.get(module.package.join(".")) ?? new Set<string>();
    const target = (op: Term, args: Term[]) => calledRule(op, args.length, module, packageRules, rules);
    const asRef = (op: Term, path: string[]): Term => ({
      value: {
        type: "ref",
        terms: path.map((part, i) => ({
          value: i === 0 ? { type: "var", name: part } : { type: "string", value: part },
          loc: op.loc,
        })),
      },
      loc: op.loc,
    });
    const callsRule = (rule: Rule) =>
      ruleContains(rule, {
        expr: (expr) => expr.kind.type === "call" && target(expr.kind.op, expr.kind.args) !== undefined,
        term: (term) => term.value.type === "call" && target(term.value.op, term.value.args) !== undefined,
      });
    const rewrite = (rule: Rule): Rule => {
      visitRule(rule, {
        expr(expr) {
          if (expr.kind.type !== "call") return;
          const path = target(expr.kind.op, expr.kind.args);
          if (path) expr.kind = { type: "term", term: asRef(expr.kind.op, path) };
        },
        term(term) {
          if (term.value.type !== "call") return;
          const path = target(term.value.op, term.value.args);
          if (path) term.value = asRef(term.value.op, path).value;
        },
      });
      return rule;
    };
    return {
      ...module,
      rules: module.rules.map((rule) => (callsRule(rule) ? rewrite(structuredClone(rule)) : rule)),
    };
  });
}
