import { unknownCheckingProxy } from "@pulumi/policy";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { resourceInput, type ResourceArgs } from "./input";
import { unproxied } from "./unproxied";

const unknownString = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** The props as @pulumi/policy's Analyze hands them to a policy: deserialized, behind its proxy. */
function asPolicySdkDoes(wire: Record<string, unknown>): Record<string, unknown> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { deserializeProperties } = require("@pulumi/policy/deserialize");
  return unknownCheckingProxy(deserializeProperties(Struct.fromJavaScript(wire as never), false));
}

const args = (props: Record<string, unknown>): ResourceArgs => ({
  type: "aws:apigateway/restApi:RestApi",
  urn: "urn:pulumi:dev::p::t::api",
  name: "api",
  props,
});

const policy = JSON.stringify({
  Statement: [{ Effect: "Allow", Principal: "*", Action: "execute-api:Invoke" }],
});

// Unknowns in documents, in nested objects and in lists: the proxy would throw on reading them.
test.each([
  { policy },
  { policy: unknownString, endpointConfiguration: { types: "PRIVATE" } },
  { body: "openapi: 3.0.1\nx-amazon-apigateway-policy:\n  Statement: []\n", tags: { a: unknownString } },
  { endpointConfiguration: { types: ["PRIVATE"], vpcEndpointIds: [unknownString, "vpce-1"] } },
])("the input read past the proxy is the input read through it (%j)", (wire) => {
  const proxied = asPolicySdkDoes(wire);
  expect(unproxied(proxied)).not.toBe(proxied);
  expect(resourceInput(args(unproxied(proxied)))).toEqual(resourceInput(args(asPolicySdkDoes(wire))));
});

test("props that are not a proxy are read as they are", () => {
  const props = { policy };
  expect(unproxied(props)).toBe(props);
});
