import { parseModule } from "../syntax/parser";
import { checkRules } from "./rules";

const check = (...sources: string[]) =>
  checkRules(sources.map((source, i) => parseModule(source, `m${i}.rego`))).map(String);

describe("rule checks", () => {
  test.each([
    ["default with a complete rule", "package a\ndefault p := false\np if input.x"],
    ["default function", "package a\ndefault f(_) := 0\nf(x) := x if x > 1"],
    ["default with a comprehension value", "package a\ndefault p := [x | x := data.a[_]]"],
    ["several complete definitions", "package a\np := 1 if input.a\np := 2 if input.b\np = 3 if input.c"],
    ["several partial set definitions", "package a\np contains 1\np contains 2"],
    ["partial object next to a constant key", "package a\np[k] := 1 if k := input.k\np.q := 2"],
    ["ref heads under a common prefix", "package a\na.b.c := 1\na.b.d := 2"],
    [
      "a dynamic partial set next to a constant one",
      'package a\np[q] contains r if { q := "a"; r := 1 }\np.b contains "foo"',
    ],
    ["same name in different packages", "package a\np := 1", "package b\np contains 1"],
    // Found by tests/opa/fuzz.test.ts: a key with a dot is one key, not a path below p.a.
    ["a key with a dot next to its first part", 'package a\np["a.b"] := 1\np["a"] := 2'],
    ["a key with a dot next to the path it spells", 'package a\np["a.b"] := 1\np.a.b := 2'],
  ])("accepts %s", (_name, ...sources) => {
    expect(check(...sources)).toEqual([]);
  });

  test.each([
    [
      "default with a var",
      "package a\ndefault p := x",
      "m0.rego:2:1: rego_parse_error: illegal default rule (value cannot contain var)",
    ],
    [
      "default with a ref",
      "package a\ndefault p := input.x",
      "m0.rego:2:1: rego_parse_error: illegal default rule (value cannot contain ref)",
    ],
    [
      "default with a call",
      "package a\ndefault p := count([])",
      "m0.rego:2:1: rego_parse_error: illegal default rule (value cannot contain call)",
    ],
    [
      "default function with a constant argument",
      "package a\ndefault f(1) := 0",
      "m0.rego:2:1: rego_parse_error: illegal default rule (arguments must be variables or `_`)",
    ],
    [
      "default function with a repeated argument",
      "package a\ndefault f(x, x) := 0",
      "m0.rego:2:1: rego_parse_error: illegal default rule (arguments cannot be repeated x)",
    ],
    [
      "default partial set",
      "package a\ndefault p contains 1",
      "m0.rego:2:1: rego_parse_error: a default rule must be a complete rule or a function: `default p := value`",
    ],
    [
      "two defaults",
      "package a\ndefault p := 1\ndefault p := 2",
      "m0.rego:3:1: rego_type_error: multiple default rules data.a.p found",
    ],
    [
      "function and complete rule",
      "package a\nf(x) := x\nf := 1",
      "m0.rego:3:1: rego_type_error: conflicting rules data.a.f found",
    ],
    [
      "complete and partial set",
      "package a\np := 1\np contains 2",
      "m0.rego:3:1: rego_type_error: conflicting rules data.a.p found",
    ],
    [
      "function arities",
      "package a\nf(x) := x\nf(x, y) := x",
      "m0.rego:3:1: rego_type_error: conflicting rules data.a.f found",
    ],
    [
      "value and a rule below it",
      "package a\np := 1\np.q := 2",
      "m0.rego:2:1: rego_type_error: rule data.a.p conflicts with [data.a.p.q]",
    ],
  ])("rejects %s", (_name, source, expected) => {
    expect(check(source)).toEqual([expected]);
  });

  test("conflicts are found across modules of one package", () => {
    expect(check("package a\np := 1", "package a\np contains 1")).toEqual([
      "m1.rego:2:1: rego_type_error: conflicting rules data.a.p found",
    ]);
  });
});
