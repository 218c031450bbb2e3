import { stringify as toYaml } from "yaml";
import { resourcePolicyRestrictsNetwork as policy } from "../../policies/pack";
import { documentCases } from "./documents";
import { secret, unknown, validateResource } from "./harness";

const restApi = "aws:apigateway/restApi:RestApi";
const restApiPolicy = "aws:apigateway/restApiPolicy:RestApiPolicy";
const native = "aws-native:apigateway:RestApi";

/** Every place a resource policy can be set, as the providers present it. */
const placements: [string, string, (doc: unknown) => Record<string, unknown>][] = [
  ["RestApi.policy", restApi, (doc) => ({ policy: JSON.stringify(doc) })],
  [
    "RestApiPolicy.policy",
    restApiPolicy,
    (doc) => ({ restApiId: "a1b2c3d4e5", policy: JSON.stringify(doc) }),
  ],
  [
    "RestApi.body (JSON)",
    restApi,
    (doc) => ({ body: JSON.stringify({ openapi: "3.0.1", "x-amazon-apigateway-policy": doc }) }),
  ],
  [
    "RestApi.body (YAML)",
    restApi,
    (doc) => ({ body: toYaml({ openapi: "3.0.1", "x-amazon-apigateway-policy": doc }) }),
  ],
  ["aws-native RestApi.policy (object)", native, (doc) => ({ policy: doc })],
  ["secret RestApi.policy", restApi, (doc) => ({ policy: secret(JSON.stringify(doc)) })],
];

const cases = placements.flatMap(([where, type, place]) =>
  documentCases.map((c) => ({ ...c, where, type, props: place(c.document) })),
);

describe("apigateway-resource-policy-restricts-network", () => {
  test.each(cases)("$where: $name → $decision", async ({ type, props, decision, mentions }) => {
    const reported = await validateResource(policy, type, props);
    const mandatory = reported.filter((r) => r.enforcementLevel === "mandatory");
    if (decision === "restricting") {
      expect(reported).toEqual([]);
    } else if (decision === "grants nothing") {
      expect(mandatory).toEqual([]);
      expect(reported.map((r) => r.message).join("\n")).toContain(mentions);
    } else {
      expect(mandatory.length).toBeGreaterThan(0);
      expect(mandatory.map((r) => r.message).join("\n")).toContain(mentions);
    }
  });

  test("the violation shows the Deny statement that would fix it", async () => {
    const doc = {
      Statement: [
        { Effect: "Allow", Principal: "*", Action: "execute-api:Invoke", Resource: "execute-api:/prod/*" },
      ],
    };
    const [violation] = await validateResource(
      policy,
      restApi,
      { policy: JSON.stringify(doc) },
      { allowedVpcEndpointIds: ["vpce-0a1b"] },
    );
    const fix = JSON.parse(violation.message.split("Add this statement to the policy: ")[1]);
    expect(fix).toEqual({
      Effect: "Deny",
      Principal: "*",
      Action: "execute-api:Invoke",
      Resource: "execute-api:/*",
      Condition: { StringNotEquals: { "aws:SourceVpce": ["vpce-0a1b"] } },
    });
  });

  const allowFrom = (condition: object) =>
    JSON.stringify({
      Statement: [
        {
          Effect: "Allow",
          Principal: "*",
          Action: "execute-api:Invoke",
          Resource: "*",
          Condition: condition,
        },
      ],
    });

  test.each([
    [
      "allowedVpcEndpointIds",
      { allowedVpcEndpointIds: ["vpce-good"] },
      { StringEquals: { "aws:SourceVpce": "vpce-good" } },
      true,
    ],
    [
      "allowedVpcEndpointIds",
      { allowedVpcEndpointIds: ["vpce-good"] },
      { StringEquals: { "aws:SourceVpce": "vpce-other" } },
      false,
    ],
    [
      "allowedVpcIds",
      { allowedVpcIds: ["vpc-good"] },
      { StringEquals: { "aws:SourceVpc": "vpc-good" } },
      true,
    ],
    [
      "allowedVpcIds",
      { allowedVpcIds: ["vpc-good"] },
      { StringEquals: { "aws:SourceVpc": "vpc-other" } },
      false,
    ],
    [
      "allowedSourceCidrs",
      { allowedSourceCidrs: ["10.0.0.0/16"] },
      { IpAddress: { "aws:VpcSourceIp": "10.0.4.0/24" } },
      true,
    ],
    [
      "allowedSourceCidrs",
      { allowedSourceCidrs: ["10.0.0.0/16"] },
      { IpAddress: { "aws:VpcSourceIp": "10.9.0.0/24" } },
      false,
    ],
    ["minimumCidrPrefix default", {}, { IpAddress: { "aws:VpcSourceIp": "10.0.0.0/8" } }, true],
    ["minimumCidrPrefix default", {}, { IpAddress: { "aws:VpcSourceIp": "10.0.0.0/7" } }, false],
    [
      "minimumCidrPrefix.ipv4",
      { minimumCidrPrefix: { ipv4: 16 } },
      { IpAddress: { "aws:VpcSourceIp": "10.0.0.0/12" } },
      false,
    ],
    [
      "minimumCidrPrefix.ipv6",
      { minimumCidrPrefix: { ipv6: 56 } },
      { IpAddress: { "aws:VpcSourceIp": "2001:db8::/48" } },
      false,
    ],
    [
      "minimumCidrPrefix.ipv6",
      { minimumCidrPrefix: { ipv6: 56 } },
      { IpAddress: { "aws:VpcSourceIp": "2001:db8::/64" } },
      true,
    ],
  ])("config %s: %j with %j restricts: %s", async (_key, config, condition, restricts) => {
    const reported = await validateResource(policy, restApi, { policy: allowFrom(condition) }, config);
    expect(reported.length === 0).toBe(restricts);
  });

  test("an unknown policy is advisory and enforced on update", async () => {
    const reported = await validateResource(policy, restApi, { policy: unknown });
    expect(reported).toEqual([expect.objectContaining({ enforcementLevel: "advisory" })]);
    expect(reported[0].message).toContain("is not known during preview");
  });

  test("an unknown value inside an aws-native policy object is advisory", async () => {
    const doc = {
      Statement: [
        {
          Effect: "Allow",
          Principal: "*",
          Action: "execute-api:Invoke",
          Resource: "*",
          Condition: { StringEquals: { "aws:SourceVpce": unknown } },
        },
      ],
    };
    const reported = await validateResource(policy, native, { policy: doc });
    expect(reported.map((r) => r.enforcementLevel)).toEqual(["advisory"]);
  });

  test.each([
    ["not JSON", { policy: "{ Statement: [" }, "is malformed: not valid JSON"],
    [
      "body neither JSON nor YAML",
      { body: "openapi: [3.0.1\n  - {" },
      "is malformed: neither valid JSON nor valid YAML",
    ],
  ])("malformed text is a violation naming the problem: %s", async (_name, props, message) => {
    const reported = await validateResource(policy, restApi, props);
    expect(reported).toEqual([expect.objectContaining({ enforcementLevel: "mandatory" })]);
    expect(reported[0].message).toContain(message);
  });

  test("a policy of an unexpected type is a mandatory violation even when the policy is advisory", async () => {
    const advisory = { ...policy, enforcementLevel: "advisory" as const };
    const reported = await validateResource(advisory, restApi, { policy: 12 });
    expect(reported).toEqual([expect.objectContaining({ enforcementLevel: "mandatory" })]);
    expect(reported[0].message).toContain("aws:apigateway/restApi:RestApi api (urn:pulumi:dev::app::");
    expect(reported[0].message).toContain("has an unexpected type");
  });

  test("a resource without any policy is left to the stack policy", async () => {
    expect(await validateResource(policy, restApi, { endpointConfiguration: { types: "PRIVATE" } })).toEqual(
      [],
    );
  });

  test("invalid configuration fails closed", async () => {
    const reported = await validateResource(policy, restApi, { policy: "{}" }, { allowedVpcIds: "vpc-1" });
    expect(reported).toEqual([expect.objectContaining({ enforcementLevel: "mandatory" })]);
    expect(reported[0].message).toContain("configuration allowedVpcIds must be a list of strings");
  });
});
