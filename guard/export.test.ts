import * as fs from "node:fs";
import * as path from "node:path";
import { secret, unknownValue } from "../analyzer/wire";
import { UsageError } from "./errors";
import { parseStackExport } from "./export";

const exportsDir = path.join(__dirname, "..", "tests", "guard", "fixtures", "exports");
const read = (name: string) => fs.readFileSync(path.join(exportsDir, name), "utf8");

describe("a compliant export", () => {
  const parsed = parseStackExport(read("compliant.json"), "compliant.json", "file:///exports/compliant.json");
  const byName = new Map(parsed.resources.map((resource) => [resource.name, resource]));

  test("names project and stack from the URNs", () => {
    expect([parsed.project, parsed.stack]).toEqual(["orders", "prod"]);
  });

  test("keeps the RestApiPolicy's property dependencies on its RestApi", () => {
    const policy = byName.get("orders-api-policy")!;
    expect(policy.propertyDependencies.restApiId).toEqual([byName.get("orders-api")!.urn]);
    expect(policy.parent).toBe(byName.get("orders-prod")!.urn);
  });

  test("resolves provider references to the provider's inputs", () => {
    const api = byName.get("orders-api")!;
    expect(api.provider).toMatchObject({ type: "pulumi:providers:aws", name: "default_7_48_0" });
    expect(api.provider!.properties.region).toBe("eu-west-1");
  });

  test("turns an encrypted secret into a secret whose value is unknown", () => {
    expect(byName.get("orders-api")!.inputs.tags).toEqual({ owner: secret(unknownValue) });
  });

  test("points each resource at its line in the export", () => {
    const api = byName.get("orders-api")!;
    const line = read("compliant.json").split("\n")[api.sourcePosition!.line - 1];
    expect(line).toContain(`"urn": "${api.urn}"`);
  });
});

test("leaves out resources pending deletion", () => {
  const parsed = parseStackExport(read("noncompliant.json"), "noncompliant.json");
  expect(parsed.resources.map((resource) => resource.name)).toEqual([
    "catalog-prod",
    "default_7_48_0",
    "public-catalog-api",
    "inventory-api",
    "reports-api",
    "reports-api-policy",
  ]);
});

test("unwraps plaintext secrets from `--show-secrets` exports", () => {
  const text = JSON.stringify({
    version: 3,
    deployment: {
      resources: [
        {
          urn: "urn:pulumi:s::p::aws:s3/bucket:Bucket::b",
          type: "aws:s3/bucket:Bucket",
          inputs: {
            tags: {
              "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
              plaintext: '{"a":"b"}',
            },
          },
        },
      ],
    },
  });
  expect(parseStackExport(text, "x").resources[0].inputs.tags).toEqual(secret({ a: "b" }));
});

const rejected: Array<[string, string, string]> = [
  ["malformed JSON", '{"version": 3, "deployment": {"resources": [\n', "malformed.json is not valid JSON"],
  [
    "an older deployment version",
    read("version2.json"),
    "deployment version 2 is not supported (expected 3)",
  ],
  ["no version", "{}", "deployment version undefined is not supported"],
  ["not an object", "[]", "is not a stack export"],
  [
    "resources that are not a list",
    '{"version":3,"deployment":{"resources":{}}}',
    "deployment.resources is not an array",
  ],
  [
    "a resource without URN",
    '{"version":3,"deployment":{"resources":[{"type":"t"}]}}',
    "resource #0 has no valid urn",
  ],
  [
    "a resource without type",
    '{"version":3,"deployment":{"resources":[{"urn":"urn:pulumi:s::p::t::n"}]}}',
    "resource urn:pulumi:s::p::t::n has no type",
  ],
];

test.each(rejected)("rejects %s with a usage error", (_name, text, message) => {
  expect(() => parseStackExport(text, "malformed.json")).toThrow(UsageError);
  expect(() => parseStackExport(text, "malformed.json")).toThrow(message);
});

test("an export without resources is an empty stack", () => {
  expect(parseStackExport('{"version":3,"deployment":{}}', "x").resources).toEqual([]);
});
