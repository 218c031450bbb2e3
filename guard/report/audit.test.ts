/**
 * What an audit report adds to the renderers: unchecked items and notes per resource, drift, an empty stack,
 * one summary line per stack, the stack name in JSON and SARIF, and the exit code each summary gives.
 */
import { sarifProblems } from "../../tests/guard/sarifRequirements";
import { exitCodeOf } from "./exitCode";
import { renderJson } from "./json";
import type { Report, TargetReport } from "./model";
import { summarize } from "./model";
import { renderSarif } from "./sarif";
import { renderText } from "./text";

const deployed = { judgedFrom: "outputs" as const, external: false, pendingDeletion: false };
const api = {
  urn: "urn:pulumi:prod::orders::aws:apigateway/restApi:RestApi::orders-api",
  type: "aws:apigateway/restApi:RestApi",
  name: "orders-api",
  deployed,
};
const oldApi = { ...api, deployed: { ...deployed, pendingDeletion: true } };

function target(overrides: Partial<TargetReport>): TargetReport {
  return {
    kind: "stack-export",
    path: "exports/orders.json",
    project: "orders",
    stack: "prod",
    resourceCount: 3,
    violations: [],
    remediations: [],
    unchecked: [],
    notes: [],
    ...overrides,
  };
}

function report(targets: TargetReport[]): Report {
  return {
    command: "audit",
    pack: { name: "pack", version: "1.0.0", dir: "/work" },
    policies: [],
    targets,
  };
}

const drifted = {
  policyName: "rest-api-private",
  policyPackName: "pack",
  policyPackVersion: "1.0.0",
  description: "REST APIs must be PRIVATE.",
  message: "REST APIs must be PRIVATE.\nit is REGIONAL\nThe deployed state has drifted from the program: …",
  enforcementLevel: "mandatory" as const,
  from: "resource" as const,
  resource: api,
  drifted: true,
};

const orders = target({
  violations: [drifted],
  unchecked: [{ resource: oldApi, reason: "the resource policy is encrypted in this export" }],
  notes: [{ resource: oldApi, note: "pending deletion (replaced, not yet deleted)" }],
});
const empty = target({ path: "exports/empty.json", project: "", stack: "", resourceCount: 0 });
const unread = target({
  path: "exports/billing.json",
  project: "billing",
  unchecked: [{ reason: "state uncertain: a `creating` operation was still pending" }],
});

describe("text", () => {
  const text = renderText(report([orders, empty, unread]), false);

  test("a pending-deletion resource is its own group beside its replacement, with its unchecked item and note", () => {
    expect(text).toContain(
      [
        "    orders-api  aws:apigateway/restApi:RestApi  exports/orders.json",
        "        [unchecked]  the resource policy is encrypted in this export",
        "        [note]  pending deletion (replaced, not yet deleted)",
        "    orders-api  aws:apigateway/restApi:RestApi  exports/orders.json",
        "        [mandatory]  rest-api-private  pack@v1.0.0",
      ].join("\n"),
    );
  });

  test("an empty stack says so", () => {
    expect(text).toContain(
      "stack export exports/empty.json  (?/?, 0 resources)\n    the stack is empty: the export lists no resources\n",
    );
  });

  test("one line per stack, then the total", () => {
    expect(text).toContain(
      [
        "FAILED  orders/prod  1 mandatory violation, 0 advisory violations, 1 unchecked  exports/orders.json",
        "PASSED  ?/?  0 mandatory violations, 0 advisory violations  exports/empty.json",
        "UNCHECKED  billing/prod  0 mandatory violations, 0 advisory violations, 1 unchecked  exports/billing.json",
        "",
        "FAILED: 1 mandatory violation, 0 advisory violations, 2 unchecked; 1 of 6 resources blamed in 3 stack exports\n",
      ].join("\n"),
    );
  });

  test("a single stack has no per-stack line", () => {
    expect(renderText(report([unread]), false)).toMatch(
      /\n\nUNCHECKED: 0 mandatory violations, 0 advisory violations, 1 unchecked; 0 of 3 resources blamed in 1 stack export\n$/,
    );
  });
});

test("JSON: each target with its stack and its own summary", () => {
  const json = JSON.parse(renderJson(report([orders, unread])));
  expect(
    json.targets.map((t: TargetReport & { summary: unknown }) => [t.project, t.stack, t.summary]),
  ).toEqual([
    ["orders", "prod", expect.objectContaining({ mandatory: 1, unchecked: 1 })],
    ["billing", "prod", expect.objectContaining({ mandatory: 0, unchecked: 1 })],
  ]);
  expect(json.targets[0].unchecked[0].resource.deployed.pendingDeletion).toBe(true);
  expect(json.summary).toMatchObject({ mandatory: 1, unchecked: 2 });
});

describe("SARIF", () => {
  const log = JSON.parse(renderSarif(report([orders, unread])));
  const run = log.runs[0];

  test("is valid, and a drifted result says so and names its stack", () => {
    expect(sarifProblems(log)).toEqual([]);
    expect(run.results[0].properties).toMatchObject({ drifted: true, stack: "orders/prod" });
  });

  test("unchecked items are warnings and notes are notes, as tool notifications naming the stack", () => {
    const notifications = run.invocations[0].toolExecutionNotifications;
    expect(
      notifications.map((n: { level: string; descriptor: { id: string }; properties: { stack: string } }) => [
        n.level,
        n.descriptor.id,
        n.properties.stack,
      ]),
    ).toEqual([
      ["warning", "unchecked", "orders/prod"],
      ["note", "note", "orders/prod"],
      ["warning", "unchecked", "billing/prod"],
    ]);
    expect(notifications[0].message.text).toBe(
      'aws:apigateway/restApi:RestApi "orders-api": the resource policy is encrypted in this export',
    );
    expect(run.invocations[0].executionSuccessful).toBe(true);
  });
});

const exitCodes: Array<[string, { mandatory: number; unchecked: number }, object, number]> = [
  ["nothing found", { mandatory: 0, unchecked: 0 }, {}, 0],
  ["a mandatory violation", { mandatory: 1, unchecked: 0 }, {}, 1],
  ["a mandatory violation and something unchecked", { mandatory: 1, unchecked: 2 }, {}, 1],
  ["something unchecked", { mandatory: 0, unchecked: 1 }, {}, 3],
  ["something unchecked, allowed", { mandatory: 0, unchecked: 1 }, { allowUnchecked: true }, 0],
  ["a mandatory violation, unchecked allowed", { mandatory: 1, unchecked: 1 }, { allowUnchecked: true }, 1],
  ["a mandatory violation, --exit-zero", { mandatory: 1, unchecked: 1 }, { exitZero: true }, 0],
  ["something unchecked, --exit-zero", { mandatory: 0, unchecked: 1 }, { exitZero: true }, 0],
];

test.each(exitCodes)("exit code: %s", (_name, summary, policy, code) => {
  expect(exitCodeOf(summary, { exitZero: false, allowUnchecked: false, ...policy })).toBe(code);
});

test("the summary counts unchecked items of every target", () => {
  expect(summarize(report([orders, unread])).unchecked).toBe(2);
});
