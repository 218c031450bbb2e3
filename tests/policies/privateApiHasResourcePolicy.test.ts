import { privateApiHasResourcePolicy as policy } from "../../policies/pack";
import { unknown, urnOf, validateStack, type StackResource } from "./harness";

/** AWS's private API example: keeps out every caller, whatever the methods' authorization. */
const restricting = JSON.stringify({
  Statement: [
    {
      Effect: "Deny",
      Principal: "*",
      Action: "execute-api:Invoke",
      Resource: "execute-api:/*",
      Condition: { StringNotEquals: { "aws:SourceVpce": "vpce-1" } },
    },
    { Effect: "Allow", Principal: "*", Action: "execute-api:Invoke", Resource: "execute-api:/*" },
  ],
});
/** Keeps out unauthenticated callers only: callers of AWS_IAM methods or authorizers need no Allow. */
const allowFromEndpoint = JSON.stringify({
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

const api = (props: Record<string, unknown> = {}): StackResource => ({
  type: "aws:apigateway/restApi:RestApi",
  name: "api",
  props: {
    endpointConfiguration: { types: "PRIVATE" },
    arn: "arn:aws:apigateway:us-east-1::/restapis/a1b2c3",
    ...props,
  },
});
const apiPolicy = (props: Record<string, unknown>, dependsOn?: Record<string, string[]>): StackResource => ({
  type: "aws:apigateway/restApiPolicy:RestApiPolicy",
  name: "api-policy",
  props,
  dependsOn,
});

describe("apigateway-private-api-has-resource-policy", () => {
  test.each([
    ["inline policy", [api({ policy: restricting })]],
    [
      "policy in the OpenAPI body",
      [api({ body: JSON.stringify({ "x-amazon-apigateway-policy": JSON.parse(restricting) }) })],
    ],
    [
      "RestApiPolicy linked by dependency (restApiId unknown in preview)",
      [api(), apiPolicy({ restApiId: unknown, policy: restricting }, { restApiId: ["api"] })],
    ],
    ["RestApiPolicy linked by id", [api(), apiPolicy({ restApiId: "a1b2c3", policy: restricting })]],
    [
      "a REGIONAL API is judged by apigateway-rest-api-private, not here",
      [api({ endpointConfiguration: { types: "REGIONAL" } })],
    ],
  ])("passes: %s", async (_name, resources) => {
    expect(await validateStack(policy, resources)).toEqual([]);
  });

  test.each([
    ["no policy anywhere", [api()], "has no resource policy: no policy property"],
    [
      "a RestApiPolicy for another API",
      [api(), apiPolicy({ restApiId: "zzz999", policy: restricting })],
      "has no resource policy",
    ],
    [
      "only an open policy",
      [api(), apiPolicy({ restApiId: "a1b2c3", policy: open })],
      "has no resource policy that keeps outside networks out",
    ],
  ])("mandatory violation on the API: %s", async (_name, resources, message) => {
    const reported = await validateStack(policy, resources);
    expect(reported).toEqual([expect.objectContaining({ enforcementLevel: "mandatory", urn: urnOf(api()) })]);
    expect(reported[0].message).toContain(message);
  });

  test.each([
    [
      "a RestApiPolicy whose target is unknown",
      [api(), apiPolicy({ restApiId: unknown, policy: restricting })],
    ],
    ["an unknown inline policy", [api({ policy: unknown })]],
    ["an unknown endpoint type", [api({ endpointConfiguration: unknown })]],
  ])("advisory during preview: %s", async (_name, resources) => {
    const reported = await validateStack(policy, resources);
    expect(reported.map((r) => r.enforcementLevel)).toEqual(["advisory"]);
    expect(reported[0].message).toContain("enforced on update");
  });

  const method = (authorization: string): StackResource => ({
    type: "aws:apigateway/method:Method",
    name: `method-${authorization}`,
    props: { restApi: unknown, resourceId: "r1", httpMethod: "GET", authorization },
    dependsOn: { restApi: ["api"] },
  });

  test("an Allow with a network condition passes when every method uses NONE", async () => {
    expect(await validateStack(policy, [api({ policy: allowFromEndpoint }), method("NONE")])).toEqual([]);
  });

  test.each(["AWS_IAM", "CUSTOM", "COGNITO_USER_POOLS"])(
    "an Allow with a network condition is blocked when a method uses %s, naming the Deny to add",
    async (authorization) => {
      const reported = await validateStack(policy, [
        api({ policy: allowFromEndpoint }),
        method("NONE"),
        method(authorization),
      ]);
      expect(reported).toEqual([
        expect.objectContaining({ enforcementLevel: "mandatory", urn: urnOf(api()) }),
      ]);
      expect(reported[0].message).toContain(
        `its methods use ${authorization === "AWS_IAM" ? "AWS_IAM, NONE" : `${authorization}, NONE`}`,
      );
      expect(reported[0].message).toContain('"Effect":"Deny","Principal":"*","Resource":"execute-api:/*"');
    },
  );

  test("an Allow with a network condition is blocked when no method is in the stack", async () => {
    const reported = await validateStack(policy, [api({ policy: allowFromEndpoint })]);
    expect(reported.map((r) => r.enforcementLevel)).toEqual(["mandatory"]);
    expect(reported[0].message).toContain("no method of it is in the stack");
  });

  test("a method whose authorization is not known during preview is advisory", async () => {
    const reported = await validateStack(policy, [api({ policy: allowFromEndpoint }), method(unknown)]);
    expect(reported.map((r) => r.enforcementLevel)).toEqual(["advisory"]);
    expect(reported[0].message).toContain("enforced on update");
  });

  test("configuration applies: a policy using an unlisted endpoint does not count", async () => {
    const reported = await validateStack(policy, [api({ policy: restricting })], {
      allowedVpcEndpointIds: ["vpce-2"],
    });
    expect(reported.map((r) => r.enforcementLevel)).toEqual(["mandatory"]);
  });
});
