import { restApiPrivate } from "../../policies/pack";
import { Secret } from "@pulumi/policy";
import { props as asSdk, secret, unknown, validateResource } from "./harness";

const restApi = "aws:apigateway/restApi:RestApi";
const native = "aws-native:apigateway:RestApi";

describe("apigateway-rest-api-private", () => {
  test.each([
    ["v7 string", restApi, { endpointConfiguration: { types: "PRIVATE" } }],
    ["older list", restApi, { endpointConfiguration: { types: ["PRIVATE"], vpcEndpointIds: ["vpce-1"] } }],
    ["aws-native list", native, { endpointConfiguration: { types: ["PRIVATE"] } }],
    ["secret endpoint configuration", restApi, { endpointConfiguration: secret({ types: "PRIVATE" }) }],
  ])("PRIVATE passes: %s", async (_name, type, props) => {
    expect(await validateResource(restApiPrivate, type, props)).toEqual([]);
  });

  test.each([
    [
      "no endpointConfiguration (EDGE)",
      restApi,
      {},
      "the endpoint type is EDGE (there is no endpointConfiguration",
    ],
    [
      "REGIONAL string",
      restApi,
      { endpointConfiguration: { types: "REGIONAL" } },
      "the endpoint type is REGIONAL; it must be PRIVATE",
    ],
    [
      "EDGE list",
      native,
      { endpointConfiguration: { types: ["EDGE"] } },
      "the endpoint type is EDGE; it must be PRIVATE",
    ],
  ])("public endpoints are mandatory violations: %s", async (_name, type, props, message) => {
    const reported = await validateResource(restApiPrivate, type, props);
    expect(reported).toHaveLength(1);
    expect(reported[0].enforcementLevel).toBe("mandatory");
    expect(reported[0].message).toContain(message);
  });

  test("an unknown endpoint type is advisory and says it is enforced on update", async () => {
    const reported = await validateResource(restApiPrivate, restApi, {
      endpointConfiguration: { types: unknown },
    });
    expect(reported).toEqual([expect.objectContaining({ enforcementLevel: "advisory" })]);
    expect(reported[0].message).toContain("could not be checked; it is enforced on update");
  });

  test("unknown vpcEndpointIds (endpoints created in the same update) do not hide a known PRIVATE type", async () => {
    const props = { endpointConfiguration: { types: "PRIVATE", vpcEndpointIds: [unknown] } };
    expect(await validateResource(restApiPrivate, restApi, props)).toEqual([]);
  });

  test("a property of an unexpected type is a mandatory violation", async () => {
    const reported = await validateResource(restApiPrivate, restApi, {
      endpointConfiguration: { types: 42 },
    });
    expect(reported).toEqual([expect.objectContaining({ enforcementLevel: "mandatory" })]);
    expect(reported[0].message).toContain("endpointConfiguration.types is of type number");
  });

  test("other resource types are not checked", async () => {
    expect(await validateResource(restApiPrivate, "aws:s3/bucket:Bucket", {})).toEqual([]);
  });

  test.each([
    [
      "v7 string",
      restApi,
      { endpointConfiguration: { types: "EDGE", vpcEndpointIds: [] } },
      { types: "PRIVATE", vpcEndpointIds: [] },
    ],
    ["older list", restApi, { endpointConfiguration: { types: ["REGIONAL"] } }, { types: ["PRIVATE"] }],
    ["missing", restApi, {}, { types: "PRIVATE" }],
    ["aws-native", native, {}, { types: ["PRIVATE"] }],
  ])("remediation sets PRIVATE in the provider's shape: %s", async (_name, type, props, expected) => {
    const remediate = restApiPrivate.remediateResource!;
    const args = { type, urn: "urn:x", name: "api", props: { ...props }, getConfig: () => ({}) };
    const result = (await remediate(args as never)) as Record<string, unknown>;
    expect(result.endpointConfiguration).toEqual(expected);
  });

  test("remediation through the SDK's secret-preserving props keeps other secrets secret", async () => {
    const props = asSdk({ endpointConfiguration: { types: "EDGE" }, policy: secret("{}") }, true);
    const args = { type: restApi, urn: "urn:x", name: "api", props, getConfig: () => ({}) };
    const result = (await restApiPrivate.remediateResource!(args as never)) as Record<string, unknown>;
    // What the SDK serializes: the raw object behind its unknown-checking and secret-preserving proxies.
    const unwrap = (o: unknown) => (o as Record<string, Record<string, unknown>>)["__getSpecialProxyTarget"];
    const raw = unwrap(unwrap(result));
    expect(result.endpointConfiguration).toEqual({ types: "PRIVATE" });
    expect(raw.policy).toBeInstanceOf(Secret);
  });

  test("no remediation for a PRIVATE API", async () => {
    const args = {
      type: restApi,
      urn: "urn:x",
      name: "api",
      props: { endpointConfiguration: { types: "PRIVATE" } },
      getConfig: () => ({}),
    };
    expect(await restApiPrivate.remediateResource!(args as never)).toBeUndefined();
  });
});
