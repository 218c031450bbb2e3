/**
 * The Rego v1 parser: tokens → the AST of ./ast.ts. Recursive descent following OPA's grammar,
 * including its operator precedence (loosest first): `:=`/`=`, `in`, comparisons, `|`, `&`,
 * `+ -`, `* / %`. Non-v1 syntax (rule bodies without `if`, `p[x] { }` partial sets) is rejected
 * with a hint, as OPA 1.x does.
 */
import type { Body, Expr, Head, Import, Module, Position, Rule, Term, Value, With } from "./ast";
import { attachAnnotations, findMetadataBlocks } from "./metadata";
import { RegoSyntaxError, sourceLineAt } from "./errors";
import { lex, type Token } from "./lexer";
import { visitTerm } from "./visit";

/** Words that cannot be variable names (except directly before a `.`, where OPA allows them). */
const KEYWORDS = new Set([
  "as",
  "default",
  "else",
  "every",
  "false",
  "if",
  "import",
  "in",
  "not",
  "null",
  "package",
  "some",
  "true",
  "with",
]);

const ROOT_DOCUMENTS = new Set(["data", "input"]);

/** Keywords that `import future.keywords.<kw>` may name. */
const FUTURE_KEYWORDS = new Set(["contains", "every", "if", "in"]);

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

export function parseModule(source: string, file: string): Module {
  const { tokens, comments } = lex(source, file);
  const parser = new Parser(tokens, source, file);
  const module = parser.parseModule();
  attachAnnotations(module, findMetadataBlocks(comments, source, file), source);
  return module;
}

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

class Parser {
  private pos = 0;
  private wildcards = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly source: string,
    private readonly file: string,
  ) {}

  // ---------------------------------------------------------------- token helpers

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)];
  }

  private next(): Token {
    const tok = this.peek();
    if (this.pos < this.tokens.length - 1) this.pos++;
    return tok;
  }

  private isPunct(text: string, tok = this.peek()): boolean {
    return tok.kind === "punct" && tok.text === text;
  }

  /** A keyword token: the word, and not used as a ref head (`if.foo`), which OPA allows. */
  private isKeyword(word: string, offset = 0): boolean {
    const tok = this.peek(offset);
    return tok.kind === "ident" && tok.text === word && !this.keywordStartsRef(offset);
  }

  private keywordStartsRef(offset: number): boolean {
    const after = this.peek(offset + 1);
    return this.isPunct(".", after) && !after.spaceBefore;
  }

  /** True when the current token is glued to the previous one (`a[x]`, `f(x)`, `a.b`). */
  private glued(): boolean {
    return !this.peek().spaceBefore;
  }

  private loc(tok: Token): Position {
    return { file: this.file, row: tok.row, col: tok.col };
  }

  /** Throws a syntax error at a token or position. */
  private fail(at: { row: number; col: number }, message: string): never {
    throw new RegoSyntaxError(this.file, at.row, at.col, message, sourceLineAt(this.source, at.row));
  }

  private describe(tok: Token): string {
    if (tok.kind === "eof") return "end of file";
    if (tok.kind === "ident" && KEYWORDS.has(tok.text)) return `keyword \`${tok.text}\``;
    return `\`${tok.text}\``;
  }

  private unexpected(expected: string, tok = this.peek()): never {
    return this.fail(tok, `unexpected ${this.describe(tok)}: expected ${expected}`);
  }

  private expectPunct(text: string, expected = `\`${text}\``): Token {
    if (!this.isPunct(text)) this.unexpected(expected);
    return this.next();
  }

  // ---------------------------------------------------------------- module structure

  parseModule(): Module {
    const pkgTok = this.peek();
    if (!this.isKeyword("package")) this.unexpected("`package` declaration");
    this.next();
    const pkgRef = this.parsePathRef("package path");
    const packagePath = pkgRef.terms.map((t, i) => {
      if (i === 0 && t.value.type === "var") return t.value.name;
      if (t.value.type === "string") return t.value.value;
      return this.fail(pkgTok, "package path segments must be names or strings");
    });
    const module: Module = {
      package: packagePath,
      packageLoc: this.loc(pkgTok),
      imports: [],
      rules: [],
      packageAnnotations: [],
      file: this.file,
    };
    while (this.peek().kind !== "eof") {
      if (this.isKeyword("import")) module.imports.push(this.parseImport());
      else if (this.isKeyword("package")) this.fail(this.peek(), "unexpected second `package` declaration");
      else module.rules.push(...this.parseRules());
    }
    return module;
  }

  /** A ref of names: `a.b["c"].d`, used by `package` and `import`. */
  private parsePathRef(what: string): { type: "ref"; terms: Term[] } {
    const headTok = this.peek();
    if (headTok.kind !== "ident" || (KEYWORDS.has(headTok.text) && !this.keywordStartsRef(0))) {
      this.unexpected(what);
    }
    this.next();
    const terms: Term[] = [{ value: { type: "var", name: headTok.text }, loc: this.loc(headTok) }];
    while (this.glued() && (this.isPunct(".") || this.isPunct("["))) {
      if (this.next().text === ".") {
        const seg = this.next();
        if (seg.kind !== "ident") this.unexpected("a name after `.`", seg);
        terms.push({ value: { type: "string", value: seg.text }, loc: this.loc(seg) });
      } else {
        const seg = this.next();
        if (seg.kind !== "string") this.unexpected("a string in `[...]`", seg);
        terms.push({ value: { type: "string", value: seg.value ?? "" }, loc: this.loc(seg) });
        this.expectPunct("]");
      }
    }
    return { type: "ref", terms };
  }

  private parseImport(): Import {
    const importTok = this.next();
    const pathTok = this.peek();
    const ref = this.parsePathRef("an import path (data..., input..., future.keywords..., rego.v1)");
    const root = ref.terms[0].value.type === "var" ? ref.terms[0].value.name : "";
    if (!["data", "input", "future", "rego"].includes(root)) {
      this.fail(pathTok, `invalid import path \`${root}\`: must begin with data, input, future or rego`);
    }
    this.checkKeywordImport(ref.terms, pathTok);
    const imp: Import = { path: { value: ref, loc: this.loc(pathTok) }, loc: this.loc(importTok) };
    if (this.isKeyword("as")) {
      this.next();
      const alias = this.next();
      if (alias.kind !== "ident" || KEYWORDS.has(alias.text))
        this.unexpected("an alias name after `as`", alias);
      imp.alias = alias.text;
    } else if (root !== "future") {
      // Without an alias the last name is how the import is used, so it cannot be a keyword.
      const last = ref.terms[ref.terms.length - 1];
      const name = last.value.type === "string" ? last.value.value : root;
      if (KEYWORDS.has(name)) {
        this.fail(
          last.loc,
          `unexpected import path, must not end with a keyword, got: ${name} (use \`as\` to alias it)`,
        );
      }
    }
    return imp;
  }

  /**
   * `rego.v1` and `future.keywords[.kw]` only switch syntax on; in Rego v1 they change nothing,
   * but a misspelt one (`rego.v2`, `future.keywords.foo`) is an error, as in OPA.
   */
  private checkKeywordImport(terms: Term[], pathTok: Token): void {
    const names = terms.map((t) =>
      t.value.type === "var" ? t.value.name : t.value.type === "string" ? t.value.value : "?",
    );
    const text = names.join(".");
    if (names[0] === "rego" && text !== "rego.v1")
      this.fail(pathTok, `invalid import \`${text}\`, must be \`rego.v1\``);
    if (names[0] !== "future") return;
    const known = names.length === 2 || (names.length === 3 && FUTURE_KEYWORDS.has(names[2]));
    if (names[1] !== "keywords" || !known) {
      this.fail(
        pathTok,
        `invalid import \`${text}\`: use future.keywords or future.keywords.<${[...FUTURE_KEYWORDS].join("|")}>`,
      );
    }
  }

  // ---------------------------------------------------------------- rules

  /** One rule, or several when bodies are chained (`p if { a } { b }`), which OPA v1 allows. */
  private parseRules(): Rule[] {
    const startTok = this.peek();
    const isDefault = this.isKeyword("default");
    if (isDefault) this.next();
    const head = this.parseHead();
    const rule: Rule = { head, body: [], default: isDefault, loc: this.loc(startTok), file: this.file };
    if (isDefault) {
      if (this.isKeyword("if") || this.isPunct("{"))
        this.fail(this.peek(), "default rules must not have a body");
      if (this.isKeyword("else")) this.fail(this.peek(), "default rules must not have `else`");
      rule.body = [this.generatedTrue(rule.loc)];
      return [rule];
    }
    rule.body = this.parseRuleBody(head);

    let last = rule;
    while (this.isKeyword("else")) {
      const elseTok = this.peek();
      if (head.kind === "partial_set") this.fail(elseTok, "else keyword cannot be used on multi-value rules");
      if (head.ref.slice(1).some((t) => t.value.type !== "string")) {
        this.fail(elseTok, "else keyword cannot be used on rules with variables in head");
      }
      last.else = this.parseElse(head);
      last = last.else;
    }

    const rules = [rule];
    while (this.isPunct("{")) {
      if (rule.else) this.fail(this.peek(), "expected `else` keyword");
      const blockTok = this.peek();
      const chained: Rule = {
        head: this.copyHead(head, this.loc(blockTok)),
        body: this.parseBlock(),
        default: false,
        loc: this.loc(blockTok),
        file: this.file,
      };
      rules.push(chained);
    }
    return rules;
  }

  /** `if { ... }`, `if <literal>`, or no body at all (`[true]`) after a value or `contains`. */
  private parseRuleBody(head: Head): Body {
    if (this.isKeyword("if")) {
      this.next();
      return this.parseIfBody();
    }
    if (this.isPunct("{")) {
      const hint = this.isPartialSetShaped(head) ? "; for a partial set write `p contains x if { ... }`" : "";
      this.fail(this.peek(), `\`if\` keyword is required before rule body${hint}`);
    }
    if (this.isPartialSetShaped(head)) {
      this.fail(head.loc, "`contains` keyword is required for partial set rules: write `p contains x`");
    }
    if (head.kind !== "partial_set" && head.value === undefined) {
      this.unexpected("`if`, `:=` or `=` after the rule head");
    }
    return [this.generatedTrue(head.loc)];
  }

  /** `p[x]` with neither value nor `contains`: a Rego v0 partial set. */
  private isPartialSetShaped(head: Head): boolean {
    return head.kind === "partial_object" && head.value === undefined && head.ref.length === 2;
  }

  /** `else [:= | = value] [if] (body | literal)`; without a body the else branch always applies. */
  private parseElse(head: Head): Rule {
    const elseTok = this.next();
    const elseHead: Head = { ...head, loc: this.loc(elseTok), assign: false };
    delete elseHead.value;
    if (this.isPunct(":=") || this.isPunct("=")) {
      elseHead.assign = this.next().text === ":=";
      elseHead.value = this.parseTermIn(false);
    } else if (!this.isKeyword("if") && !this.isPunct("{")) {
      this.unexpected("an `else` value (`:=`/`=`) or body");
    }
    const elseRule: Rule = {
      head: elseHead,
      body: [],
      default: false,
      loc: this.loc(elseTok),
      file: this.file,
    };
    if (this.isKeyword("if")) {
      this.next();
      elseRule.body = this.isPunct("{") ? this.parseBlock() : [this.parseLiteral()];
    } else if (this.isPunct("{")) {
      elseRule.body = this.parseBlock();
    } else {
      elseRule.body = [this.generatedTrue(elseRule.loc)];
    }
    return elseRule;
  }

  /** A chained body's head: the same head, with fresh wildcards so bodies do not share `_`. */
  private copyHead(head: Head, loc: Position): Head {
    const renamed = structuredClone(head);
    for (const arg of renamed.args ?? []) {
      visitTerm(arg, {
        term: (t) => {
          if (t.value.type === "var" && t.value.name.startsWith("$w")) t.value.name = `$w${this.wildcards++}`;
        },
      });
    }
    return { ...renamed, loc };
  }

  private parseHead(): Head {
    const nameTok = this.peek();
    if (nameTok.kind !== "ident" || (KEYWORDS.has(nameTok.text) && !this.keywordStartsRef(0))) {
      this.unexpected("a rule name");
    }
    this.next();
    const ref: Term[] = [{ value: { type: "var", name: nameTok.text }, loc: this.loc(nameTok) }];
    while (this.glued() && (this.isPunct(".") || this.isPunct("["))) {
      if (this.next().text === ".") {
        const seg = this.next();
        if (seg.kind !== "ident") this.unexpected("a name after `.`", seg);
        ref.push({ value: { type: "string", value: seg.text }, loc: this.loc(seg) });
      } else {
        ref.push(this.parseTermIn(true));
        this.expectPunct("]");
      }
    }
    const head: Head = { ref, kind: "complete", assign: false, loc: this.loc(nameTok) };

    if (this.isPunct("(") && this.glued()) {
      this.next();
      head.kind = "function";
      head.args = this.parseTermList(")");
      if (head.args.length === 0) this.fail(nameTok, "a function needs at least one argument");
    } else if (this.peek().kind === "ident" && this.peek().text === "contains" && !this.keywordStartsRef(0)) {
      this.next();
      head.kind = "partial_set";
      head.key = this.parseTermIn(false);
    } else {
      // A ref with a variable part (`p[k]`, `a.b[k]`, `p[q].r`) defines an object entry per binding.
      if (ref.slice(1).some((seg) => seg.value.type !== "string")) {
        head.kind = "partial_object";
        head.key = ref[ref.length - 1];
      }
    }
    if (this.isPunct(":=") || this.isPunct("=")) {
      if (head.kind === "partial_set")
        this.fail(this.peek(), "a partial set rule (`contains`) cannot have a value");
      head.assign = this.next().text === ":=";
      head.value = this.parseTermIn(false);
    }
    return head;
  }

  /**
   * After `if`: a single literal or a `{ ... }` body. As in OPA, a literal is tried first, since
   * it may itself start with `{` (`p if {x: 1 | ...}`); braces that read as a set literal
   * (`{ x == 1 }`) or do not parse as a literal are a body.
   */
  private parseIfBody(): Body {
    if (!this.isPunct("{")) return [this.parseLiteral()];
    const saved = this.pos;
    const savedWildcards = this.wildcards;
    const literal = this.tryParse(() => this.parseLiteral());
    const isSetLiteral = literal?.kind.type === "term" && literal.kind.term.value.type === "set";
    if (literal !== undefined && !isSetLiteral) return [literal];
    this.pos = saved;
    this.wildcards = savedWildcards;
    return this.parseBlock();
  }

  private generatedTrue(loc: Position): Expr {
    return {
      kind: { type: "term", term: { value: { type: "boolean", value: true }, loc } },
      negated: false,
      with: [],
      loc,
      generated: true,
    };
  }

  // ---------------------------------------------------------------- bodies and literals

  private parseBlock(): Body {
    this.expectPunct("{");
    const body = this.parseQuery("}");
    this.expectPunct("}");
    return body;
  }

  /** Literals separated by `;` or newlines, up to (not including) `end`. */
  private parseQuery(end: string): Body {
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

  private parseLiteral(): Expr {
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

  private parseExpr(startTok: Token, negated: boolean): Expr {
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

  private parseWiths(): With[] {
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
  private parseSome(): Expr {
    const someTok = this.next();
    const loc = this.loc(someTok);
    const saved = this.pos;
    const savedWildcards = this.wildcards;
    const membership = this.tryParse(() => this.parseTermIn(true));
    if (membership !== undefined && membership.value.type === "call") {
      const name = opName(membership.value.op);
      if (name !== "internal.member_2" && name !== "internal.member_3") {
        this.fail(someTok, "expected `x in xs` or `k, v in xs` after `some`");
      }
      return { kind: { type: "some", symbols: [membership] }, negated: false, with: this.parseWiths(), loc };
    }
    this.pos = saved;
    this.wildcards = savedWildcards;
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
  private parseEvery(): Expr {
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

  /** Runs a speculative parse; on a syntax error the position is left for the caller to restore. */
  private tryParse<T>(parse: () => T): T | undefined {
    try {
      return parse();
    } catch (err) {
      if (err instanceof RegoSyntaxError) return undefined;
      throw err;
    }
  }

  // ---------------------------------------------------------------- terms with operators

  private call(name: string, opTok: Token, args: Term[]): Term {
    return { value: { type: "call", op: opRef(name, this.loc(opTok)), args }, loc: args[0].loc };
  }

  /**
   * `x in xs`, and with `keyVal` also `k, v in xs`. `keyVal` is off inside lists, where the
   * comma separates items.
   */
  private parseTermIn(keyVal: boolean): Term {
    let lhs = this.parseTermRelation();
    if (keyVal && this.isPunct(",")) {
      const saved = this.pos;
      const savedWildcards = this.wildcards;
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
        this.pos = saved;
        this.wildcards = savedWildcards;
      }
    }
    while (this.isKeyword("in")) {
      const inTok = this.next();
      lhs = this.call("internal.member_2", inTok, [lhs, this.parseTermRelation()]);
    }
    return lhs;
  }

  private parseTermRelation(): Term {
    let lhs = this.parseBinary("|", () => this.parseBinary("&", () => this.parseArith()));
    while (this.peek().kind === "punct" && this.peek().text in RELATION_OPS) {
      const opTok = this.next();
      const rhs = this.parseBinary("|", () => this.parseBinary("&", () => this.parseArith()));
      lhs = this.call(RELATION_OPS[opTok.text], opTok, [lhs, rhs]);
    }
    return lhs;
  }

  /** Left-associative `|` (or) and `&` (and). */
  private parseBinary(symbol: "|" | "&", operand: () => Term): Term {
    let lhs = operand();
    while (this.isPunct(symbol)) {
      const opTok = this.next();
      lhs = this.call(symbol === "|" ? "or" : "and", opTok, [lhs, operand()]);
    }
    return lhs;
  }

  private parseArith(): Term {
    let lhs = this.parseFactor();
    while (this.peek().kind === "punct" && this.peek().text in ARITH_OPS) {
      const opTok = this.next();
      lhs = this.call(ARITH_OPS[opTok.text], opTok, [lhs, this.parseFactor()]);
    }
    return lhs;
  }

  private parseFactor(): Term {
    let lhs = this.parseTerm();
    while (this.peek().kind === "punct" && this.peek().text in FACTOR_OPS) {
      const opTok = this.next();
      lhs = this.call(FACTOR_OPS[opTok.text], opTok, [lhs, this.parseTerm()]);
    }
    return lhs;
  }

  // ---------------------------------------------------------------- single terms

  private parseTerm(): Term {
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

  private scalar(value: Value, loc: Position): Term {
    this.next();
    return { value, loc };
  }

  private varTerm(tok: Token): Term {
    const name = tok.text === "_" ? `$w${this.wildcards++}` : tok.text;
    return { value: { type: "var", name }, loc: this.loc(tok) };
  }

  private numberText(tok: Token, sign: string): string {
    const text = tok.text;
    if (/^0[0-9]/.test(text)) this.fail(tok, "expected number without leading zero");
    const exponent = /[eE]([+-]?\d+)$/.exec(text);
    if (exponent && Math.abs(Number(exponent[1])) > MAX_DECIMAL_EXPONENT) this.fail(tok, "number too big");
    return sign + text;
  }

  /** Ref suffixes and calls glued to a term: `.name`, `[term]`, `(args)`. */
  private parseTermFinish(head: Term): Term {
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
  private parseTermList(end: string): Term[] {
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
  private parseArray(): Term {
    const open = this.next();
    const loc = this.loc(open);
    if (this.isPunct("]")) {
      this.next();
      return { value: { type: "array", items: [] }, loc };
    }
    const saved = this.pos;
    const savedWildcards = this.wildcards;
    const head = this.parseTerm();
    if (this.isPunct("|")) {
      this.next();
      const body = this.parseQuery("]");
      this.expectPunct("]");
      return { value: { type: "arraycompr", term: head, body }, loc };
    }
    this.pos = saved;
    this.wildcards = savedWildcards;
    return { value: { type: "array", items: this.parseTermList("]") }, loc };
  }

  /** `{}` (empty object), sets, objects and their comprehensions. */
  private parseSetOrObject(): Term {
    const open = this.next();
    const loc = this.loc(open);
    if (this.isPunct("}")) {
      this.next();
      return { value: { type: "object", items: [] }, loc };
    }
    const saved = this.pos;
    const savedWildcards = this.wildcards;
    let head = this.parseTerm();
    if (this.isPunct("|")) {
      this.next();
      const body = this.parseQuery("}");
      this.expectPunct("}");
      return { value: { type: "setcompr", term: head, body }, loc };
    }
    if (!this.isPunct(":")) {
      this.pos = saved;
      this.wildcards = savedWildcards;
      head = this.parseTermIn(false);
    }
    if (!this.isPunct(":")) {
      if (!this.isPunct(",") && !this.isPunct("}")) this.unexpected("`,`, `:` or `}` in a set or object");
      const rest = this.isPunct(",") ? (this.next(), this.parseTermList("}")) : (this.next(), []);
      return { value: { type: "set", items: [head, ...rest] }, loc };
    }
    this.next(); // ':'
    const valueStart = this.pos;
    const valueWildcards = this.wildcards;
    const firstValue = this.parseTerm();
    if (this.isPunct("|")) {
      this.next();
      const body = this.parseQuery("}");
      this.expectPunct("}");
      return { value: { type: "objectcompr", key: head, value: firstValue, body }, loc };
    }
    this.pos = valueStart;
    this.wildcards = valueWildcards;
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
