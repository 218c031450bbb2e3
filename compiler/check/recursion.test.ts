import { parseModule } from "../syntax/parser";
import { checkRecursion } from "./recursion";

const check = (...sources: string[]) =>
  checkRecursion(sources.map((source, i) => parseModule(source, `m${i}.rego`))).map(String);

describe("recursion check", () => {
  test.each([
    ["independent rules", "package a\np := q\nq := 1"],
    ["chain without cycle", "package a\np := q\nq := r\nr := 1"],
    ["local variable shadowing a rule", "package a\np if { q := 1; q }\nq := p"],
    ["function argument shadowing a rule", "package a\nf(p) := p\np := f(1)"],
    ["dynamic data ref with an unrelated constant", "package a\np := data[2]"],
    [
      "dynamic ref that cannot reach the rule",
      'package a\np := data[k].allow if k := "b"',
      "package b\nallow := true",
    ],
    ["with target naming the rule itself", "package a\np if { q with data.a.p as 1 }\nq := 1"],
    ["input ref", "package a\np := input.p"],
  ])("accepts %s", (_name, ...sources) => {
    expect(check(...sources)).toEqual([]);
  });

  test.each([
    [
      "self reference",
      ["package a\np := p"],
      ["m0.rego:2:1: rego_recursion_error: rule data.a.p is recursive: p -> p"],
    ],
    [
      "two rules",
      ["package a\np if q\nq if p"],
      ["m0.rego:2:1: rego_recursion_error: rule data.a.p is recursive: p -> q -> p"],
    ],
    [
      "function",
      ["package a\nf(x) := f(x)"],
      ["m0.rego:2:1: rego_recursion_error: rule data.a.f is recursive: f -> f"],
    ],
    [
      "across packages",
      ["package a\np := data.b.q", "package b\nq := data.a.p"],
      ["m0.rego:2:1: rego_recursion_error: rule data.a.p is recursive: p -> q -> p"],
    ],
    [
      "through a whole-package read",
      ["package a\np := data.a"],
      ["m0.rego:2:1: rego_recursion_error: rule data.a.p is recursive: p -> p"],
    ],
    [
      "through a partial set in a comprehension",
      ["package a\np contains x if { x := count([y | y := p[_]]) }"],
      ["m0.rego:2:1: rego_recursion_error: rule data.a.p is recursive: p -> p"],
    ],
    [
      "through an else branch",
      ["package a\np := 1 if false else := q\nq := p"],
      ["m0.rego:2:1: rego_recursion_error: rule data.a.p is recursive: p -> q -> p"],
    ],
  ])("rejects %s", (_name, sources, expected) => {
    expect(check(...sources)).toEqual(expected);
  });
});
