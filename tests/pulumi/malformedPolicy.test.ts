/** A resource policy that is not JSON is the pack's mandatory violation under the engine, not a plugin failure. */
import { requireTools } from "./tools";
import { cliTestTimeoutMs, fileWorkspace } from "./workspace";
import { describeRun, listedViolations } from "./runReport";

if (requireTools()) {
  const workspace = fileWorkspace();

  test(
    "preview blocks garbled-api with a mandatory violation naming the problem",
    async () => {
      const program = await workspace().program("tests/pulumi/programs/malformed-policy");
      const result = await program.preview();
      expect(describeRun(result).code).not.toBe(0);
      const violation = listedViolations(result.output).find(
        (listed) => listed.policy === "apigateway-resource-policy-restricts-network",
      );
      expect(violation).toMatchObject({ level: "mandatory", resource: "garbled-api" });
      expect(violation?.text).toMatch(/JSON/);
      expect(result.output).not.toMatch(/rpc error|failed to run|analyzer.*(crashed|exited)/i);
    },
    cliTestTimeoutMs,
  );
}
