/**
 * The checks against OPA's compliance suite: no case the SDK can run may be rejected (OPA
 * compiles them all), and every other rejection must be a builtin the SDK lacks.
 */
import { complianceSuiteAvailable, loadComplianceCases } from "../syntax/complianceCases";
import { parseModule } from "../syntax/parser";
import { checkArity } from "./arity";
import { checkRecursion } from "./recursion";
import { checkRules } from "./rules";

describe("checks on the OPA compliance suite", () => {
  (complianceSuiteAvailable() ? test : test.skip)("accept what OPA accepts", () => {
    const wronglyRejected: string[] = [];
    let checked = 0;
    for (const testCase of loadComplianceCases()) {
      let modules;
      try {
        modules = testCase.modules.map((source, i) => parseModule(source, `test-${i}.rego`));
      } catch {
        continue; // template strings; the parser's own test covers them
      }
      checked++;
      const errors = [...checkRules(modules), ...checkArity(modules), ...checkRecursion(modules)].map(String);
      const allowed = testCase.sdk
        ? []
        : errors.filter((e) => e.includes("rego_type_error: undefined function"));
      if (errors.length !== allowed.length) wronglyRejected.push(`${testCase.note}: ${errors.join("; ")}`);
    }
    expect(checked).toBeGreaterThan(2000);
    expect(wronglyRejected).toEqual([]);
  });
});
