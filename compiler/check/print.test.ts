import { formatBody } from "../syntax/format";
import { parseModule } from "../syntax/parser";
import { rewritePrintCalls } from "./print";

function rewrite(source: string): string[] {
  const module = parseModule(`package test\n\n${source}`, "t.rego");
  return rewritePrintCalls([module])[0].rules.map((rule) => formatBody(rule.body));
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

  test("the modules given are not changed", () => {
    const module = parseModule("package test\n\np if {\n\tprint(1)\n}", "t.rego");
    rewritePrintCalls([module]);
    expect(formatBody(module.rules[0].body)).toBe("print(1)");
  });
});
