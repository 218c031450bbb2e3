/**
 * The pack end to end, as the Pulumi engine runs it: spawned with @pulumi/pulumi's run-policy-pack (ts-node,
 * no build step), then GetAnalyzerInfo, Configure, Analyze and AnalyzeStack over gRPC.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { reconcilePolicyConfig } from "../../analyzer/config";
import { start, type PolicyPackSession } from "../../analyzer/driver";
import type { AnalyzerInfo, PolicyDiagnostic } from "../../analyzer/types";
import { secret, unknownValue, type WireObject } from "../../analyzer/wire";
import { documentCases } from "../policies/documents";
import { resource, types, urn } from "./resources";

const packDir = path.join(__dirname, "..", "..");
const configFile = (name: string) => JSON.parse(readFileSync(path.join(packDir, "config", name), "utf8"));

let session: PolicyPackSession;
let info: AnalyzerInfo;

async function configure(userConfig: unknown = {}): Promise<void> {
  await session.configure(reconcilePolicyConfig(info, userConfig));
}

const policyOf = (document: unknown): WireObject => ({
  name: "api",
  endpointConfiguration: { types: "PRIVATE" },
  policy: JSON.stringify(document),
});

async function analyzeRestApi(properties: WireObject): Promise<PolicyDiagnostic[]> {
  return (await session.analyze(resource(types.restApi, "api", properties))).diagnostics;
}

beforeAll(async () => {
  session = await start(packDir, { startupTimeoutMs: 180_000 });
  info = await session.info();
}, 200_000);

afterAll(async () => {
  await session?.stop();
});

beforeEach(() => configure());

describe("GetAnalyzerInfo", () => {
  test("names the pack and its four policies with their Rego METADATA", () => {
    expect(info.name).toBe("private-api-guard");
    expect(info.supportsConfig).toBe(true);
    expect(info.policies.map((p) => [p.name, p.kind, p.enforcementLevel, p.severity])).toEqual([
      ["apigateway-rest-api-private", "resource", "mandatory", "high"],
      ["apigateway-resource-policy-restricts-network", "resource", "mandatory", "critical"],
      ["apigateway-private-api-has-resource-policy", "stack", "mandatory", "high"],
      ["apigateway-private-network-prerequisites", "stack", "advisory", "medium"],
    ]);
    for (const policy of info.policies) {
      expect(policy.description.length).toBeGreaterThan(40);
      expect(policy.remediationSteps?.length).toBeGreaterThan(40);
    }
    const network = info.policies[1].configSchema!.properties;
    expect(Object.keys(network).sort()).toEqual([
      "allowedSourceCidrs",
      "allowedVpcEndpointIds",
      "allowedVpcIds",
      "minimumCidrPrefix",
    ]);
  });
});

describe("Analyze", () => {
  test.each(documentCases)("$name → $decision", async ({ document, decision, mentions }) => {
    const diagnostics = await analyzeRestApi(policyOf(document));
    const mandatory = diagnostics.filter((d) => d.enforcementLevel === "mandatory");
    if (decision === "restricting") {
      expect(diagnostics).toEqual([]);
    } else if (decision === "grants nothing") {
      expect(mandatory).toEqual([]);
      expect(diagnostics.map((d) => d.message).join("\n")).toContain(mentions);
    } else {
      expect(mandatory.map((d) => d.policyName)).toContain("apigateway-resource-policy-restricts-network");
      expect(mandatory.map((d) => d.message).join("\n")).toContain(mentions);
    }
  });

  test("a REGIONAL API is a mandatory violation", async () => {
    const diagnostics = await analyzeRestApi({ name: "api", endpointConfiguration: { types: "REGIONAL" } });
    expect(diagnostics).toEqual([
      expect.objectContaining({ policyName: "apigateway-rest-api-private", enforcementLevel: "mandatory" }),
    ]);
  });

  test("aws-native RestApi with a policy object", async () => {
    const open = documentCases.find((c) => c.decision === "open")!.document as WireObject;
    const diagnostics = (
      await session.analyze(
        resource(types.nativeRestApi, "api", { endpointConfiguration: { types: ["PRIVATE"] }, policy: open }),
      )
    ).diagnostics;
    expect(diagnostics.map((d) => d.policyName)).toEqual(["apigateway-resource-policy-restricts-network"]);
  });

  test("unknown values during preview are advisory and say they are enforced on update", async () => {
    const diagnostics = await analyzeRestApi({
      name: "api",
      endpointConfiguration: unknownValue,
      policy: unknownValue,
    });
    expect(diagnostics.map((d) => [d.policyName, d.enforcementLevel])).toEqual([
      ["apigateway-rest-api-private", "advisory"],
      ["apigateway-resource-policy-restricts-network", "advisory"],
    ]);
    expect(diagnostics.every((d) => d.message.includes("enforced on update"))).toBe(true);
  });

  test("secret values are unwrapped and checked", async () => {
    const open = {
      Statement: [{ Effect: "Allow", Principal: "*", Action: "execute-api:Invoke", Resource: "*" }],
    };
    const diagnostics = await analyzeRestApi({
      name: "api",
      endpointConfiguration: secret({ types: "PRIVATE" }),
      policy: secret(JSON.stringify(open)),
    });
    expect(diagnostics.map((d) => d.policyName)).toEqual(["apigateway-resource-policy-restricts-network"]);
  });

  test.each([
    ["not JSON", '{"Statement": [', "is malformed: not valid JSON"],
    ["a JSON string", '"Allow"', "the policy document is a JSON string, not an object"],
  ])("malformed document (%s) is a violation naming the problem", async (_name, text, message) => {
    const diagnostics = await analyzeRestApi({
      name: "api",
      endpointConfiguration: { types: "PRIVATE" },
      policy: text,
    });
    expect(diagnostics).toEqual([
      expect.objectContaining({ enforcementLevel: "mandatory", message: expect.stringContaining(message) }),
    ]);
  });

  test("a property of an unexpected type is a mandatory violation even in advisory mode", async () => {
    await configure(configFile("dev.json"));
    const diagnostics = await analyzeRestApi({
      name: "api",
      endpointConfiguration: { types: "PRIVATE" },
      policy: 7,
    });
    expect(diagnostics).toEqual([
      expect.objectContaining({
        enforcementLevel: "mandatory",
        message: expect.stringContaining("unexpected type"),
      }),
    ]);
  });

  test("config/dev.json makes every violation advisory", async () => {
    await configure(configFile("dev.json"));
    const diagnostics = await analyzeRestApi({
      name: "api",
      policy: JSON.stringify(documentCases.find((c) => c.decision === "open")!.document),
    });
    expect(diagnostics.length).toBe(2);
    expect(diagnostics.every((d) => d.enforcementLevel === "advisory")).toBe(true);
  });

  test("disabled policies do not run", async () => {
    await configure({ all: "disabled" });
    expect(await analyzeRestApi({ name: "api" })).toEqual([]);
  });

  const allowFrom = (condition: object) =>
    policyOf({
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
  const networkPolicy = "apigateway-resource-policy-restricts-network";

  test.each([
    [{ allowedVpcEndpointIds: ["vpce-good"] }, { StringEquals: { "aws:SourceVpce": "vpce-good" } }, 0],
    [{ allowedVpcEndpointIds: ["vpce-good"] }, { StringEquals: { "aws:SourceVpce": "vpce-bad" } }, 1],
    [{ allowedVpcIds: ["vpc-good"] }, { StringEquals: { "aws:SourceVpc": "vpc-bad" } }, 1],
    [{ allowedSourceCidrs: ["10.0.0.0/16"] }, { IpAddress: { "aws:VpcSourceIp": "10.0.9.0/24" } }, 0],
    [{ allowedSourceCidrs: ["10.0.0.0/16"] }, { IpAddress: { "aws:VpcSourceIp": "192.168.0.0/24" } }, 1],
    [{ minimumCidrPrefix: { ipv4: 24, ipv6: 32 } }, { IpAddress: { "aws:VpcSourceIp": "10.0.0.0/16" } }, 1],
  ])("configuration %j: %j → %d violations", async (properties, condition, count) => {
    await configure({ [networkPolicy]: properties });
    const diagnostics = await analyzeRestApi(allowFrom(condition));
    expect(diagnostics.filter((d) => d.policyName === networkPolicy)).toHaveLength(count);
  });
});

describe("AnalyzeStack", () => {
  const api = (properties: WireObject = {}) =>
    resource(types.restApi, "api", {
      endpointConfiguration: { types: "PRIVATE" },
      arn: "arn:aws:apigateway:us-east-1::/restapis/a1b2c3",
      ...properties,
    });
  const restricting = JSON.stringify(documentCases[0].document);

  test("a PRIVATE API without a resource policy is a mandatory violation on the API", async () => {
    const { diagnostics } = await session.analyzeStack([api()]);
    const policy = diagnostics.filter((d) => d.policyName === "apigateway-private-api-has-resource-policy");
    expect(policy).toEqual([
      expect.objectContaining({ enforcementLevel: "mandatory", urn: urn(types.restApi, "api") }),
    ]);
  });

  test("a RestApiPolicy linked by its restApiId dependency satisfies it, even with the id unknown", async () => {
    const apiPolicy = resource(
      types.restApiPolicy,
      "api-policy",
      { restApiId: unknownValue, policy: restricting },
      { restApiId: [urn(types.restApi, "api")] },
    );
    const { diagnostics } = await session.analyzeStack([api(), apiPolicy]);
    expect(diagnostics.filter((d) => d.policyName === "apigateway-private-api-has-resource-policy")).toEqual(
      [],
    );
  });

  // The AWS docs' Deny-unless-endpoint pattern keeps out callers of every authorization type; an Allow with a
  // network condition alone keeps out only callers of NONE methods (issue 8).
  const allowFromEndpoint = JSON.stringify(
    documentCases.find((c) => c.name === "AWS docs: allow only from listed VPC endpoints")!.document,
  );
  const method = (authorization: string) =>
    resource(
      "aws:apigateway/method:Method",
      `get-${authorization}`,
      { restApi: unknownValue, resourceId: "r1", httpMethod: "GET", authorization },
      { restApi: [urn(types.restApi, "api")] },
    );
  test.each([
    ["NONE", "deny unless the endpoint", restricting, []],
    ["AWS_IAM", "deny unless the endpoint", restricting, []],
    ["CUSTOM", "deny unless the endpoint", restricting, []],
    ["NONE", "allow from the endpoint", allowFromEndpoint, []],
    ["AWS_IAM", "allow from the endpoint", allowFromEndpoint, ["mandatory"]],
    ["CUSTOM", "allow from the endpoint", allowFromEndpoint, ["mandatory"]],
    ["COGNITO_USER_POOLS", "allow from the endpoint", allowFromEndpoint, ["mandatory"]],
  ])(
    "a method with authorization %s and a policy that says %s",
    async (authorization, _policy, policy, levels) => {
      const { diagnostics } = await session.analyzeStack([api({ policy }), method(authorization)]);
      const judged = diagnostics.filter((d) => d.policyName === "apigateway-private-api-has-resource-policy");
      expect(judged.map((d) => d.enforcementLevel)).toEqual(levels);
      for (const d of judged) {
        expect(d.urn).toBe(urn(types.restApi, "api"));
        expect(d.message).toContain('"Effect":"Deny","Principal":"*","Resource":"execute-api:/*"');
      }
    },
  );

  test("prerequisites are advisory", async () => {
    const { diagnostics } = await session.analyzeStack([api({ policy: restricting })]);
    expect(diagnostics.map((d) => [d.policyName, d.enforcementLevel])).toEqual([
      ["apigateway-private-network-prerequisites", "advisory"],
    ]);
  });
});
