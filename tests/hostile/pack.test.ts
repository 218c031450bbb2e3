/**
 * The hostile corpus through the pack as the Pulumi engine runs it (one pack process for the whole file,
 * Analyze and AnalyzeStack over gRPC). Each input must end in a mandatory violation from the policy it
 * concerns, within a generous bound, and the same pack must then pass a compliant API.
 */
import * as path from "node:path";
import { reconcilePolicyConfig } from "../../analyzer/config";
import { start, type PolicyPackSession } from "../../analyzer/driver";
import type { PolicyDiagnostic } from "../../analyzer/types";
import type { WireObject } from "../../analyzer/wire";
import { resource, types } from "../e2e/resources";
import {
  compliantProperties,
  hostileDocuments,
  hostileProperties,
  networkPolicy,
  stackPolicy,
} from "./corpus";

const packDir = path.join(__dirname, "..", "..");
// A bound, not a benchmark: hostile input must end in a decision instead of hanging. It is generous because CI
// shares two cores with other jest workers (a 1,500-level request once took 10.7 s under load). The bound is
// asserted on each call; the test itself may take longer (a follow-up call, a slow machine).
const boundMs = 30_000;
jest.setTimeout(60_000);

let session: PolicyPackSession;

beforeAll(async () => {
  session = await start(packDir, { startupTimeoutMs: 180_000, callTimeoutMs: 60_000 });
  await session.configure(reconcilePolicyConfig(await session.info(), {}));
}, 200_000);

afterAll(async () => {
  await session?.stop();
});

async function analyze(properties: WireObject, type = types.restApi): Promise<PolicyDiagnostic[]> {
  const started = performance.now();
  const { diagnostics } = await session.analyze(resource(type, "api", properties));
  expect(performance.now() - started).toBeLessThan(boundMs);
  return diagnostics;
}

/** Every diagnostic comes from `policy`, is mandatory, and one of them names the problem. */
function expectMandatory(diagnostics: PolicyDiagnostic[], policy: string, mentions: string): void {
  expect(diagnostics.length).toBeGreaterThan(0);
  expect(diagnostics.map((d) => [d.policyName, d.enforcementLevel])).toEqual(
    diagnostics.map(() => [policy, "mandatory"]),
  );
  expect(diagnostics.map((d) => d.message).join("\n")).toContain(mentions);
}

async function expectStillServing(): Promise<void> {
  expect(await analyze(compliantProperties)).toEqual([]);
}

const privateApi = { endpointConfiguration: { types: "PRIVATE" } };

describe("Analyze of a RestApi whose policy property holds a hostile document", () => {
  test.each(hostileDocuments.map((d) => [d.name, d] as const))("%s", async (_name, document) => {
    const diagnostics = await analyze({ ...privateApi, policy: document.text });
    expectMandatory(diagnostics, networkPolicy, document.mentions);
    await expectStillServing();
  });
});

describe("Analyze of hostile property values", () => {
  test.each(hostileProperties.map((p) => [p.name, p] as const))("%s", async (_name, hostile) => {
    expectMandatory(await analyze(hostile.properties, hostile.type), hostile.policy, hostile.mentions);
    await expectStillServing();
  });
});

describe("Analyze of properties nested deeper than gRPC decodes", () => {
  // google-protobuf decodes Struct values recursively and gives up some way past 1,000 levels: the pack's
  // server refuses the request, the engine fails the operation (nothing passes), and the pack keeps serving.
  test("1,500 levels of nesting in a property: the request is refused", async () => {
    let nested: WireObject = { leaf: "x" };
    for (let level = 1; level < 1_500; level++) nested = { a: nested };
    const started = performance.now();
    await expect(
      session.analyze(resource(types.restApi, "api", { ...privateApi, tags: nested })),
    ).rejects.toThrow("Error deserializing request");
    expect(performance.now() - started).toBeLessThan(boundMs);
    await expectStillServing();
  });
});

describe("AnalyzeStack", () => {
  // An empty policy is no policy (the provider reports "" when none is set), so the per-resource policies
  // leave it alone and the stack policy must judge its absence.
  test("an empty policy string: no resource violation, a mandatory stack violation", async () => {
    expect(await analyze({ ...privateApi, policy: "" })).toEqual([]);
    const hostile = resource(types.restApi, "empty", { ...privateApi, policy: "" });
    const compliant = resource(types.restApi, "compliant", compliantProperties);
    const started = performance.now();
    const { diagnostics } = await session.analyzeStack([hostile, compliant]);
    expect(performance.now() - started).toBeLessThan(boundMs);
    const mandatory = diagnostics.filter((d) => d.enforcementLevel === "mandatory");
    expect(mandatory.map((d) => [d.policyName, d.urn])).toEqual([[stackPolicy, hostile.urn]]);
  });

  test("every light hostile document in one stack: each API is blamed, the compliant one is not", async () => {
    const light = hostileDocuments.filter((d) => d.text.length < 10_000);
    const apis = light.map((d, i) =>
      resource(types.restApi, `hostile${i}`, { ...privateApi, policy: d.text }),
    );
    const compliant = resource(types.restApi, "compliant", compliantProperties);
    const started = performance.now();
    const { diagnostics } = await session.analyzeStack([...apis, compliant]);
    expect(performance.now() - started).toBeLessThan(boundMs);
    const blamed = new Set(diagnostics.filter((d) => d.enforcementLevel === "mandatory").map((d) => d.urn));
    expect(blamed).toEqual(new Set(apis.map((a) => a.urn)));
  });
});
