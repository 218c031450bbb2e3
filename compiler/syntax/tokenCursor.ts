/**
 * The parser's view of the token list: a cursor with lookahead, keyword tests that respect
 * OPA's "keyword directly before `.` or `[` is a name" rule, positioned errors, and marks for
 * speculative parsing (Rego needs a few: `{ a | b }` may be a comprehension or a set).
 */
import type { Position } from "./ast";
import { RegoSyntaxError } from "./errors";
import type { Token } from "./lexer";

/** Words that cannot be variable names (except directly before `.` or `[`, where OPA allows them). */
export const KEYWORDS = new Set([
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

/** A cursor position to return to when a speculative parse does not work out. */
export interface Mark {
  pos: number;
  wildcards: number;
}

export class TokenCursor {
  protected pos = 0;
  /** Counter for fresh wildcard names (`_` → `$w0`, `$w1`, ...); part of a mark. */
  protected wildcards = 0;

  constructor(
    protected readonly tokens: Token[],
    protected readonly source: string,
    protected readonly file: string,
  ) {}

  protected peek(offset = 0): Token {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)];
  }

  protected next(): Token {
    const tok = this.peek();
    if (this.pos < this.tokens.length - 1) this.pos++;
    return tok;
  }

  protected isPunct(text: string, tok = this.peek()): boolean {
    return tok.kind === "punct" && tok.text === text;
  }

  /** A keyword token: the word, and not used as a ref head (`if.foo`), which OPA allows. */
  protected isKeyword(word: string, offset = 0): boolean {
    const tok = this.peek(offset);
    return tok.kind === "ident" && tok.text === word && !this.keywordStartsRef(offset);
  }

  protected keywordStartsRef(offset: number): boolean {
    const after = this.peek(offset + 1);
    return (this.isPunct(".", after) || this.isPunct("[", after)) && !after.spaceBefore;
  }

  /** True when the current token is glued to the previous one (`a[x]`, `f(x)`, `a.b`). */
  protected glued(): boolean {
    return !this.peek().spaceBefore;
  }

  protected loc(tok: Token): Position {
    return { file: this.file, row: tok.row, col: tok.col };
  }

  /** Throws a syntax error at a token or position. */
  protected fail(at: { row: number; col: number }, message: string): never {
    throw new RegoSyntaxError(this.file, at.row, at.col, message, this.source);
  }

  protected describe(tok: Token): string {
    if (tok.kind === "eof") return "end of file";
    // A template string's text after an expression starts at the `}` that closes the expression.
    if (tok.kind === "template") return tok.resumes ? "`}`" : "template string";
    if (tok.kind === "ident" && KEYWORDS.has(tok.text)) return `keyword \`${tok.text}\``;
    return `\`${tok.text}\``;
  }

  protected unexpected(expected: string, tok = this.peek()): never {
    return this.fail(tok, `unexpected ${this.describe(tok)}: expected ${expected}`);
  }

  protected expectPunct(text: string, expected = `\`${text}\``): Token {
    if (!this.isPunct(text)) this.unexpected(expected);
    return this.next();
  }

  protected mark(): Mark {
    return { pos: this.pos, wildcards: this.wildcards };
  }

  protected reset(mark: Mark): void {
    this.pos = mark.pos;
    this.wildcards = mark.wildcards;
  }

  /** Runs a speculative parse; on a syntax error the position is left for the caller to restore. */
  protected tryParse<T>(parse: () => T): T | undefined {
    try {
      return parse();
    } catch (err) {
      if (err instanceof RegoSyntaxError) return undefined;
      throw err;
    }
  }
}
