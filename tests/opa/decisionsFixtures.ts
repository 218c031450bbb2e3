/**
 * Every fixture the pack's tests judge, as resources and stacks in the wire form the engine sends: the
 * document cases in every place a resource policy can be set, the per-policy cases of tests/policies, the
 * bench and scale workloads, the stack exports of tests/guard, and the inputs tests/policies/failClosed.test.ts
 * hands the engine directly. The cases are restated from the test files that define them inline (only
 * documentCases is exported); the expected findings stay with those tests, here only OPA's and our module's
 * decisions are compared.
 */
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { stringify as toYaml } from "yaml";
import { engineResource } from "../../analyzer/resource";
import type { AnalyzedResource } from "../../analyzer/types";
import { secret, unknownValue, type WireObject, type WireValue } from "../../analyzer/wire";
import { restApiPolicyInput, restApiWithoutPolicyInput, stackOf } from "../../bench/workload";
import { parseStackExport } from "../../guard/export";
import { types as engineTypes } from "../e2e/resources";
import { documentCases } from "../policies/documents";
import { everyDecisionInput, type DecisionInput } from "./decisionsInputs";

export const types = {
  ...engineTypes,
  securityGroupRule: "aws:ec2/securityGroupRule:SecurityGroupRule",
  ingressRule: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
};

export const urnOf = (type: string, name: string) => `urn:pulumi:dev::app::${type}::${name}`;

/** A resource of the fixture stacks; `dependsOn` names the resources a property's value came from. */
export function fixtureResource(
  type: string,
  name: string,
  properties: WireObject,
  dependsOn: Record<string, { urn: string }[]> = {},
): AnalyzedResource {
  const dependencies = Object.fromEntries(
    Object.entries(dependsOn).map(([property, resources]) => [property, resources.map((r) => r.urn)]),
  );
  return engineResource(urnOf(type, name), type, name, properties, dependencies);
}

export interface FixtureCase {
  name: string;
  inputs: DecisionInput[];
}

const stackCase = (name: string, resources: AnalyzedResource[], rawConfig: Record<string, unknown> = {}) => ({
  name,
  inputs: everyDecisionInput(resources, rawConfig),
});

const privateApi = { endpointConfiguration: { types: "PRIVATE" } };

// --- resourcePolicyRestrictsNetwork.test.ts: every document case in every place a policy can be set ----

const placements: [string, string, (doc: unknown) => WireObject][] = [
  ["RestApi.policy", types.restApi, (doc) => ({ ...privateApi, policy: JSON.stringify(doc) })],
  [
    "RestApiPolicy.policy",
    types.restApiPolicy,
    (doc) => ({ restApiId: "a1b2c3d4e5", policy: JSON.stringify(doc) }),
  ],
  [
    "RestApi.body (JSON)",
    types.restApi,
    (doc) => ({ body: JSON.stringify({ openapi: "3.0.1", "x-amazon-apigateway-policy": doc }) }),
  ],
  [
    "RestApi.body (YAML)",
    types.restApi,
    (doc) => ({ body: toYaml({ openapi: "3.0.1", "x-amazon-apigateway-policy": doc }) }),
  ],
  ["aws-native RestApi.policy (object)", types.nativeRestApi, (doc) => ({ policy: doc as WireValue })],
  ["secret RestApi.policy", types.restApi, (doc) => ({ policy: secret(JSON.stringify(doc)) })],
];

const documentPlacements: FixtureCase[] = placements.flatMap(([where, type, place]) =>
  documentCases.map((c) =>
    stackCase(`${where}: ${c.name}`, [fixtureResource(type, "api", place(c.document))]),
  ),
);

const allowFrom = (condition: object) =>
  JSON.stringify({
    Statement: [
      { Effect: "Allow", Principal: "*", Action: "execute-api:Invoke", Resource: "*", Condition: condition },
    ],
  });

const configCases: [Record<string, unknown>, object][] = [
  [{ allowedVpcEndpointIds: ["vpce-good"] }, { StringEquals: { "aws:SourceVpce": "vpce-good" } }],
  [{ allowedVpcEndpointIds: ["vpce-good"] }, { StringEquals: { "aws:SourceVpce": "vpce-other" } }],
  [{ allowedVpcIds: ["vpc-good"] }, { StringEquals: { "aws:SourceVpc": "vpc-good" } }],
  [{ allowedVpcIds: ["vpc-good"] }, { StringEquals: { "aws:SourceVpc": "vpc-other" } }],
  [{ allowedSourceCidrs: ["10.0.0.0/16"] }, { IpAddress: { "aws:VpcSourceIp": "10.0.4.0/24" } }],
  [{ allowedSourceCidrs: ["10.0.0.0/16"] }, { IpAddress: { "aws:VpcSourceIp": "10.9.0.0/24" } }],
  [{ allowedSourceCidrs: ["10.0.0.0/16"] }, { IpAddress: { "aws:VpcSourceIp": "192.168.0.0/24" } }],
  [{}, { IpAddress: { "aws:VpcSourceIp": "10.0.0.0/8" } }],
  [{}, { IpAddress: { "aws:VpcSourceIp": "10.0.0.0/7" } }],
  [{ minimumCidrPrefix: { ipv4: 16 } }, { IpAddress: { "aws:VpcSourceIp": "10.0.0.0/12" } }],
  [{ minimumCidrPrefix: { ipv4: 24, ipv6: 32 } }, { IpAddress: { "aws:VpcSourceIp": "10.0.0.0/16" } }],
  [{ minimumCidrPrefix: { ipv6: 56 } }, { IpAddress: { "aws:VpcSourceIp": "2001:db8::/48" } }],
  [{ minimumCidrPrefix: { ipv6: 56 } }, { IpAddress: { "aws:VpcSourceIp": "2001:db8::/64" } }],
];

const networkCases: FixtureCase[] = [
  ...configCases.map(([config, condition]) =>
    stackCase(
      `config ${JSON.stringify(config)}: ${JSON.stringify(condition)}`,
      [fixtureResource(types.restApi, "api", { ...privateApi, policy: allowFrom(condition) })],
      config,
    ),
  ),
  stackCase(
    "the Deny that would fix an open stage, with an allow-list",
    [
      fixtureResource(types.restApi, "api", {
        policy: JSON.stringify({
          Statement: [
            {
              Effect: "Allow",
              Principal: "*",
              Action: "execute-api:Invoke",
              Resource: "execute-api:/prod/*",
            },
          ],
        }),
      }),
    ],
    { allowedVpcEndpointIds: ["vpce-0a1b"] },
  ),
  stackCase("an unknown policy", [fixtureResource(types.restApi, "api", { policy: unknownValue })]),
  stackCase("an unknown value inside an aws-native policy object", [
    fixtureResource(types.nativeRestApi, "api", {
      policy: {
        Statement: [
          {
            Effect: "Allow",
            Principal: "*",
            Action: "execute-api:Invoke",
            Resource: "*",
            Condition: { StringEquals: { "aws:SourceVpce": unknownValue } },
          },
        ],
      },
    }),
  ]),
  stackCase("policy not JSON", [fixtureResource(types.restApi, "api", { policy: "{ Statement: [" })]),
  stackCase("body neither JSON nor YAML", [
    fixtureResource(types.restApi, "api", { body: "openapi: [3.0.1\n  - {" }),
  ]),
  stackCase("policy a JSON string", [
    fixtureResource(types.restApi, "api", { ...privateApi, policy: '"Allow"' }),
  ]),
  stackCase("policy of an unexpected type", [
    fixtureResource(types.restApi, "api", { ...privateApi, policy: 12 }),
  ]),
  stackCase("no policy at all", [fixtureResource(types.restApi, "api", privateApi)]),
  stackCase("secret endpoint configuration and policy", [
    fixtureResource(types.restApi, "api", {
      endpointConfiguration: secret({ types: "PRIVATE" }),
      policy: secret(allowFrom({})),
    }),
  ]),
];

// --- restApiPrivate.test.ts ---------------------------------------------------------------------------

const endpointCases: [string, string, WireObject][] = [
  ["v7 string", types.restApi, { endpointConfiguration: { types: "PRIVATE" } }],
  [
    "older list",
    types.restApi,
    { endpointConfiguration: { types: ["PRIVATE"], vpcEndpointIds: ["vpce-1"] } },
  ],
  ["aws-native list", types.nativeRestApi, { endpointConfiguration: { types: ["PRIVATE"] } }],
  ["secret endpoint configuration", types.restApi, { endpointConfiguration: secret({ types: "PRIVATE" }) }],
  ["no endpointConfiguration (EDGE)", types.restApi, {}],
  ["REGIONAL string", types.restApi, { endpointConfiguration: { types: "REGIONAL" } }],
  ["EDGE list", types.nativeRestApi, { endpointConfiguration: { types: ["EDGE"] } }],
  ["unknown endpoint type", types.restApi, { endpointConfiguration: { types: unknownValue } }],
  [
    "unknown vpcEndpointIds",
    types.restApi,
    { endpointConfiguration: { types: "PRIVATE", vpcEndpointIds: [unknownValue] } },
  ],
  ["types a number", types.restApi, { endpointConfiguration: { types: 42 } }],
  ["remediation, v7 string", types.restApi, { endpointConfiguration: { types: "EDGE", vpcEndpointIds: [] } }],
  ["remediation, older list", types.restApi, { endpointConfiguration: { types: ["REGIONAL"] } }],
  ["remediation, aws-native", types.nativeRestApi, {}],
  [
    "remediation keeps a secret policy",
    types.restApi,
    { endpointConfiguration: { types: "EDGE" }, policy: secret("{}") },
  ],
  ["not a RestApi", "aws:s3/bucket:Bucket", {}],
];

const restApiPrivateCases: FixtureCase[] = endpointCases.map(([name, type, props]) =>
  stackCase(`endpoint: ${name}`, [fixtureResource(type, "api", props)]),
);

// --- privateApiHasResourcePolicy.test.ts and tests/e2e/analyzer.test.ts (AnalyzeStack) ------------------

const restricting = JSON.stringify({
  Statement: [
    {
      Effect: "Allow",
      Principal: "*",
      Action: "execute-api:Invoke",
      Resource: "execute-api:/*",
      Condition: { StringEquals: { "aws:SourceVpce": "vpce-1" } },
    },
  ],
});
const open = JSON.stringify({
  Statement: [{ Effect: "Allow", Principal: "*", Action: "execute-api:Invoke", Resource: "*" }],
});

const stackApi = (props: WireObject = {}) =>
  fixtureResource(types.restApi, "api", {
    ...privateApi,
    arn: "arn:aws:apigateway:us-east-1::/restapis/a1b2c3",
    ...props,
  });
const apiPolicy = (props: WireObject, dependsOn?: Record<string, { urn: string }[]>) =>
  fixtureResource(types.restApiPolicy, "api-policy", props, dependsOn);

const hasResourcePolicyCases: FixtureCase[] = [
  stackCase("inline policy", [stackApi({ policy: restricting })]),
  stackCase("policy in the OpenAPI body", [
    stackApi({ body: JSON.stringify({ "x-amazon-apigateway-policy": JSON.parse(restricting) }) }),
  ]),
  stackCase("RestApiPolicy linked by dependency, id unknown", [
    stackApi(),
    apiPolicy({ restApiId: unknownValue, policy: restricting }, { restApiId: [stackApi()] }),
  ]),
  stackCase("RestApiPolicy linked by id", [
    stackApi(),
    apiPolicy({ restApiId: "a1b2c3", policy: restricting }),
  ]),
  stackCase("a REGIONAL API", [stackApi({ endpointConfiguration: { types: "REGIONAL" } })]),
  stackCase("no policy anywhere", [stackApi()]),
  stackCase("a RestApiPolicy for another API", [
    stackApi(),
    apiPolicy({ restApiId: "zzz999", policy: restricting }),
  ]),
  stackCase("only an open policy", [stackApi(), apiPolicy({ restApiId: "a1b2c3", policy: open })]),
  stackCase("a RestApiPolicy whose target is unknown", [
    stackApi(),
    apiPolicy({ restApiId: unknownValue, policy: restricting }),
  ]),
  stackCase("an unknown inline policy", [stackApi({ policy: unknownValue })]),
  stackCase("an unknown endpoint type", [stackApi({ endpointConfiguration: unknownValue })]),
  stackCase("a policy using an unlisted endpoint", [stackApi({ policy: restricting })], {
    allowedVpcEndpointIds: ["vpce-2"],
  }),
  stackCase("the first document case as an inline policy", [
    stackApi({ policy: JSON.stringify(documentCases[0].document) }),
  ]),
];

// --- privateNetworkPrerequisites.test.ts ----------------------------------------------------------------

const prerequisiteApi = fixtureResource(types.restApi, "api", privateApi);
const vpc = (props: WireObject = {}) =>
  fixtureResource(types.vpc, "vpc", {
    cidrBlock: "10.0.0.0/16",
    enableDnsSupport: true,
    enableDnsHostnames: true,
    ...props,
  });
const https = [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.0.0.0/16"] }];
const group = (ingress: WireObject[]) => fixtureResource(types.securityGroup, "endpoint-sg", { ingress });
const endpoint = (props: WireObject = {}) =>
  fixtureResource(
    types.vpcEndpoint,
    "execute-api",
    {
      serviceName: "com.amazonaws.eu-west-1.execute-api",
      vpcEndpointType: "Interface",
      privateDnsEnabled: true,
      vpcId: unknownValue,
      securityGroupIds: [unknownValue],
      ...props,
    },
    { vpcId: [vpc()], securityGroupIds: [group(https)] },
  );

const prerequisiteCases: FixtureCase[] = [
  stackCase("the control's setup", [
    prerequisiteApi,
    vpc(),
    group(https),
    endpoint({ vpcId: "vpc-1", securityGroupIds: ["sg-1"] }),
  ]),
  stackCase("no execute-api endpoint", [prerequisiteApi, vpc()]),
  stackCase("private DNS disabled", [
    prerequisiteApi,
    vpc(),
    group(https),
    endpoint({ privateDnsEnabled: false }),
  ]),
  stackCase("DNS hostnames off", [
    prerequisiteApi,
    vpc({ enableDnsHostnames: false }),
    group(https),
    endpoint(),
  ]),
  stackCase("security group without 443", [
    prerequisiteApi,
    vpc(),
    group([{ protocol: "tcp", fromPort: 80, toPort: 80, cidrBlocks: ["10.0.0.0/16"] }]),
    endpoint(),
  ]),
  stackCase("no private API", [vpc()]),
];

// --- bench/workload.ts and tests/policies/scale.test.ts ---------------------------------------------

const manyStatements = (count: number) =>
  JSON.stringify({
    Statement: Array.from({ length: count }, (_, i) => ({
      Sid: `s${i}`,
      Effect: "Allow",
      Principal: "*",
      Action: "execute-api:Invoke",
      Resource: "*",
    })),
  });

const workloadCases: FixtureCase[] = [
  {
    name: "bench: the RestApiPolicy evaluation input",
    inputs: [{ label: "as the bench builds it", input: restApiPolicyInput() }],
  },
  {
    name: "bench: a private RestApi without a policy",
    inputs: [{ label: "as the bench builds it", input: restApiWithoutPolicyInput() }],
  },
  stackCase("bench: a compliant stack of 300 resources", stackOf(300), {
    allowedVpcEndpointIds: ["vpce-0a1b2c3d4e5f67890"],
  }),
  stackCase("scale: 5,000 open statements", [
    fixtureResource(types.restApi, "api", { policy: manyStatements(5_000) }),
  ]),
];

// --- tests/guard: stack exports, as `guard audit` reads them ---------------------------------------------

const exportsDir = path.join(__dirname, "..", "guard", "fixtures", "exports");
const exportCases: FixtureCase[] = readdirSync(exportsDir)
  .filter((file) => file.endsWith(".json") && file !== "version2.json") // version 2 is refused before any decision
  .map((file) => {
    const parsed = parseStackExport(readFileSync(path.join(exportsDir, file), "utf8"), file);
    return stackCase(`stack export ${file}`, parsed.resources);
  });

// --- failClosed.test.ts: inputs handed to the engine directly --------------------------------------------

const directInput = {
  policy: "apigateway-rest-api-private",
  config: {},
  resource: { type: types.restApi, props: {} },
};
const directCases: FixtureCase[] = [
  {
    name: "engine inputs of failClosed.test.ts",
    inputs: [
      { label: "a resource without unknowns, documents or dependencies", input: directInput },
      {
        label: "a policy name the module has no decision for",
        input: { ...directInput, policy: "no-such-policy" },
      },
    ],
  },
];

export const fixtureCases: FixtureCase[] = [
  ...documentPlacements,
  ...networkCases,
  ...restApiPrivateCases,
  ...hasResourcePolicyCases,
  ...prerequisiteCases,
  ...workloadCases,
  ...exportCases,
  ...directCases,
];
