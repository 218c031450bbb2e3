/**
 * The hostile-export corpus through the whole CLI (with the fixture pack): what a careful attacker or a broken
 * pipeline produces, each with the exit code and the message guard gives. Every refused export names the JSON
 * path of its first problem; nothing prints a stack trace; no line of any output exceeds 64 KiB. The reader's
 * own table (guard/export.test.ts) has the finer cases.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fixturePack, guard } from "./cliHarness";
import { api, encrypted, resource, restApiType, stackExport } from "./exportBuilder";

jest.setTimeout(600_000);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "guard-hostile-"));
const valid = JSON.stringify(
  stackExport([api("api", { name: "api", endpointConfiguration: { types: ["PRIVATE"] } })]),
);
/** The valid export with one member of its API entry (resources[2]) replaced. */
const withApi = (key: string, value: unknown) => {
  const document = JSON.parse(valid);
  document.deployment.resources[2][key] = value;
  return JSON.stringify(document);
};

const huge = resource(restApiType, "huge", {
  outputs: {
    name: "huge",
    description: "z".repeat(5 * 1024 * 1024),
    endpointConfiguration: { types: ["REGIONAL"] },
    tags: { ["k".repeat(1024 * 1024)]: encrypted() },
  },
});

const corpus: Array<[string, string | Buffer, number, string]> = [
  ["a truncated file", valid.slice(0, valid.length / 2), 2, "x.json is not valid JSON"],
  ["a file cut after its first brace", "{", 2, "x.json is not valid JSON"],
  ["an empty file", "", 2, "x.json is not valid JSON"],
  [
    "version 2",
    valid.replace('"version":3', '"version":2'),
    2,
    "x.json: version: number 2 is not a deployment version guard reads (3 or 4)",
  ],
  [
    "version 5",
    valid.replace('"version":3', '"version":5'),
    2,
    "x.json: version: number 5 is not a deployment version",
  ],
  [
    "version null",
    valid.replace('"version":3', '"version":null'),
    2,
    "x.json: version: null is not a deployment version",
  ],
  [
    "version 4 with an unknown feature",
    valid.replace('"version":3', '"version":4,"features":["x"]'),
    2,
    'x.json: features[0]: "x" is a feature guard does not know how to read',
  ],
  ['{"version": 3}', '{"version": 3}', 2, "x.json: deployment: missing (an object)"],
  [
    "a deployment that is a string",
    '{"version": 3, "deployment": "{}"}',
    2,
    'x.json: deployment: is the string "{}", not an object',
  ],
  [
    "resources that are null",
    '{"version": 3, "deployment": {"resources": null}}',
    2,
    "x.json: deployment.resources: is null, not an array",
  ],
  [
    "a null entry",
    '{"version": 3, "deployment": {"resources": [null]}}',
    2,
    "x.json: deployment.resources[0]: is null, not an object",
  ],
  [
    "an entry that is a list",
    '{"version": 3, "deployment": {"resources": [[]]}}',
    2,
    "x.json: deployment.resources[0]: is an array, not an object",
  ],
  [
    "a URN that is null",
    withApi("urn", null),
    2,
    "x.json: deployment.resources[2].urn: is null, not a non-empty string",
  ],
  [
    "a type that is an object",
    withApi("type", {}),
    2,
    "x.json: deployment.resources[2].type: is an object, not a non-empty string",
  ],
  [
    "outputs that are a list",
    withApi("outputs", []),
    2,
    "x.json: deployment.resources[2].outputs: is an array, not an object",
  ],
  [
    "a parent that is a number",
    withApi("parent", 1),
    2,
    "x.json: deployment.resources[2].parent: is number 1, not a non-empty string",
  ],
  [
    "protect that is a string",
    withApi("protect", "yes"),
    2,
    'x.json: deployment.resources[2].protect: is the string "yes", not true or false',
  ],
  [
    "a megabyte URN",
    withApi("urn", `urn:pulumi:prod::orders::${"u".repeat(1024 * 1024)}`),
    2,
    "is longer than 16384 characters: no Pulumi URN is",
  ],
  [
    "pending operations that are an object",
    valid.replace('"resources":', '"pending_operations":{},"resources":'),
    2,
    "x.json: deployment.pending_operations: is an object, not an array",
  ],
  [
    "an empty stack",
    '{"version": 3, "deployment": {}}',
    0,
    "the stack is empty: the export lists no resources",
  ],
  [
    "huge strings and a megabyte key, encrypted",
    JSON.stringify(stackExport([huge])),
    1,
    "encrypted in this export; export with `pulumi stack export --show-secrets` to audit it",
  ],
];

test.each(corpus)("%s: exit %i", async (_name, content, code, message) => {
  const file = path.join(dir, "x.json");
  fs.writeFileSync(file, content);
  const run = await guard(["audit", "x.json", "--pack", fixturePack], { cwd: dir });
  expect(run.code).toBe(code);
  expect(code === 2 ? run.stderr : run.stdout).toContain(message);
  expect(run.stderr).not.toMatch(/internal error|\n\s+at /);
  for (const line of `${run.stdout}\n${run.stderr}`.split("\n")) {
    expect(Buffer.byteLength(line)).toBeLessThanOrEqual(64 * 1024);
  }
});

test("every unreadable export of a directory is named, and none is judged", async () => {
  const exports = fs.mkdtempSync(path.join(os.tmpdir(), "guard-hostile-dir-"));
  fs.writeFileSync(path.join(exports, "a.json"), "{");
  fs.writeFileSync(path.join(exports, "b.json"), valid);
  fs.writeFileSync(path.join(exports, "c.json"), '{"version": 3}');
  const run = await guard(["audit", exports, "--pack", fixturePack]);
  expect(run.code).toBe(2);
  expect(run.stdout).toBe("");
  expect(run.stderr).toMatch(
    /^guard: .*a\.json is not valid JSON.*\nguard: .*c\.json: deployment: missing \(an object\)\n$/,
  );
});
