import { readFileSync } from "node:fs";
import { resourcePolicy, stackPolicy } from "../../policies/definitions";
import { resourcePolicyRestrictsNetwork } from "../../policies/pack";
import { createEngine, modulePath } from "../../policies/engine";
import { validateResource, validateStack } from "./harness";

const input = {
  policy: "apigateway-rest-api-private",
  config: {},
  resource: { type: "aws:apigateway/restApi:RestApi", props: {} },
};

describe("the engine fails closed", () => {
  test.each([
    [
      "a module that is not WebAssembly",
      { loadModule: () => Buffer.from("not wasm") },
      input,
      "policy evaluation failed",
    ],
    ["a missing module", { loadModule: () => readFileSync("/nonexistent/policy.wasm") }, input, "ENOENT"],
    [
      "memory exhausted",
      { maximumPages: 6 },
      { ...input, padding: "x".repeat(2 * 1024 * 1024) },
      "policy evaluation failed",
    ],
    [
      "a policy name the module has no decision for",
      {},
      { ...input, policy: "no-such-policy" },
      "the decision is undefined",
    ],
  ])("%s becomes an error finding", (_name, options, request, message) => {
    const findings = createEngine(options).decide(request);
    expect(findings).toEqual([{ kind: "error", message: expect.stringContaining(message) }]);
  });

  test("after a failure the next decision loads a fresh instance", () => {
    const engine = createEngine({ maximumPages: 6 });
    expect(engine.decide({ ...input, padding: "x".repeat(2 * 1024 * 1024) })[0].kind).toBe("error");
    expect(engine.decide(input)).toEqual([expect.objectContaining({ kind: "violation" })]);
  });

  test("the shipped module exists", () => {
    expect(readFileSync(modulePath).subarray(0, 4)).toEqual(Buffer.from([0, 0x61, 0x73, 0x6d]));
  });
});

describe("a policy whose METADATA cannot be read", () => {
  test("rejects every resource with a mandatory violation naming the problem", async () => {
    const policy = resourcePolicy("no-such-policy");
    const reported = await validateResource(policy, "aws:s3/bucket:Bucket", {});
    expect(reported).toEqual([expect.objectContaining({ enforcementLevel: "mandatory" })]);
    expect(reported[0].message).toContain("no METADATA with title no-such-policy");
  });

  test("rejects the stack with a mandatory violation", async () => {
    const reported = await validateStack(stackPolicy("no-such-stack-policy"), []);
    expect(reported).toEqual([expect.objectContaining({ enforcementLevel: "mandatory" })]);
  });
});

/**
 * The module is built in OPA's default mode, where a builtin's error makes its expression undefined
 * instead of failing the evaluation (compiler/README.md). A rule that let a malformed value reach a
 * builtin would then go quiet, so the Rego checks each value before calling a builtin on it: these are
 * the values that would make the builtins fail, and each still ends in a mandatory violation, or, for an
 * Allow, in a statement that grants nothing.
 */
describe("a document whose values would make a builtin fail", () => {
  const restApi = "aws:apigateway/restApi:RestApi";
  const allow = (extra: object) => ({
    Effect: "Allow",
    Principal: "*",
    Action: "execute-api:Invoke",
    Resource: "execute-api:/*",
    ...extra,
  });
  const deny = (condition: object) => ({ ...allow({ Condition: condition }), Effect: "Deny" });
  const sourceIp = (value: unknown) => ({ "aws:VpcSourceIp": value });

  test.each([
    // JSON is parsed before Rego sees it (no json.unmarshal to fail there).
    {
      name: "not JSON",
      text: '{"Statement": [}',
      level: "mandatory",
      mentions: "is malformed: not valid JSON",
    },
    // split and glob.match take strings only.
    {
      name: "an Action of type number",
      doc: [allow({ Action: [1] })],
      level: "mandatory",
      mentions: "element of type number",
    },
    {
      name: "an Action without a service",
      doc: [allow({ Action: "invoke" })],
      level: "mandatory",
      mentions: "not a service:action pattern",
    },
    {
      name: "a Resource object",
      doc: [allow({ Resource: { a: 1 } })],
      level: "mandatory",
      mentions: "Resource must be a string",
    },
    // net.cidr_contains and to_number fail on these.
    {
      name: "an address of type number",
      doc: [allow({ Condition: { IpAddress: sourceIp(42) } })],
      level: "mandatory",
      mentions: "value of type number for aws:VpcSourceIp",
    },
    {
      name: "a Deny on a prefix of letters",
      doc: [allow({}), deny({ NotIpAddress: sourceIp("10.0.0.0/abc") })],
      level: "mandatory",
      mentions: "from any network",
    },
    {
      name: "a Deny on an octet of 300",
      doc: [allow({}), deny({ NotIpAddress: sourceIp("300.1.1.1/8") })],
      level: "mandatory",
      mentions: "from any network",
    },
    {
      name: "a Deny on two prefixes",
      doc: [allow({}), deny({ NotIpAddress: sourceIp("10.0.0.0/8/8") })],
      level: "mandatory",
      mentions: "from any network",
    },
    {
      name: "a Deny on two '::'",
      doc: [allow({}), deny({ NotIpAddress: sourceIp("1::2::3/64") })],
      level: "mandatory",
      mentions: "from any network",
    },
    {
      name: "an Allow on a prefix of letters",
      doc: [allow({ Condition: { IpAddress: sourceIp("10.0.0.0/abc") } })],
      level: "advisory",
      mentions: "can never apply",
    },
  ])("$name: $level", async ({ text, doc, level, mentions }) => {
    const policy = text ?? JSON.stringify({ Version: "2012-10-17", Statement: doc });
    const reported = await validateResource(resourcePolicyRestrictsNetwork, restApi, { policy });
    expect(reported.map((r) => r.enforcementLevel)).toEqual([level]);
    expect(reported[0].message).toContain(mentions);
  });
});
