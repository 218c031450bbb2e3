import { readFileSync } from "node:fs";
import { resourcePolicy, stackPolicy } from "../../policies/definitions";
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
