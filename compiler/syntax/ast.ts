/**
 * Rego's abstract syntax, shaped after OPA's `ast` package so the planner can follow OPA's
 * planner closely. The parser produces it; check/ annotates and reorders it; plan/ consumes it.
 * Plain data: every node is a JSON-printable object with a `type` discriminant.
 */

export interface Position {
  file: string;
  row: number; // 1-based
  col: number; // 1-based, in characters
}

/** A term is a value with the position it was written at. */
export interface Term {
  value: Value;
  loc: Position;
}

export type Value =
  | { type: "null" }
  | { type: "boolean"; value: boolean }
  /** `text` is the literal exactly as written (arbitrary precision), e.g. "1e400", "0.1". */
  | { type: "number"; text: string }
  | { type: "string"; value: string }
  /** `_` is written as a fresh wildcard var (`$w0`, `$w1`, ...) by the parser. */
  | { type: "var"; name: string }
  /** `terms[0]` is the head: a var (input, data, x, ...) or, rarely, a composite/call term. */
  | { type: "ref"; terms: Term[] }
  | { type: "array"; items: Term[] }
  | { type: "object"; items: [Term, Term][] }
  | { type: "set"; items: Term[] }
  | { type: "arraycompr"; term: Term; body: Body }
  | { type: "setcompr"; term: Term; body: Body }
  | { type: "objectcompr"; key: Term; value: Term; body: Body }
  /** A function call used as a term, e.g. `count(x)` in `y := count(x) + 1`; op is a ref term. */
  | { type: "call"; op: Term; args: Term[] };

export type Body = Expr[];

/** `with <target> as <value>` modifier on an expression. */
export interface With {
  target: Term; // a ref: input..., data..., or a function/builtin name
  value: Term;
  loc: Position;
}

/**
 * An expression in a body. Following OPA:
 * - `term`: a single term, true when it is defined and not false.
 * - `call`: an operator applied to args; `op` is a ref term such as `eq` (=), `assign` (:=),
 *   `equal` (==), `neq`, `lt`, `plus`, `internal.member_2`, `count`, `data.pkg.f` ...
 *   When a call is written as `x := f(a)` it is `assign(x, f(a))` with a nested call term; the
 *   checker/planner may rewrite nested calls into calls with an extra output argument, as OPA does.
 * - `some`: `some x, y` declarations (symbols are var terms), or `some k, v in xs` (symbols is a
 *   single call term of internal.member_2 / internal.member_3).
 * - `every`: `every k, v in domain { body }` (key may be absent).
 */
export type ExprKind =
  | { type: "term"; term: Term }
  | { type: "call"; op: Term; args: Term[] }
  | { type: "some"; symbols: Term[] }
  | { type: "every"; key?: Term; value: Term; domain: Term; body: Body };

export interface Expr {
  kind: ExprKind;
  negated: boolean;
  with: With[];
  loc: Position;
  /** Set by the parser/checker for expressions it generated (not written by the user). */
  generated?: boolean;
}

/** What a rule head defines. */
export type RuleKind = "complete" | "partial_set" | "partial_object" | "function";

export interface Head {
  /**
   * The rule's ref relative to the package, e.g. `p` → [var p]; `a.b[c]` → [var a, "b", var c].
   * As in OPA, a partial object's ref includes its key (`p[k] := v` → [var p, var k]) while a
   * partial set's does not (`p contains x` → [var p], key x).
   */
  ref: Term[];
  /**
   * complete: every ref part after the first is a string (`p`, `a.b.c`).
   * partial_object: some ref part is not a string (`p[k]`, `a.b[k]`, `p[q].r`); without a value
   * (`a[x] if q[x]`) each entry is `true`. partial_set: `contains`. function: `f(args)`.
   */
  kind: RuleKind;
  /** Function parameters (patterns), for kind "function". */
  args?: Term[];
  /** Partial set element, or partial object key (the last ref part). */
  key?: Term;
  /** Rule value; absent means `true` for complete rules and functions. */
  value?: Term;
  /** Written with `:=` (true) or `=` (false). */
  assign: boolean;
  loc: Position;
}

export interface Rule {
  head: Head;
  body: Body; // `p := 1` without a body has body [true]
  /** `else [= v] [if] { ... }` chain, each with its own head (value) and body. */
  else?: Rule;
  default: boolean;
  annotations?: Annotations;
  loc: Position;
  /** The module this rule was written in (for error messages and plan `files`). */
  file: string;
}

export interface Import {
  /** e.g. data.lib.iam, input.x, rego.v1, future.keywords.in */
  path: Term; // a ref term
  alias?: string;
  loc: Position;
}

/** METADATA annotations (OPA's annotation schema); unknown keys are kept in `extra`. */
export interface Annotations {
  scope: "rule" | "document" | "package" | "subpackages";
  title?: string;
  description?: string;
  custom?: Record<string, unknown>;
  entrypoint?: boolean;
  organizations?: string[];
  related_resources?: unknown[];
  authors?: unknown[];
  schemas?: unknown[];
  extra?: Record<string, unknown>;
  loc: Position;
}

export interface Module {
  /** e.g. data.apigateway.rest_api → ["apigateway", "rest_api"] */
  package: string[];
  packageLoc: Position;
  imports: Import[];
  rules: Rule[];
  /** Annotations with scope package/subpackages. */
  packageAnnotations: Annotations[];
  file: string;
}
