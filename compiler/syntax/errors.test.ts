import { RegoSyntaxError } from "./errors";
import { parseModule } from "./parser";

function syntaxError(source: string): RegoSyntaxError {
  try {
    parseModule(source, "t.rego");
  } catch (err) {
    if (err instanceof RegoSyntaxError) return err;
    throw err;
  }
  throw new Error(`expected a syntax error for ${JSON.stringify(source)}`);
}

/** Each malformed module: where the error is reported, and what the message says. */
describe("syntax errors", () => {
  test.each([
    ["p := 1", 1, 1, "expected `package` declaration"],
    ["package a\np if { x := }", 2, 13, "unexpected `}`: expected a term"],
    ["package a\np { true }", 2, 3, "`if` keyword is required before rule body"],
    ["package a\np[x] { x := 1 }", 2, 6, "write `p contains x if { ... }`"],
    ['package a\np := "abc', 2, 6, "unterminated string"],
    ["package a\np if { x := 1 y := 2 }", 2, 15, "expected a newline or `;`"],
    ["package a\np if { x := [1, 2 }", 2, 19, "expected `,` or `]`"],
    ["package a\np := 01", 2, 6, "without leading zero"],
    ["package a\np if { some 1 }", 2, 13, "expected a variable name after `some`"],
    ["package a\np if { every x { true } }", 2, 8, "after `every`"],
    ["package a\np := [x | ]", 2, 11, "found empty body"],
    ["package a\np", 2, 2, "unexpected end of file"],
    ["package a\np contains x := 1", 2, 14, "cannot have a value"],
    ["package a\nimport foo.bar", 2, 8, "invalid import path"],
    ["package a\np := 1 if { true } else := 2 { false } { x }", 2, 40, "expected `else` keyword"],
    ["package a\np[x]", 2, 1, "`contains` keyword is required for partial set rules"],
    ["package a\np.q.r", 2, 6, "expected `if`, `:=` or `=` after the rule head"],
    [
      "package a\nf(1) else := 2",
      2,
      6,
      "unexpected keyword `else`: expected a rule body or value before `else`",
    ],
    ["package a\np contains x if { x } else := 1", 2, 23, "else keyword cannot be used on multi-value rules"],
    [
      "package a\np[x] := 1 if { x } else := 2",
      2,
      20,
      "else keyword cannot be used on rules with variables in head",
    ],
    ["package a\ndefault p := 1 if { true }", 2, 16, "default rules must not have a body"],
    ["package a\ndefault p := 1 else := 2", 2, 16, "default rules must not have `else`"],
    ["package a\np if { x } else y", 2, 17, "expected an `else` value"],
    ["package a\np if { if == 1 }", 2, 8, "unexpected keyword `if`: expected a term"],
    ["package a\np if { x := (1 + 2 }", 2, 20, "expected `)`"],
    ["package a\np := 1e100000", 2, 6, "number too big"],
    ["package a\np := {1: }", 2, 10, "expected a term"],
    ["package a\npackage b", 2, 1, "second `package`"],
    ["package a\nimport rego.v2", 2, 8, "must be `rego.v1`"],
    ["package a\nimport data.foo.if", 2, 17, "must not end with a keyword"],
    ["package a\np if { not some x in y }", 2, 12, "illegal negation of `some`"],
    ["package a\np if { not every x in y { x } }", 2, 12, "illegal negation of `every`"],
    ["package a\np if { x with 1 as 2 }", 2, 15, "expected `with` target path"],
    ["package a\nimport future.keywords.foo", 2, 8, "invalid import `future.keywords.foo`"],
  ])("%j", (source, row, col, message) => {
    const err = syntaxError(source);
    expect({ file: err.file, row: err.row, col: err.col }).toEqual({ file: "t.rego", row, col });
    expect(err.message).toContain(message);
  });

  test("toString shows OPA's header, the source line and a caret under the column", () => {
    const err = syntaxError("package a\n\tp if { x := }");
    expect(err.toString()).toBe(
      "t.rego:2:14: rego_parse_error: unexpected `}`: expected a term\n\t\tp if { x := }\n\t\t" +
        " ".repeat(12) +
        "^",
    );
  });
});
