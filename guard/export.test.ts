import * as fs from "node:fs";
import * as path from "node:path";
import { secret, unknownValue } from "../analyzer/wire";
import {
  api,
  encrypted,
  plaintextSecret,
  privateApiProperties,
  providerReference,
  regionalOpenApiProperties,
  resource,
  restApiType,
  stackExport,
  urnOf,
} from "../tests/guard/exportBuilder";
import { maxPropertyDepth } from "./audit/values";
import { UsageError } from "./errors";
import { parseStackExport } from "./export";

const exportsDir = path.join(__dirname, "..", "tests", "guard", "fixtures", "exports");
const read = (name: string) => fs.readFileSync(path.join(exportsDir, name));
const parse = (document: unknown) => parseStackExport(JSON.stringify(document), "x.json");
const byName = (document: unknown) => new Map(parse(document).resources.map((r) => [r.name, r]));

describe("a compliant export", () => {
  const parsed = parseStackExport(read("compliant.json"), "compliant.json", "file:///exports/compliant.json");
  const resources = new Map(parsed.resources.map((resource) => [resource.name, resource]));

  test("names project and stack from the URNs", () => {
    expect([parsed.project, parsed.stack]).toEqual(["orders", "prod"]);
  });

  test("keeps the RestApiPolicy's property dependencies on its RestApi", () => {
    const policy = resources.get("orders-api-policy")!;
    expect(policy.propertyDependencies.restApiId).toEqual([resources.get("orders-api")!.urn]);
    expect(policy.parent).toBe(resources.get("orders-prod")!.urn);
  });

  test("resolves provider references to the provider's inputs", () => {
    const api = resources.get("orders-api")!;
    expect(api.provider).toMatchObject({ type: "pulumi:providers:aws", name: "default_7_48_0" });
    expect(api.provider!.properties.region).toBe("eu-west-1");
  });

  test("points each resource at its line in the export", () => {
    const api = resources.get("orders-api")!;
    const line = read("compliant.json").toString("utf8").split("\n")[api.sourcePosition!.line - 1];
    expect(line).toContain(`"urn": "${api.urn}"`);
  });
});

describe("what is judged", () => {
  test("the outputs, as both the Analyze and the AnalyzeStack properties; the inputs beside, as the program", () => {
    const drifted = resource(restApiType, "api", {
      inputs: privateApiProperties("api"),
      outputs: regionalOpenApiProperties("api"),
    });
    const judged = byName(stackExport([drifted])).get("api")!;
    expect(judged.judgedFrom).toBe("outputs");
    expect(judged.inputs).toEqual(regionalOpenApiProperties("api"));
    expect(judged.outputs).toBe(judged.inputs);
    expect(judged.program!.inputs).toEqual(privateApiProperties("api"));
  });

  test("the inputs, whole, only when there are no outputs at all; then there is no program view", () => {
    for (const outputs of [undefined, {}]) {
      const judged = byName(
        stackExport([resource(restApiType, "api", { inputs: privateApiProperties("api"), outputs })]),
      ).get("api")!;
      expect(judged.judgedFrom).toBe("inputs");
      expect(judged.inputs).toEqual(privateApiProperties("api"));
      expect(judged.program).toBeUndefined();
    }
  });

  test("outputs missing a property are not completed from the inputs", () => {
    const { policy: _deleted, ...withoutPolicy } = privateApiProperties("api");
    const judged = byName(
      stackExport([
        resource(restApiType, "api", { inputs: privateApiProperties("api"), outputs: withoutPolicy }),
      ]),
    ).get("api")!;
    expect(judged.inputs.policy).toBeUndefined();
  });

  test("an outputs-only resource (read or imported) is judged from its outputs", () => {
    const judged = byName(
      stackExport([resource(restApiType, "api", { outputs: privateApiProperties("api") })]),
    ).get("api")!;
    expect([judged.judgedFrom, judged.inputs.endpointConfiguration]).toEqual([
      "outputs",
      { types: "PRIVATE", vpcEndpointIds: ["vpce-0123abcd4567ef890"] },
    ]);
  });

  test("external resources are judged, marked, and have no program view", () => {
    const judged = byName(stackExport([api("api", privateApiProperties("api"), { external: true })])).get(
      "api",
    )!;
    expect([judged.external, judged.program]).toEqual([true, undefined]);
  });

  test("a resource pending deletion and its replacement are both judged", () => {
    const old = api("api", regionalOpenApiProperties("api"), { delete: true });
    const replacement = api("api", privateApiProperties("api"));
    const parsed = parse(stackExport([old, replacement]));
    expect(parsed.resources.filter((r) => r.name === "api").map((r) => r.pendingDeletion)).toEqual([
      true,
      false,
    ]);
  });

  test("pending operations are kept", () => {
    const pending = { resource: api("new-api", privateApiProperties("new-api")), type: "creating" };
    expect(
      parse(stackExport([], { deployment: { pending_operations: [pending] } })).pendingOperations,
    ).toEqual([{ urn: urnOf(restApiType, "new-api"), type: restApiType, operation: "creating" }]);
  });

  test("an export without resources is an empty stack", () => {
    expect(parse({ version: 3, deployment: {} })).toEqual({
      project: "",
      stack: "",
      resources: [],
      pendingOperations: [],
    });
  });
});

describe("values", () => {
  const judgedWith = (outputs: Record<string, unknown>) =>
    byName(stackExport([resource(restApiType, "api", { outputs })])).get("api")!;

  test("an encrypted secret is unreadable and reaches the pack as an unknown secret", () => {
    const judged = judgedWith({ policy: encrypted(), tags: { owner: encrypted() } });
    expect(judged.inputs).toEqual({ policy: secret(unknownValue), tags: { owner: secret(unknownValue) } });
    expect(judged.unreadable).toEqual([
      { property: "policy", reason: "encrypted" },
      { property: "tags.owner", reason: "encrypted" },
    ]);
  });

  test("a plaintext secret from --show-secrets is read", () => {
    const judged = judgedWith({ tags: plaintextSecret({ a: "b" }) });
    expect([judged.inputs.tags, judged.unreadable]).toEqual([secret({ a: "b" }), []]);
  });

  test.each([
    ["the wire unknown", "04da6b54-80e4-46f7-96ec-b56ff0331ba9"],
    ["the unknown object sentinel", "dd056dcd-154b-4c76-9bd3-c8f88648b5ff"],
  ])("%s is unreadable", (_name, sentinel) => {
    expect(judgedWith({ policy: sentinel }).unreadable).toEqual([{ property: "policy", reason: "unknown" }]);
  });

  test("a byte string is decoded; NaN is unreadable", () => {
    const judged = judgedWith({
      description: { "4dabf18193072939515e22adb298388d": "803fd3297a5875dc03ca845dda5d2a98", value: "aGk=" },
      minimumCompressionSize: {
        "4dabf18193072939515e22adb298388d": "8ad145fe-0d11-4827-bfd7-1abcbf086f5c",
        value: "7ff8000000000001",
      },
    });
    expect(judged.inputs.description).toBe("hi");
    expect(judged.unreadable).toEqual([
      { property: "minimumCompressionSize", reason: "not-a-finite-number" },
    ]);
  });

  test(`properties nested ${maxPropertyDepth} levels deep are read`, () => {
    let value: unknown = "x";
    for (let level = 1; level < maxPropertyDepth; level++) value = { a: value };
    expect(judgedWith(value as Record<string, unknown>).unreadable).toEqual([]);
  });
});

describe("encodings", () => {
  const text = JSON.stringify(stackExport([api("api", privateApiProperties("api"))]));
  const plain = parseStackExport(Buffer.from(text), "x.json");
  const utf16be = (value: string) => Buffer.from(value, "utf16le").swap16();

  test.each([
    ["a UTF-8 byte-order mark", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])],
    [
      "UTF-16 LE with a byte-order mark",
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]),
    ],
    ["UTF-16 BE with a byte-order mark", Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(text)])],
    ["a byte-order mark in text from stdin", `\uFEFF${text}`],
  ])("%s reads as the same export", (_name, bytes) => {
    expect(parseStackExport(bytes, "x.json")).toEqual(plain);
  });

  test("version 4 with the features Pulumi writes is read", () => {
    const v4 = stackExport([api("api", privateApiProperties("api"), { refreshBeforeUpdate: true })], {
      version: 4,
      features: ["refreshBeforeUpdate"],
    });
    expect(parse(v4).resources.map((r) => r.name)).toContain("api");
  });
});

const deep = (levels: number) => {
  let value: unknown = "x";
  for (let level = 0; level < levels; level++) value = { a: value };
  return value;
};
/** Nesting as text: JSON.stringify itself overflows the stack a few thousand levels down. */
const deepText = (levels: number) => '{"a":'.repeat(levels) + '"x"' + "}".repeat(levels);
const valid = () => stackExport([api("api", privateApiProperties("api"))]);
const withApi = (change: (api: Record<string, unknown>) => void) => {
  const document = valid();
  change(document.deployment.resources[2] as Record<string, unknown>);
  return JSON.stringify(document);
};

/** Exports guard refuses, with the message (the JSON path of the first problem). */
const rejected: Array<[string, string | Buffer, string]> = [
  ["truncated JSON", '{"version": 3, "deployment": {"resources": [\n', "x.json is not valid JSON"],
  ["an empty file", "", "x.json is not valid JSON"],
  ["not an object", "[]", "x.json: the export is an array, not an object from `pulumi stack export`"],
  ["null", "null", "x.json: the export is null, not an object"],
  ["version 3 alone", '{"version": 3}', "x.json: deployment: missing (an object)"],
  [
    "no version",
    '{"deployment": {}}',
    "x.json: version: missing (an export of `pulumi stack export` has version 3 or 4)",
  ],
  [
    "version 2",
    read("version2.json"),
    "x.json: version: number 2 is not a deployment version guard reads (3 or 4)",
  ],
  [
    "version 5",
    '{"version": 5, "deployment": {}}',
    "version: number 5 is not a deployment version guard reads",
  ],
  [
    "version as a string",
    '{"version": "3", "deployment": {}}',
    'version: the string "3" is not a deployment version',
  ],
  [
    "an unknown version 4 feature",
    '{"version": 4, "features": ["teleport"], "deployment": {}}',
    'features[0]: "teleport" is a feature guard does not know how to read',
  ],
  [
    "features not a list",
    '{"version": 4, "features": "views", "deployment": {}}',
    'x.json: features: is the string "views", not an array',
  ],
  ["deployment null", '{"version": 3, "deployment": null}', "deployment: is null, not an object"],
  ["deployment a list", '{"version": 3, "deployment": []}', "deployment: is an array, not an object"],
  [
    "resources null",
    '{"version": 3, "deployment": {"resources": null}}',
    "deployment.resources: is null, not an array",
  ],
  [
    "resources an object",
    '{"version": 3, "deployment": {"resources": {}}}',
    "deployment.resources: is an object, not an array",
  ],
  [
    "a null entry",
    '{"version": 3, "deployment": {"resources": [null]}}',
    "deployment.resources[0]: is null, not an object",
  ],
  [
    "a string entry",
    '{"version": 3, "deployment": {"resources": ["urn"]}}',
    'deployment.resources[0]: is the string "urn", not an object',
  ],
  [
    "an entry without URN",
    '{"version":3,"deployment":{"resources":[{"type":"t"}]}}',
    "deployment.resources[0].urn: missing (a non-empty string)",
  ],
  [
    "a URN that is a number",
    withApi((r) => (r.urn = 7)),
    "deployment.resources[2].urn: is number 7, not a non-empty string",
  ],
  [
    "a URN that is no URN",
    withApi((r) => (r.urn = "arn:aws:x")),
    'deployment.resources[2].urn: "arn:aws:x" is not a Pulumi URN',
  ],
  [
    "an entry without type",
    withApi((r) => delete r.type),
    "deployment.resources[2].type: missing (a non-empty string)",
  ],
  [
    "a type the URN contradicts",
    withApi((r) => (r.type = "aws:s3/bucket:Bucket")),
    'deployment.resources[2].type: "aws:s3/bucket:Bucket" is not the type its URN names',
  ],
  [
    "outputs null",
    withApi((r) => (r.outputs = null)),
    "deployment.resources[2].outputs: is null, not an object",
  ],
  [
    "inputs a string",
    withApi((r) => (r.inputs = "{}")),
    'deployment.resources[2].inputs: is the string "{}", not an object',
  ],
  [
    "delete as a string",
    withApi((r) => (r.delete = "true")),
    'deployment.resources[2].delete: is the string "true", not true or false',
  ],
  [
    "external as a number",
    withApi((r) => (r.external = 1)),
    "deployment.resources[2].external: is number 1, not true or false",
  ],
  [
    "dependencies with a null",
    withApi((r) => (r.dependencies = [null])),
    "deployment.resources[2].dependencies[0]: is null, not a non-empty string",
  ],
  [
    "propertyDependencies of a string",
    withApi((r) => (r.propertyDependencies = { restApiId: "urn" })),
    'deployment.resources[2].propertyDependencies.restApiId: is the string "urn", not an array',
  ],
  [
    "a provider reference to nothing",
    withApi((r) => (r.provider = "urn:pulumi:prod::orders::pulumi:providers:aws::gone::1")),
    'deployment.resources[2].provider: "urn:pulumi:prod::orders::pulumi:providers:aws::gone::1" names no provider resource of this export',
  ],
  [
    "a provider reference to an API",
    withApi((r) => (r.provider = `${r.urn}::id`)),
    "names no provider resource of this export",
  ],
  [
    "customTimeouts of strings",
    withApi((r) => (r.customTimeouts = { create: "5m" })),
    'deployment.resources[2].customTimeouts.create: is the string "5m", not a number',
  ],
  [
    "a duplicate URN",
    JSON.stringify(
      stackExport([api("api", privateApiProperties("api")), api("api", privateApiProperties("api"))]),
    ),
    "deployment.resources[3].urn: repeats the URN of deployment.resources[2]",
  ],
  [
    "a duplicate URN, both pending deletion",
    JSON.stringify(stackExport([api("api", {}, { delete: true }), api("api", {}, { delete: true })])),
    "deployment.resources[3].urn: repeats the URN of deployment.resources[2]",
  ],
  [
    "three resources with one URN",
    JSON.stringify(stackExport([api("api", {}, { delete: true }), api("api", {}), api("api", {})])),
    "deployment.resources[4].urn: repeats the URN of deployment.resources[2]",
  ],
  [
    "a resource of another stack",
    JSON.stringify(
      stackExport([
        { ...api("api", {}), urn: "urn:pulumi:dev::orders::aws:apigateway/restApi:RestApi::api" },
      ]),
    ),
    'deployment.resources[2].urn: belongs to "orders/dev", but the export\'s first resource to "orders/prod"',
  ],
  [
    "a secret with neither text",
    withApi(
      (r) =>
        ((r.outputs as Record<string, unknown>).policy = {
          "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
        }),
    ),
    "deployment.resources[2].outputs.policy: a secret needs exactly one of a ciphertext or a plaintext string",
  ],
  [
    "a secret with both texts",
    withApi((r) => ((r.outputs as Record<string, unknown>).policy = { ...encrypted(), plaintext: "{}" })),
    "a secret needs exactly one of a ciphertext or a plaintext string",
  ],
  [
    "a plaintext that is not JSON",
    withApi(
      (r) =>
        ((r.outputs as Record<string, unknown>).policy = {
          "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
          plaintext: "{",
        }),
    ),
    "deployment.resources[2].outputs.policy.plaintext: a secret's plaintext is not JSON",
  ],
  [
    "an unknown signature",
    withApi(
      (r) =>
        ((r.outputs as Record<string, unknown>).policy = { "4dabf18193072939515e22adb298388d": "bogus" }),
    ),
    'deployment.resources[2].outputs.policy["4dabf18193072939515e22adb298388d"]: the string "bogus" is not a signature of a value Pulumi stores in a state',
  ],
  [
    "a byte string without value",
    withApi(
      (r) =>
        ((r.outputs as Record<string, unknown>).name = {
          "4dabf18193072939515e22adb298388d": "803fd3297a5875dc03ca845dda5d2a98",
        }),
    ),
    "deployment.resources[2].outputs.name.value: missing",
  ],
  [
    "outputs nested 5,000 levels deep",
    withApi((r) => ((r.outputs as Record<string, unknown>).tags = "DEEP")).replace('"DEEP"', deepText(5000)),
    `deployment.resources[2].outputs: nested deeper than ${maxPropertyDepth} levels, more than the policy pack accepts (resource "api", aws:apigateway/restApi:RestApi)`,
  ],
  [
    "a plaintext secret nested too deep",
    withApi((r) => ((r.outputs as Record<string, unknown>).tags = plaintextSecret(deep(maxPropertyDepth)))),
    "nested deeper than 1000 levels",
  ],
  [
    "pending operations of nulls",
    JSON.stringify(stackExport([], { deployment: { pending_operations: [null] } })),
    "deployment.pending_operations[0]: is null, not an object",
  ],
  [
    "a pending operation without type",
    JSON.stringify(stackExport([], { deployment: { pending_operations: [{ resource: api("x", {}) }] } })),
    "deployment.pending_operations[0].type: missing",
  ],
  [
    "a manifest that is a string",
    JSON.stringify(stackExport([], { deployment: { manifest: "v3" } })),
    'deployment.manifest: is the string "v3", not an object',
  ],
  [
    "UTF-16 without a byte-order mark",
    Buffer.from(JSON.stringify(valid()), "utf16le"),
    "x.json holds NUL characters: UTF-16 without a byte-order mark?",
  ],
  ["bytes that are not UTF-8", Buffer.from([0x7b, 0xff, 0x7d]), "x.json is not valid UTF-8 text"],
  [
    "a huge key in a bad place",
    JSON.stringify({ version: 3, deployment: { resources: [{ urn: "x".repeat(1_000_000) }] } }),
    "deployment.resources[0].urn: ",
  ],
];

test.each(rejected)("rejects %s, naming where", (_name, text, message) => {
  let error: unknown;
  try {
    parseStackExport(text, "x.json");
  } catch (thrown) {
    error = thrown;
  }
  expect(error).toBeInstanceOf(UsageError);
  expect((error as Error).message).toContain(message);
  expect(Buffer.byteLength((error as Error).message)).toBeLessThanOrEqual(64 * 1024);
});

test("the provider fixture reference is what the builder writes", () => {
  expect(byName(valid()).get("api")!.provider!.urn).toBe(
    providerReference.slice(0, providerReference.lastIndexOf("::")),
  );
});
