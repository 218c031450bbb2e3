/**
 * Rego bodies, expressions and terms, following OPA's grammar and operator precedence (loosest
 * first): `:=`/`=`, `in`, comparisons, `|`, `&`, `+ -`, `* / %`, all left-associative.
 * Operators become calls of OPA's builtin names (`plus`, `internal.member_2`, ...).
 */
import type { Body, Expr, Position, Term, Value, With } from "./ast";
import type { Token } from "./lexer";
import { KEYWORDS, TokenCursor } from "./tokenCursor";

const ROOT_DOCUMENTS = new Set(["data", "input"]);

const RELATION_OPS: Record<string, string> = {
  "==": "equal",
  "!=": "neq",
  "<": "lt",
  "<=": "lte",
  ">": "gt",
  ">=": "gte",
};
const ARITH_OPS: Record<string, string> = { "+": "plus", "-": "minus" };
const FACTOR_OPS: Record<string, string> = { "*": "mul", "/": "div", "%": "rem" };

/** Decimal exponents beyond this are rejected, like OPA's "number too big" (2^100000 ≈ 10^30103). */
const MAX_DECIMAL_EXPONENT = 30000;

/** An operator or builtin name as the ref term OPA uses: `count` → [var count], `a.b` → [var a, "b"]. */
export function opRef(name: string, loc: Position): Term {
  const [head, ...rest] = name.split(".");
  const terms: Term[] = [{ value: { type: "var", name: head }, loc }];
  for (const part of rest) terms.push({ value: { type: "string", value: part }, loc });
  return { value: { type: "ref", terms }, loc };
}

/** The dotted name of an operator ref term (`internal.member_2`), or undefined if it is not one. */
export function opName(op: Term): string | undefined {
  if (op.value.type !== "ref") return undefined;
  const parts: string[] = [];
  for (const [i, t] of op.value.terms.entries()) {
    if (i === 0 && t.value.type === "var") parts.push(t.value.name);
    else if (i > 0 && t.value.type === "string") parts.push(t.value.value);
    else return undefined;
  }
  return parts.join(".");
}

/** The builtin a template string calls with its parts. */
export const TEMPLATE_STRING = "internal.template_string";

export class ExpressionParser extends TokenCursor {
  /** Counter for the variables capturing template expressions' values (`$t0`, `$t1`, ...). */
  private templateValues = 0;

  // ---------------------------------------------------------------- bodies and literals

  protected parseBlock(): Body {
    this.expectPunct("{");
    const body = this.parseQuery("}");
    this.expectPunct("}");
    return body;
  }

  /** Literals separated by `;` or newlines, up to (not including) `end`. */
  protected parseQuery(end: string): Body {
    if (this.isPunct(end)) this.fail(this.peek(), "found empty body");
    const body: Body = [];
    for (;;) {
      body.push(this.parseLiteral());
      if (this.isPunct(";")) {
        this.next();
        continue;
      }
      if (this.isPunct(end)) return body;
      if (this.peek().newlineBefore && this.peek().kind !== "eof") continue;
      this.unexpected(`a newline or \`;\` before the next expression, or \`${end}\``);
    }
  }

  protected parseLiteral(): Expr {
    const startTok = this.peek();
    if (this.isKeyword("some")) return this.parseSome();
    if (this.isKeyword("every")) return this.parseEvery();
    let negated = false;
    if (this.isKeyword("not")) {
      this.next();
      negated = true;
      if (this.isKeyword("some")) this.fail(this.peek(), "illegal negation of `some`");
      if (this.isKeyword("every")) this.fail(this.peek(), "illegal negation of `every`");
    }
    const expr = this.parseExpr(startTok, negated);
    expr.with = this.parseWiths();
    return expr;
  }

  protected parseExpr(startTok: Token, negated: boolean): Expr {
    const loc = this.loc(startTok);
    const lhs = this.parseTermIn(true);
    if (this.isPunct(":=") || this.isPunct("=")) {
      const opTok = this.next();
      const rhs = this.parseTermIn(true);
      const op = opRef(opTok.text === ":=" ? "assign" : "eq", this.loc(opTok));
      return { kind: { type: "call", op, args: [lhs, rhs] }, negated, with: [], loc };
    }
    // A call written as a whole expression is an expression call, as in OPA.
    if (lhs.value.type === "call") {
      return { kind: { type: "call", op: lhs.value.op, args: lhs.value.args }, negated, with: [], loc };
    }
    return { kind: { type: "term", term: lhs }, negated, with: [], loc };
  }

  protected parseWiths(): With[] {
    const withs: With[] = [];
    while (this.isKeyword("with")) {
      const withTok = this.next();
      const targetTok = this.peek();
      const target = this.parseTerm();
      if (target.value.type !== "ref" && target.value.type !== "var") {
        this.fail(targetTok, "expected `with` target path (input..., data..., or a function name)");
      }
      if (!this.isKeyword("as")) this.unexpected("`as` after the `with` target");
      this.next();
      const value = this.parseTermIn(false);
      withs.push({ target, value, loc: this.loc(withTok) });
    }
    return withs;
  }

  /** `some x, y` or `some x in xs` / `some k, v in xs`. */
  protected parseSome(): Expr {
    const someTok = this.next();
    const loc = this.loc(someTok);
    const saved = this.mark();
    const membership = this.tryParse(() => this.parseTermIn(true));
    if (membership !== undefined && membership.value.type === "call") {
      const name = opName(membership.value.op);
      if (name !== "internal.member_2" && name !== "internal.member_3") {
        this.fail(someTok, "expected `x in xs` or `k, v in xs` after `some`");
      }
      return { kind: { type: "some", symbols: [membership] }, negated: false, with: this.parseWiths(), loc };
    }
    this.reset(saved);
    const symbols: Term[] = [];
    for (;;) {
      const tok = this.peek();
      if (tok.kind !== "ident" || KEYWORDS.has(tok.text)) this.unexpected("a variable name after `some`");
      this.next();
      symbols.push(this.varTerm(tok));
      if (!this.isPunct(",")) break;
      this.next();
    }
    return { kind: { type: "some", symbols }, negated: false, with: [], loc };
  }

  /** `every x in xs { ... }` / `every k, v in xs { ... }`. */
  protected parseEvery(): Expr {
    const everyTok = this.next();
    const domainCall = this.parseTermIn(true);
    const name = domainCall.value.type === "call" ? opName(domainCall.value.op) : undefined;
    if (domainCall.value.type !== "call" || (name !== "internal.member_2" && name !== "internal.member_3")) {
      return this.fail(everyTok, "expected `x in xs` or `k, v in xs` after `every`");
    }
    const args = domainCall.value.args;
    for (const symbol of args.slice(0, -1)) {
      if (symbol.value.type !== "var")
        this.fail(everyTok, "`every` binds variables: expected `x in xs` or `k, v in xs`");
    }
    const body = this.parseBlock();
    const kind =
      args.length === 3
        ? { type: "every" as const, key: args[0], value: args[1], domain: args[2], body }
        : { type: "every" as const, value: args[0], domain: args[1], body };
    const expr: Expr = { kind, negated: false, with: [], loc: this.loc(everyTok) };
    expr.with = this.parseWiths();
    return expr;
  }

  // ---------------------------------------------------------------- terms with operators

  protected call(name: string, opTok: Token, args: Term[]): Term {
    return { value: { type: "call", op: opRef(name, this.loc(opTok)), args }, loc: args[0].loc };
  }

  /**
   * `x in xs`, and with `keyVal` also `k, v in xs`. `keyVal` is off inside lists, where the
   * comma separates items.
   */
  protected parseTermIn(keyVal: boolean): Term {
    let lhs = this.parseTermRelation();
    if (keyVal && this.isPunct(",")) {
      const saved = this.mark();
      this.next();
      const withKey = this.tryParse(() => {
        const mhs = this.parseTermRelation();
        if (!this.isKeyword("in")) return undefined;
        const inTok = this.next();
        return this.call("internal.member_3", inTok, [lhs, mhs, this.parseTermRelation()]);
      });
      if (withKey !== undefined) {
        lhs = withKey;
      } else {
        this.reset(saved);
      }
    }
    while (this.isKeyword("in")) {
      const inTok = this.next();
      lhs = this.call("internal.member_2", inTok, [lhs, this.parseTermRelation()]);
    }
    return lhs;
  }

  protected parseTermRelation(): Term {
    let lhs = this.parseBinary("|", () => this.parseBinary("&", () => this.parseArith()));
    while (this.peek().kind === "punct" && this.peek().text in RELATION_OPS) {
      const opTok = this.next();
      const rhs = this.parseBinary("|", () => this.parseBinary("&", () => this.parseArith()));
      lhs = this.call(RELATION_OPS[opTok.text], opTok, [lhs, rhs]);
    }
    return lhs;
  }

  /** Left-associative `|` (or) and `&` (and). */
  protected parseBinary(symbol: "|" | "&", operand: () => Term): Term {
    let lhs = operand();
    while (this.isPunct(symbol)) {
      const opTok = this.next();
      lhs = this.call(symbol === "|" ? "or" : "and", opTok, [lhs, operand()]);
    }
    return lhs;
  }

  protected parseArith(): Term {
    let lhs = this.parseFactor();
    while (this.peek().kind === "punct" && this.peek().text in ARITH_OPS) {
      const opTok = this.next();
      lhs = this.call(ARITH_OPS[opTok.text], opTok, [lhs, this.parseFactor()]);
    }
    return lhs;
  }

  protected parseFactor(): Term {
    let lhs = this.parseTerm();
    while (this.peek().kind === "punct" && this.peek().text in FACTOR_OPS) {
      const opTok = this.next();
      lhs = this.call(FACTOR_OPS[opTok.text], opTok, [lhs, this.parseTerm()]);
    }
    return lhs;
  }

  // ---------------------------------------------------------------- single terms

  protected parseTerm(): Term {
    const tok = this.peek();
    const loc = this.loc(tok);
    if (tok.kind === "ident") {
      if (KEYWORDS.has(tok.text) && !this.keywordStartsRef(0)) {
        if (tok.text === "null") return this.scalar({ type: "null" }, loc);
        if (tok.text === "true" || tok.text === "false")
          return this.scalar({ type: "boolean", value: tok.text === "true" }, loc);
        this.unexpected("a term");
      }
      this.next();
      return this.parseTermFinish(this.varTerm(tok));
    }
    if (tok.kind === "number") return this.scalar({ type: "number", text: this.numberText(tok, "") }, loc);
    if (tok.kind === "string") return this.scalar({ type: "string", value: tok.value ?? "" }, loc);
    if (tok.kind === "template" && !tok.resumes) return this.parseTemplate();
    if (this.isPunct("-")) {
      this.next();
      const operand = this.peek();
      if (operand.kind === "number")
        return this.scalar({ type: "number", text: this.numberText(operand, "-") }, loc);
      if (operand.kind === "ident" && (!KEYWORDS.has(operand.text) || this.keywordStartsRef(0))) {
        // Unary minus on a ref is `0 - ref`, as in OPA.
        this.next();
        const ref = this.parseTermFinish(this.varTerm(operand));
        const zero: Term = { value: { type: "number", text: "0" }, loc };
        return { value: { type: "call", op: opRef("minus", loc), args: [zero, ref] }, loc };
      }
      this.unexpected("a number or a reference after unary `-`", operand);
    }
    if (this.isPunct("[")) return this.parseTermFinish(this.parseArray());
    if (this.isPunct("{")) return this.parseTermFinish(this.parseSetOrObject());
    if (this.isPunct("(")) {
      this.next();
      const inner = this.parseTermIn(true);
      if (!this.isPunct(")")) this.unexpected("`)` to close the parenthesised expression");
      this.next();
      return inner.value.type === "call" ? this.parseTermFinish(inner) : inner;
    }
    return this.unexpected("a term");
  }

  /**
   * A template string, written as OPA's compiler lowers it: `$"a{x}b"` is
   * `internal.template_string(["a", {$t0 | $t0 = x}, "b"])`. Each literal segment is a string (an
   * empty one is left out, and `$""` is `[""]`); a scalar expression is the scalar itself; any other
   * expression becomes the set of its values, its `with` modifiers kept on the capturing `=`, so an
   * undefined expression is the empty set (printed `<undefined>`) instead of undefining the string.
   * check/templates.ts checks these sets' variables and simplifies those that always hold one value.
   */
  protected parseTemplate(): Term {
    const loc = this.loc(this.peek());
    const parts: Term[] = [];
    for (;;) {
      const segment = this.next();
      if (segment.value) parts.push({ value: { type: "string", value: segment.value }, loc });
      if (!segment.opens) break;
      parts.push(this.parseTemplateExpression());
      const closing = this.peek();
      if (closing.kind !== "template" || !closing.resumes)
        this.unexpected("`}` to end the template expression");
    }
    if (parts.length === 0) parts.push({ value: { type: "string", value: "" }, loc });
    const array: Term = { value: { type: "array", items: parts }, loc };
    return { value: { type: "call", op: opRef(TEMPLATE_STRING, loc), args: [array] }, loc };
  }

  /** The expression between a template string's braces: a term and its `with` modifiers. */
  private parseTemplateExpression(): Term {
    const tok = this.peek();
    for (const [keyword, what] of [
      ["not", "negation (`not`)"],
      ["some", "`some`"],
      ["every", "`every`"],
    ])
      if (this.isKeyword(keyword)) this.fail(tok, `unexpected ${what} in template-string expression`);
    const term = this.parseTermIn(true);
    if (this.isPunct(":="))
      this.fail(this.peek(), "unexpected assignment (`:=`) in template-string expression");
    if (this.isPunct("="))
      this.fail(this.peek(), "unexpected unification (`=`) in template-string expression");
    const withs = this.parseWiths();
    const scalar = ["null", "boolean", "number", "string"].includes(term.value.type);
    if (scalar && withs.length === 0) return term;
    const loc = term.loc;
    const value: Term = { value: { type: "var", name: `$t${this.templateValues++}` }, loc };
    const capture: Expr = {
      kind: { type: "call", op: opRef("eq", loc), args: [value, term] },
      negated: false,
      with: withs,
      loc,
      generated: true,
    };
    return { value: { type: "setcompr", term: value, body: [capture] }, loc };
  }

  protected scalar(value: Value, loc: Position): Term {
    this.next();
    return { value, loc };
  }

  protected varTerm(tok: Token): Term {
    const name = tok.text === "_" ? `$w${this.wildcards++}` : tok.text;
    return { value: { type: "var", name }, loc: this.loc(tok) };
  }

  protected numberText(tok: Token, sign: string): string {
    const text = tok.text;
    if (/^0[0-9]/.test(text)) this.fail(tok, "expected number without leading zero");
    const exponent = /[eE]([+-]?\d+)$/.exec(text);
    if (exponent && Math.abs(Number(exponent[1])) > MAX_DECIMAL_EXPONENT) this.fail(tok, "number too big");
    return sign + text;
  }

  /** Ref suffixes and calls glued to a term: `.name`, `[term]`, `(args)`. */
  protected parseTermFinish(head: Term): Term {
    let term = head;
    let refTerms: Term[] | undefined;
    const flush = (): Term => {
      if (refTerms !== undefined) term = { value: { type: "ref", terms: refTerms }, loc: head.loc };
      refTerms = undefined;
      return term;
    };
    while (this.glued() && (this.isPunct(".") || this.isPunct("[") || this.isPunct("("))) {
      const tok = this.next();
      if (tok.text === "(") {
        const op = flush();
        if (op.value.type === "var") term = { value: { type: "ref", terms: [op] }, loc: op.loc };
        const opTerm = term;
        if (opTerm.value.type !== "ref" || opName(opTerm) === undefined)
          this.fail(tok, "only a function name can be called");
        const args = this.parseTermList(")");
        const isSetConstructor = args.length === 0 && opName(opTerm) === "set";
        term = isSetConstructor
          ? { value: { type: "set", items: [] }, loc: opTerm.loc }
          : { value: { type: "call", op: opTerm, args }, loc: opTerm.loc };
        continue;
      }
      refTerms ??= term.value.type === "ref" ? [...term.value.terms] : [term];
      if (tok.text === ".") {
        const seg = this.next();
        if (seg.kind !== "ident") this.unexpected("a name after `.`", seg);
        refTerms.push({ value: { type: "string", value: seg.text }, loc: this.loc(seg) });
      } else {
        refTerms.push(this.parseTermIn(true));
        this.expectPunct("]");
      }
    }
    flush();
    if (term.value.type === "var" && ROOT_DOCUMENTS.has(term.value.name)) {
      return { value: { type: "ref", terms: [term] }, loc: term.loc };
    }
    return term;
  }

  /** Items separated by commas (a trailing comma allowed), then `end`, which is consumed. */
  protected parseTermList(end: string): Term[] {
    const items: Term[] = [];
    while (!this.isPunct(end)) {
      items.push(this.parseTermIn(false));
      if (this.isPunct(",")) this.next();
      else if (!this.isPunct(end)) this.unexpected(`\`,\` or \`${end}\``);
    }
    this.next();
    return items;
  }

  /** `[]`, `[a, b]`, `[x | body]`. A comprehension wins over `|` (or) when ambiguous, as in OPA. */
  protected parseArray(): Term {
    const open = this.next();
    const loc = this.loc(open);
    if (this.isPunct("]")) {
      this.next();
      return { value: { type: "array", items: [] }, loc };
    }
    const saved = this.mark();
    const head = this.parseTerm();
    if (this.isPunct("|")) {
      this.next();
      const body = this.parseQuery("]");
      this.expectPunct("]");
      return { value: { type: "arraycompr", term: head, body }, loc };
    }
    this.reset(saved);
    return { value: { type: "array", items: this.parseTermList("]") }, loc };
  }

  /** `{}` (empty object), sets, objects and their comprehensions. */
  protected parseSetOrObject(): Term {
    const open = this.next();
    const loc = this.loc(open);
    if (this.isPunct("}")) {
      this.next();
      return { value: { type: "object", items: [] }, loc };
    }
    const saved = this.mark();
    let head = this.parseTerm();
    if (this.isPunct("|")) {
      this.next();
      const body = this.parseQuery("}");
      this.expectPunct("}");
      return { value: { type: "setcompr", term: head, body }, loc };
    }
    if (!this.isPunct(":")) {
      this.reset(saved);
      head = this.parseTermIn(false);
    }
    if (!this.isPunct(":")) {
      if (!this.isPunct(",") && !this.isPunct("}")) this.unexpected("`,`, `:` or `}` in a set or object");
      const rest = this.isPunct(",") ? (this.next(), this.parseTermList("}")) : (this.next(), []);
      return { value: { type: "set", items: [head, ...rest] }, loc };
    }
    this.next(); // ':'
    const valueStart = this.mark();
    const firstValue = this.parseTerm();
    if (this.isPunct("|")) {
      this.next();
      const body = this.parseQuery("}");
      this.expectPunct("}");
      return { value: { type: "objectcompr", key: head, value: firstValue, body }, loc };
    }
    this.reset(valueStart);
    const items: [Term, Term][] = [[head, this.parseTermIn(false)]];
    for (;;) {
      if (this.isPunct("}")) break;
      this.expectPunct(",", "`,` or `}` in an object");
      if (this.isPunct("}")) break;
      const key = this.parseTermIn(false);
      this.expectPunct(":", "`:` after an object key");
      items.push([key, this.parseTermIn(false)]);
    }
    this.next();
    return { value: { type: "object", items }, loc };
  }
}
