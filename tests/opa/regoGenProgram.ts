/**
 * Random well-formed Rego v1 modules for differential testing against OPA. A module `package
 * fuzz.<name>` has up to three helper rules (complete rules with else or several clauses, partial set
 * and object rules, functions with several clauses) and a `result` rule, each using only earlier
 * helpers, so there is no recursion. Bodies bind every variable before use (`:=`, `some … in`,
 * `some k; v := x[k]`, destructuring), and use `not`, `every`, comprehensions, `with` (on input, on
 * an earlier rule's data path, on a function) and the builtins of regoGenBuiltins.ts. Static types
 * are tracked so that OPA's type checker accepts every module.
 */
import {
  ANY,
  BOOLEAN,
  NULL,
  NUMBER,
  STRING,
  type Ty,
  arrayOf,
  elementTy,
  isCollection,
  objectOf,
  sameTy,
  setOf,
} from "./regoGenTypes";
import { NUMBERS, PRODUCTIONS, type Production, STRINGS, type TermSource } from "./regoGenBuiltins";
import { Choices } from "./regoGenChoices";

interface Variable {
  name: string;
  ty: Ty;
}

/** Variables bound so far, innermost last. */
type Scope = readonly Variable[];

/** A rule an expression may refer to: its name, value type and, for a function, parameter types. */
interface Helper {
  name: string;
  ty: Ty;
  params?: Ty[];
}

/** Input references; the random inputs (regoGenInput.ts) mostly give these keys these shapes. */
const INPUT_REFS = [
  "input.n",
  "input.s",
  "input.b",
  "input.xs",
  "input.o",
  "input.o.a",
  "input.xs[0]",
  "input.missing",
];
/** The input reference that holds a value of a type in most inputs. */
const USUAL_INPUT_REFS: Partial<Record<Ty["kind"], string>> = {
  number: "input.n",
  string: "input.s",
  boolean: "input.b",
  array: "input.xs",
  object: "input.o",
};
const INPUT_KEYS = ["n", "s", "b", "xs", "o"];
const OBJECT_KEYS = ["a", "b", "k", "x"];

const MAX_DEPTH = 3;
const MAX_STATEMENTS = 4;

const anyProductions = PRODUCTIONS.filter((p) => p.yields(ANY));

class ModuleWriter {
  private counter = 0;
  private readonly helpers: Helper[] = [];

  constructor(
    private readonly choices: Choices,
    private readonly packageName: string,
  ) {}

  module(): string {
    const rules: string[] = [];
    const helperCount = this.choices.index(4);
    for (let i = 0; i < helperCount; i++) rules.push(this.helperRule());
    rules.push(this.valueRule("result", this.choices.oneOf(["complete", "set", "object"] as const)));
    return `package fuzz.${this.packageName}\n\n${rules.join("\n\n")}\n`;
  }

  private fresh(prefix: string): string {
    return `${prefix}${++this.counter}`;
  }

  private helperRule(): string {
    const kind = this.choices.oneOf(["complete", "set", "object", "function"] as const);
    return kind === "function" ? this.functionRule() : this.valueRule(this.fresh("h"), kind);
  }

  /** A complete, partial set or partial object rule named `name`, registered as a helper. */
  private valueRule(name: string, kind: "complete" | "set" | "object"): string {
    const valueTy = this.someTy();
    const clauses: string[] = [];
    const clauseCount = 1 + this.choices.index(2);
    if (kind === "complete") {
      if (this.choices.chance(30)) clauses.push(`default ${name} := ${this.literal(valueTy, 1)}`);
      if (this.choices.chance(40)) clauses.push(this.elseChain(`${name} :=`, [], valueTy));
      else
        for (let i = 0; i < clauseCount; i++) {
          const [body, scope] = this.body([], 0);
          clauses.push(`${name} := ${this.term(valueTy, scope, 1)} if {\n${body}\n}`);
        }
      this.helpers.push({ name, ty: valueTy });
    } else if (kind === "set") {
      for (let i = 0; i < clauseCount; i++) {
        const [body, scope] = this.body([], 0);
        clauses.push(`${name} contains ${this.term(valueTy, scope, 1)} if {\n${body}\n}`);
      }
      this.helpers.push({ name, ty: setOf(valueTy) });
    } else {
      for (let i = 0; i < clauseCount; i++) {
        const [body, scope] = this.body([], 0);
        clauses.push(
          `${name}[${this.term(STRING, scope, 2)}] := ${this.term(valueTy, scope, 1)} if {\n${body}\n}`,
        );
      }
      this.helpers.push({ name, ty: objectOf(valueTy) });
    }
    return clauses.join("\n\n");
  }

  /** `head value if { body } else := value if { body } … [else := value]`. */
  private elseChain(head: string, params: Scope, ty: Ty): string {
    const [body, scope] = this.body(params, 0);
    let text = `${head} ${this.term(ty, scope, 1)} if {\n${body}\n}`;
    const alternatives = 1 + this.choices.index(2);
    for (let i = 0; i < alternatives; i++) {
      if (this.choices.chance(50)) {
        const [elseBody, elseScope] = this.body(params, 0);
        text += ` else := ${this.term(ty, elseScope, 1)} if {\n${elseBody}\n}`;
      } else {
        text += ` else := ${this.term(ty, params, 1)}`;
        break;
      }
    }
    return text;
  }

  private functionRule(): string {
    const name = this.fresh("f");
    const paramTys = Array.from({ length: 1 + this.choices.index(2) }, () => this.someTy());
    const params = paramTys.map((ty) => ({ name: this.fresh("a"), ty }));
    const head = `${name}(${params.map((p) => p.name).join(", ")}) :=`;
    const resultTy = this.someTy();
    const clauses: string[] = [];
    if (this.choices.chance(40)) clauses.push(this.elseChain(head, params, resultTy));
    else
      for (let i = 0, n = 1 + this.choices.index(2); i < n; i++) {
        const [body, scope] = this.body(params, 0);
        clauses.push(`${head} ${this.term(resultTy, scope, 1)} if {\n${body}\n}`);
      }
    this.helpers.push({ name, ty: resultTy, params: paramTys });
    return clauses.join("\n\n");
  }

  /**
   * One to MAX_STATEMENTS statements, one per line, and the scope they leave. OPA rejects a variable
   * declared by `some` (or `every`, `mustUse`) that nothing refers to, so such a variable is then
   * compared with itself, which only asks that it be defined.
   */
  private body(outer: Scope, depth: number, mustUse: string[] = []): [string, Scope] {
    let scope = outer;
    const lines: string[] = [];
    const count = 1 + this.choices.index(MAX_STATEMENTS);
    for (let i = 0; i < count; i++) {
      const [line, next] = this.statement(scope, depth);
      lines.push(`${"\t".repeat(depth + 1)}${line}`);
      scope = next;
    }
    const declared = lines.flatMap((line) => /^\s*some (\w+)(?:, (\w+))? in /.exec(line)?.slice(1) ?? []);
    // Outside string literals: "v1.0.0" mentions no variable v1.
    const code = () => lines.join("\n").replace(/"(?:[^"\\]|\\.)*"/g, '""');
    const mentions = (name: string) => code().match(new RegExp(`\\b${name}\\b`, "g"))?.length ?? 0;
    for (const name of declared.filter((n) => n !== undefined && mentions(n) < 2))
      lines.push(`${"\t".repeat(depth + 1)}${name} == ${name}`);
    // OPA drops a body that is only `not true` when it rewrites a term of the head into the body
    // (compiler/README.md, OPA bugs): its rule would hold.
    if (lines.length === 1 && lines[0].trim() === "not true")
      lines[0] = lines[0].replace("not true", "false");
    for (const name of mustUse.filter((n) => mentions(n) < 1))
      lines.push(`${"\t".repeat(depth + 1)}${name} == ${name}`);
    return [lines.join("\n"), scope];
  }

  private statement(scope: Scope, depth: number): [string, Scope] {
    const d = depth + 1;
    switch (this.choices.index(11)) {
      case 0: {
        const ty = this.someTy();
        const name = this.fresh("v");
        return [`${name} := ${this.term(ty, scope, d)}`, [...scope, { name, ty }]];
      }
      case 1:
        return this.iteration(scope, d);
      case 2:
        return [this.term(BOOLEAN, scope, d), scope];
      case 3:
        return [`not ${this.term(BOOLEAN, scope, d)}`, scope];
      case 4: {
        const [left, right] = this.comparable(scope, d);
        return [`${left} ${this.choices.oneOf(["==", "!="])} ${right}`, scope];
      }
      case 5:
        return [
          `${this.term(NUMBER, scope, d)} ${this.choices.oneOf(["<", "<=", ">", ">="])} ${this.term(NUMBER, scope, d)}`,
          scope,
        ];
      case 6:
        return depth < 2 ? [this.every(scope, depth), scope] : [this.term(BOOLEAN, scope, d), scope];
      case 7:
        return this.withStatement(scope, d);
      case 8:
        if (this.helpers.length > 0) return this.helperStatement(scope, d);
        return [this.term(BOOLEAN, scope, d), scope];
      case 9:
        return this.refIteration(scope);
      default: {
        // Destructuring an input array: undefined when its length differs.
        const [first, second] = [this.fresh("v"), this.fresh("v")];
        return [
          `[${first}, ${second}] := input.xs`,
          [...scope, { name: first, ty: ANY }, { name: second, ty: ANY }],
        ];
      }
    }
  }

  private iteration(scope: Scope, depth: number): [string, Scope] {
    const collectionTy = this.choices.oneOf([
      arrayOf(this.scalarTy()),
      setOf(this.scalarTy()),
      objectOf(this.scalarTy()),
      ANY,
    ]);
    const collection = this.collection(collectionTy, scope, depth);
    const value = { name: this.fresh("v"), ty: elementTy(collectionTy) };
    if (collectionTy.kind === "set" || this.choices.chance(60))
      return [`some ${value.name} in ${collection}`, [...scope, value]];
    const key = {
      name: this.fresh("k"),
      ty: collectionTy.kind === "array" ? NUMBER : collectionTy.kind === "object" ? STRING : ANY,
    };
    return [`some ${key.name}, ${value.name} in ${collection}`, [...scope, key, value]];
  }

  private every(scope: Scope, depth: number): string {
    const collectionTy = this.choices.oneOf([arrayOf(this.scalarTy()), setOf(this.scalarTy()), ANY]);
    const collection = this.collection(collectionTy, scope, depth + 1);
    const value = { name: this.fresh("v"), ty: elementTy(collectionTy) };
    const [body] = this.body([...scope, value], depth + 1, [value.name]);
    return `every ${value.name} in ${collection} {\n${body}\n${"\t".repeat(depth + 1)}}`;
  }

  /** A rule or function evaluated under a replaced input, or part of it. */
  private withStatement(scope: Scope, depth: number): [string, Scope] {
    const helper = this.helpers.length > 0 ? this.choices.oneOf(this.helpers) : undefined;
    const evaluated = helper ? this.helperCall(helper, scope, depth) : this.term(BOOLEAN, scope, depth);
    const [target, replacement] =
      this.helpers.length > 0 && this.choices.chance(30)
        ? this.mock(this.choices.oneOf(this.helpers), scope, depth)
        : this.choices.chance(25)
          ? ["input", this.term(objectOf(this.scalarTy()), scope, depth)]
          : [`input.${this.choices.oneOf(INPUT_KEYS)}`, this.term(this.someTy(), scope, depth)];
    const name = this.fresh("v");
    return [
      `${name} := ${evaluated} with ${target} as ${replacement}`,
      [...scope, { name, ty: helper?.ty ?? BOOLEAN }],
    ];
  }

  /** `with` target and value replacing a rule (by its data path) or a function (by a value or another function). */
  private mock(helper: Helper, scope: Scope, depth: number): [string, string] {
    if (!helper.params)
      return [`data.fuzz.${this.packageName}.${helper.name}`, this.term(helper.ty, scope, depth)];
    const others = this.helpers.filter((h) => h !== helper && h.params?.length === helper.params?.length);
    if (others.length > 0 && this.choices.chance(50)) return [helper.name, this.choices.oneOf(others).name];
    return [helper.name, this.term(helper.ty, scope, depth)];
  }

  /** `some k; v := base[k]` (or `base[_]`) over a collection variable or the input. */
  private refIteration(scope: Scope): [string, Scope] {
    const bases: Variable[] = [
      { name: "input.xs", ty: ANY },
      { name: "input.o", ty: ANY },
      ...scope.filter((v) => isCollection(v.ty) || v.ty.kind === "any"),
    ];
    const base = this.choices.oneOf(bases);
    const keyTy = base.ty.kind === "array" ? NUMBER : base.ty.kind === "object" ? STRING : elementTy(base.ty);
    const value = { name: this.fresh("v"), ty: elementTy(base.ty) };
    if (this.choices.chance(40)) return [`${value.name} := ${base.name}[_]`, [...scope, value]];
    const key = { name: this.fresh("k"), ty: keyTy };
    return [`some ${key.name}; ${value.name} := ${base.name}[${key.name}]`, [...scope, key, value]];
  }

  /** The value of an earlier rule or function, bound to a variable or iterated over. */
  private helperStatement(scope: Scope, depth: number): [string, Scope] {
    const helper = this.choices.oneOf(this.helpers);
    const call = this.helperCall(helper, scope, depth);
    const value = { name: this.fresh("v"), ty: elementTy(helper.ty) };
    if (isCollection(helper.ty) && this.choices.chance(50))
      return [`some ${value.name} in ${call}`, [...scope, value]];
    const name = this.fresh("v");
    return [`${name} := ${call}`, [...scope, { name, ty: helper.ty }]];
  }

  private helperCall(helper: Helper, scope: Scope, depth: number): string {
    if (!helper.params) return helper.name;
    return `${helper.name}(${helper.params.map((ty) => this.term(ty, scope, depth + 1)).join(", ")})`;
  }

  /** A term of type `ty` (ANY: of some type) using only variables of `scope`. */
  term(wanted: Ty, scope: Scope, depth: number): string {
    const ty = wanted.kind === "any" ? this.someTy() : wanted;
    if (depth >= MAX_DEPTH) return this.leaf(ty, scope, depth);
    switch (this.choices.index(8)) {
      case 0:
      case 1:
        return this.leaf(ty, scope, depth);
      case 2:
      case 3:
      case 4: {
        const productions = PRODUCTIONS.filter((p) => p.yields(ty));
        return productions.length > 0
          ? this.produce(this.choices.oneOf(productions), ty, scope, depth)
          : this.leaf(ty, scope, depth);
      }
      case 5:
        return isCollection(ty) ? this.comprehension(ty, scope, depth) : this.leaf(ty, scope, depth);
      case 6: {
        const helpers = this.helpers.filter((h) => sameTy(h.ty, ty));
        return helpers.length > 0
          ? this.helperCall(this.choices.oneOf(helpers), scope, depth)
          : this.leaf(ty, scope, depth);
      }
      default:
        return this.anyTerm(scope, depth);
    }
  }

  /** A term OPA types as any (input, json.unmarshal, object.get): where runtime type errors come from. */
  private anyTerm(scope: Scope, depth: number): string {
    const variables = scope.filter((v) => v.ty.kind === "any");
    switch (this.choices.index(3)) {
      case 1:
        if (depth < MAX_DEPTH) return this.produce(this.choices.oneOf(anyProductions), ANY, scope, depth);
        break;
      case 2:
        if (variables.length > 0) return this.choices.oneOf(variables).name;
        break;
    }
    return this.choices.oneOf(INPUT_REFS);
  }

  /**
   * Two terms for `==`. OPA rewrites `a == b` to `a = b` and unifies the static types, so that two
   * objects with different keys, or arrays of different lengths, are a type error: a collection is
   * compared with a term of type any.
   */
  private comparable(scope: Scope, depth: number): [string, string] {
    const ty = this.someTy();
    if (!isCollection(ty)) return [this.term(ty, scope, depth), this.term(ty, scope, depth)];
    const pair: [string, string] = [this.anyTerm(scope, depth), this.term(ty, scope, depth)];
    return this.choices.chance(50) ? pair : [pair[1], pair[0]];
  }

  /** A term of a collection type, or of OPA's type any when `ty` is ANY. */
  private collection(ty: Ty, scope: Scope, depth: number): string {
    return ty.kind === "any" ? this.anyTerm(scope, depth) : this.term(ty, scope, depth);
  }

  private produce(production: Production, ty: Ty, scope: Scope, depth: number): string {
    const source: TermSource = {
      choices: this.choices,
      term: (argTy) => this.term(argTy, scope, depth + 1),
      someTy: () => this.someTy(),
      scalarTy: () => this.scalarTy(),
      comparable: () => this.comparable(scope, depth + 1),
    };
    return production.write(source, ty);
  }

  /** A literal, a variable or an input reference. */
  private leaf(ty: Ty, scope: Scope, depth: number): string {
    const variables = scope.filter((v) => sameTy(v.ty, ty) || v.ty.kind === "any");
    const choice = this.choices.index(4);
    if (choice === 1 || (choice === 3 && variables.length > 0)) {
      if (variables.length > 0) return this.choices.oneOf(variables).name;
    }
    if (choice === 2) {
      // Mostly the input key that usually holds this type, so that not every program fails.
      const usual = USUAL_INPUT_REFS[ty.kind];
      return usual && this.choices.chance(75) ? usual : this.choices.oneOf(INPUT_REFS);
    }
    return this.literal(ty, depth);
  }

  literal(ty: Ty, depth: number): string {
    const elements = (make: () => string, min: number) =>
      Array.from({ length: min + this.choices.index(depth >= MAX_DEPTH ? 2 : 3) }, make);
    switch (ty.kind) {
      case "number": {
        // A line starting with `-1` would continue the previous line as a subtraction, in OPA too.
        const number = this.choices.oneOf(NUMBERS);
        return number.startsWith("-") ? `(${number})` : number;
      }
      case "string":
        return JSON.stringify(this.choices.oneOf(STRINGS));
      case "boolean":
        return this.choices.oneOf(["true", "false"]);
      case "null":
      case "any":
        return "null";
      case "array":
        return `[${elements(() => this.literal(ty.of, depth + 1), 0).join(", ")}]`;
      case "set": {
        const members = elements(() => this.literal(ty.of, depth + 1), 0);
        return members.length === 0 ? "set()" : `{${members.join(", ")}}`;
      }
      case "object": {
        const keys = OBJECT_KEYS.slice(0, this.choices.index(OBJECT_KEYS.length + 1));
        return `{${keys.map((k) => `${JSON.stringify(k)}: ${this.literal(ty.of, depth + 1)}`).join(", ")}}`;
      }
    }
  }

  private comprehension(ty: Ty, scope: Scope, depth: number): string {
    const [body, inner] = this.body(scope, depth + 1);
    const indent = "\t".repeat(depth + 1);
    const element = elementTy(ty);
    if (ty.kind === "array") return `[${this.term(element, inner, depth + 1)} |\n${body}\n${indent}]`;
    if (ty.kind === "set") return `{${this.term(element, inner, depth + 1)} |\n${body}\n${indent}}`;
    return `{${this.term(STRING, inner, depth + 1)}: ${this.term(element, inner, depth + 1)} |\n${body}\n${indent}}`;
  }

  someTy(): Ty {
    return this.choices.index(3) === 0
      ? this.scalarTy()
      : this.choices.oneOf([
          this.scalarTy(),
          arrayOf(this.scalarTy()),
          setOf(this.scalarTy()),
          objectOf(this.scalarTy()),
        ]);
  }

  scalarTy(): Ty {
    return this.choices.oneOf([NUMBER, STRING, BOOLEAN, NULL]);
  }
}

/** The module text for a list of decisions (regoGenChoices.ts), in package `fuzz.<packageName>`. */
export function regoModule(decisions: readonly number[], packageName: string): string {
  return new ModuleWriter(new Choices(decisions), packageName).module();
}
