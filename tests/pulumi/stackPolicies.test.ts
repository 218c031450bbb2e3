/**
 * The stack policies under the real engine, which sends AnalyzeStack with every resource's state, parent,
 * dependencies and property dependencies: a PRIVATE API nothing refers to is blocked, one whose RestApiPolicy
 * names it through restApiId (an unknown id at preview, linked only by the property dependency) is not, and the
 * network prerequisites are reported as advisories.
 */
import { requireTools } from "./tools";
import { cliTestTimeoutMs, fileWorkspace } from "./workspace";
import { describeRun, listedViolations, violationsAt } from "./runReport";

if (requireTools()) {
  const workspace = fileWorkspace();

  test(
    "preview blocks the unlinked PRIVATE API only, and reports the network prerequisites",
    async () => {
      const program = await workspace().program("tests/pulumi/programs/stack-policies");
      const result = await program.preview();
      expect(describeRun(result).code).not.toBe(0);
      expect(violationsAt(result.output, "mandatory")).toEqual([
        "apigateway-private-api-has-resource-policy on unlinked-api",
      ]);
      const prerequisites = listedViolations(result.output).filter(
        (violation) => violation.policy === "apigateway-private-network-prerequisites",
      );
      expect(prerequisites.map((violation) => violation.level)).toContain("advisory");
      expect(prerequisites.map((violation) => violation.text).join("")).toContain("privateDnsEnabled");
    },
    cliTestTimeoutMs,
  );
}
