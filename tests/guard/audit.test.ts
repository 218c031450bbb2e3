/**
 * `guard audit` with the REAL pack on the exports issue 14 names: drift, state without inputs, an export that
 * is not one, encrypted values, a policy at `remediate`, hostile nesting, byte-order marks, resources pending
 * deletion or read, pending operations, version 4. One run audits a directory of them (one summary line per
 * stack); single runs prove each exit code.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { exitCodeOf } from "../../guard/report/exitCode";
import { guard } from "./cliHarness";
import {
  api,
  encrypted,
  privateApiProperties,
  regionalOpenApiProperties,
  resource,
  restApiPolicyType,
  restApiType,
  restrictingPolicy,
  stackExport,
  urnOf,
  vpce,
} from "./exportBuilder";

jest.setTimeout(600_000);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "guard-audit-"));
/** Each export its own stack, so that the per-stack lines tell them apart. */
function write(stack: string, document: unknown, transform = (text: string) => text): string {
  const text = JSON.stringify(document, null, 2).replaceAll("urn:pulumi:prod::", `urn:pulumi:${stack}::`);
  const file = path.join(dir, `${stack}.json`);
  fs.writeFileSync(file, transform(text));
  return file;
}

const privateApi = { name: "api", endpointConfiguration: { types: ["PRIVATE"], vpcEndpointIds: [vpce] } };
const linkedPolicy = (policy: unknown) =>
  resource(
    restApiPolicyType,
    "api-policy",
    { inputs: { restApiId: "api-id", policy }, outputs: { restApiId: "api-id", policy, id: "api-id" } },
    {
      dependencies: [urnOf(restApiType, "api")],
      propertyDependencies: { restApiId: [urnOf(restApiType, "api")] },
    },
  );

const files = {
  drifted: write(
    "drifted",
    stackExport([
      resource(restApiType, "api", {
        inputs: privateApiProperties("api"),
        outputs: regionalOpenApiProperties("api"),
      }),
    ]),
  ),
  outputsOnly: write(
    "outputs-only",
    stackExport([resource(restApiType, "api", { outputs: privateApiProperties("api") })]),
  ),
  inputsOnly: write(
    "inputs-only",
    stackExport([resource(restApiType, "api", { inputs: privateApiProperties("api") })]),
  ),
  fixedInConsole: write(
    "fixed-in-console",
    stackExport([
      resource(restApiType, "api", {
        inputs: regionalOpenApiProperties("api"),
        outputs: privateApiProperties("api"),
      }),
    ]),
  ),
  encrypted: write("encrypted", stackExport([api("api", privateApi), linkedPolicy(encrypted())])),
  regional: write("regional", stackExport([api("api", regionalOpenApiProperties("api"))])),
  pendingDeletion: write(
    "pending-deletion",
    stackExport([
      api("api", regionalOpenApiProperties("api"), { delete: true }),
      api("api", privateApiProperties("api")),
    ]),
  ),
  external: write(
    "external",
    stackExport([api("api", regionalOpenApiProperties("api"), { external: true })]),
  ),
  pendingOperation: write(
    "pending-operation",
    stackExport([], {
      deployment: {
        pending_operations: [{ resource: api("api", privateApiProperties("api")), type: "creating" }],
      },
    }),
  ),
  version4: write(
    "version-4",
    stackExport([api("api", regionalOpenApiProperties("api"), { taint: true })], {
      version: 4,
      features: ["taint"],
    }),
  ),
  compliant: write("compliant", stackExport([api("api", privateApi), linkedPolicy(restrictingPolicy)])),
};
const bom = path.join(dir, "bom", "compliant.json");
fs.mkdirSync(path.dirname(bom));
fs.writeFileSync(bom, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), fs.readFileSync(files.compliant)]));

interface JsonTarget {
  path: string;
  stack: string;
  summary: { mandatory: number; unchecked: number };
  violations: Array<{
    policyName: string;
    enforcementLevel: string;
    message: string;
    drifted?: boolean;
    resource?: { name: string; deployed?: { pendingDeletion: boolean } };
  }>;
  unchecked: Array<{ reason: string; resource?: { name: string } }>;
  notes: Array<{ note: string; resource: { name: string } }>;
}

describe("a directory of exports, audited together", () => {
  let run: Awaited<ReturnType<typeof guard>>;
  let targets: Map<string, JsonTarget>;
  beforeAll(async () => {
    run = await guard(["audit", dir, path.join(dir, "bom"), "--format", "json"]);
    targets = new Map((JSON.parse(run.stdout).targets as JsonTarget[]).map((t) => [t.stack, t]));
  });
  const target = (stack: string) => targets.get(stack)!;
  /** The exit code this export alone gives (as computed from its own summary). */
  const exitOf = (stack: string) =>
    exitCodeOf(target(stack).summary, { exitZero: false, allowUnchecked: false });
  const mandatory = (stack: string) =>
    target(stack)
      .violations.filter((v) => v.enforcementLevel === "mandatory")
      .map((v) => `${v.resource?.name}: ${v.policyName}`);

  test("every export is a target named by its stack; nothing speaks of preview or update", () => {
    expect(run.stderr).toBe("");
    expect(run.code).toBe(1);
    expect([...targets.keys()].sort()).toEqual(
      Object.values(files)
        .map((file) => path.basename(file, ".json"))
        .sort(),
    );
    expect(run.stdout).not.toMatch(/preview|on update/i);
  });

  test("drift: outputs REGIONAL with an open policy, inputs PRIVATE and restricted → blamed, and it says it drifted", () => {
    expect(exitOf("drifted")).toBe(1);
    const blamed = target("drifted").violations.filter((v) => v.enforcementLevel === "mandatory");
    expect(blamed.map((v) => v.policyName).sort()).toEqual([
      "apigateway-resource-policy-restricts-network",
      "apigateway-rest-api-private",
    ]);
    for (const violation of blamed) {
      expect(violation.drifted).toBe(true);
      expect(violation.message).toContain("The deployed state has drifted from the program");
    }
  });

  test("an outputs-only PRIVATE API with a restricting policy is not blamed", () => {
    expect([exitOf("outputs-only"), target("outputs-only").violations, target("outputs-only").notes]).toEqual(
      [0, [], []],
    );
  });

  test("an inputs-only API is judged from its inputs, and the report says so", () => {
    expect(exitOf("inputs-only")).toBe(0);
    expect(target("inputs-only").notes.map((n) => n.note)).toEqual([
      "judged from its inputs: the export holds no outputs for it",
    ]);
  });

  test("fixed in the console: the deployed state passes, the program's version is noted as drift", () => {
    expect(exitOf("fixed-in-console")).toBe(0);
    expect(target("fixed-in-console").notes.map((n) => n.note)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^drifted from the program: judged from the program's inputs, apigateway-rest-api-private would report it \[mandatory\]/,
        ),
      ]),
    );
  });

  test("an encrypted RestApiPolicy policy is unchecked, never passed", () => {
    expect(exitOf("encrypted")).toBe(3);
    expect(target("encrypted").unchecked.map((u) => `${u.resource?.name}: ${u.reason}`)).toEqual(
      expect.arrayContaining([
        "api-policy: the resource policy is encrypted in this export; export with `pulumi stack export --show-secrets` to audit it",
      ]),
    );
    expect(mandatory("encrypted")).toEqual([]);
  });

  test("a resource pending deletion is judged apart from its replacement", () => {
    const blamed = target("pending-deletion").violations.filter((v) => v.enforcementLevel === "mandatory");
    expect(blamed.length).toBeGreaterThan(0);
    expect(blamed.every((v) => v.resource?.deployed?.pendingDeletion)).toBe(true);
    expect(target("pending-deletion").notes.map((n) => n.note)).toEqual([
      "pending deletion (replaced, not yet deleted): still deployed, judged as deployed",
    ]);
  });

  test("an external API is judged and marked as not managed by this stack", () => {
    expect(mandatory("external")).toContain("api: apigateway-rest-api-private");
    expect(target("external").notes.map((n) => n.note)).toEqual([
      "not managed by this stack (read with .get()): judged as deployed",
    ]);
  });

  test("a pending operation is state uncertain", () => {
    expect(exitOf("pending-operation")).toBe(3);
    expect(target("pending-operation").unchecked[0].reason).toMatch(
      /^state uncertain: the operation `creating` was still pending/,
    );
  });

  test("a version 4 export is read and judged", () => {
    expect(mandatory("version-4")).toContain("api: apigateway-rest-api-private");
  });

  test("a BOM-prefixed export audits like the same export without it", () => {
    const withBom = JSON.parse(run.stdout).targets.filter((t: JsonTarget) => t.stack === "compliant");
    expect(withBom).toHaveLength(2);
    const strip = ({ path: _path, ...rest }: JsonTarget) =>
      JSON.stringify(rest).replaceAll(/file:[^"]*"/g, "");
    expect(strip(withBom[0])).toBe(strip(withBom[1]));
    expect(exitOf("compliant")).toBe(0);
  });
});

test("text: one summary line per stack, then the total", async () => {
  const run = await guard(["audit", files.compliant, files.encrypted, files.regional]);
  expect(run.code).toBe(1);
  expect(run.stdout).toContain(
    [
      `PASSED  orders/compliant  0 mandatory violations, 0 advisory violations  ${files.compliant}`,
      `UNCHECKED  orders/encrypted  0 mandatory violations, 0 advisory violations, 2 unchecked  ${files.encrypted}`,
      `FAILED  orders/regional  2 mandatory violations, 0 advisory violations  ${files.regional}`,
      "",
      "FAILED: 2 mandatory violations, 0 advisory violations, 2 unchecked; 1 of 11 resources blamed in 3 stack exports",
    ].join("\n"),
  );
});

const config = path.join(dir, "remediate.config");
fs.writeFileSync(config, JSON.stringify({ "apigateway-rest-api-private": "remediate" }));

/** Exit code and the first line that tells the verdict, per Done-means case. */
const single: Array<[string, number, string[], RegExp]> = [
  ["a drifted export", 1, [files.drifted], /The deployed state has drifted from the program/],
  ["an outputs-only PRIVATE API", 0, [files.outputsOnly], /^PASSED: 0 mandatory violations/m],
  [
    "an encrypted policy",
    3,
    [files.encrypted],
    /\[unchecked\] {2}the resource policy is encrypted in this export; export with `pulumi stack export --show-secrets` to audit it/,
  ],
  [
    "an encrypted policy, unchecked allowed",
    0,
    [files.encrypted, "--allow-unchecked"],
    /^UNCHECKED: 0 mandatory violations, 0 advisory violations, 2 unchecked/m,
  ],
  [
    "a policy at remediate on a deployed REGIONAL API",
    1,
    [files.regional, "--policy-pack-config", config],
    /\[mandatory\] {2}apigateway-rest-api-private/,
  ],
  [
    "--exit-zero with a mandatory violation",
    0,
    [files.regional, "--exit-zero"],
    /^FAILED: 2 mandatory violations/m,
  ],
];

test.each(single)("%s: exit %i", async (_name, code, args, expected) => {
  const run = await guard(["audit", ...args]);
  expect(run.stderr).toBe("");
  expect(run.code).toBe(code);
  expect(run.stdout).toMatch(expected);
  expect(run.stdout).not.toMatch(/preview|on update|remediated/i);
});

const refused: Array<[string, string, string]> = [
  ['{"version": 3}', '{"version": 3}', "version3.json: deployment: missing (an object)\n"],
  [
    "5,000-deep nesting",
    JSON.stringify(stackExport([api("api", { tags: "DEEP" })])).replace(
      '"DEEP"',
      '{"a":'.repeat(5000) + "1" + "}".repeat(5000),
    ),
    'nested deeper than 1000 levels, more than the policy pack accepts (resource "api", aws:apigateway/restApi:RestApi)\n',
  ],
];

test.each(refused)("%s: exit 2 with a clear message, no stack trace", async (name, text, message) => {
  const file = path.join(dir, name.startsWith("{") ? "version3.json" : "deep.json");
  fs.writeFileSync(file, text);
  const run = await guard(["audit", file]);
  expect(run.code).toBe(2);
  expect(run.stdout).toBe("");
  expect(run.stderr).toContain(message);
  expect(run.stderr.split("\n").filter(Boolean)).toHaveLength(1);
  expect(run.stderr).not.toMatch(/\n\s+at /);
});
