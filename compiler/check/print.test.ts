import { formatBody } from "../syntax/format";
import { parseModule } from "../syntax/parser";
import { renameLocals } from "./locals";
import { rewritePrintCalls } from "./print";

function rewrite(source: string): string[] {
  const module = parseModule(`package test\n\n${source}`, "t.rego");
  return rewritePrintCalls([module]).modules[0].rules.map((rule) => formatBody(rule.body));
}

describe("print calls become internal.print of one set per argument", () => {
  test.each([
    ["no arguments", "p if {\n\tprint()\n}", ["internal.print([])"]],
    [
      "each argument is collected into its own set",
      'p if {\n\tprint("x", input.x)\n}',
      ['internal.print([{$p0 | eq($p0, "x")}, {$p1 | eq($p1, input.x)}])'],
    ],
    [
      "inside every",
      "p if {\n\tevery x in [1] { print(x) }\n}",
      ["every x in [1] { internal.print([{$p0 | eq($p0, x)}]) }"],
    ],
    [
      "a negated print stays negated",
      "p if {\n\tnot print(1)\n}",
      ["not internal.print([{$p0 | eq($p0, 1)}])"],
    ],
    ["trace is a builtin call left as it is", 'p if {\n\ttrace("t")\n}', ['trace("t")']],
  ])("%s", (_name, source, want) => {
    expect(rewrite(source)).toEqual(want);
  });

  // `opa eval` reports the same errors for these bodies.
  test.each([
    ["a wildcard", "p if {\n\tprint(_)\n}", ["t.rego:4:8: rego_compile_error: var _ is undeclared"]],
    [
      "a var bound only after the call",
      "p if {\n\tsome x\n\tprint(x)\n\tx = 1\n}",
      ["t.rego:5:8: rego_compile_error: var x is undeclared"],
    ],
    ["a var bound before the call", "p if {\n\tx = 1\n\tprint(x)\n}", []],
    ["a function argument", "f(a) if {\n\tprint(a)\n}", []],
    ["the key and value of every", "p if {\n\tevery k, v in [1] { print(k, v) }\n}", []],
    ["an enclosing body's var", "p if {\n\tx = 1\n\ty := [z | z := 1; print(x, z)]\n}", []],
    ["input and data", "p if {\n\tprint(input.x, data.y)\n}", []],
  ])("print reads only declared vars: %s", (_name, source, want) => {
    // As the compiler does, after renaming locals (which removes `some` declarations).
    const renamed = renameLocals([parseModule(`package test\n\n${source}`, "t.rego")]);
    expect(renamed.errors).toEqual([]);
    expect(rewritePrintCalls(renamed.modules, renamed.originalNames).errors.map(String)).toEqual(want);
  });

  test("the modules given are not changed", () => {
    const module = parseModule("package test\n\np if {\n\tprint(1)\n}", "t.rego");
    rewritePrintCalls([module]);
    expect(formatBody(module.rules[0].body)).toBe("print(1)");
  });
});
