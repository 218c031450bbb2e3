/**
 * The bundled examples under the real engine: `pulumi preview --policy-pack <this repo>` blocks the two
 * non-compliant programs with the mandatory policies' names and the offending resources, passes the compliant
 * one, and with config/dev.json (every policy advisory) lets a non-compliant program through with warnings.
 */
import * as path from "node:path";
import { repoDir, requireTools } from "./tools";
import { cliTestTimeoutMs, fileWorkspace } from "./workspace";
import { describeRun, violationsAt } from "./runReport";

if (requireTools()) {
  const workspace = fileWorkspace();

  test(
    "private-api-compliant previews cleanly",
    async () => {
      const program = await workspace().program("examples/private-api-compliant");
      const result = await program.preview();
      expect(describeRun(result)).toMatchObject({ code: 0 });
      expect(violationsAt(result.output, "mandatory")).toEqual([]);
    },
    cliTestTimeoutMs,
  );

  test.each([
    {
      example: "edge-open-policy",
      resource: "public-catalog-api",
      policies: ["apigateway-rest-api-private", "apigateway-resource-policy-restricts-network"],
    },
    { example: "regional-no-policy", resource: "inventory-api", policies: ["apigateway-rest-api-private"] },
  ])(
    "$example is blocked: $policies on $resource",
    async ({ example, resource, policies }) => {
      const program = await workspace().program(`examples/${example}`);
      const result = await program.preview();
      expect(describeRun(result).code).not.toBe(0);
      expect(violationsAt(result.output, "mandatory").sort()).toEqual(
        policies.map((policy) => `${policy} on ${resource}`).sort(),
      );
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
