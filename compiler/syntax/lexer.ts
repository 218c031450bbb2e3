/**
 * The Rego lexer: source text → tokens with positions. Whitespace is not a token, but every
 * token records whether whitespace (and whether a newline) preceded it, because Rego's grammar
 * depends on both: `a[x]` is a ref while `a [x]` is not, and a newline ends a body literal.
 */
import { RegoSyntaxError } from "./errors";

export type TokenKind = "ident" | "number" | "string" | "punct" | "eof";

export interface Token {
  kind: TokenKind;
  /** The text as written (for strings: including quotes). */
  text: string;
  /** Decoded value of a string token. */
  value?: string;
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

  const push = (kind: TokenKind, text: string, startRow: number, startCol: number, value?: string) => {
    tokens.push({ kind, text, value, row: startRow, col: startCol, spaceBefore, newlineBefore });
    spaceBefore = false;
    newlineBefore = false;
  };

  while (pos < source.length) {
    const ch = source[pos];
    const startRow = row;
    const startCol = col;
    const start = pos;

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
    const punct = PUNCTUATION.find((p) => source.startsWith(p, pos));
    if (punct !== undefined) {
      for (let i = 0; i < punct.length; i++) advance();
      push("punct", punct, startRow, startCol);
      continue;
    }
    fail(`illegal character \`${String.fromCodePoint(source.codePointAt(pos) ?? 0)}\``);
  }
  push("eof", "", row, col);
  return { tokens, comments };

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
        value += simple[esc];
        advance();
      } else if (esc === "u") {
        advance();
        const hex = source.slice(pos, pos + 4);
        if (!/^[0-9A-Fa-f]{4}$/.test(hex))
          fail("invalid unicode escape: expected \\u and four hex digits", escRow, escCol);
        for (let i = 0; i < 4; i++) advance();
        value += String.fromCharCode(parseInt(hex, 16));
      } else {
        fail(`invalid escape sequence \`\\${esc ?? ""}\` in string`, escRow, escCol);
      }
    }
  }
}

/**
 * Replaces unpaired UTF-16 surrogates (from `\uD800`-style escapes without their partner) by
 * U+FFFD, as Go's JSON decoder does, so string values are always well-formed Unicode.
 */
export function replaceLoneSurrogates(value: string): string {
  return value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
}
