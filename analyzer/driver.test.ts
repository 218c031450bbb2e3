/** The driver against the pure-TypeScript fixture pack: every RPC, wire forms, configuration, failures. */
import * as path from "node:path";
import { PolicyPackError, start, type PolicyPackSession } from "./driver";
import type { AnalyzedResource } from "./types";
import { secret, unknownValue, type WireObject } from "./wire";

const fixtures = path.join(__dirname, "..", "tests", "guard", "fixtures");
const restApiType = "aws:apigateway/restApi:RestApi";

function resource(
  type: string,
  name: string,
  inputs: WireObject,
  extra: Partial<AnalyzedResource> = {},
): AnalyzedResource {
  const urn = `urn:pulumi:dev::driver-test::${type}::${name}`;
  return { type, name, urn, inputs, outputs: inputs, dependencies: [], propertyDependencies: {}, ...extra };
}

let session: PolicyPackSession;
beforeAll(async () => {
  session = await start(path.join(fixtures, "pack"));
}, 180_000);
afterAll(() => session?.stop());

test("GetAnalyzerInfo describes the pack and its policies", async () => {
  const info = await session.info();
  expect([info.name, info.version, info.supportsConfig]).toEqual(["fixture-pack", "1.2.3", true]);
  expect(info.policies.map((policy) => [policy.name, policy.kind, policy.enforcementLevel])).toEqual([
    ["rest-api-private", "resource", "mandatory"],
    ["rest-api-has-policy", "stack", "advisory"],
    ["secret-and-unknown-echo", "resource", "advisory"],
    ["widget-blue", "resource", "advisory"],
    ["explodes-on-request", "resource", "advisory"],
  ]);
  expect(info.policies[1].configSchema?.properties).toEqual({
    allowUnrestricted: { type: "boolean", default: false },
  });
});

const analyzeCases: Array<[string, AnalyzedResource, Array<[string, string, string]>]> = [
  [
    "an EDGE API is blamed",
    resource(restApiType, "edge", { endpointConfiguration: { types: "EDGE" } }),
    [
      [
        "rest-api-private",
        "mandatory",
        'REST APIs must use the PRIVATE endpoint type.\nendpoint types are "EDGE"',
      ],
    ],
  ],
  [
    "a PRIVATE API passes",
    resource(restApiType, "private", { endpointConfiguration: { types: ["PRIVATE"] } }),
    [],
  ],
  [
    "secrets arrive unwrapped",
    resource("aws:s3/bucket:Bucket", "b", { tags: { owner: secret("team-a") } }),
    [
      [
        "secret-and-unknown-echo",
        "advisory",
        'Reports what it sees of secret and unknown tags, to prove how values travel.\ntags: {"owner":"team-a"}',
      ],
    ],
  ],
  [
    "unknowns arrive as unknowns",
    resource("aws:s3/bucket:Bucket", "u", { tags: { arn: unknownValue } }),
    [
      [
        "secret-and-unknown-echo",
        "advisory",
        "can't run policy 'secret-and-unknown-echo' from policy pack 'fixture-pack@v1.2.3' during preview: string value at .tags.arn can't be known during preview",
      ],
    ],
  ],
];

test.each(analyzeCases)("Analyze: %s", async (_name, subject, expected) => {
  const result = await session.analyze(subject);
  expect(result.diagnostics.map((d) => [d.policyName, d.enforcementLevel, d.message])).toEqual(expected);
});

describe("AnalyzeStack and Configure", () => {
  const api = resource(restApiType, "api", { endpointConfiguration: { types: "PRIVATE" } });
  const linkedPolicy = resource(
    "aws:apigateway/restApiPolicy:RestApiPolicy",
    "api-policy",
    { restApiId: "abc", policy: "{}" },
    {
      dependencies: [api.urn],
      propertyDependencies: { restApiId: [api.urn] },
    },
  );

  const cases: Array<
    [string, Record<string, unknown> | undefined, AnalyzedResource[], Array<[string, string | undefined]>]
  > = [
    ["an API without policy is blamed by URN", undefined, [api], [["advisory", api.urn]]],
    ["a RestApiPolicy linked by property dependency satisfies it", undefined, [api, linkedPolicy], []],
    [
      "configured levels apply",
      { enforcementLevel: "mandatory", properties: { allowUnrestricted: false } },
      [api],
      [["mandatory", api.urn]],
    ],
    [
      "configured properties apply",
      { enforcementLevel: "advisory", properties: { allowUnrestricted: true } },
      [api],
      [],
    ],
  ];

  test.each(cases)("%s", async (_name, config, resources, expected) => {
    if (config) await session.configure({ "rest-api-has-policy": config as never });
    try {
      const result = await session.analyzeStack(resources);
      expect(result.diagnostics.map((d) => [d.enforcementLevel, d.urn])).toEqual(expected);
    } finally {
      await session.configure({});
    }
  });
});

describe("Remediate", () => {
  const widget = resource("test:index:Widget", "w", { color: "red", size: 3 });
  const cases: Array<[string, "advisory" | "remediate", Array<[string, unknown]>]> = [
    ["does nothing below the remediate level", "advisory", []],
    [
      "returns the remediated properties at the remediate level",
      "remediate",
      [["widget-blue", { color: "blue", size: 3 }]],
    ],
  ];

  test.each(cases)("%s", async (_name, level, expected) => {
    await session.configure({ "widget-blue": { enforcementLevel: level, properties: {} } });
    try {
      const result = await session.remediate(widget);
      expect(result.remediations.map((r) => [r.policyName, r.properties])).toEqual(expected);
    } finally {
      await session.configure({});
    }
  });
});

test("ConfigureStack is accepted", async () => {
  await expect(
    session.configureStack({ project: "p", stack: "s", dryRun: true, tags: { team: "a" } }),
  ).resolves.toBeUndefined();
});

test("a policy that throws fails the call with the pack's explanation", async () => {
  const call = session.analyze(resource("test:index:Explode", "boom", {}));
  await expect(call).rejects.toThrow(PolicyPackError);
  await expect(session.analyze(resource("test:index:Explode", "boom", {}))).rejects.toThrow(
    "policy exploded as asked",
  );
});

const startFailures: Array<[string, string, Parameters<typeof start>[1], string]> = [
  ["a pack that throws while loading, with its own error", "broken-pack", {}, "this pack cannot load"],
  ["a pack slower than its startup timeout", "pack", { startupTimeoutMs: 50 }, "did not serve within 50 ms"],
  [
    "an aborted start",
    "pack",
    { signal: AbortSignal.abort() },
    "the policy pack exited (SIGKILL) before serving",
  ],
];

test.each(startFailures)(
  "start rejects %s",
  async (_name, dir, options, message) => {
    const failure = start(path.join(fixtures, dir), options).then(
      () => undefined,
      (error: unknown) => error,
    );
    const error = await failure;
    expect(error).toBeInstanceOf(PolicyPackError);
    expect((error as Error).message).toContain(message);
  },
  120_000,
);
