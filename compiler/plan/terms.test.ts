import { loadPolicy } from "@open-policy-agent/opa-wasm";
import { compileRego } from "../compile";

/**
 * Calls are planned before the other terms of their expression (planCallsFirst), as OPA's compiler
 * moves them out: where a comprehension ends in a conflict (two values for key "k") and a call is
 * undefined, the call is met first and the rule is undefined, not an error. The answers are OPA 1.22's
 * (`opa eval`, input below). Found by tests/opa/fuzz.test.ts.
 */
const conflict = `{"k": v | some v in input.xs}`;
const rules: [string, string, unknown[]][] = [
  ["call_argument", `r := json.remove(${conflict}, input.o & input.s)`, []],
  ["array_element", `r := [${conflict}, count(input.missing)]`, []],
  ["partial_set_element", `r contains [${conflict}, count(input.missing)]`, [{ result: [] }]],
  ["assignment_in_body", `r if {\n\tx := [${conflict}, count(input.missing)]\n}`, []],
  ["head_value_and_body", `r := ${conflict} if {\n\tcount(input.missing) > 0\n}`, []],
  ["conflict_with_defined_call", `r := [${conflict}, count(input.xs)]`, ["error"]],
];

const input = { xs: [1, 2], o: { a: 1 }, s: "x" };

describe("calls before the other terms of an expression", () => {
  test.each(rules)("%s", async (name, rule, expected) => {
    const { wasm } = await compileRego({
      sources: [{ file: "t.rego", source: `package t.${name}\n\n${rule}\n` }],
      entrypoints: [`t/${name}/r`],
    });
    const policy = await loadPolicy(wasm);
    let outcome: unknown[];
    try {
      outcome = policy.evaluate(input, `t/${name}/r`) as unknown[];
    } catch (error) {
      expect(String(error)).toContain("object insert conflict");
      outcome = ["error"];
    }
    expect(outcome).toEqual(expected);
  });
});
