/** The benchmarks' TypeScript yardstick decides exactly what the compiled Rego decides. */
import { networkConfig } from "../policies/config";
import { createEngine } from "../policies/engine";
import { resourceInput } from "../policies/input";
import { documentCases } from "../tests/policies/documents";
import { networkFindings } from "./referencePolicy";
import { networkPolicyName, restApiPolicyInput, restrictingDocument } from "./workload";

const engine = createEngine();

const configs = {
  defaults: {},
  "allowed endpoint": { allowedVpcEndpointIds: ["vpce-1a2b3c4d5e6f7a8b9"] },
  "allowed CIDR, /16 minimum": { allowedSourceCidrs: ["10.0.0.0/16"], minimumCidrPrefix: { ipv4: 16 } },
};

const extraDocuments: Record<string, unknown> = {
  "the benchmark's document": restrictingDocument("a1b2c3d4e5"),
  "NotAction allow, deny with a wrong operator family": {
    Statement: [
      { Effect: "Allow", Principal: { AWS: "*" }, NotAction: "s3:*", Resource: "*" },
      {
        Effect: "Deny",
        Principal: "*",
        Action: "execute-api:*",
        Resource: "*",
        Condition: {
          IpAddress: { "aws:SourceVpce": "vpce-1" },
          StringNotEqualsIfExists: { "aws:SourceIp": "::/0" },
        },
      },
    ],
  },
  "malformed statements": { Statement: [7, { Sid: "x", Effect: "Maybe", Action: [], Resource: ["a", 1] }] },
  "Statement null": { Statement: null },
};

const documents = [
  ...documentCases.map((c) => [c.name, c.document] as const),
  ...Object.entries(extraDocuments),
];

const cases = Object.entries(configs).flatMap(([configName, rawConfig]) =>
  documents.map(([documentName, document]) => ({
    name: `${documentName} (${configName})`,
    document,
    rawConfig,
  })),
);

function inputFor(document: unknown, rawConfig: Record<string, unknown>) {
  const resource = resourceInput({
    type: "aws:apigateway/restApiPolicy:RestApiPolicy",
    urn: "urn:pulumi:dev::app::aws:apigateway/restApiPolicy:RestApiPolicy::p",
    name: "p",
    props: { restApiId: "a1b2c3d4e5", policy: JSON.stringify(document) },
  });
  return { policy: networkPolicyName, config: networkConfig(rawConfig), resource };
}

test.each(cases)("$name", ({ document, rawConfig }) => {
  const input = inputFor(document, rawConfig);
  expect(networkFindings(input)).toEqual(engine.decide(input));
});

test("the benchmark's input is decided restricting by both", () => {
  const input = restApiPolicyInput();
  expect(engine.decide(input)).toEqual([]);
  expect(networkFindings(input)).toEqual([]);
});
