import { Secret, unknownCheckingProxy } from "@pulumi/policy";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { resourceInput, type ResourceArgs } from "./input";

// What @pulumi/policy puts in props for an unknown string (the engine's wire sentinel, proxy.js).
const unknownString = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const restApi = "aws:apigateway/restApi:RestApi";

/** Props exactly as @pulumi/policy's analyze RPC builds them: deserializeProperties, then the unknown proxy. */
function asPolicySdkDoes(wire: Record<string, unknown>): Record<string, unknown> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { deserializeProperties } = require("@pulumi/policy/deserialize");
  return unknownCheckingProxy(deserializeProperties(Struct.fromJavaScript(wire as never), false));
}

function input(props: Record<string, unknown>, type = restApi, extra: Partial<ResourceArgs> = {}) {
  return resourceInput({ type, urn: "urn:pulumi:dev::p::t::api", name: "api", props, ...extra });
}

const policy = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: "*", Action: "execute-api:Invoke" }],
};

describe("resourceInput", () => {
  test.each([
    ["a known string", { name: "x" }, { name: "x" }, []],
    ["an unknown top-level value", { policy: unknownString }, { policy: null }, ["policy"]],
    [
      "an unknown nested value",
      { endpointConfiguration: { types: unknownString } },
      { endpointConfiguration: { types: null } },
      ["endpointConfiguration.types"],
    ],
    [
      "an unknown list element",
      { binaryMediaTypes: ["a", unknownString] },
      { binaryMediaTypes: ["a", null] },
      ["binaryMediaTypes.1"],
    ],
    [
      "a secret in wire form",
      { policy: { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: "{}" } },
      { policy: "{}" },
      [],
    ],
  ])("through the SDK's deserializer: %s", (_name, wire, props, unknowns) => {
    const result = input(asPolicySdkDoes(wire));
    expect(result.props).toEqual(props);
    expect(result.unknowns).toEqual(unknowns);
  });

  test("unwraps Secret instances (remediation's secrets-preserving form)", () => {
    expect(input({ policy: new Secret(JSON.stringify(policy)) }).documents.policy).toEqual({
      state: "parsed",
      value: policy,
    });
  });

  test("a secret known only as ciphertext is unknown", () => {
    const sealed = {
      "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
      ciphertext: "v1:abc",
    };
    expect(input({ policy: sealed })).toMatchObject({
      props: { policy: null },
      unknowns: ["policy"],
      documents: { policy: { state: "unknown" } },
    });
  });

  test.each([
    ["absent", {}, { state: "absent" }],
    ["empty", { policy: "" }, { state: "absent" }],
    ["unknown", { policy: unknownString }, { state: "unknown" }],
    ["JSON text", { policy: JSON.stringify(policy) }, { state: "parsed", value: policy }],
    ["an object (aws-native)", { policy }, { state: "parsed", value: policy }],
    ["not JSON", { policy: "{'Version': 1}" }, { state: "invalid" }],
    ["YAML is not accepted for a policy", { policy: "Version: 1" }, { state: "invalid" }],
    [
      "a number",
      { policy: 7 },
      { state: "wrong_type", error: "it is a number, not a JSON string or an object" },
    ],
  ])("policy property: %s", (_name, props, expected) => {
    expect(input(asPolicySdkDoes(props)).documents.policy).toMatchObject(expected);
  });

  test.each([
    ["OpenAPI as JSON", JSON.stringify({ openapi: "3.0.1", "x-amazon-apigateway-policy": policy }), "parsed"],
    ["OpenAPI as YAML", "openapi: 3.0.1\nx-amazon-apigateway-policy:\n  Version: '2012-10-17'\n", "parsed"],
    ["neither", "openapi: [3.0.1\n  - {", "invalid"],
  ])("body property: %s", (_name, body, state) => {
    expect(input({ body }).documents.body.state).toBe(state);
  });

  test("documents are parsed only for the types that carry policies", () => {
    expect(input({ policy: "{}" }, "aws:ec2/vpc:Vpc").documents).toEqual({});
    expect(Object.keys(input({}, "aws:apigateway/restApiPolicy:RestApiPolicy").documents)).toEqual([
      "policy",
    ]);
  });

  test("property dependencies become URN lists", () => {
    const deps = { restApiId: [{ urn: "urn:a" }, { urn: "urn:b" }] };
    expect(input({}, restApi, { propertyDependencies: deps }).dependencies).toEqual({
      restApiId: ["urn:a", "urn:b"],
    });
  });

  test("a value that is not JSON is an error, not silently dropped", () => {
    expect(() => input({ handler: () => 1 })).toThrow("handler holds a function");
  });
});
