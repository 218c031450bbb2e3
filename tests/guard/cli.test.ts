/**
 * guard end to end with the fixture pack (pure TypeScript policies): both commands on the bundled examples and
 * the hand-written exports, every exit code, each format, the error paths. What the REAL pack decides about the
 * same inputs is asserted in product.test.ts.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { sarifProblems } from "./sarifRequirements";
import { exportsDir, fixturePack, fixtures, guard, mandatoryBlame } from "./cliHarness";

jest.setTimeout(240_000);

const pack = ["--pack", fixturePack];

describe("check", () => {
  test("the examples: exit 1, the EDGE and REGIONAL APIs blamed, grouped by resource with a summary", async () => {
    const run = await guard(["check", "examples", ...pack]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /program examples\/edge-open-policy {2}\(edge-open-policy\/dev, \d+ resources\)/,
    );
    expect(run.stdout).toContain(
      "    public-catalog-api  aws:apigateway/restApi:RestApi  examples/edge-open-policy/index.ts:",
    );
    expect(run.stdout).toContain(
      "program examples/private-api-compliant  (private-api-compliant/dev, 14 resources)\n    no policy violations",
    );
    expect(run.stdout).toMatch(
      /FAILED: 2 mandatory violations, 1 advisory violation; 2 of \d+ resources blamed in 8 programs\n$/,
    );
    expect(run.stdout).not.toContain("\u001b[");
  });

  test("--exit-zero reports mandatory violations and exits 0 (what npm start wants)", async () => {
    const run = await guard([
      "check",
      "examples/edge-open-policy",
      "--exit-zero",
      "--format",
      "json",
      ...pack,
    ]);
    expect(run.code).toBe(0);
    expect(mandatoryBlame(run.stdout)).toEqual(["examples/edge-open-policy: public-catalog-api"]);
  });

  test("one compliant program as JSON: exit 0", async () => {
    const run = await guard(["check", "examples/private-api-compliant", "--format", "json", ...pack]);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.summary).toMatchObject({ mandatory: 0, targets: 1, resources: 14 });
  });

  test("a JavaScript program: secrets reach policies unwrapped, provider-computed values as unknown", async () => {
    const run = await guard(["check", path.join(fixtures, "programs"), "--format", "json", ...pack]);
    expect(run.code).toBe(0);
    const messages = JSON.parse(run.stdout).targets[0].violations.map((v: { message: string }) => v.message);
    expect(messages).toEqual([
      "Reports what it sees of secret and unknown tags, to prove how values travel.\ntags: {}",
      "can't run policy 'secret-and-unknown-echo' from policy pack 'fixture-pack@v1.2.3' during preview: string value at .tags.logsArn can't be known during preview",
    ]);
  });
});

describe("audit", () => {
  test("a compliant export: exit 0", async () => {
    const run = await guard(["audit", path.join(exportsDir, "compliant.json"), ...pack]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("stack export");
    expect(run.stdout).toContain("PASSED: 0 mandatory violations");
  });

  test("a long export on a TTY: progress on stderr, colour on stdout", async () => {
    const buckets = Array.from({ length: 250 }, (_, index) => ({
      urn: `urn:pulumi:prod::big::aws:s3/bucket:Bucket::bucket-${index}`,
      type: "aws:s3/bucket:Bucket",
      inputs: {},
    }));
    const stdin = JSON.stringify({ version: 3, deployment: { resources: buckets } });
    const run = await guard(["audit", "-", ...pack], { stdin, tty: true });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("\ranalyzing <stdin>: 250/250 resources\n");
    expect(run.stdout).toContain(
      "\u001b[32mPASSED\u001b[0m: 0 mandatory violations, 250 advisory violations",
    );
  });

  test("a non-compliant export as SARIF: exit 1, valid, each result at the resource's line in the export", async () => {
    const file = path.join(exportsDir, "noncompliant.json");
    const run = await guard(["audit", file, "--format", "sarif", ...pack]);
    expect(run.code).toBe(1);
    const log = JSON.parse(run.stdout);
    expect(sarifProblems(log)).toEqual([]);
    const lines = fs.readFileSync(file, "utf8").split("\n");
    const located = log.runs[0].results.map(
      (result: {
        ruleId: string;
        level: string;
        locations: Array<{ physicalLocation: { region: { startLine: number } } }>;
      }) => [
        result.ruleId,
        result.level,
        lines[result.locations[0].physicalLocation.region.startLine - 1]
          .trim()
          .replace(/^"urn": "urn:pulumi:prod::catalog::pulumi:pulumi:Stack\$/, "")
          .replace(/",?$/, ""),
      ],
    );
    // The API pending deletion is still deployed: it is judged, after its stack's live resources.
    expect(located).toEqual([
      ["rest-api-private", "error", "aws:apigateway/restApi:RestApi::public-catalog-api"],
      ["rest-api-private", "error", "aws:apigateway/restApi:RestApi::inventory-api"],
      ["rest-api-private", "error", "aws:apigateway/restApi:RestApi::retired-api"],
      ["rest-api-has-policy", "warning", "aws:apigateway/restApi:RestApi::inventory-api"],
      ["rest-api-has-policy", "warning", "aws:apigateway/restApi:RestApi::retired-api"],
    ]);
    const notifications = log.runs[0].invocations[0].toolExecutionNotifications;
    expect(notifications.map((n: { message: { text: string } }) => n.message.text)).toEqual([
      'aws:apigateway/restApi:RestApi "retired-api": pending deletion (replaced, not yet deleted): still deployed, judged as deployed',
    ]);
  });

  test("from stdin with a config: levels and properties apply; a policy at remediate blames, as nothing deployed can be remediated", async () => {
    const config = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "guard-")), "config.json");
    const settings = {
      all: "advisory",
      "rest-api-has-policy": { allowUnrestricted: true },
      "widget-blue": "remediate",
    };
    fs.writeFileSync(config, JSON.stringify(settings));
    const stackExport = JSON.parse(fs.readFileSync(path.join(exportsDir, "noncompliant.json"), "utf8"));
    stackExport.deployment.resources.push({
      urn: "urn:pulumi:prod::catalog::test:index:Widget::red-widget",
      type: "test:index:Widget",
      inputs: { color: "red" },
    });
    const stdin = JSON.stringify(stackExport);
    const run = await guard(["audit", "-", "--format", "json", "--policy-pack-config", config, ...pack], {
      stdin,
    });
    expect(run.code).toBe(1);
    expect(mandatoryBlame(run.stdout)).toEqual(["<stdin>: red-widget"]);
    const report = JSON.parse(run.stdout);
    expect(report.summary).toMatchObject({ mandatory: 1, advisory: 3, remediated: 0 });
    expect(
      report.targets[0].violations.find((v: { policyName: string }) => v.policyName === "widget-blue"),
    ).toMatchObject({
      enforcementLevel: "mandatory",
      message: "Widgets must be blue; at the remediate level the pack paints them.\ncolor is red",
    });
  });
});

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "guard-errors-"));
const write = (name: string, text: string) => {
  fs.writeFileSync(path.join(tmp, name), text);
  return path.join(tmp, name);
};

const usageErrors: Array<[string, string[], string]> = [
  ["no command", [], 'guard: no command given\nrun "guard --help" for usage\n'],
  ["an unknown command", ["deploy", "x"], 'guard: unknown command "deploy"'],
  ["check without a directory", ["check"], "guard: check needs a program directory"],
  ["audit without a file", ["audit"], "guard: audit needs a stack export file or -"],
  [
    "an unknown format",
    ["check", "examples", "--format", "xml"],
    '--format must be one of text, json, sarif, not "xml"',
  ],
  ["an unknown option", ["check", "examples", "--verbose"], "Unknown option '--verbose'"],
  ["an extra argument", ["check", "a", "b"], 'unexpected argument "b"'],
  [
    "a pack directory that is no pack",
    ["check", "examples", "--pack", "examples"],
    "examples is not a policy pack (no PulumiPolicy.yaml)",
  ],
  [
    "a missing config file",
    ["check", "examples", "--policy-pack-config", "nope.json", ...pack],
    "cannot read nope.json: ENOENT",
  ],
  [
    "a config file that is not JSON",
    ["check", "examples", "--policy-pack-config", write("bad.json", "{all:"), ...pack],
    "bad.json is not valid JSON",
  ],
  ["a missing program directory", ["check", "no/such/dir", ...pack], "guard: no/such/dir: no such directory"],
  [
    "a directory without programs",
    ["check", tmp, ...pack],
    "holds no Pulumi.yaml, nor do its subdirectories",
  ],
  ["a missing export", ["audit", "missing.json", ...pack], "guard: cannot read missing.json: ENOENT"],
  [
    "malformed export JSON",
    ["audit", write("truncated.json", '{"version": 3, "deployment": {'), ...pack],
    "truncated.json is not valid JSON",
  ],
  [
    "a version 2 export",
    ["audit", path.join(exportsDir, "version2.json"), ...pack],
    "version2.json: version: number 2 is not a deployment version guard reads (3 or 4)",
  ],
  ["an export on stdin that is empty", ["audit", "-", ...pack], "guard: <stdin> is not valid JSON"],
  [
    "a config the pack rejects, with every problem",
    [
      "audit",
      path.join(exportsDir, "compliant.json"),
      "--policy-pack-config",
      write(
        "schema.json",
        '{"rest-api-privat": "advisory", "rest-api-has-policy": {"allowUnrestricted": "yes"}}',
      ),
      ...pack,
    ],
    "rest-api-privat: the pack fixture-pack has no such policy\n  rest-api-has-policy.allowUnrestricted must be boolean, not string",
  ],
];

test.each(usageErrors)("exit 2 for %s", async (_name, args, message) => {
  const run = await guard(args);
  expect(run.code).toBe(2);
  expect(run.stdout).toBe("");
  expect(run.stderr).toContain(message);
});

test("--help prints the usage and exits 0", async () => {
  const run = await guard(["--help"]);
  expect(run.code).toBe(0);
  expect(run.stdout).toContain("usage: guard <command> [options]");
});
