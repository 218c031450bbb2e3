import { parseModule } from "../syntax/parser";
import type { Body } from "../syntax/ast";
import { lookupBuiltin } from "./builtins";
import { renameLocals } from "./locals";
import { resolveModules } from "./resolve";
import { reorderForSafety } from "./safety";

/** Parses `p if { <body> }` (one expression per line), runs the checks, returns the rule body. */
function check(bodyLines: string[], extra = ""): { order: string[]; errors: string[] } {
  const source = `package test\n\n${extra}\np if {\n${bodyLines.map((l) => `\t${l}`).join("\n")}\n}\n`;
  const lines = source.split("\n");
  const renamed = renameLocals(resolveModules([parseModule(source, "t.rego")]));
  const arity = (name: string) => (name === "data.test.f" ? 1 : lookupBuiltin(name)?.arity);
  const safe = reorderForSafety(renamed.modules, arity, renamed.originalNames);
  const rule = safe.modules[0].rules.find(
    (r) => r.head.ref[0].value.type === "var" && r.head.ref[0].value.name === "p",
  );
  const body: Body = rule?.body ?? [];
  return {
    order: body.map((e) => lines[e.loc.row - 1].trim()),
    errors: [...renamed.errors, ...safe.errors].map(String),
  };
}

describe("reorder for safety", () => {
  test.each([
    ["already ordered", ["x := 1", "y := x + 1"], ["x := 1", "y := x + 1"]],
    ["use before assignment", ["y = x + 1", "x = 1"], ["x = 1", "y = x + 1"]],
    ["ref iteration binds its key", ["x > 1", "input.xs[i] = x"], ["input.xs[i] = x", "x > 1"]],
    [
      "call output binds the last argument",
      ["y == 2", "count(input.xs, y)"],
      ["count(input.xs, y)", "y == 2"],
    ],
    ["user function output", ["y == 2", "f(1, y)"], ["f(1, y)", "y == 2"]],
    ["negation waits for its inputs", ["not x == 2", "x = input.a"], ["x = input.a", "not x == 2"]],
    [
      "comprehension closes over an outer var",
      ["ys := [y | y := x[_]]", "x = input.a"],
      ["x = input.a", "ys := [y | y := x[_]]"],
    ],
    [
      "every waits for its domain",
      ["every v in xs { v > 0 }", "xs = input.a"],
      ["xs = input.a", "every v in xs { v > 0 }"],
    ],
    [
      "with value must be bound",
      ["data.test.q with input as v", "v = 1"],
      ["v = 1", "data.test.q with input as v"],
    ],
    [
      "a dotted builtin as a with value is a function, no variable",
      ["x = count([{}]) with count as object.union_n"],
      ["x = count([{}]) with count as object.union_n"],
    ],
    ["array destructuring", ["a > b", "[a, b] = input.pair"], ["[a, b] = input.pair", "a > b"]],
    ["wildcard in negation is local", ["not input.xs[_] == 1"], ["not input.xs[_] == 1"]],
  ])("%s", (_name, body, expected) => {
    const result = check(body, "q := true\nf(x) := x\n");
    expect(result.errors).toEqual([]);
    expect(result.order).toEqual(expected);
  });

  test.each([
    ["never bound", ["x == 1"], ["t.rego:5:2: rego_unsafe_var_error: var x is unsafe"]],
    ["negated only", ["not x"], ["t.rego:5:6: rego_unsafe_var_error: var x is unsafe"]],
    [
      "both sides unbound",
      ["x = y"],
      [
        "t.rego:5:2: rego_unsafe_var_error: var x is unsafe",
        "t.rego:5:6: rego_unsafe_var_error: var y is unsafe",
      ],
    ],
    ["builtin without output", ["count(x)"], ["t.rego:5:8: rego_unsafe_var_error: var x is unsafe"]],
  ])("reports unsafe vars: %s", (_name, body, expected) => {
    expect(check(body).errors).toEqual(expected);
  });

  test("head vars must be bound by the body", () => {
    const source = "package test\n\np := x if {\n\ttrue\n}\n";
    const renamed = renameLocals(resolveModules([parseModule(source, "t.rego")]));
    const safe = reorderForSafety(renamed.modules, () => undefined, renamed.originalNames);
    expect(safe.errors.map(String)).toEqual(["t.rego:3:6: rego_unsafe_var_error: var x is unsafe"]);
  });
});
