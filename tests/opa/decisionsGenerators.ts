/**
 * Random resources and stacks for comparing OPA's decisions with ours. With OPA as the oracle nothing needs a
 * hand-written expectation, so the documents go wider than tests/properties/resourcePolicy.property.test.ts
 * (whose generators are local to that test): the same IAM vocabulary (network keys in several spellings,
 * every condition operator with set prefixes and IfExists, restricting and non-restricting values, action
 * and resource patterns, principal forms) plus malformed parts of every JSON type, odd strings and numbers,
 * unknown values and secrets, in every place a resource policy can be set; stacks link APIs, RestApiPolicy
 * resources, VPC endpoints, VPCs, security groups and their rules by id and by dependency.
 */
import fc from "fast-check";
import { stringify as toYaml } from "yaml";
import type { AnalyzedResource } from "../../analyzer/types";
import { secret, unknownValue, type WireObject, type WireValue } from "../../analyzer/wire";
import { fixtureResource, types, urnOf } from "./decisionsFixtures";

// --- vocabulary ---------------------------------------------------------------------------------------

const networkKeys = [
  "aws:SourceVpce",
  "aws:sourcevpce",
  "AWS:SOURCEVPCE",
  "aws:SourceVpc",
  "aws:SourceVPC",
  "aws:VpcSourceIp",
  "aws:VPCSourceIp",
  "aws:SourceIp",
];
const otherKeys = ["aws:PrincipalOrgID", "aws:SecureTransport", "aws:SourceVpceTag", "aws:SourceVpce "];
const baseOperators = [
  "StringEquals",
  "StringLike",
  "StringEqualsIgnoreCase",
  "ArnEquals",
  "ArnLike",
  "IpAddress",
  "StringNotEquals",
  "StringNotLike",
  "StringNotEqualsIgnoreCase",
  "ArnNotEquals",
  "ArnNotLike",
  "NotIpAddress",
];
const otherOperators = ["Bool", "Null", "NumericEquals", "DateLessThan", "Bogus", "stringequals", ""];

const networkValues = [
  "vpce-0a1b2c3d4e5f67890",
  "vpce-11112222",
  "vpce-0*",
  "vpce-*",
  "vpce*",
  "vpce-?*",
  "*-*",
  "*vpce*",
  "?pce-*",
  "*",
  "",
  "vpc-1a2b3c4d",
  "vpc-0f*",
  "vpc-*",
  "10.0.0.0/16",
  "10.0.0.0/8",
  "10.0.0.0/7",
  "10.0.0.0/4",
  "10.0.0.1",
  "192.168.1.10",
  "203.0.113.7/32",
  "0.0.0.0/0",
  "0.0.0.0/1",
  "010.0.0.1",
  "10.0.0.0/99",
  "10.0.0.0/-1",
  "300.1.1.1",
  "10.0.0.0/",
  "2001:db8::/48",
  "2001:db8::/32",
  "2001:db8::/16",
  "2001:db8::/129",
  "::/0",
  "::ffff:10.0.0.1",
  "::1",
  "not-an-address",
];
const actionPatterns = [
  "execute-api:Invoke",
  "execute-api:invoke",
  "EXECUTE-API:in*",
  "execute-api:*",
  "execute-api:Inv*",
  "execute-api:*Cache",
  "execute-api:InvalidateCache",
  "execute-api:ManageConnections",
  "execute-api:Inv?ke",
  "*",
  "*:*",
  "s3:GetObject",
  "invoke",
  "a:b:c",
];
const resourcePatterns = [
  "*",
  "execute-api:/*",
  "execute-api:/*/*/*",
  "execute-api:/prod/*",
  "execute-api:/prod/GET/pets",
  "execute-api:/prod/GET/*",
  "execute-api:/*/GET/*",
  "arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/*",
  "arn:aws:execute-api:*:*:*",
  "arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/prod/*",
  "arn:aws:execute-api:us-east-1:1:abc/*/*/*",
  "arn:aws:s3:::b",
  "execute-api:/",
];
const principals: WireValue[] = [
  "*",
  { AWS: "*" },
  { AWS: ["*"] },
  { AWS: ["arn:aws:iam::123456789012:root", "*"] },
  { AWS: "arn:aws:iam::123456789012:root" },
  { Service: "lambda.amazonaws.com" },
  { Federated: "*" },
  "",
  {},
];
const ids = ["a1b2c3", "zzz999", "vpce-1", "vpce-2", "vpc-1", "sg-1", ""];

// --- documents ----------------------------------------------------------------------------------------

const oddJson = fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<WireValue>;
const oddString = fc.oneof(fc.string({ maxLength: 6 }), fc.string({ unit: "binary", maxLength: 4 }));

/** Mostly `usual`, sometimes a value of any other JSON type. */
const mostly = <T extends WireValue>(usual: fc.Arbitrary<T>, weight = 12) =>
  fc.oneof({ weight, arbitrary: usual as fc.Arbitrary<WireValue> }, { weight: 1, arbitrary: oddJson });

const oneOrList = (arb: fc.Arbitrary<WireValue>): fc.Arbitrary<WireValue> =>
  fc.oneof(
    { weight: 3, arbitrary: arb },
    { weight: 2, arbitrary: fc.array(arb, { minLength: 1, maxLength: 3 }) },
    { weight: 1, arbitrary: fc.constant<WireValue>([]) },
  );

const operatorNames = fc
  .tuple(
    fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...baseOperators) },
      { weight: 1, arbitrary: fc.constantFrom(...otherOperators) },
    ),
    fc.constantFrom("", "", "", "ForAnyValue:", "ForAllValues:", "forallvalues:"),
    fc.constantFrom("", "", "IfExists"),
  )
  .map(([base, prefix, suffix]) => `${prefix}${base}${suffix}`);

const conditionValues = mostly(
  oneOrList(
    fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom(...networkValues) },
      { weight: 1, arbitrary: oddString },
    ),
  ),
);

const conditions: fc.Arbitrary<WireValue> = mostly(
  fc.dictionary(
    operatorNames,
    mostly(
      fc.dictionary(
        fc.oneof(
          { weight: 5, arbitrary: fc.constantFrom(...networkKeys) },
          { weight: 1, arbitrary: fc.constantFrom(...otherKeys) },
        ),
        conditionValues,
        { minKeys: 1, maxKeys: 2 },
      ),
    ),
    { minKeys: 1, maxKeys: 2 },
  ),
);

const statements: fc.Arbitrary<WireValue> = mostly(
  fc
    .record(
      {
        Sid: mostly(oddString, 4),
        Effect: mostly(fc.constantFrom("Allow", "Allow", "Deny", "allow")),
        Principal: mostly(fc.constantFrom(...principals)),
        actionKey: fc.constantFrom("Action", "Action", "NotAction"),
        actions: mostly(oneOrList(fc.constantFrom(...actionPatterns))),
        resourceKey: fc.constantFrom("Resource", "Resource", "NotResource"),
        resources: mostly(oneOrList(fc.constantFrom(...resourcePatterns))),
        Condition: conditions,
      },
      { requiredKeys: ["Effect", "actionKey", "actions", "resourceKey", "resources"] },
    )
    .map(({ actionKey, actions, resourceKey, resources, ...rest }) => {
      const statement: WireObject = { [actionKey]: actions, [resourceKey]: resources };
      for (const [key, value] of Object.entries(rest)) if (value !== undefined) statement[key] = value;
      return statement;
    }),
  20,
);

export const documents: fc.Arbitrary<WireValue> = mostly(
  fc.oneof(
    fc
      .array(statements, { minLength: 0, maxLength: 5 })
      .map((list): WireValue => ({ Version: "2012-10-17", Statement: list })),
    statements.map((statement): WireValue => ({ Version: "2012-10-17", Statement: statement })),
  ),
  20,
);

// --- resources ----------------------------------------------------------------------------------------

/** Where a document is set, as the provider presents it; an unknown value now and then, as in a preview. */
const placedDocument = (document: WireValue): fc.Arbitrary<[string, WireObject]> =>
  fc.constantFrom<[string, WireObject]>(
    [types.restApi, { policy: JSON.stringify(document) }],
    [types.restApi, { policy: secret(JSON.stringify(document)) }],
    [types.restApi, { body: JSON.stringify({ openapi: "3.0.1", "x-amazon-apigateway-policy": document }) }],
    [types.restApi, { body: toYaml({ openapi: "3.0.1", "x-amazon-apigateway-policy": document }) }],
    [types.restApi, { policy: JSON.stringify(document), body: JSON.stringify({ openapi: "3.0.1" }) }],
    [types.nativeRestApi, { policy: document }],
    [types.nativeRestApi, { policy: { Statement: [document, unknownValue] } }],
    [types.restApiPolicy, { policy: JSON.stringify(document) }],
    [types.restApi, { policy: unknownValue }],
  );

const endpointTypes: WireValue[] = [
  "PRIVATE",
  "PRIVATE",
  ["PRIVATE"],
  "private",
  "REGIONAL",
  ["EDGE"],
  ["PRIVATE", "EDGE"],
  [],
  unknownValue,
  [unknownValue],
  42,
  null,
  ["PRIVATE", 1],
];
const endpointConfigurations: fc.Arbitrary<WireValue | undefined> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ types: fc.constantFrom(...endpointTypes) }, { requiredKeys: [] }) },
  {
    weight: 2,
    arbitrary: fc.record({
      types: fc.constantFrom(...endpointTypes),
      vpcEndpointIds: oneOrList(fc.constantFrom("vpce-1", "vpce-2", unknownValue)),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom<WireValue | undefined>(
      undefined,
      "PRIVATE",
      unknownValue,
      secret({ types: "PRIVATE" }),
    ),
  },
);

const identity = fc.record(
  {
    id: fc.constantFrom(...ids, unknownValue),
    arn: fc.constantFrom(
      "arn:aws:apigateway:us-east-1::/restapis/a1b2c3",
      "arn:aws:apigateway:us-east-1::/restapis/zzz999/stages/prod",
      "arn:aws:ec2:us-east-1:123456789012:vpc-endpoint/vpce-1",
      "arn:aws:ec2:us-east-1:123456789012:vpc/vpc-1",
      "arn:aws:ec2:us-east-1:123456789012:security-group/sg-1",
      "not-an-arn",
    ),
  },
  { requiredKeys: [] },
);

/** A resource's type and properties; its name and dependencies are given when the stack is assembled. */
type ResourceSketch = [string, WireObject];

const withoutUndefined = (props: Record<string, WireValue | undefined>): WireObject =>
  Object.fromEntries(Object.entries(props).filter(([, value]) => value !== undefined)) as WireObject;

/** An API or RestApiPolicy carrying a generated document, with an endpoint configuration and identity. */
export const policyCarriers: fc.Arbitrary<ResourceSketch> = fc
  .tuple(
    documents.chain(placedDocument),
    endpointConfigurations,
    identity,
    fc.constantFrom(...ids, unknownValue),
  )
  .map(([[type, placement], endpointConfiguration, identifiers, restApiId]) =>
    type === types.restApiPolicy
      ? [type, { ...placement, restApiId }]
      : [type, withoutUndefined({ ...identifiers, ...placement, endpointConfiguration })],
  );

const apis: fc.Arbitrary<ResourceSketch> = fc
  .tuple(fc.constantFrom(types.restApi, types.nativeRestApi), endpointConfigurations, identity)
  .map(([type, endpointConfiguration, identifiers]) => [
    type,
    withoutUndefined({ ...identifiers, endpointConfiguration }),
  ]);

const vpcEndpoints: fc.Arbitrary<ResourceSketch> = fc
  .record(
    {
      id: fc.constantFrom("vpce-1", "vpce-2", unknownValue),
      serviceName: fc.constantFrom(
        "com.amazonaws.us-east-1.execute-api",
        "cn.com.amazonaws.cn-north-1.execute-api",
        "com.amazonaws.us-east-1.s3",
        unknownValue,
        7,
      ),
      vpcEndpointType: fc.constantFrom("Interface", "Gateway", unknownValue),
      privateDnsEnabled: fc.constantFrom<WireValue>(true, false, "true", unknownValue),
      vpcId: fc.constantFrom("vpc-1", "vpc-2", unknownValue),
      securityGroupIds: oneOrList(fc.constantFrom("sg-1", "sg-2", unknownValue)),
    },
    { requiredKeys: ["serviceName"] },
  )
  .map((props) => [types.vpcEndpoint, withoutUndefined(props)]);

const vpcs: fc.Arbitrary<ResourceSketch> = fc
  .record(
    {
      id: fc.constantFrom("vpc-1", "vpc-2"),
      cidrBlock: fc.constantFrom("10.0.0.0/16", "10.1.0.0/16", "2001:db8::/56", "bogus", unknownValue),
      enableDnsSupport: fc.constantFrom<WireValue>(true, false, unknownValue),
      enableDnsHostnames: fc.constantFrom<WireValue>(true, false, unknownValue),
    },
    { requiredKeys: [] },
  )
  .map((props) => [types.vpc, withoutUndefined(props)]);

const protocols: WireValue[] = ["tcp", "TCP", "6", 6, "-1", "all", "udp", -1];
const ports: WireValue[] = [443, 0, 80, 65535, 444, "443"];
const sourceCidrs = oneOrList(fc.constantFrom("10.0.0.0/16", "10.0.0.0/8", "0.0.0.0/0", "10.0.1.0/24", "x"));
const ingressRules = fc.record(
  {
    protocol: fc.constantFrom(...protocols),
    fromPort: fc.constantFrom(...ports),
    toPort: fc.constantFrom(...ports),
    cidrBlocks: sourceCidrs,
  },
  { requiredKeys: [] },
);

const securityGroups: fc.Arbitrary<ResourceSketch> = fc
  .record(
    {
      id: fc.constantFrom("sg-1", "sg-2"),
      ingress: fc.oneof(fc.array(ingressRules, { maxLength: 3 }), fc.constant(unknownValue)),
    },
    { requiredKeys: [] },
  )
  .map((props) => [types.securityGroup, withoutUndefined(props as Record<string, WireValue>)]);

const groupRules: fc.Arbitrary<ResourceSketch> = fc.oneof(
  fc
    .tuple(ingressRules, fc.constantFrom("ingress", "egress"), fc.constantFrom("sg-1", "sg-2", unknownValue))
    .map(([rule, type, securityGroupId]): ResourceSketch => [
      types.securityGroupRule,
      withoutUndefined({ ...rule, type, securityGroupId }),
    ]),
  fc
    .record({
      ipProtocol: fc.constantFrom(...protocols),
      fromPort: fc.constantFrom(...ports),
      toPort: fc.constantFrom(...ports),
      cidrIpv4: fc.constantFrom("10.0.0.0/16", "0.0.0.0/0", unknownValue),
      securityGroupId: fc.constantFrom("sg-1", "sg-2", unknownValue),
    })
    .map((props): ResourceSketch => [types.ingressRule, props]),
);

/** The properties that refer to other resources, by type: where the engine records property dependencies. */
const referringProperties: Record<string, string[]> = {
  [types.restApiPolicy]: ["restApiId"],
  [types.restApi]: ["endpointConfiguration"],
  [types.nativeRestApi]: ["endpointConfiguration"],
  [types.vpcEndpoint]: ["vpcId", "securityGroupIds"],
  [types.securityGroupRule]: ["securityGroupId"],
  [types.ingressRule]: ["securityGroupId"],
};

/**
 * Sketches become resources named after their position; each referring property may record a dependency on
 * another resource of the stack (`targets` picks it by position), as the engine does for outputs passed on.
 */
function assemble(sketches: ResourceSketch[], targets: (number | null)[]): AnalyzedResource[] {
  const urns = sketches.map(([type], i) => urnOf(type, `r${i}`));
  return sketches.map(([type, props], i) => {
    const dependsOn: Record<string, { urn: string }[]> = {};
    (referringProperties[type] ?? []).forEach((property, j) => {
      const target = targets[(i + j) % targets.length];
      if (target !== null) dependsOn[property] = [{ urn: urns[target % urns.length] }];
    });
    return fixtureResource(type, `r${i}`, props, dependsOn);
  });
}

/** One resource carrying a generated document, alone in its stack. */
export const singleResources: fc.Arbitrary<AnalyzedResource> = policyCarriers.map(
  (sketch) => assemble([sketch], [null])[0],
);

export const stacks: fc.Arbitrary<AnalyzedResource[]> = fc
  .tuple(
    fc.array(
      fc.oneof(
        { weight: 3, arbitrary: policyCarriers },
        { weight: 2, arbitrary: apis },
        { weight: 2, arbitrary: vpcEndpoints },
        { weight: 1, arbitrary: vpcs },
        { weight: 1, arbitrary: securityGroups },
        { weight: 1, arbitrary: groupRules },
      ),
      { minLength: 1, maxLength: 7 },
    ),
    fc.array(fc.option(fc.nat(), { freq: 2 }), { minLength: 1, maxLength: 7 }),
  )
  .map(([sketches, targets]) => assemble(sketches, targets));

// --- configuration ------------------------------------------------------------------------------------

const configLists = fc.array(
  fc.constantFrom(
    "vpce-0a1b2c3d4e5f67890",
    "vpce-1",
    "vpc-1a2b3c4d",
    "vpc-1",
    "10.0.0.0/16",
    "2001:db8::/48",
    "not-a-cidr",
    "10.0.0.0/99",
  ),
  { maxLength: 2 },
);

/** Raw policy configuration as a user writes it (valid: invalid configuration never reaches Rego). */
export const rawConfigs: fc.Arbitrary<Record<string, unknown>> = fc.record(
  {
    allowedVpcEndpointIds: configLists,
    allowedVpcIds: configLists,
    allowedSourceCidrs: configLists,
    minimumCidrPrefix: fc.record(
      { ipv4: fc.integer({ min: 0, max: 32 }), ipv6: fc.integer({ min: 0, max: 128 }) },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: [] },
);
