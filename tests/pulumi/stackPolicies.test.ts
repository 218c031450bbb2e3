/**
 * The stack policies under the real engine, which sends AnalyzeStack with every resource's state, parent,
 * dependencies and property dependencies: a PRIVATE API nothing refers to is blocked, one whose RestApiPolicy
 * names it through restApiId (an unknown id at preview, linked only by the property dependency) is not, and the
 * network prerequisites are reported as advisories.
 */
import { requireTools } from "./tools";
import { PulumiWorkspace } from "./workspace";
import { describeRun } from "./runReport";

const testTimeoutMs = 400_000;

if (requireTools()) {
  let workspace: PulumiWorkspace;
  beforeAll(() => {
    workspace = PulumiWorkspace.create();
  });
  afterAll(() => workspace?.dispose());

  test(
    "preview blocks the unlinked PRIVATE API only, and reports the network prerequisites",
    async () => {
      const program = await workspace.program("tests/pulumi/programs/stack-policies");
      const result = await program.preview();
      expect(describeRun(result).code).not.toBe(0);
      const mandatory = result.output.match(
        /\[mandatory\]\s+apigateway-private-api-has-resource-policy[^\n]*\n[^\n]*/g,
      );
      expect(mandatory).not.toBeNull();
      expect(mandatory!.join("\n")).toContain("unlinked-api");
      expect(result.output).not.toMatch(/PRIVATE REST API "linked-api"/);
      expect(result.output).toMatch(/\[advisory\]\s+apigateway-private-network-prerequisites/);
      expect(result.output).toContain("privateDnsEnabled");
    },
    testTimeoutMs,
  );
}
