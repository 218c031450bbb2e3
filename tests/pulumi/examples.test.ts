/**
 * The bundled examples under the real engine: `pulumi preview --policy-pack <this repo>` passes the compliant
 * programs — one per authorization style: NONE, AWS_IAM, a Lambda authorizer — and blocks the others with the
 * mandatory policies' names and the offending resources; with config/dev.json (every policy advisory) a
 * non-compliant program goes through with warnings.
 */
import * as path from "node:path";
import { repoDir, requireTools } from "./tools";
import { cliTestTimeoutMs, fileWorkspace } from "./workspace";
import { describeRun, violationsAt } from "./runReport";

if (requireTools()) {
  const workspace = fileWorkspace();

  test.each([
    { example: "private-api-compliant", blocked: [] },
    { example: "private-api-iam-auth", blocked: [] },
    { example: "private-api-lambda-authorizer", blocked: [] },
    {
      example: "edge-open-policy",
      blocked: [
        "apigateway-rest-api-private on public-catalog-api",
        "apigateway-resource-policy-restricts-network on public-catalog-api",
      ],
    },
    { example: "regional-no-policy", blocked: ["apigateway-rest-api-private on inventory-api"] },
    // AWS_IAM methods: an Allow limited to the endpoint does not stop same-account IAM callers (stack policy).
    { example: "iam-api-allow-only", blocked: ["apigateway-private-api-has-resource-policy on ledger-api"] },
  ])(
    "$example: blocked by $blocked",
    async ({ example, blocked }) => {
      const program = await workspace().program(`examples/${example}`);
      const result = await program.preview();
      expect(violationsAt(result.output, "mandatory").sort()).toEqual([...blocked].sort());
      if (blocked.length === 0) expect(describeRun(result)).toMatchObject({ code: 0 });
      else expect(describeRun(result).code).not.toBe(0);
    },
    cliTestTimeoutMs,
  );

  test(
    "config/dev.json makes every policy advisory: edge-open-policy passes with warnings",
    async () => {
      const program = await workspace().program("examples/edge-open-policy");
      const result = await program.preview({ policyConfigFile: path.join(repoDir, "config", "dev.json") });
      expect(describeRun(result)).toMatchObject({ code: 0 });
      expect(violationsAt(result.output, "advisory")).toEqual(
        expect.arrayContaining([
          "apigateway-rest-api-private on public-catalog-api",
          "apigateway-resource-policy-restricts-network on public-catalog-api",
        ]),
      );
      expect(violationsAt(result.output, "mandatory")).toEqual([]);
    },
    cliTestTimeoutMs,
  );
}
