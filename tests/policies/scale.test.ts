/**
 * The stack policies judge large stacks in linear time and bounded memory: they index the resources once
 * per decision instead of testing every (API, RestApiPolicy) or (API, endpoint) pair. Before the indexes,
 * 2,000 resources exhausted the module's 256 MiB and the pack answered with a mandatory "evaluation failed".
 */
import { networkConfig } from "../../policies/config";
import { createEngine } from "../../policies/engine";
import { resourceInput } from "../../policies/input";
import { endpointId, stackOf } from "../../bench/workload";

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
  // 64 MiB (the input itself takes most of it): the quadratic rules needed 136 MiB for 1,000 resources.
  const engine = createEngine({ maximumPages: 1024 });

  test.each([
    ["apigateway-private-api-has-resource-policy", networkConfig({ allowedVpcEndpointIds: [endpointId] })],
    ["apigateway-private-network-prerequisites", {}],
  ])("%s finds nothing, within 64 MiB", (policy, config) => {
    expect(engine.decide({ policy, config, resources })).toEqual([]);
  });
});
