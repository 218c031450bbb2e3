/**
 * Nothing unchecked goes unsaid (with the fixture pack): what guard cannot judge in a program — a remote
 * component, a multi-language component in YAML, a resource read with .get(), a provider function — is listed
 * with why in text, JSON and SARIF (a notification), and the run does not pass (exit 3, their exit code); a
 * program that fails is reported with the others and the run exits 2.
 */
import * as path from "node:path";
import { sarifProblems } from "./sarifRequirements";
import { fixturePack, fixtures, guard } from "./cliHarness";

jest.setTimeout(240_000);

const pack = ["--pack", fixturePack];
const uncheckedDir = path.relative(path.join(__dirname, "..", ".."), path.join(fixtures, "unchecked"));

interface JsonUnchecked {
  resource?: { type: string; name: string };
  reason: string;
}

const expected: Array<[string, string | undefined, RegExp]> = [
  [
    "reads-and-calls",
    "legacy-api",
    /^read with \.get\(\) \(id "a1b2c3d4e5"\): an existing resource this program does not create/,
  ],
  ["reads-and-calls", undefined, /^provider function aws:ec2\/getVpc:getVpc: guard cannot call it offline/],
  [
    "remote-component",
    "orders",
    /^a remote \(multi-language\) component: its provider plugin creates its children/,
  ],
  ["yaml-component", "orders", /^a multi-language component: its provider plugin creates its children/],
];

test("JSON lists each unchecked thing with why; the run exits 3, or 0 with --allow-unchecked", async () => {
  const run = await guard(["check", uncheckedDir, "--format", "json", ...pack]);
  expect(run.code).toBe(3);
  const report = JSON.parse(run.stdout) as { targets: Array<{ path: string; unchecked: JsonUnchecked[] }> };
  const listed = report.targets.flatMap((target) =>
    target.unchecked.map((item) => [path.basename(target.path), item.resource?.name, item.reason]),
  );
  expect(listed).toHaveLength(expected.length);
  for (const [index, [program, resource, reason]] of expected.entries()) {
    expect(listed[index][0]).toBe(program);
    expect(listed[index][1]).toBe(resource);
    expect(listed[index][2]).toMatch(reason);
  }
  expect((await guard(["check", uncheckedDir, "--allow-unchecked", ...pack])).code).toBe(0);
});

test("text shows them under their resources; SARIF carries them as tool notifications", async () => {
  const text = await guard(["check", path.join(uncheckedDir, "remote-component"), ...pack]);
  expect(text.stdout).toMatch(
    /orders {2}aws-apigateway:index:RestAPI {2}tests\/guard\/fixtures\/unchecked\/remote-component\/index\.ts:\d+:\d+\n {8}\[unchecked\] {2}a remote \(multi-language\) component/,
  );
  const sarif = await guard([
    "check",
    path.join(uncheckedDir, "yaml-component"),
    "--format",
    "sarif",
    ...pack,
  ]);
  const log = JSON.parse(sarif.stdout);
  expect(sarifProblems(log)).toEqual([]);
  const [notification] = log.runs[0].invocations[0].toolExecutionNotifications;
  expect(notification.message.text).toMatch(
    /^aws-apigateway:index\/restAPI:RestAPI "orders": a multi-language component/,
  );
  expect(notification.locations[0].physicalLocation.artifactLocation.uri).toBe(
    "tests/guard/fixtures/unchecked/yaml-component/Pulumi.yaml",
  );
  expect(notification.locations[0].physicalLocation.region.startLine).toBe(4);
});

test("a program that throws is listed with its error beside the others, and the run exits 2", async () => {
  const run = await guard(["check", path.join(fixtures, "one-fails"), "--format", "json", ...pack]);
  expect(run.code).toBe(2);
  expect(run.stderr).toContain("Error: no VPC endpoint id configured for this stack");
  const report = JSON.parse(run.stdout);
  const [fine, throws] = report.targets;
  expect(fine.violations.map((v: { resource: { name: string } }) => v.resource.name)).toContain(
    "regional-api",
  );
  expect(throws.resourceCount).toBe(0);
  expect(throws.unchecked).toEqual([
    {
      reason: expect.stringMatching(
        /^the program failed, so none of its resources was judged: program .*throws failed:\nError: no VPC endpoint id configured for this stack/,
      ),
    },
  ]);
});

test("SARIF: a failed program makes the run unsuccessful, its notification an error", async () => {
  const run = await guard(["check", path.join(fixtures, "one-fails"), "--format", "sarif", ...pack]);
  expect(run.code).toBe(2);
  const [invocation] = JSON.parse(run.stdout).runs[0].invocations;
  expect(invocation.executionSuccessful).toBe(false);
  expect(
    invocation.toolExecutionNotifications.map((n: { level: string; message: { text: string } }) => [
      n.level,
      n.message.text.split(":")[0],
    ]),
  ).toContainEqual(["error", "the stack"]);
});

test("a program that throws alone: exit 2 even with --exit-zero, never a pass", async () => {
  const run = await guard(["check", path.join(fixtures, "failing-program"), "--exit-zero", ...pack]);
  expect(run.code).toBe(2);
  expect(run.stderr).toContain(
    "Error: the program failed: no VPC id configured\n    at Object.<anonymous> (",
  );
  expect(run.stdout).toContain("[unchecked]  the program failed, so none of its resources was judged");
});

test("an error in a YAML program is positioned file:line:col and fails the run", async () => {
  const run = await guard(["check", path.join(fixtures, "yaml-error"), ...pack]);
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(
    /tests\/guard\/fixtures\/yaml-error\/Pulumi\.yaml:8:26: \$\{endpoint\.id\}: "endpoint" is no resource/,
  );
});
