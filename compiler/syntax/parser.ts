/**
 * The Rego v1 parser: source → the AST of ./ast.ts. This file parses the module structure
 * (package, imports, rules with their heads, bodies and `else` chains); expressions.ts parses
 * what is inside bodies. Non-v1 syntax (rule bodies without `if`, `p[x] { }` partial sets) is
 * rejected with a hint, as OPA 1.x does.
 */
import type { Body, Expr, Head, Import, Module, Position, Rule, Term } from "./ast";
import { ExpressionParser } from "./expressions";
import { lex, type Token } from "./lexer";
import { attachAnnotations, findMetadataBlocks } from "./metadata";
import { KEYWORDS } from "./tokenCursor";
import { visitTerm } from "./visit";

export { opName, opRef } from "./expressions";

/** Keywords that `import future.keywords.<kw>` may name. */
const FUTURE_KEYWORDS = new Set(["contains", "every", "if", "in"]);

export function parseModule(source: string, file: string): Module {
  const { tokens, comments } = lex(source, file);
  const module = new ModuleParser(tokens, source, file).parseModule();
  attachAnnotations(module, findMetadataBlocks(comments, source, file), source);
  return module;
}

class ModuleParser extends ExpressionParser {
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
    if (head.kind === "function" && head.value === undefined) {
      // OPA v1 lets a function head stand alone: `f("a", _)` is true for the arguments it matches.
      if (this.isKeyword("else")) this.unexpected("a rule body or value before `else`");
      return [this.generatedTrue(head.loc)];
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
      const args = this.parseTermList(")");
      // OPA reads `f() := 1` as the plain rule `f := 1`; only heads with parameters are functions.
      if (args.length > 0) {
        head.kind = "function";
        head.args = args;
      }
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
    const saved = this.mark();
    const literal = this.tryParse(() => this.parseLiteral());
    const isSetLiteral = literal?.kind.type === "term" && literal.kind.term.value.type === "set";
    if (literal !== undefined && !isSetLiteral) return [literal];
    this.reset(saved);
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
}
