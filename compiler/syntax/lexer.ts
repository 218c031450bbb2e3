/**
 * The Rego lexer: source text → tokens with positions. Whitespace is not a token, but every
 * token records whether whitespace (and whether a newline) preceded it, because Rego's grammar
 * depends on both: `a[x]` is a ref while `a [x]` is not, and a newline ends a body literal.
 *
 * A template string (`$"a {x} b"`, raw `` $`a {x} b` ``) is lexed as its literal segments with the
 * tokens of each `{expression}` between them, as JavaScript lexes template literals: a `template`
 * token from `$"` to the first unescaped `{` (or to the closing quote), the expression's tokens,
 * then a `template` token from the `}` closing it to the next `{` or the closing quote. A stack of
 * open template strings tells the `}` closing an expression from one closing an object or set
 * written inside it, and lets template strings nest.
 */
import { RegoSyntaxError } from "./errors";

export type TokenKind = "ident" | "number" | "string" | "template" | "punct" | "eof";

export interface Token {
  kind: TokenKind;
  /** The text as written (for strings: including quotes). */
  text: string;
  /** Decoded value of a string token, or of a template token's literal segment. */
  value?: string;
  /** A template token resumes the template string after an expression's `}` (else it starts one with `$`). */
  resumes?: boolean;
  /** A template token ends at `{`: an expression follows (else it ends the template string). */
  opens?: boolean;
  row: number;
  col: number;
  /** Whitespace or a comment separates this token from the previous one. */
  spaceBefore: boolean;
  /** A newline separates this token from the previous one. */
  newlineBefore: boolean;
}

export interface Comment {
  /** The text after `#`. */
  text: string;
  row: number;
  col: number;
}

export interface LexResult {
  tokens: Token[];
  comments: Comment[];
}

/** Longest first, so `:=` wins over `:` and `<=` over `<`. */
const PUNCTUATION = [
  ":=",
  "==",
  "!=",
  "<=",
  ">=",
  "{",
  "}",
  "[",
  "]",
  "(",
  ")",
  ".",
  ",",
  ";",
  ":",
  "=",
  "<",
  ">",
]
  .concat(["+", "-", "*", "/", "%", "&", "|"])
  .sort((a, b) => b.length - a.length);

const isIdentStart = (ch: string) => /[A-Za-z_]/.test(ch);
const isIdentPart = (ch: string) => /[A-Za-z0-9_]/.test(ch);
const isDigit = (ch: string) => ch >= "0" && ch <= "9";

export function lex(source: string, file: string): LexResult {
  const tokens: Token[] = [];
  const comments: Comment[] = [];
  // A UTF-8 byte order mark some editors write is not part of the program.
  let pos = source.startsWith("\uFEFF") ? 1 : 0;
  let row = 1;
  let col = 1;
  let spaceBefore = false;
  let newlineBefore = false;

  const fail = (message: string, atRow = row, atCol = col): never => {
    throw new RegoSyntaxError(file, atRow, atCol, message, source);
  };

  /** Moves past one character, keeping row/col in characters (a surrogate pair is one). */
  const advance = () => {
    const code = source.charCodeAt(pos);
    if (source[pos] === "\n") {
      row++;
      col = 1;
    } else if (!(code >= 0xdc00 && code <= 0xdfff)) {
      col++;
    }
    pos++;
  };

  const push = (
    kind: TokenKind,
    text: string,
    startRow: number,
    startCol: number,
    value?: string,
    template?: Pick<Token, "resumes" | "opens">,
  ) => {
    tokens.push({ kind, text, value, ...template, row: startRow, col: startCol, spaceBefore, newlineBefore });
    spaceBefore = false;
    newlineBefore = false;
  };

  /** The template strings whose expression is being lexed, innermost last, with their open braces. */
  const templates: { raw: boolean; braces: number; row: number; col: number }[] = [];

  while (pos < source.length) {
    const ch = source[pos];
    const startRow = row;
    const startCol = col;
    const start = pos;
    const template = templates[templates.length - 1];

    if (ch === " " || ch === "\t" || ch === "\r" || ch === "\n") {
      if (ch === "\n") newlineBefore = true;
      spaceBefore = true;
      advance();
      continue;
    }
    if (ch === "#") {
      while (pos < source.length && source[pos] !== "\n") advance();
      comments.push({ text: source.slice(start + 1, pos).replace(/\r$/, ""), row: startRow, col: startCol });
      spaceBefore = true;
      continue;
    }
    if (isIdentStart(ch)) {
      while (pos < source.length && isIdentPart(source[pos])) advance();
      push("ident", source.slice(start, pos), startRow, startCol);
      continue;
    }
    if (isDigit(ch)) {
      lexNumber(startRow, startCol);
      push("number", source.slice(start, pos), startRow, startCol);
      continue;
    }
    if (ch === '"') {
      const value = lexQuotedString(startRow, startCol);
      push("string", source.slice(start, pos), startRow, startCol, value);
      continue;
    }
    if (ch === "`") {
      advance();
      while (pos < source.length && source[pos] !== "`") advance();
      if (pos >= source.length) fail("unterminated raw string: missing closing `` ` ``", startRow, startCol);
      advance();
      push("string", source.slice(start, pos), startRow, startCol, source.slice(start + 1, pos - 1));
      continue;
    }
    if (ch === "$" && (source[pos + 1] === '"' || source[pos + 1] === "`")) {
      const raw = source[pos + 1] === "`";
      advance();
      advance();
      const segment = lexTemplateSegment(raw, startRow, startCol);
      pushTemplate(start, startRow, startCol, segment, false);
      if (segment.opens) templates.push({ raw, braces: 0, row: startRow, col: startCol });
      continue;
    }
    if (template !== undefined && ch === "}" && template.braces === 0) {
      advance();
      const segment = lexTemplateSegment(template.raw, startRow, startCol);
      pushTemplate(start, startRow, startCol, segment, true);
      if (!segment.opens) templates.pop();
      continue;
    }
    if (template !== undefined && ch === "{") template.braces++;
    if (template !== undefined && ch === "}") template.braces--;
    const punct = PUNCTUATION.find((p) => source.startsWith(p, pos));
    if (punct !== undefined) {
      for (let i = 0; i < punct.length; i++) advance();
      push("punct", punct, startRow, startCol);
      continue;
    }
    fail(`illegal character \`${String.fromCodePoint(source.codePointAt(pos) ?? 0)}\``);
  }
  const unclosed = templates.pop();
  if (unclosed)
    fail("unterminated template string: missing `}` after a template expression", unclosed.row, unclosed.col);
  push("eof", "", row, col);
  return { tokens, comments };

  function pushTemplate(
    start: number,
    startRow: number,
    startCol: number,
    segment: { value: string; opens: boolean },
    resumes: boolean,
  ) {
    push("template", source.slice(start, pos), startRow, startCol, segment.value, {
      resumes,
      opens: segment.opens,
    });
  }

  /**
   * A template string's literal text up to an unescaped `{` (consumed; `opens`) or its closing
   * quote. `\{` is a literal `{`; a `"`-quoted template also takes the string escapes and ends at a
   * newline (an error), a raw one keeps every other backslash as written.
   */
  function lexTemplateSegment(
    raw: boolean,
    startRow: number,
    startCol: number,
  ): { value: string; opens: boolean } {
    const quote = raw ? "`" : '"';
    const shown = raw ? "`` ` ``" : '`"`';
    let value = "";
    for (;;) {
      if (pos >= source.length || (!raw && source[pos] === "\n")) {
        return fail(`unterminated template string: missing closing ${shown}`, startRow, startCol);
      }
      const ch = source[pos];
      if (ch === quote || ch === "{") {
        advance();
        return { value: replaceLoneSurrogates(value), opens: ch === "{" };
      }
      if (ch === "\\" && source[pos + 1] === "{") {
        advance();
        advance();
        value += "{";
      } else if (ch === "\\" && !raw) {
        value += lexEscape();
      } else {
        value += ch;
        advance();
      }
    }
  }

  /** digits [. digits] [e [+-] digits] — the text is kept exactly, the parser validates it. */
  function lexNumber(startRow: number, startCol: number) {
    while (pos < source.length && isDigit(source[pos])) advance();
    if (source[pos] === "." && isDigit(source[pos + 1] ?? "")) {
      advance();
      while (pos < source.length && isDigit(source[pos])) advance();
    }
    if (source[pos] === "e" || source[pos] === "E") {
      const signed = source[pos + 1] === "+" || source[pos + 1] === "-";
      if (isDigit(source[pos + (signed ? 2 : 1)] ?? "")) {
        advance();
        if (signed) advance();
        while (pos < source.length && isDigit(source[pos])) advance();
      }
    }
    if (pos < source.length && (isIdentStart(source[pos]) || source[pos] === ".")) {
      if (source[pos] !== "." || isDigit(source[pos + 1] ?? "")) fail("invalid number", startRow, startCol);
    }
  }

  /** A JSON string literal; returns the decoded value. */
  function lexQuotedString(startRow: number, startCol: number): string {
    advance(); // opening quote
    let value = "";
    for (;;) {
      if (pos >= source.length || source[pos] === "\n") {
        return fail('unterminated string: missing closing `"`', startRow, startCol);
      }
      const ch = source[pos];
      if (ch === '"') {
        advance();
        return replaceLoneSurrogates(value);
      }
      if (ch !== "\\") {
        value += ch;
        advance();
        continue;
      }
      value += lexEscape();
    }
  }

  /** A JSON escape sequence at the backslash under the cursor; returns the character it stands for. */
  function lexEscape(): string {
    const escRow = row;
    const escCol = col;
    advance();
    const esc = source[pos];
    const simple: Record<string, string> = {
      '"': '"',
      "\\": "\\",
      "/": "/",
      b: "\b",
      f: "\f",
      n: "\n",
      r: "\r",
      t: "\t",
    };
    if (esc !== undefined && esc in simple) {
      advance();
      return simple[esc];
    }
    if (esc === "u") {
      advance();
      const hex = source.slice(pos, pos + 4);
      if (!/^[0-9A-Fa-f]{4}$/.test(hex))
        fail("invalid unicode escape: expected \\u and four hex digits", escRow, escCol);
      for (let i = 0; i < 4; i++) advance();
      return String.fromCharCode(parseInt(hex, 16));
    }
    return fail(`invalid escape sequence \`\\${esc ?? ""}\` in string`, escRow, escCol);
  }
}

/**
 * Replaces unpaired UTF-16 surrogates (from `\uD800`-style escapes without their partner) by
 * U+FFFD, as Go's JSON decoder does, so string values are always well-formed Unicode.
 */
export function replaceLoneSurrogates(value: string): string {
  return value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
}
