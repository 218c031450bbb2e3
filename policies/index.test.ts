import { policyNames, privateApiPolicies } from "./index";

const constructedPacks = jest.fn();
jest.mock("@pulumi/policy", () => ({
  ...jest.requireActual("@pulumi/policy"),
  PolicyPack: function PolicyPack(name: string) {
    constructedPacks(name);
  },
}));

test("importing the library creates no policy pack; the pack's own index.ts creates one", () => {
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- isolateModules needs a synchronous load
    require("./index");
  });
  expect(constructedPacks).not.toHaveBeenCalled();
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- isolateModules needs a synchronous load
    require("../index");
  });
  expect(constructedPacks.mock.calls).toEqual([["private-api-guard"]]);
});

test("the four policies by default, at the levels their Rego METADATA gives", () => {
  expect(privateApiPolicies().map((p) => [p.name, p.enforcementLevel])).toEqual([
    ["apigateway-rest-api-private", "mandatory"],
    ["apigateway-resource-policy-restricts-network", "mandatory"],
    ["apigateway-private-api-has-resource-policy", "mandatory"],
    ["apigateway-private-network-prerequisites", "advisory"],
  ]);
  expect(policyNames).toHaveLength(4);
});

const levels: Array<[string, Parameters<typeof privateApiPolicies>[0], string[]]> = [
  ["one level for all", { enforcementLevel: "advisory" }, ["advisory", "advisory", "advisory", "advisory"]],
  [
    "a level per policy wins over the level for all",
    { enforcementLevel: "advisory", enforcementLevels: { "apigateway-rest-api-private": "remediate" } },
    ["remediate", "advisory", "advisory", "advisory"],
  ],
];

test.each(levels)("%s", (_, options, expected) => {
  expect(privateApiPolicies(options).map((p) => p.enforcementLevel)).toEqual(expected);
});

test("network settings become the defaults of the network policies' schemas only", () => {
  const policies = privateApiPolicies({
    network: { allowedVpcIds: ["vpc-1"], minimumCidrPrefix: { ipv4: 16, ipv6: 48 } },
  });
  const defaults = policies.map((p) => {
    const properties = p.configSchema?.properties as Record<string, { default?: unknown }> | undefined;
    return properties && [properties.allowedVpcIds.default, properties.minimumCidrPrefix.default];
  });
  expect(defaults).toEqual([
    undefined,
    [["vpc-1"], { ipv4: 16, ipv6: 48 }],
    [["vpc-1"], { ipv4: 16, ipv6: 48 }],
    undefined,
  ]);
});

test("each call gives new policy objects: one pack's options never change another's", () => {
  privateApiPolicies({ enforcementLevel: "disabled" });
  expect(privateApiPolicies()[0].enforcementLevel).toBe("mandatory");
});

test("a policy name the pack does not have, or invalid network settings, fail when the pack is built", () => {
  expect(() => privateApiPolicies({ enforcementLevels: { "rest-api-privat": "advisory" } })).toThrow(
    'private-api-guard has no policy named "rest-api-privat"',
  );
  expect(() => privateApiPolicies({ network: { allowedVpcIds: "vpc-1" as unknown as string[] } })).toThrow();
});
