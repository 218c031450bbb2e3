import { loadPolicy } from "@open-policy-agent/opa-wasm";
import { compileRego } from "../compile";

/**
 * `not e` where an operand of e is undefined, with OPA 1.22's answers (`opa eval`, input below): OPA
 * evaluates a call's operands before the negation, so the rule is undefined; a ref compared with `=`
 * or `==`, or standing alone, stays inside the negation. Found by tests/opa/fuzz.test.ts.
 */
const rules: [string, string, boolean][] = [
  ["call_with_undefined_ref", `not startswith(input.missing, "a")`, false],
  ["nested_call_with_undefined_ref", `not json.is_valid(substring(input.missing, 1, 2))`, false],
  ["undefined_ref_inside_nested_call", `not startswith(substring("abc", 1, input.missing), "a")`, false],
  ["undefined_ref_in_array_operand", `not [input.missing] == [1]`, false],
  ["undefined_ref_in_set_operand", `not {input.missing} == {1}`, false],
  ["undefined_index_operand", `not input.o[input.missing]`, false],
  ["undefined_ref_of_local", `{\n\tx := input.o\n\tnot startswith(x.b, "a")\n}`, false],
  ["undefined_ref_not_equal", `not input.missing != 1`, false],
  ["undefined_ref_membership", `not 1 in input.missing`, false],
  ["undefined_rule_in_call", `not startswith(nothing, "a")`, false],
  ["undefined_ref_alone", `not input.missing`, true],
  ["undefined_ref_equal", `not input.missing == 1`, true],
  ["undefined_ref_unified", `not input.missing = 1`, true],
  ["call_compared", `not count([x | x := input.missing]) == 1`, true],
  ["defined_ref_in_call", `not startswith(input.s, "a")`, true],
];

const source = [
  "package t",
  `nothing := "a" if false`,
  ...rules.map(([name, body]) => `${name} if ${body}`),
].join("\n\n");

describe("operands of a negated expression", () => {
  let evaluate: (entrypoint: string) => unknown;

  beforeAll(async () => {
    const { wasm } = await compileRego({
      sources: [{ file: "t.rego", source }],
      entrypoints: rules.map(([name]) => `t/${name}`),
    });
    const policy = await loadPolicy(wasm);
    evaluate = (entrypoint) => policy.evaluate({ o: {}, s: "b" }, entrypoint);
  }, 60_000);

  test.each(rules)("%s: `%s` holds: %s", (name, _body, holds) => {
    expect(evaluate(`t/${name}`)).toEqual(holds ? [{ result: true }] : []);
  });
});
