import { Secret, unknownCheckingProxy } from "@pulumi/policy";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { resourceInput, type ResourceArgs } from "./input";
import { createResourceInputCache } from "./resourceInputCache";

const unknownString = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const restApi = "aws:apigateway/restApi:RestApi";

/** A fresh copy of the props for every call, as @pulumi/policy's Analyze builds them for every policy. */
function asPolicySdkDoes(wire: Record<string, unknown>): Record<string, unknown> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { deserializeProperties } = require("@pulumi/policy/deserialize");
  return unknownCheckingProxy(deserializeProperties(Struct.fromJavaScript(wire as never), false));
}

const args = (wire: Record<string, unknown>, extra: Partial<ResourceArgs> = {}): ResourceArgs => ({
  type: restApi,
  urn: "urn:pulumi:dev::p::t::api",
  name: "api",
  props: asPolicySdkDoes(wire),
  ...extra,
});

const policy = JSON.stringify({
  Statement: [{ Effect: "Allow", Principal: "*", Action: "execute-api:Invoke" }],
});
const wires: Record<string, unknown>[] = [
  { policy },
  { policy: unknownString, endpointConfiguration: { types: "PRIVATE" } },
  { body: "openapi: 3.0.1\nx-amazon-apigateway-policy:\n  Statement: []\n", tags: { a: unknownString } },
  { endpointConfiguration: { types: ["PRIVATE"], vpcEndpointIds: [unknownString, "vpce-1"] } },
];

describe("the resource input cache", () => {
  test.each(wires)(
    "builds the input the proxy-reading resourceInput builds, once per resource (%j)",
    (wire) => {
      const cache = createResourceInputCache();
      const first = cache.inputOf(args(wire));
      expect(first).toEqual(resourceInput(args(wire)));
      expect(cache.inputOf(args(wire))).toBe(first);
    },
  );

  test.each([
    ["another URN", {}, { urn: "urn:pulumi:dev::p::t::other" }],
    ["another name", {}, { name: "other" }],
    ["another type", {}, { type: "aws-native:apigateway:RestApi" }],
    ["other properties", { endpointConfiguration: { types: "EDGE" } }, {}],
  ])("does not share the input of a resource with %s", (_, wire, extra) => {
    const cache = createResourceInputCache();
    const base = { endpointConfiguration: { types: "PRIVATE" } };
    const first = cache.inputOf(args(base));
    const other = cache.inputOf(args({ ...base, ...wire }, extra));
    expect(other).not.toBe(first);
    expect(other).toEqual(resourceInput(args({ ...base, ...wire }, extra)));
  });

  test("does not cache properties whose JSON text loses information (a Secret instance)", () => {
    const cache = createResourceInputCache();
    const withSecret = (): ResourceArgs => ({ ...args({}), props: { policy: new Secret(policy) } });
    const first = cache.inputOf(withSecret());
    expect(first.documents.policy.state).toBe("parsed");
    expect(cache.inputOf(withSecret())).not.toBe(first);
    expect(cache.inputOf({ ...args({}), props: { policy: { value: policy } } }).documents.policy.state).toBe(
      "parsed",
    );
  });

  test("keeps at most its capacity, dropping the oldest first", () => {
    const cache = createResourceInputCache(2);
    const named = (name: string) => args({}, { name });
    const a = cache.inputOf(named("a"));
    cache.inputOf(named("b"));
    expect(cache.inputOf(named("a"))).toBe(a);
    cache.inputOf(named("c"));
    expect(cache.inputOf(named("a"))).not.toBe(a);
  });
});
