/**
 * The product, with the REAL pack (index.ts over the compiled Rego in policies/generated): `guard check` on the
 * bundled examples and `guard audit` on the hand-written exports blame exactly the non-compliant resources.
 * These tests need the compiled module (committed; rebuilt by `npm run build:rego`).
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { exportsDir, guard, mandatoryBlame, repoRoot } from "./cliHarness";

jest.setTimeout(300_000);

test("check on the examples blames the EDGE, the REGIONAL and the IAM API with an Allow only; the compliant programs of every authorization type pass", async () => {
  const run = await guard(["check", "examples", "--format", "json"]);
  expect(run.stderr).toBe("");
  expect(run.code).toBe(1);
  expect(mandatoryBlame(run.stdout)).toEqual([
    "examples/edge-open-policy: public-catalog-api",
    "examples/iam-api-allow-only: ledger-api",
    "examples/regional-no-policy: inventory-api",
  ]);
});

const yamlProgram = "tests/pulumi/programs/yaml-private-and-regional";

test("a YAML program: the PRIVATE API with a RestApiPolicy (fn::toJSON, ${endpoint.id}) passes, the REGIONAL one is a mandatory violation", async () => {
  const run = await guard(["check", yamlProgram, "--format", "json"]);
  expect(run.stderr).toBe("");
  expect(run.code).toBe(1);
  const report = JSON.parse(run.stdout);
  const mandatory = report.targets[0].violations.filter(
    (v: { enforcementLevel: string }) => v.enforcementLevel === "mandatory",
  );
  expect(
    mandatory.map((v: { policyName: string; resource: { name: string } }) => [v.policyName, v.resource.name]),
  ).toEqual([["apigateway-rest-api-private", "public-api"]]);
  expect(mandatory[0].resource.sourcePosition).toMatchObject({ line: 48, column: 3 });
});

const stacks: Array<[string, string[], number, string[]]> = [
  [
    "prod (partner access makes the API REGIONAL)",
    ["--stack", "prod"],
    1,
    ["examples/private-api-by-stack: ledger-api"],
  ],
  ["dev", ["--stack", "dev"], 0, []],
  ["no --stack: two stack files, so dev", [], 0, []],
];

test.each(stacks)("a program configured per stack, checked as %s", async (_, args, code, blamed) => {
  const run = await guard(["check", "examples/private-api-by-stack", "--format", "json", ...args]);
  expect(run.code).toBe(code);
  expect(mandatoryBlame(run.stdout)).toEqual(blamed);
});

const audits: Array<[string, number, string[]]> = [
  ["compliant.json", 0, []],
  [
    "noncompliant.json",
    1,
    [
      // EDGE with an open inline policy; REGIONAL without policy; PRIVATE, but its RestApiPolicy (linked by
      // property dependency) lets any network in; EDGE and pending deletion, so still deployed.
      "tests/guard/fixtures/exports/noncompliant.json: inventory-api",
      "tests/guard/fixtures/exports/noncompliant.json: public-catalog-api",
      "tests/guard/fixtures/exports/noncompliant.json: reports-api",
      "tests/guard/fixtures/exports/noncompliant.json: reports-api-policy",
      "tests/guard/fixtures/exports/noncompliant.json: retired-api",
    ],
  ],
];

test.each(audits)(
  "audit %s: exit %i, blaming exactly the non-compliant resources",
  async (file, code, blamed) => {
    const run = await guard([
      "audit",
      path.relative(repoRoot, path.join(exportsDir, file)),
      "--format",
      "json",
    ]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(code);
    expect(mandatoryBlame(run.stdout)).toEqual(blamed);
  },
);

test("the package bin (ts-node shim) audits from stdin", async () => {
  const child = spawn(process.execPath, [path.join(repoRoot, "guard", "bin.js"), "audit", "-"], {
    cwd: repoRoot,
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
  child.stdin.end(fs.readFileSync(path.join(exportsDir, "noncompliant.json")));
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  expect(code).toBe(1);
  expect(stdout).toContain("stack export <stdin>  (catalog/prod, 7 resources)");
  expect(stdout).toMatch(/FAILED: \d+ mandatory violations, 0 advisory violations; 5 of 7 resources blamed/);
});
