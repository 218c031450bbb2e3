import { parseModule } from "../syntax/parser";
import { checkArity } from "./arity";

const check = (...sources: string[]) =>
  checkArity(sources.map((source, i) => parseModule(source, `m${i}.rego`))).map(String);

describe("arity check", () => {
  test.each([
    ["builtin", "package a\np := count([1])"],
    ["builtin with output argument", "package a\np if count([1], n)"],
    ["infix operators", "package a\np if { x := 1 + 2; x in [3]; k, v in [3] }"],
    ["dotted builtin", 'package a\np := strings.replace_n({"a": "b"}, "xa")'],
    ["local function", "package a\nf(x) := x\np := f(1)"],
    ["local function with output", "package a\nf(x) := x\np if f(1, y)"],
    ["function by full path", "package a\nf(x) := x\np := data.a.f(1)"],
    ["function in other module", "package a\nimport data.lib\np := lib.f(1)", "package lib\nf(x) := x"],
    ["function via import alias", "package a\nimport data.lib.f as g\np := g(1)", "package lib\nf(x) := x"],
    ["ref head function", "package a\nf.g(x) := x\np := f.g(1)"],
    ["mocked builtin the SDK lacks", "package a\np if { time.now_ns() == 1 with time.now_ns as 1 }"],
    ["compile-time metadata function", "package a\np := rego.metadata.rule()"],
    ["print with any number of arguments", 'package a\np if { print(); print(1); print("a", input.x, [1]) }'],
    ["trace", 'package a\np if trace("note")'],
    [
      "calls inside comprehensions and every",
      "package a\np if { every x in [1] { count([x]) } }\nq := [count(x) | x := [[1]][_]]",
    ],
  ])("accepts %s", (_name, ...sources) => {
    expect(check(...sources)).toEqual([]);
  });

  test.each([
    [
      "unknown function",
      "package a\np := nosuch(1)",
      "m0.rego:2:6: rego_type_error: undefined function nosuch",
    ],
    [
      "builtin the SDK lacks",
      "package a\np := http.send({})",
      "m0.rego:2:6: rego_type_error: undefined function http.send",
    ],
    [
      "too many arguments",
      "package a\np := count([1], 2)",
      "m0.rego:2:6: rego_type_error: function count has arity 1, got 2 arguments",
    ],
    [
      "too many in expression",
      "package a\np if count([1], 2, 3)",
      "m0.rego:2:6: rego_type_error: function count has arity 1, got 3 arguments",
    ],
    [
      "too few arguments",
      'package a\np := concat(",")',
      "m0.rego:2:6: rego_type_error: function concat has arity 2, got 1 argument",
    ],
    [
      "user function arity",
      "package a\nf(x) := x\np := f(1, 2)",
      "m0.rego:3:6: rego_type_error: function data.a.f has arity 1, got 2 arguments",
    ],
    [
      "rule that is not a function",
      "package a\nq := 1\np := q(1)",
      "m0.rego:3:6: rego_type_error: undefined function q",
    ],
    [
      "function in unknown package",
      "package a\np := data.b.f(1)",
      "m0.rego:2:6: rego_type_error: undefined function data.b.f",
    ],
    [
      "call in a with value",
      "package a\np if { true with input as nosuch(1) }",
      "m0.rego:2:27: rego_type_error: undefined function nosuch",
    ],
  ])("rejects %s", (_name, source, expected) => {
    expect(check(source)).toEqual([expected]);
  });
});
