/**
 * Any document a user could write gets a decision, never an evaluation error: malformed parts are
 * violations naming the problem. Documents are generated from IAM-shaped pieces of every JSON type.
 */
import fc from "fast-check";
import { networkConfig } from "../../policies/config";
import { engine } from "../../policies/engine";
import { resourceInput } from "../../policies/input";

const anyJson = fc.jsonValue({ maxDepth: 2 });
const oneOrMany = <T>(arb: fc.Arbitrary<T>) => fc.oneof(arb, fc.array(arb, { maxLength: 3 }));
const action = fc.constantFrom(
  "*",
  "execute-api:*",
  "execute-api:Invoke",
  "EXECUTE-API:in*",
  "s3:*",
  "invoke",
  "a:b:c",
  "x[1]:y",
);
const resource = fc.constantFrom(
  "*",
  "execute-api:/*",
  "execute-api:/prod/*",
  "arn:aws:execute-api:us-east-1:1:abc/*/*/*",
  "arn:aws:s3:::b",
);
const key = fc.constantFrom(
  "aws:SourceVpce",
  "aws:sourcevpc",
  "aws:VPCSourceIp",
  "aws:SourceIp",
  "aws:PrincipalAccount",
);
const operator = fc.constantFrom(
  "StringEquals",
  "StringNotEquals",
  "StringLike",
  "ForAnyValue:StringNotLikeIfExists",
  "IpAddress",
  "NotIpAddress",
  "ArnLike",
  "NumericEquals",
  "Bogus",
);
const value = fc.oneof(
  fc.constantFrom(
    "*",
    "vpce-*",
    "vpce-0abc",
    "vpc-1",
    "10.0.0.0/16",
    "0.0.0.0/0",
    "::/0",
    "2001:db8::/64",
    "10.0.0.0/99",
    "300.1.1.1",
  ),
  anyJson,
);
const condition = fc.oneof(
  fc.dictionary(operator, fc.oneof(fc.dictionary(key, oneOrMany(value), { maxKeys: 2 }), anyJson), {
    maxKeys: 2,
  }),
  anyJson,
);
const statement = fc.oneof(
  fc.record(
    {
      Sid: fc.oneof(fc.string({ maxLength: 5 }), anyJson),
      Effect: fc.oneof(fc.constantFrom("Allow", "Deny"), anyJson),
      Principal: fc.oneof(fc.constantFrom("*", { AWS: "*" }, { AWS: ["arn:aws:iam::1:root"] }), anyJson),
      Action: fc.oneof(oneOrMany(action), anyJson),
      NotAction: oneOrMany(action),
      Resource: fc.oneof(oneOrMany(resource), anyJson),
      NotResource: oneOrMany(resource),
      Condition: condition,
    },
    { requiredKeys: [] },
  ),
  anyJson,
);
const document = fc.oneof(
  fc.record(
    {
      Version: fc.constant("2012-10-17"),
      Statement: fc.oneof(statement, fc.array(statement, { maxLength: 4 })),
    },
    { requiredKeys: [] },
  ),
  anyJson,
);

const strings = fc.array(
  fc.constantFrom("vpce-0abc", "vpc-1", "10.0.0.0/16", "2001:db8::/48", "not-a-cidr", "10.0.0.0/99"),
  { maxLength: 2 },
);
const config = fc.record({
  allowedVpcEndpointIds: strings,
  allowedVpcIds: strings,
  allowedSourceCidrs: strings,
  minimumCidrPrefix: fc.record({
    ipv4: fc.integer({ min: 0, max: 32 }),
    ipv6: fc.integer({ min: 0, max: 128 }),
  }),
});

test("every generated document is decided without an evaluation error", () => {
  fc.assert(
    fc.property(document, config, (doc, rawConfig) => {
      const resource = resourceInput({
        type: "aws:apigateway/restApi:RestApi",
        urn: "urn:x",
        name: "api",
        props: { policy: JSON.stringify(doc) },
      });
      const input = {
        policy: "apigateway-resource-policy-restricts-network",
        config: networkConfig(rawConfig),
        resource,
      };
      expect(engine.decide(input).filter((f) => f.kind !== "violation")).toEqual([]);
    }),
    { numRuns: 1000, seed: 20261125 },
  );
});
