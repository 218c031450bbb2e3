/**
 * The hostile corpus straight into the shipped module through the unmodified SDK: each document's text is
 * spliced raw into the decision input (an ArrayBuffer goes to opa_eval byte for byte, so the runtime's own
 * JSON parser meets it, not JSON.parse). Every text must be refused or judged a violation within a bounded
 * time, and the same instance must decide the next, compliant input correctly.
 */
import { readFileSync } from "node:fs";
import { loadPolicySync, type LoadedPolicy } from "@open-policy-agent/opa-wasm";
import { networkConfig } from "../../policies/config";
import { entrypoint, modulePath } from "../../policies/engine";
import { resourceInput } from "../../policies/input";
import { compliantProperties, hostileDocuments, hostileProperties, networkPolicy } from "./corpus";

const boundMs = 10_000;
const restApi = "aws:apigateway/restApi:RestApi";
const encoder = new TextEncoder();

/** The decision input of the network policy for a RestApi whose policy property parsed to `rawDocument`. */
const networkInputText = (rawDocument: string) =>
  `{"policy":${JSON.stringify(networkPolicy)},"config":{},"resource":{"type":"${restApi}","urn":"urn:x",` +
  `"name":"api","props":{},"unknowns":[],"dependencies":{},` +
  `"documents":{"policy":{"state":"parsed","value":${rawDocument}}}}}`;

function bytes(text: string): ArrayBuffer {
  const encoded = encoder.encode(text);
  return encoded.buffer.slice(encoded.byteOffset, encoded.byteOffset + encoded.byteLength) as ArrayBuffer;
}

type Outcome =
  | { kind: "rejected"; reason: string }
  | { kind: "decided"; findings: { kind: string; message: string }[] }
  | { kind: "undefined" };

/** The SDK throws what opa_abort carries: a string, or an Error for a trap. */
function evaluate(policy: LoadedPolicy, input: unknown): { outcome: Outcome; ms: number } {
  const started = performance.now();
  let outcome: Outcome;
  try {
    const resultSet = policy.evaluate(input, entrypoint) as { result: { findings: never[] } }[];
    outcome =
      resultSet.length === 0
        ? { kind: "undefined" }
        : { kind: "decided", findings: resultSet[0].result.findings };
  } catch (e) {
    outcome = { kind: "rejected", reason: e instanceof Error ? e.message : String(e) };
  }
  return { outcome, ms: performance.now() - started };
}

const compliantInput = {
  policy: networkPolicy,
  config: {},
  resource: resourceInput({ type: restApi, urn: "urn:x", name: "api", props: compliantProperties }),
};

let policy: LoadedPolicy;

beforeAll(() => {
  policy = loadPolicySync(readFileSync(modulePath), { initial: 5, maximum: 4096 });
});

/** The instance that just met hostile input still decides a compliant resource: no findings. */
function expectStillServing(): void {
  expect(evaluate(policy, compliantInput).outcome).toEqual({ kind: "decided", findings: [] });
}

describe("hostile documents spliced raw into the module's input", () => {
  test.each(hostileDocuments.map((d) => [d.name, d] as const))("%s", (_name, document) => {
    const { outcome, ms } = evaluate(policy, bytes(networkInputText(document.text)));
    expect(ms).toBeLessThan(boundMs);
    if (document.runtime === "rejected") {
      expect(outcome).toEqual({ kind: "rejected", reason: expect.stringContaining("invalid input json") });
    } else {
      expect(outcome.kind).toBe("decided");
      const kinds = outcome.kind === "decided" ? outcome.findings.map((f) => f.kind) : [];
      expect(kinds.length).toBeGreaterThan(0);
      expect(kinds.every((k) => k === "violation")).toBe(true);
    }
    expectStillServing();
  });
});

describe("hostile whole inputs", () => {
  test.each([
    ["empty", "undefined", ""],
    ["whitespace only", "rejected", " \n "],
    ["truncated", "rejected", networkInputText("{}").slice(0, 30)],
    ["trailing garbage", "rejected", `${networkInputText("{}")}]`],
    ["JSON null", "undefined", "null"],
    ["a JSON number", "undefined", "1e999999"],
    ["a JSON array", "undefined", "[1,2,3]"],
    ["a raw NUL byte", "rejected", `{"policy":"x\u0000"}`],
    ["a policy name with an escaped NUL", "undefined", `{"policy":"${networkPolicy}\\u0000"}`],
    ["a policy name as a number", "undefined", '{"policy":7}'],
    [
      "a resource that is not an object",
      "decided",
      `{"policy":"${networkPolicy}","config":{},"resource":"x"}`,
    ],
    ["20,000 levels of nesting", "rejected", "[".repeat(20_000) + "]".repeat(20_000)],
  ])("%s → %s, then still serving", (_name, expected, text) => {
    const { outcome, ms } = evaluate(policy, bytes(text));
    expect(ms).toBeLessThan(boundMs);
    expect(outcome.kind).toBe(expected);
    // The module trusts the adapter (policies/input.ts) for the input's shape: a resource that is not an
    // object is of no type a policy applies to, so the decision holds no findings.
    if (outcome.kind === "decided") expect(outcome.findings).toEqual([]);
    expectStillServing();
  });
});

describe("memory exhausted during evaluation", () => {
  // The allocator aborts with "out of memory"; the abort must not need memory itself (copying its message
  // to the heap would fail again and recurse until the host stack overflows).
  test("ends in an out-of-memory abort, and the instance still serves", () => {
    const small = loadPolicySync(readFileSync(modulePath), { initial: 5, maximum: 48 });
    const statements = Array.from({ length: 10_000 }, (_, i) => ({
      Sid: `s${i}`,
      Effect: "Allow",
      Principal: "*",
      Action: "execute-api:Invoke",
      Resource: "*",
    }));
    const props = { policy: JSON.stringify({ Statement: statements }) };
    const resource = resourceInput({ type: restApi, urn: "urn:x", name: "api", props });
    const { outcome, ms } = evaluate(small, { policy: networkPolicy, config: networkConfig({}), resource });
    expect(ms).toBeLessThan(boundMs);
    expect(outcome).toEqual({ kind: "rejected", reason: expect.stringContaining("out of memory") });
    expect(evaluate(small, compliantInput).outcome).toEqual({ kind: "decided", findings: [] });
  });
});

describe("hostile properties adapted by the pack and decided by the module", () => {
  test.each(hostileProperties.map((p) => [p.name, p] as const))("%s", (_name, hostile) => {
    const resource = resourceInput({
      type: hostile.type ?? restApi,
      urn: "urn:x",
      name: "api",
      props: hostile.properties,
    });
    const { outcome, ms } = evaluate(policy, { policy: hostile.policy, config: {}, resource });
    expect(ms).toBeLessThan(boundMs);
    expect(outcome).toEqual({
      kind: "decided",
      findings: [
        expect.objectContaining({
          kind: expect.stringMatching(/^(violation|error)$/),
          message: expect.stringContaining(hostile.mentions),
        }),
      ],
    });
    expectStillServing();
  });
});
