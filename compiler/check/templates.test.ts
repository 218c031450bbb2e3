import { formatRule } from "../syntax/format";
import { parseModule } from "../syntax/parser";
import { RuleTrie } from "../plan/trie";
import { renameLocals } from "./locals";
import { resolveModules } from "./resolve";
import { rewriteTemplateStrings } from "./templates";

/** As the compiler runs it: after names are resolved and locals renamed. */
function rewrite(source: string) {
  const renamed = renameLocals(resolveModules([parseModule(`package test\n\n${source}`, "t.rego")]));
  expect(renamed.errors).toEqual([]);
  const trie = new RuleTrie(renamed.modules);
  const rulesAt = (path: string[]) => trie.find(path)?.rules.map((placed) => placed.rule) ?? [];
  return rewriteTemplateStrings(renamed.modules, rulesAt, renamed.originalNames);
}

// The parts OPA's golden plans (stringinterpolation) build: a set literal where a set comprehension
// is not needed, a comprehension otherwise.
describe("template strings: each expression's set of values", () => {
  test.each([
    [
      "a variable the body binds is a set literal",
      'p := x if { y := 1; x := $"{y}" }',
      "complete p := __local1__ if { eq(__local0__, 1); eq(__local1__, internal.template_string([{__local0__}])) }",
    ],
    [
      "a constant rule is a set literal",
      'a := "foo"\np := $"{a}"',
      "complete p := internal.template_string([{data.test.a}]) if { true }",
    ],
    [
      "so are a default rule and a partial set",
      'default a := 1\na := input.a\ns contains 1\np := $"{a}{s}"',
      "complete p := internal.template_string([{data.test.a}, {data.test.s}]) if { true }",
    ],
    [
      "a rule that may be undefined is captured",
      'a := input.a\np := $"{a}"',
      "complete p := internal.template_string([{$t0 | eq($t0, data.test.a)}]) if { true }",
    ],
    [
      "base data and input are captured",
      'p := $"{data.x} {input.y}"',
      'complete p := internal.template_string([{$t0 | eq($t0, data.x)}, " ", {$t1 | eq($t1, input.y)}]) if { true }',
    ],
    [
      "a nested template string's variable",
      'p := x if { y := 1; x := $"{$"{y}"}" }',
      "complete p := __local1__ if { eq(__local0__, 1); eq(__local1__, internal.template_string([{$t1 | eq($t1, internal.template_string([{__local0__}]))}])) }",
    ],
    [
      "a function argument is matched after the body",
      'f($"{x}") := 1 if { x := "a" }',
      'function f($a0) := 1 if { eq(__local0__, "a"); eq($a0, internal.template_string([{__local0__}])) }',
    ],
  ])("%s", (_name, source, want) => {
    const result = rewrite(source);
    expect(result.errors).toEqual([]);
    expect(result.modules[0].rules.map(formatRule)).toContain(want);
  });

  // `opa eval` reports the same messages for these rules (at the same places, where it gives one).
  test.each([
    [
      "a variable no body binds",
      'p := $"{input.a[k]}"',
      ["t.rego:3:9: rego_compile_error: var k is undeclared"],
    ],
    ["a wildcard", 'p := $"{input.a[_]}"', ["t.rego:3:9: rego_compile_error: var _ is undeclared"]],
    [
      "a relation",
      'p := $"{walk(input)}"',
      [
        "t.rego:3:9: rego_compile_error: illegal call to relation built-in 'walk' that may cause multiple outputs",
      ],
    ],
    ["a variable of an enclosing body", 'p := [$"{y}" | y := 1]', []],
    ["the key and value of every", 'p if every k, v in [1] { $"{k}{v}" != "" }', []],
    ["a variable local to a comprehension inside", 'p := $"{[z | z := input.a[i]]}"', []],
  ])("undeclared variables: %s", (_name, source, want) => {
    expect(rewrite(source).errors.map(String)).toEqual(want);
  });

  test("the modules given are not changed", () => {
    const module = parseModule('package test\n\np := $"{input.a}"', "t.rego");
    const before = formatRule(module.rules[0]);
    rewriteTemplateStrings([module], () => []);
    expect(formatRule(module.rules[0])).toBe(before);
  });
});
