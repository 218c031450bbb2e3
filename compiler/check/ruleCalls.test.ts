import { formatBody } from "../syntax/format";
import { parseModule } from "../syntax/parser";
import { checkArity } from "./arity";
import { rewriteRuleCalls } from "./ruleCalls";

const modules = (source: string) => [parseModule(`package t\n\n${source}`, "t.rego")];

describe("a complete rule called with empty parentheses is its value", () => {
  test.each([
    ["as an assigned term", "r := input.x\np if {\n\tm := r()\n}", "assign(m, data.t.r)"],
    ["as an expression", "r := input.x\np if {\n\tr()\n}", "data.t.r"],
    ["negated", "r := input.x\np if {\n\tnot r()\n}", "not data.t.r"],
    ["by its full path", "r := input.x\np if {\n\tdata.t.r() == 1\n}", "equal(data.t.r, 1)"],
    ["a function call is left as it is", "f(x) := x\np if {\n\tf(1)\n}", "f(1)"],
    ["a zero-argument function is a complete rule", "f() := 1\np if {\n\tf()\n}", "data.t.f"],
  ])("%s", (_name, source, want) => {
    const rewritten = rewriteRuleCalls(modules(source))[0];
    expect(formatBody(rewritten.rules[rewritten.rules.length - 1].body)).toBe(want);
  });

  test.each([
    ["a complete rule", "r := input.x\np if r()", []],
    // OPA: a partial set or object is no function, and has a type the checker knows
    ["a partial set", "s contains 1\np if s()", ["t.rego:4:6: rego_type_error: undefined function s"]],
    [
      "a complete rule with an argument",
      "r := 1\np if r(1)",
      ["t.rego:4:6: rego_type_error: undefined function r"],
    ],
  ])("the arity check accepts only zero-argument calls of complete rules: %s", (_name, source, want) => {
    expect(checkArity(modules(source)).map(String)).toEqual(want);
  });

  test("the modules given are not changed", () => {
    const [module] = modules("r := input.x\np if {\n\tr()\n}");
    rewriteRuleCalls([module]);
    expect(formatBody(module.rules[1].body)).toBe("r()");
  });
});
