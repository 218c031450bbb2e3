/**
 * Name resolution, as OPA's compiler does before anything else looks at bodies: a bare name
 * that is a rule of the same package becomes `data.<pkg>.<name>`, an imported name becomes the
 * imported ref, and user function calls get their full `data.` path. Names declared locally
 * (function arguments, `some`, `:=`, `every` symbols) shadow rules and imports. `input`, `data`
 * and builtin names stay as they are; `rego.v1` and `future.keywords` imports mean nothing here.
 */
import type { Body, Expr, ExprKind, Module, Position, Rule, Term, Value, With } from "../syntax/ast";
import { collectVars, ROOT_VARS } from "./termvars";

/** What a bare name stands for in one module. */
interface ModuleScope {
  /** Import name → the ref terms it abbreviates. */
  imports: Map<string, Term[]>;
  /** Rule names of the module's package (from every module of that package). */
  rules: Set<string>;
  packageTerms: (loc: Position) => Term[];
}

/** Returns copies of `modules` with every global name written as a full ref. */
export function resolveModules(modules: Module[]): Module[] {
  const rulesByPackage = new Map<string, Set<string>>();
  for (const mod of modules) {
    const key = mod.package.join(".");
    const names = rulesByPackage.get(key) ?? new Set<string>();
    for (const rule of mod.rules) {
      const first = rule.head.ref[0];
      if (first.value.type === "var") names.add(first.value.name);
    }
    rulesByPackage.set(key, names);
  }
  return modules.map((mod) => {
    const scope: ModuleScope = {
      imports: importNames(mod),
      rules: rulesByPackage.get(mod.package.join(".")) ?? new Set(),
      packageTerms: (loc) => [
        { value: { type: "var", name: "data" }, loc },
        ...mod.package.map((p): Term => ({ value: { type: "string", value: p }, loc })),
      ],
    };
    return { ...mod, rules: mod.rules.map((rule) => resolveRule(rule, scope)) };
  });
}

function importNames(mod: Module): Map<string, Term[]> {
  const names = new Map<string, Term[]>();
  for (const imp of mod.imports) {
    if (imp.path.value.type !== "ref") continue;
    const terms = imp.path.value.terms;
    const root = terms[0].value.type === "var" ? terms[0].value.name : "";
    if (root !== "data" && root !== "input") continue; // rego.v1, future.keywords.*
    const last = terms[terms.length - 1].value;
    const name = imp.alias ?? (last.type === "string" ? last.value : last.type === "var" ? last.name : "");
    if (name !== "" && terms.length > 1) names.set(name, terms);
    else if (imp.alias) names.set(imp.alias, terms);
  }
  return names;
}

function resolveRule(rule: Rule, scope: ModuleScope): Rule {
  const declared = new Set<string>();
  for (const arg of rule.head.args ?? []) declaredInPattern(arg, declared);
  addDeclaredVars(rule.body, declared);
  const r = new Resolver(scope, declared);
  const head = { ...rule.head };
  head.ref = [rule.head.ref[0], ...rule.head.ref.slice(1).map((t) => r.term(t))];
  if (head.key) head.key = r.term(head.key);
  if (head.value) head.value = r.term(head.value);
  const resolved: Rule = { ...rule, head, body: r.body(rule.body) };
  if (rule.else)
    resolved.else = resolveRule({ ...rule.else, head: { ...rule.else.head, args: rule.head.args } }, scope);
  return resolved;
}

/** Variables a body declares at its own level: `some` symbols, `:=` targets, `some .. in` symbols. */
function addDeclaredVars(body: Body, out: Set<string>): void {
  for (const expr of body) {
    const kind = expr.kind;
    if (kind.type === "some") {
      for (const sym of kind.symbols) {
        if (sym.value.type === "call") {
          for (const pattern of sym.value.args.slice(0, -1)) declaredInPattern(pattern, out);
        } else declaredInPattern(sym, out);
      }
    } else if (kind.type === "call" && isOp(kind.op, "assign")) {
      declaredInPattern(kind.args[0], out);
    }
  }
}

function declaredInPattern(term: Term, out: Set<string>): void {
  const vars = new Map<string, Position>();
  collectVars(term, vars, false);
  for (const v of vars.keys()) out.add(v);
}

function isOp(op: Term, name: string): boolean {
  return op.value.type === "ref" && op.value.terms.length === 1 && op.value.terms[0].value.type === "var"
    ? op.value.terms[0].value.name === name
    : false;
}

class Resolver {
  constructor(
    private readonly scope: ModuleScope,
    private readonly declared: Set<string>,
  ) {}

  private nested(extra: Iterable<string>): Resolver {
    return new Resolver(this.scope, new Set([...this.declared, ...extra]));
  }

  body(body: Body): Body {
    return body.map((expr) => this.expr(expr));
  }

  private expr(expr: Expr): Expr {
    return { ...expr, kind: this.kind(expr.kind), with: expr.with.map((w) => this.with(w)) };
  }

  private with(w: With): With {
    return { ...w, target: this.callable(w.target), value: this.term(w.value) };
  }

  private kind(kind: ExprKind): ExprKind {
    switch (kind.type) {
      case "term":
        return { type: "term", term: this.term(kind.term) };
      case "call":
        return { type: "call", op: this.callable(kind.op), args: kind.args.map((a) => this.term(a)) };
      case "some":
        return {
          type: "some",
          symbols: kind.symbols.map((sym) => {
            if (sym.value.type !== "call") return sym;
            // `some k, v in xs`: the symbols are declarations, only the domain is resolved.
            const args = sym.value.args;
            const domain = this.term(args[args.length - 1]);
            return { ...sym, value: { ...sym.value, args: [...args.slice(0, -1), domain] } };
          }),
        };
      case "every": {
        const inner = new Set<string>();
        if (kind.key) declaredInPattern(kind.key, inner);
        declaredInPattern(kind.value, inner);
        addDeclaredVars(kind.body, inner);
        const r = this.nested(inner);
        return { ...kind, domain: this.term(kind.domain), body: r.body(kind.body) };
      }
    }
  }

  /** A call operator or `with` target: builtins stay, rules and imports get their full path. */
  private callable(op: Term): Term {
    return this.term(op);
  }

  term(term: Term): Term {
    const value: Value = term.value;
    switch (value.type) {
      case "var": {
        const global = this.global(value.name, term.loc);
        return global ? { value: { type: "ref", terms: global }, loc: term.loc } : term;
      }
      case "ref": {
        const [head, ...rest] = value.terms;
        const resolvedRest = rest.map((t) => this.term(t));
        if (head.value.type === "var") {
          const global = this.global(head.value.name, head.loc);
          if (global) return { value: { type: "ref", terms: [...global, ...resolvedRest] }, loc: term.loc };
          return { value: { type: "ref", terms: [head, ...resolvedRest] }, loc: term.loc };
        }
        return { value: { type: "ref", terms: [this.term(head), ...resolvedRest] }, loc: term.loc };
      }
      case "array":
        return { value: { type: "array", items: value.items.map((t) => this.term(t)) }, loc: term.loc };
      case "set":
        return { value: { type: "set", items: value.items.map((t) => this.term(t)) }, loc: term.loc };
      case "object":
        return {
          value: {
            type: "object",
            items: value.items.map(([k, v]): [Term, Term] => [this.term(k), this.term(v)]),
          },
          loc: term.loc,
        };
      case "call":
        return {
          value: { type: "call", op: this.callable(value.op), args: value.args.map((a) => this.term(a)) },
          loc: term.loc,
        };
      case "arraycompr":
      case "setcompr": {
        const r = this.comprehensionScope(value.body);
        return { value: { ...value, term: r.term(value.term), body: r.body(value.body) }, loc: term.loc };
      }
      case "objectcompr": {
        const r = this.comprehensionScope(value.body);
        return {
          value: { ...value, key: r.term(value.key), value: r.term(value.value), body: r.body(value.body) },
          loc: term.loc,
        };
      }
      default:
        return term;
    }
  }

  private comprehensionScope(body: Body): Resolver {
    const inner = new Set<string>();
    addDeclaredVars(body, inner);
    return this.nested(inner);
  }

  /** The full ref a bare global name stands for, or undefined for locals and builtins. */
  private global(name: string, loc: Position): Term[] | undefined {
    if (this.declared.has(name) || ROOT_VARS.has(name)) return undefined;
    const imported = this.scope.imports.get(name);
    if (imported) return imported.map((t) => ({ ...t, loc }));
    if (this.scope.rules.has(name)) {
      return [...this.scope.packageTerms(loc), { value: { type: "string", value: name }, loc }];
    }
    return undefined;
  }
}
