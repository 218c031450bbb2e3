/**
 * Local variable renaming, as OPA's `rewriteLocalVars`: every variable introduced by `:=`,
 * `some`, a function argument or an `every` symbol gets a name unique in the whole policy
 * (`__local<N>__`), so that later passes can treat variable names as flat identities even across
 * comprehension and `every` scopes. On the way:
 * - `x := v` becomes the unification `x = v` (its declaration is what made it special);
 * - `some x, y` declarations disappear once their names are recorded;
 * - `some v in xs` becomes `v = xs[_]` and `some k, v in xs` becomes `v = xs[k]`.
 * Redeclarations are reported as OPA does: `var x assigned above`, `var x referenced above`.
 */
import type { Body, Expr, Module, Position, Rule, Term, Value } from "../syntax/ast";
import { CompileError } from "./errors";
import { isWildcard, varTerm } from "./termvars";
import { opName } from "../syntax/expressions";

interface Scope {
  declared: Map<string, string>;
  /** Free variables already used in this scope: declaring one of them later is an error. */
  used: Set<string>;
}

export interface RenamedModules {
  modules: Module[];
  errors: CompileError[];
  /** Generated name → the name the author wrote, for messages. */
  originalNames: Map<string, string>;
}

export function renameLocals(modules: Module[]): RenamedModules {
  const renamer = new Renamer();
  const renamed = modules.map((mod) => ({ ...mod, rules: mod.rules.map((rule) => renamer.rule(rule)) }));
  return { modules: renamed, errors: renamer.errors, originalNames: renamer.originalNames };
}

class Renamer {
  readonly errors: CompileError[] = [];
  readonly originalNames = new Map<string, string>();
  private scopes: Scope[] = [];
  private counter = 0;

  rule(rule: Rule, args?: Term[]): Rule {
    this.scopes = [{ declared: new Map(), used: new Set() }];
    // Else branches share the head arguments of the rule they belong to.
    const headArgs = args ?? rule.head.args;
    const renamedArgs = headArgs?.map((arg) => this.declarePattern(arg, "arg"));
    const body = this.body(rule.body);
    const head = { ...rule.head };
    // A template string in an argument reads the body's variables: its sets (comprehensions) are
    // renamed after the body, as OPA renames head terms that refer to variables the body declares.
    if (renamedArgs)
      head.args = renamedArgs.map((arg) =>
        mapVars(
          arg,
          (name) => name,
          (compr) => this.term(compr),
        ),
      );
    head.ref = [rule.head.ref[0], ...rule.head.ref.slice(1).map((t) => this.term(t))];
    if (head.key) head.key = this.term(head.key);
    if (head.value) head.value = this.term(head.value);
    const out: Rule = { ...rule, head, body };
    if (rule.else) out.else = this.rule(rule.else, headArgs);
    return out;
  }

  private get scope(): Scope {
    return this.scopes[this.scopes.length - 1];
  }

  private fresh(original: string): string {
    const name = `__local${this.counter++}__`;
    this.originalNames.set(name, original);
    return name;
  }

  private lookup(name: string): string | undefined {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const found = this.scopes[i].declared.get(name);
      if (found) return found;
    }
    return undefined;
  }

  private declare(name: string, loc: Position, how: "assign" | "some" | "arg"): string {
    if (isWildcard(name)) return name;
    if (how !== "arg") {
      if (how === "assign" && this.scope.declared.has(name)) {
        this.errors.push(new CompileError("rego_compile_error", `var ${name} assigned above`, loc));
      } else if (how === "some" && this.scope.declared.has(name)) {
        this.errors.push(new CompileError("rego_compile_error", `var ${name} declared above`, loc));
      } else if (this.scope.used.has(name)) {
        this.errors.push(new CompileError("rego_compile_error", `var ${name} referenced above`, loc));
      }
    } else if (this.scope.declared.has(name)) {
      return this.scope.declared.get(name) as string;
    }
    const renamed = this.fresh(name);
    this.scope.declared.set(name, renamed);
    return renamed;
  }

  /** Declares every variable of a pattern (`[a, {"k": b}]`) and returns it renamed. */
  private declarePattern(term: Term, how: "assign" | "some" | "arg"): Term {
    return mapVars(term, (name, loc) => this.declare(name, loc, how));
  }

  private withScope<T>(run: () => T): T {
    this.scopes.push({ declared: new Map(), used: new Set() });
    try {
      return run();
    } finally {
      this.scopes.pop();
    }
  }

  body(body: Body): Body {
    const out: Body = [];
    for (const expr of body) {
      const renamed = this.expr(expr);
      if (renamed) out.push(renamed);
    }
    if (out.length === 0 && body.length > 0) {
      const loc = body[0].loc;
      out.push({
        kind: { type: "term", term: { value: { type: "boolean", value: true }, loc } },
        negated: false,
        with: [],
        loc,
        generated: true,
      });
    }
    return out;
  }

  private expr(expr: Expr): Expr | undefined {
    const kind = expr.kind;
    const withs = () => expr.with.map((w) => ({ ...w, value: this.term(w.value) }));
    switch (kind.type) {
      case "some": {
        const sym = kind.symbols[0];
        if (sym && sym.value.type === "call") return this.someIn(expr, sym.value.args);
        for (const s of kind.symbols) this.declarePattern(s, "some");
        return undefined;
      }
      case "every":
        return {
          ...expr,
          kind: {
            type: "every",
            domain: this.term(kind.domain),
            ...this.withScope(() => {
              const key = kind.key ? this.declarePattern(kind.key, "some") : undefined;
              const value = this.declarePattern(kind.value, "some");
              return { key, value, body: this.body(kind.body) };
            }),
          },
          with: withs(),
        };
      case "term":
        return { ...expr, kind: { type: "term", term: this.term(kind.term) }, with: withs() };
      case "call": {
        if (opName(kind.op) === "assign" && kind.args.length === 2) {
          const value = this.term(kind.args[1]);
          const target = this.declarePattern(kind.args[0], "assign");
          const op: Term = { ...kind.op, value: { type: "ref", terms: [varTerm("eq", kind.op.loc)] } };
          return { ...expr, kind: { type: "call", op, args: [target, value] }, with: withs() };
        }
        return {
          ...expr,
          kind: { type: "call", op: kind.op, args: kind.args.map((a) => this.term(a)) },
          with: withs(),
        };
      }
    }
  }

  /** `some v in xs` → `v = xs[$k]`; `some k, v in xs` → `v = xs[k]`. */
  private someIn(expr: Expr, args: Term[]): Expr {
    const domain = this.term(args[args.length - 1]);
    const key =
      args.length === 3
        ? this.declarePattern(args[0], "some")
        : varTerm(`$some${this.counter++}`, domain.loc);
    const value = this.declarePattern(args[args.length - 2], "some");
    const ref: Term = {
      value: {
        type: "ref",
        terms: domain.value.type === "ref" ? [...domain.value.terms, key] : [domain, key],
      },
      loc: domain.loc,
    };
    const op: Term = { value: { type: "ref", terms: [varTerm("eq", expr.loc)] }, loc: expr.loc };
    const withs = expr.with.map((w) => ({ ...w, value: this.term(w.value) }));
    return { ...expr, kind: { type: "call", op, args: [value, ref] }, with: withs };
  }

  term(term: Term): Term {
    const value: Value = term.value;
    switch (value.type) {
      case "arraycompr":
      case "setcompr":
        return this.withScope(() => {
          const body = this.body(value.body);
          return { ...term, value: { ...value, body, term: this.term(value.term) } };
        });
      case "objectcompr":
        return this.withScope(() => {
          const body = this.body(value.body);
          return {
            ...term,
            value: { ...value, body, key: this.term(value.key), value: this.term(value.value) },
          };
        });
      default:
        return mapVars(
          term,
          (name) => {
            const found = this.lookup(name);
            if (found) return found;
            this.scope.used.add(name);
            return name;
          },
          (inner) => this.term(inner),
        );
    }
  }
}

/**
 * Rebuilds `term` with every variable passed through `rename`. Comprehensions inside are handed
 * to `closure` (they open scopes of their own), or kept as they are when none is given.
 * Call operators are names, not variables, and are never renamed.
 */
function mapVars(
  term: Term,
  rename: (name: string, loc: Position) => string,
  closure: (compr: Term) => Term = (t) => t,
): Term {
  const recur = (t: Term) => mapVars(t, rename, closure);
  const value = term.value;
  switch (value.type) {
    case "var":
      return { ...term, value: { type: "var", name: rename(value.name, term.loc) } };
    case "ref": {
      const [head, ...rest] = value.terms;
      const newHead =
        head.value.type === "var" && (head.value.name === "data" || head.value.name === "input")
          ? head
          : recur(head);
      return { ...term, value: { type: "ref", terms: [newHead, ...rest.map(recur)] } };
    }
    case "array":
      return { ...term, value: { type: "array", items: value.items.map(recur) } };
    case "set":
      return { ...term, value: { type: "set", items: value.items.map(recur) } };
    case "object":
      return {
        ...term,
        value: { type: "object", items: value.items.map(([k, v]): [Term, Term] => [recur(k), recur(v)]) },
      };
    case "call":
      return { ...term, value: { type: "call", op: value.op, args: value.args.map(recur) } };
    case "arraycompr":
    case "setcompr":
    case "objectcompr":
      return closure(term);
    default:
      return term;
  }
}
