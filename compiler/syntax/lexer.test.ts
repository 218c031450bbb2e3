import { lex } from "./lexer";
import { RegoSyntaxError } from "./errors";

const kinds = (source: string) => lex(source, "t.rego").tokens.map((t) => `${t.kind}:${t.value ?? t.text}`);

describe("lexer", () => {
  test.each([
    ["p := 1", ["ident:p", "punct::=", "number:1", "eof:"]],
    [
      "a<=b>=c!=d==e",
      [
        "ident:a",
        "punct:<=",
        "ident:b",
        "punct:>=",
        "ident:c",
        "punct:!=",
        "ident:d",
        "punct:==",
        "ident:e",
        "eof:",
      ],
    ],
    ["x[_]", ["ident:x", "punct:[", "ident:_", "punct:]", "eof:"]],
    ["1e400 0.1 12E-3", ["number:1e400", "number:0.1", "number:12E-3", "eof:"]],
    ['"a\\"b\\\\c\\/\\n"', ['string:a"b\\c/\n', "eof:"]],
    ['"\\u00e9\\ud83d\\ude00"', ["string:é😀", "eof:"]],
    ['"\\ud83d!"', ["string:\uFFFD!", "eof:"]],
    ["`raw\\n\nline`", ["string:raw\\n\nline", "eof:"]],
    ["a # comment\nb", ["ident:a", "ident:b", "eof:"]],
    ["\uFEFFa\r\nb", ["ident:a", "ident:b", "eof:"]],
    [
      "x.y[0](z)",
      [
        "ident:x",
        "punct:.",
        "ident:y",
        "punct:[",
        "number:0",
        "punct:]",
        "punct:(",
        "ident:z",
        "punct:)",
        "eof:",
      ],
    ],
  ])("%j", (source, expected) => {
    expect(kinds(source)).toEqual(expected);
  });

  // Template strings: each literal segment is a token ending at `{` (opens) or the closing quote,
  // the next one starting at the `}` that closes the expression between them (resumes).
  const segments = (source: string) =>
    lex(source, "t.rego").tokens.map((t) =>
      t.kind === "template"
        ? `${t.resumes ? "}" : "$"}${t.value}${t.opens ? "{" : "$"}`
        : `${t.kind}:${t.text}`,
    );
  test.each([
    ['$""', ["$$", "eof:"]],
    ['$"a {x} b"', ["$a {", "ident:x", "} b$", "eof:"]],
    ['$"{1}{2}"', ["${", "number:1", "}{", "number:2", "}$", "eof:"]],
    // escapes as in strings, and \{ for a literal brace; `}` alone is literal text
    ['$"\\t\\{x} a}b \\u0041"', ["$\t{x} a}b A$", "eof:"]],
    // braces of sets and objects, and strings, inside an expression do not close it
    [
      '$"{ {"}": {1}} }"',
      ["${", "punct:{", 'string:"}"', "punct::", "punct:{", "number:1", "punct:}", "punct:}", "}$", "eof:"],
    ],
    // nested template strings, raw ones keeping backslashes other than \{ and spanning lines
    ['$"{$`\\n{a}\n\\{`}"', ["${", "$\\n{", "ident:a", "}\n{$", "}$", "eof:"]],
  ])("template %j", (source, expected) => {
    expect(segments(source)).toEqual(expected);
  });

  test("records spacing and newlines before each token", () => {
    const tokens = lex("a b\n  c[d]", "t.rego").tokens;
    expect(tokens.map((t) => [t.text, t.spaceBefore, t.newlineBefore])).toEqual([
      ["a", false, false],
      ["b", true, false],
      ["c", true, true],
      ["[", false, false],
      ["d", false, false],
      ["]", false, false],
      ["", false, false],
    ]);
  });

  test("positions are 1-based rows and character columns", () => {
    const tokens = lex('x := "😀"\n\ty', "t.rego").tokens;
    expect(tokens.map((t) => [t.row, t.col])).toEqual([
      [1, 1],
      [1, 3],
      [1, 6],
      [2, 2],
      [2, 3],
    ]);
  });

  test("keeps comments with their positions", () => {
    expect(lex("# METADATA\n# title: x\np := 1 # trailing", "t.rego").comments).toEqual([
      { text: " METADATA", row: 1, col: 1 },
      { text: " title: x", row: 2, col: 1 },
      { text: " trailing", row: 3, col: 8 },
    ]);
  });

  test.each([
    ['x := "abc', 1, 6, "unterminated string"],
    ['x := "a\nb"', 1, 6, "unterminated string"],
    ["x := `abc", 1, 6, "unterminated raw string"],
    ['x := "\\x"', 1, 7, "invalid escape sequence"],
    ['x := "\\u12"', 1, 7, "invalid unicode escape"],
    ["x := 1 @", 1, 8, "illegal character `@`"],
    ["x := 12abc", 1, 6, "invalid number"],
    ['x := $"a', 1, 6, 'unterminated template string: missing closing `"`'],
    ['x := $"a\nb"', 1, 6, "unterminated template string"],
    ["x := $`{1}", 1, 10, "unterminated template string: missing closing `` ` ``"],
    ['x := $"{1', 1, 6, "missing `}` after a template expression"],
    ['x := $"\\}"', 1, 8, "invalid escape sequence"],
    ["x := $x", 1, 6, "illegal character `$`"],
  ])("rejects %j at %i:%i", (source, row, col, message) => {
    let caught: unknown;
    try {
      lex(source, "t.rego");
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(RegoSyntaxError);
    const err = caught as RegoSyntaxError;
    expect([err.row, err.col]).toEqual([row, col]);
    expect(err.message).toContain(message);
  });
});
