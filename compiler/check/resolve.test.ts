import { formatRule } from "../syntax/format";
import { parseModule } from "../syntax/parser";
import { resolveModules } from "./resolve";

/** Resolves `source` (package test, plus `other` in package lib) and prints the rule named `name`. */
function resolved(source: string, name = "p"): string {
  const lib = parseModule("package lib\n\nhelper := 1\n", "lib.rego");
  const modules = resolveModules([parseModule(`package test\n\n${source}`, "t.rego"), lib]);
  const rule = modules[0].rules.find(
    (r) => r.head.ref[0].value.type === "var" && r.head.ref[0].value.name === name,
  );
  if (!rule) throw new Error(`no rule ${name}`);
  return formatRule(rule);
}

describe("name resolution", () => {
  test.each([
    ["a rule of the package", "q := 1\np if q", "complete p if { data.test.q }"],
    ["a rule ref with keys", "q := {}\np if q.a[0]", "complete p if { data.test.q.a[0] }"],
    ["a function call", "f(x) := x\np if f(1)", "complete p if { data.test.f(1) }"],
    ["builtins stay", "p if count([1])", "complete p if { count([1]) }"],
    ["an imported package", "import data.lib\np if lib.helper", "complete p if { data.lib.helper }"],
    ["an aliased import", "import data.lib.helper as h\np if h", "complete p if { data.lib.helper }"],
    ["an input import", "import input.user\np if user.admin", "complete p if { input.user.admin }"],
    ["rego.v1 means nothing", "import rego.v1\np if input.x", "complete p if { input.x }"],
    [
      "a local declared with := shadows a rule",
      "q := 1\np if {\n\tq := 2\n\tq > 1\n}",
      "complete p if { assign(q, 2); gt(q, 1) }",
    ],
    ["a function argument shadows a rule", "q := 1\nf(q) := q", "function f(q) := q if { true }"],
    ["rules in head values", "q := 1\np := q", "complete p := data.test.q if { true }"],
    [
      "with targets and values",
      "q := 1\nf(x) := x\np if q with f as count",
      "complete p if { data.test.q with data.test.f as count }",
    ],
  ])("%s", (_name, source, expected) => {
    const name = expected.split(" ")[1].replace(/\(.*/, "");
    expect(resolved(source, name)).toBe(expected);
  });
});
