import { formatBody, formatRule } from "../syntax/format";
import { parseModule } from "../syntax/parser";
import { renameLocals } from "./locals";

function rename(source: string) {
  return renameLocals([parseModule(`package test\n\n${source}`, "t.rego")]);
}

describe("local renaming", () => {
  test.each([
    ["assignment becomes unification with a fresh name", "p if {\n\tx := 1\n}", "eq(__local0__, 1)"],
    ["later uses see the new name", "p if {\n\tx := 1\n\tx > 0\n}", "eq(__local0__, 1); gt(__local0__, 0)"],
    ["some declarations vanish", "p if {\n\tsome x\n\tx = 1\n}", "eq(__local0__, 1)"],
    ["some-in iterates the domain", "p if {\n\tsome x in input.xs\n}", "eq(__local1__, input.xs[$some0])"],
    [
      "key and value of some-in",
      "p if {\n\tsome k, v in input.xs\n}",
      "eq(__local1__, input.xs[__local0__])",
    ],
    ["undeclared vars keep their names", "p if {\n\tx = 1\n}", "eq(x, 1)"],
    [
      "comprehensions have their own scope",
      "p if {\n\tx := 1\n\ty := [x | x := 2]\n}",
      "eq(__local0__, 1); eq(__local2__, [__local1__ | eq(__local1__, 2)])",
    ],
    [
      "every declares its symbols",
      "p if {\n\tevery x in [1] { x > 0 }\n}",
      "every __local0__ in [1] { gt(__local0__, 0) }",
    ],
  ])("%s", (_name, source, expected) => {
    const result = rename(source);
    expect(result.errors).toEqual([]);
    expect(formatBody(result.modules[0].rules[0].body)).toBe(expected);
  });

  test.each([
    [
      "assigned twice",
      "p if {\n\tx := 1\n\tx := 2\n}",
      "t.rego:5:2: rego_compile_error: var x assigned above",
    ],
    [
      "used before assignment",
      "p if {\n\tx = 1\n\tx := 2\n}",
      "t.rego:5:2: rego_compile_error: var x referenced above",
    ],
    [
      "argument reassigned",
      "f(x) := 1 if {\n\tx := 2\n}",
      "t.rego:4:2: rego_compile_error: var x assigned above",
    ],
  ])("reports %s", (_name, source, expected) => {
    expect(rename(source).errors.map(String)).toEqual([expected]);
  });

  test("function arguments are renamed in the head and the body", () => {
    const rule = rename("f(x) := y if {\n\ty := x\n}").modules[0].rules[0];
    expect(formatRule(rule)).toBe("function f(__local0__) := __local1__ if { eq(__local1__, __local0__) }");
  });

  test("generated names map back to what the author wrote", () => {
    expect(rename("p if {\n\tx := 1\n}").originalNames.get("__local0__")).toBe("x");
  });
});
