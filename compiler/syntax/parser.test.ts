import type { Module } from "./ast";
import { formatBody, formatRule } from "./format";
import { parseModule } from "./parser";

const parse = (source: string): Module => parseModule(source, "t.rego");
/** The rules of `package t` followed by `source`, in the compact form of format.ts. */
const rules = (source: string) => parse(`package t\n${source}`).rules.map(formatRule);
/** The body of one rule whose body is `source`. */
const body = (source: string) => formatBody(parse(`package t\np if {\n${source}\n}`).rules[0].body);

describe("parser: module structure", () => {
  test.each([
    ["package a", ["a"]],
    ["package a.b.c", ["a", "b", "c"]],
    ['package a["b-c"].d', ["a", "b-c", "d"]],
    ["package foo.else.bar", ["foo", "else", "bar"]],
  ])("%j", (source, path) => {
    expect(parse(source).package).toEqual(path);
  });

  test("imports with and without alias", () => {
    const m = parse(
      "package a\nimport rego.v1\nimport future.keywords.in\nimport data.lib.iam as i\nimport input.x",
    );
    const shown = m.imports.map((imp) => [
      formatBody([{ kind: { type: "term", term: imp.path }, negated: false, with: [], loc: imp.loc }]),
      imp.alias,
    ]);
    expect(shown).toEqual([
      ["rego.v1", undefined],
      ["future.keywords.in", undefined],
      ["data.lib.iam", "i"],
      ["input.x", undefined],
    ]);
  });

  test("positions of package, rules and terms", () => {
    const m = parse("package a\n\np := 1 if {\n  x := 2\n}");
    expect(m.packageLoc).toEqual({ file: "t.rego", row: 1, col: 1 });
    expect(m.rules[0].loc).toEqual({ file: "t.rego", row: 3, col: 1 });
    expect(m.rules[0].body[0].loc).toEqual({ file: "t.rego", row: 4, col: 3 });
    expect(m.rules[0].file).toBe("t.rego");
  });
});

describe("parser: rule heads", () => {
  test.each([
    ["p := 1", "complete p := 1 if { true }"],
    ["p = 1", "complete p = 1 if { true }"],
    ["p if { x }", "complete p if { x }"],
    ["p := v if { v := 1 }", "complete p := v if { assign(v, 1) }"],
    ["p = v if { v := 1 }", "complete p = v if { assign(v, 1) }"],
    ["default p := false", "complete default p := false if { true }"],
    ["p contains x if { x := 1 }", "partial_set p contains x if { assign(x, 1) }"],
    ['p contains "a"', 'partial_set p contains "a" if { true }'],
    ["p[k] := v if { k := 1; v := 2 }", "partial_object p[k] := v if { assign(k, 1); assign(v, 2) }"],
    ["a[x] if q[x]", "partial_object a[x] if { q[x] }"],
    ["a.b.c := 1", "complete a.b.c := 1 if { true }"],
    ['p["q"] := 1', "complete p.q := 1 if { true }"],
    ["a.b[x] := y if { y := x }", "partial_object a.b[x] := y if { assign(y, x) }"],
    ["p[q].r := 1 if { q := 1 }", "partial_object p[q].r := 1 if { assign(q, 1) }"],
    ["f(x, [a, b]) := y if { y := a }", "function f(x, [a, b]) := y if { assign(y, a) }"],
    ["f(x) if x > 1", "function f(x) if { gt(x, 1) }"],
    ["f(_) := 1", "function f($w0) := 1 if { true }"],
    ["f() := 1", "complete f := 1 if { true }"],
    // OPA v1: a function head alone is true for the arguments it matches (no other head may stand alone)
    ['f("RunAsAny", _)', 'function f("RunAsAny", $w0) if { true }'],
    ["f(x)", "function f(x) if { true }"],
    [
      "p := 1 if { false } else := 2 if { true } else := 3",
      "complete p := 1 if { false } else := 2 if { true } else := 3 if { true }",
    ],
    ["p := 1 if { false } else = 2 if x", "complete p := 1 if { false } else = 2 if { x }"],
    ["if.foo := 1", "complete if.foo := 1 if { true }"],
    ['else.foo contains "a"', 'partial_set else.foo contains "a" if { true }'],
    [
      "f(x) := {x: i | x := [1][i]} if {x: i | x := [1][i]}",
      "function f(x) := {x: i | assign(x, [1][i])} if { {x: i | assign(x, [1][i])} }",
    ],
  ])("%j", (source, expected) => {
    expect(rules(source)).toEqual([expected]);
  });

  test("chained bodies define one rule each, with fresh wildcards", () => {
    expect(rules("p if { a } { b }\nf(_) if { c } {\n d\n}")).toEqual([
      "complete p if { a }",
      "complete p if { b }",
      "function f($w0) if { c }",
      "function f($w1) if { d }",
    ]);
  });

  test.each([
    ["p := 1 if { false } else = 2 { true }", "complete p := 1 if { false } else = 2 if { true }"],
    ["p if { false } else if { true }", "complete p if { false } else if { true }"],
    ["p if { false } else { true }", "complete p if { false } else if { true }"],
    ["p := 1 if { false } else := 2", "complete p := 1 if { false } else := 2 if { true }"],
  ])("else form %j", (source, expected) => {
    expect(rules(source)).toEqual([expected]);
  });

  test.each([
    ["p if {x: 1 | x := 2}", "complete p if { {x: 1 | assign(x, 2)} }"],
    ["p if {x | x := 2}", "complete p if { {x | assign(x, 2)} }"],
    ["p if { x == 1 }", "complete p if { equal(x, 1) }"],
    ["p if {}", "complete p if { {} }"],
  ])("after `if`, braces are a literal unless they read as a set: %j", (source, expected) => {
    expect(rules(source)).toEqual([expected]);
  });

  test("rules follow each other without separators", () => {
    expect(rules("p := 1 q := 2\nr if true")).toEqual([
      "complete p := 1 if { true }",
      "complete q := 2 if { true }",
      "complete r if { true }",
    ]);
  });
});

describe("parser: expressions and precedence", () => {
  test.each([
    ["x := 1 + 2 * 3", "assign(x, plus(1, mul(2, 3)))"],
    ["x = 1 - 2 - 3", "eq(x, minus(minus(1, 2), 3))"],
    ["x == 4 / 2 % 3", "equal(x, rem(div(4, 2), 3))"],
    ["x != a | b & c", "neq(x, or(a, and(b, c)))"],
    ["t := a | b == c & d", "assign(t, equal(or(a, b), and(c, d)))"],
    ["a < b; a <= b; a > b; a >= b", "lt(a, b); lte(a, b); gt(a, b); gte(a, b)"],
    ["x in xs", "internal.member_2(x, xs)"],
    ["k, v in xs", "internal.member_3(k, v, xs)"],
    ["1 in xs == true", "internal.member_2(1, equal(xs, true))"],
    ["y := x in xs", "assign(y, internal.member_2(x, xs))"],
    ["f(x, y in z)", "f(x, internal.member_2(y, z))"],
    ["count(x)", "count(x)"],
    ["count(x, n)", "count(x, n)"],
    ["y := count(x) + 1", "assign(y, plus(count(x), 1))"],
    ['strings.replace_n({"a": "b"}, "x")', 'strings.replace_n({"a": "b"}, "x")'],
    ["data.lib.f(1)", "data.lib.f(1)"],
    ["x := (1 + 2) * 3", "assign(x, mul(plus(1, 2), 3))"],
    ["x := -1", "assign(x, -1)"],
    ["x := -y.z", "assign(x, minus(0, y.z))"],
    ["x := 3 -1", "assign(x, minus(3, 1))"],
    ["not x == 1", "not equal(x, 1)"],
    [
      'not q with input.a as 1 with data.x as {"b": [1]}',
      'not q with input.a as 1 with data.x as {"b": [1]}',
    ],
    ["count(x) with count as mock", "count(x) with count as mock"],
  ])("%j", (source, expected) => {
    expect(body(source)).toBe(expected);
  });
});

describe("parser: terms", () => {
  test.each([
    ['a.b[c]["d"][_]', "a.b[c].d[$w0]"],
    ['a["not-ident"]', 'a["not-ident"]'],
    ["input", "input"],
    ["data.x", "data.x"],
    ["f(x)[0]", "f(x)[0]"],
    ["f(x).y", "f(x).y"],
    ["[1, 2][0]", "[1, 2][0]"],
    ["x[y[0]]", "x[y[0]]"],
    ["if.foo", "if.foo"],
    ["input.in.if", "input.in.if"],
    ["1e400", "1e400"],
    ["0.1", "0.1"],
    ["null", "null"],
    ["[true, false]", "[true, false]"],
    ['"\\u00e9\\ud83d\\ude00\\t"', '"é😀\\t"'],
    ["`raw\\n`", '"raw\\\\n"'],
    ["{1, 2}", "{1, 2}"],
    ["set()", "set()"],
    ["{}", "{}"],
    ['{"a": 1, "b": [2,],}', '{"a": 1, "b": [2]}'],
    ["[1, 2,]", "[1, 2]"],
    ["{1, 2,}", "{1, 2}"],
    ["[x | x := xs[_]]", "[x | assign(x, xs[$w0])]"],
    ["{x | some x in xs}", "{x | some internal.member_2(x, xs)}"],
    ["{k: v | some k, v in o}", "{k: v | some internal.member_3(k, v, o)}"],
    ["{a | b}", "{a | b}"],
    ["{a + 1: b | c}", "{plus(a, 1): b | c}"],
    ["[x | x := 1; y := 2]", "[x | assign(x, 1); assign(y, 2)]"],
    ["[x |\n x := 1\n y := 2\n]", "[x | assign(x, 1); assign(y, 2)]"],
  ])("%j", (source, expected) => {
    expect(body(`t := ${source}`)).toBe(`assign(t, ${expected})`);
  });

  test("each `_` is a fresh wildcard", () => {
    expect(body("x[_] == y[_]")).toBe("equal(x[$w0], y[$w1])");
  });

  test("whitespace before `[` or `(` ends a term", () => {
    expect(body("x := a\n[1] == y")).toBe("assign(x, a); equal([1], y)");
  });
});

describe("parser: bodies", () => {
  test.each([
    ["x := 1; y := 2", "assign(x, 1); assign(y, 2)"],
    ["x := 1\ny := 2", "assign(x, 1); assign(y, 2)"],
    ["x := [\n1,\n2\n]", "assign(x, [1, 2])"],
    ["some x", "some x"],
    ["some x, y", "some x, y"],
    ["some x in xs", "some internal.member_2(x, xs)"],
    ["some k, v in xs", "some internal.member_3(k, v, xs)"],
    ["some k, v in input with input as {}", "some internal.member_3(k, v, input) with input as {}"],
    ["every x in xs { x > 0 }", "every x in xs { gt(x, 0) }"],
    ["every k, v in o { k != v; v }", "every k, v in o { neq(k, v); v }"],
    ["every x in [1, 2] { x }", "every x in [1, 2] { x }"],
  ])("%j", (source, expected) => {
    expect(body(source)).toBe(expected);
  });

  test("generated expressions are marked", () => {
    const rule = parse("package t\np := 1").rules[0];
    expect(rule.body).toHaveLength(1);
    expect(rule.body[0].generated).toBe(true);
  });
});

describe("parser: template strings", () => {
  // Written as OPA's compiler lowers them (compare `opa parse --format json` for the parts):
  // literal segments, scalars as they are, any other expression the set of its values.
  test.each([
    ['$""', 'internal.template_string([""])'],
    ['$"a {x} b"', 'internal.template_string(["a ", {$t0 | eq($t0, x)}, " b"])'],
    ['$"{42}{"s"}{null}{true}{-1}"', 'internal.template_string([42, "s", null, true, -1])'],
    ['$"\\{{42}"', 'internal.template_string(["{", 42])'],
    ['$"{1 + a}"', "internal.template_string([{$t0 | eq($t0, plus(1, a))}])"],
    ['$"{[1]} { {1} }"', 'internal.template_string([{$t0 | eq($t0, [1])}, " ", {$t1 | eq($t1, {1})}])'],
    ['$"{a with input as 1}"', "internal.template_string([{$t0 | eq($t0, a) with input as 1}])"],
    [
      '$"{$"{a}"}"',
      "internal.template_string([{$t1 | eq($t1, internal.template_string([{$t0 | eq($t0, a)}]))}])",
    ],
    ["$`a\\n\n{b}`", 'internal.template_string(["a\\\\n\\n", {$t0 | eq($t0, b)}])'],
  ])("%s", (source, expected) => {
    expect(rules(`p := ${source}`)).toEqual([`complete p := ${expected} if { true }`]);
  });

  // `opa eval` refuses each of these expressions as well.
  test.each([
    ["not a", "unexpected negation (`not`) in template-string expression"],
    ["x := 1", "unexpected assignment (`:=`) in template-string expression"],
    ["x = 1", "unexpected unification (`=`) in template-string expression"],
    ["some x in y", "unexpected `some` in template-string expression"],
    ["1 2", "expected `}` to end the template expression"],
    ["", "unexpected `}`: expected a term"],
  ])("{%s} is refused", (expression, message) => {
    expect(() => parse(`package t\np := $"{${expression}}"`)).toThrow(message);
  });
});
