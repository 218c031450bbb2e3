/**
 * A value the engine cannot know at preview — the id of a VPC endpoint created in the same run, inside the
 * API's resource policy — is an advisory at preview and is judged at update, when the endpoint exists.
 */
import { requireTools } from "./tools";
import { cliTestTimeoutMs, fileWorkspace } from "./workspace";
import { describeRun, listedViolations, violationsAt } from "./runReport";

const program = "tests/pulumi/programs/unknown-endpoint";

if (requireTools()) {
  const workspace = fileWorkspace();

  test(
    "preview: the policy naming an endpoint not yet created is an advisory, enforced on update",
    async () => {
      const result = await (await workspace().program(program)).preview();
      expect(describeRun(result)).toMatchObject({ code: 0 });
      const advisories = listedViolations(result.output).filter(
        (violation) => violation.policy === "apigateway-resource-policy-restricts-network",
      );
      expect(advisories.map((violation) => [violation.level, violation.resource])).toEqual([
        ["advisory", "endpoint-bound-api"],
      ]);
      expect(advisories[0].text).toContain("enforced on update");
      expect(violationsAt(result.output, "mandatory")).toEqual([]);
    },
    cliTestTimeoutMs,
  );

  test(
    "up: the policy is judged with the endpoint's real id and passes",
    async () => {
      const deployed = await workspace().program(program);
      const result = await deployed.up();
      expect(describeRun(result)).toMatchObject({ code: 0 });
      const creates = deployed.creates();
      const endpointId = creates.find((record) => record.name === "unknown-endpoint")?.id;
      const api = creates.find((record) => record.name === "endpoint-bound-api");
      expect(endpointId).toMatch(/^vpce-[0-9a-f]{17}$/);
      expect(String(api?.inputs.policy)).toContain(endpointId);
    },
    cliTestTimeoutMs,
  );

  test(
    "up: with only another endpoint allowed, the known id is a mandatory violation and the API is not created",
    async () => {
      const deployed = await workspace().program(program);
      const onlyOtherEndpoint = { allowedVpcEndpointIds: ["vpce-0000000000000000a"] };
      const result = await deployed.up({
        policyConfig: {
          "apigateway-resource-policy-restricts-network": onlyOtherEndpoint,
          "apigateway-private-api-has-resource-policy": onlyOtherEndpoint,
        },
      });
      expect(describeRun(result).code).not.toBe(0);
      expect(violationsAt(result.output, "mandatory")).toEqual([
        "apigateway-resource-policy-restricts-network on endpoint-bound-api",
      ]);
      const created = deployed.creates().map((record) => record.name);
      expect(created).toContain("unknown-endpoint");
      expect(created).not.toContain("endpoint-bound-api");
    },
    cliTestTimeoutMs,
  );
}
