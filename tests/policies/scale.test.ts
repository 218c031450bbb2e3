/**
 * Large inputs are judged in linear time and bounded memory. The stack policies index the resources once
 * per decision instead of testing every (API, RestApiPolicy) or (API, endpoint) pair: before the indexes,
 * 2,000 resources exhausted the module's 256 MiB and the pack answered with a mandatory "evaluation failed".
 * The network rule judges each statement once and reports a document once, naming at most 20 open
 * statements: a finding per open statement made a 4.4 MB diagnostic of 5,000 open statements.
 */
import { networkConfig } from "../../policies/config";
import { createEngine } from "../../policies/engine";
import { resourceInput } from "../../policies/input";
import { endpointId, stackOf } from "../../bench/workload";

const memoryBound = { maximumPages: 1024 }; // 64 MiB

const stackInput = (size: number) =>
  stackOf(size).map((r) =>
    resourceInput({
      ...r,
      props: r.inputs,
      propertyDependencies: Object.fromEntries(
        Object.entries(r.propertyDependencies).map(([property, urns]) => [
          property,
          urns.map((urn) => ({ urn })),
        ]),
      ),
    }),
  );

describe("stack policies on a compliant stack of 6,000 resources", () => {
  const resources = stackInput(6_000);
  // The input itself takes most of the 64 MiB: the quadratic rules needed 136 MiB for 1,000 resources.
  const engine = createEngine(memoryBound);

  test.each([
    ["apigateway-private-api-has-resource-policy", networkConfig({ allowedVpcEndpointIds: [endpointId] })],
    ["apigateway-private-network-prerequisites", {}],
  ])("%s finds nothing, within 64 MiB", (policy, config) => {
    expect(engine.decide({ policy, config, resources })).toEqual([]);
  });
});

test("5,000 open statements give one finding that names 20 of them, within 64 MiB", () => {
  const statements = Array.from({ length: 5_000 }, (_, i) => ({
    Sid: `s${i}`,
    Effect: "Allow",
    Principal: "*",
    Action: "execute-api:Invoke",
    Resource: "*",
  }));
  const resource = resourceInput({
    type: "aws:apigateway/restApi:RestApi",
    urn: "urn:pulumi:dev::app::aws:apigateway/restApi:RestApi::api",
    name: "api",
    props: { policy: JSON.stringify({ Statement: statements }) },
  });
  const findings = createEngine(memoryBound).decide({
    policy: "apigateway-resource-policy-restricts-network",
    config: networkConfig({}),
    resource,
  });
  expect(findings.map((f) => f.kind)).toEqual(["violation"]);
  expect(findings[0].message).toContain('statement "s19" (index 19) and 4980 more allow');
  expect(Buffer.byteLength(findings[0].message)).toBeLessThan(64 * 1024);
});
