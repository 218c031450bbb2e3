/**
 * OPA as the oracle of our compiler (npm run test:opa). For every policy of the pack, on every fixture of the
 * tests, on 3,000 generated documents in resource and stack inputs and on 1,000 generated stacks:
 *
 * - OPA's own Wasm module for rego/ (`opa build -t wasm`) and the module the pack ships
 *   (policies/generated/policy.wasm, our compiler's) must decide alike, through the same SDK, each
 *   instance's memory sized from its module's own memory import. "Alike" is deep JSON equality in the
 *   comparison form of decisionsOpaWasmForm.ts: OPA's Wasm module writes sets and json.marshal's output
 *   otherwise than OPA itself does (hash order, no HTML escapes), in about 1 decision in 20 here.
 * - So that this looser form loses nothing, ours must also equal OPA's interpreter (`opa eval`, the
 *   reference semantics) exactly.
 *
 * On the hostile corpus (tests/hostile/corpus.ts) both modules must fail closed (decisionsOutcome.ts: the
 * pack blocks the resource), may fail in different ways (the table `hostileModes`, which the test checks),
 * and must decide alike where both decide.
 *
 * PROPERTY_SEED (tests/properties/settings.ts) chooses the generated inputs; the seed is printed.
 */
import { readFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { entrypoint, modulePath } from "../../policies/engine";
import { resourceInput } from "../../policies/input";
import { digestPath, regoDigest } from "../../policies/regoDigest";
import { compliantProperties, hostileDocuments, hostileProperties, networkPolicy } from "../hostile/corpus";
import { propertySeed } from "../properties/settings";
import { fixtureCases, types } from "./decisionsFixtures";
import { rawConfigs, singleResources, stacks } from "./decisionsGenerators";
import { everyDecisionInput, type DecisionInput } from "./decisionsInputs";
import { DecisionModule, failsClosed, failureMode, type FailureMode, type Outcome } from "./decisionsOutcome";
import { comparisonForm } from "./decisionsOpaWasmForm";
import { buildOpaModule, interpreterDecisions, opaMissingReason } from "./opaModule";

/** Generated inputs per run: documents alone in their stack, and stacks of several linked resources. */
const generatedDocuments = 3_000;
const generatedStacks = 1_000;

/** One decision input on which the modules disagree, with each evaluator's outcome. */
interface Difference {
  label: string;
  input?: unknown;
  ours: Outcome;
  opaWasm: Outcome;
  interpreter: unknown;
}

/**
 * Every hostile case on which the two modules fail closed in different ways (decisionsOutcome.ts: "threw" =
 * the SDK throws, "undefined" = no decision, both of which the pack reports as a mandatory error; "violation"
 * = a violation finding). Any case not listed must fail the same way in both. Why they differ:
 *
 * - Text that is not JSON, handed to the module raw: our runtime aborts ("opa_eval: invalid input json");
 *   OPA's runtime takes the input as undefined, so the decision is undefined.
 * - Trailing garbage after a complete JSON input: OPA's parser stops after the first value and decides it
 *   (here a violation); ours refuses the whole input.
 * - Escaped lone surrogates (\ud800) in strings, raw or as JSON.stringify writes them for the pack: our
 *   runtime reads them and judges the document; OPA's parser aborts
 *   ("illegal string escape character").
 * - 20,000 levels of nesting: both throw, ours by refusing input nested deeper than 4,096 levels, OPA's by
 *   overflowing the host stack in its recursive parser (RangeError); the same mode, so not listed.
 */
const invalidJsonModes = { ours: "threw", opa: "undefined" } as const;
const loneSurrogateModes = { ours: "violation", opa: "threw" } as const;
const hostileModes: Record<string, { ours: FailureMode; opa: FailureMode }> = {
  "raw document: whitespace only": invalidJsonModes,
  "raw document: truncated JSON": invalidJsonModes,
  "raw document: trailing garbage": invalidJsonModes,
  "raw document: two documents": invalidJsonModes,
  "raw document: a raw NUL byte": invalidJsonModes,
  "raw document: a raw control character in a string": invalidJsonModes,
  "raw document: lone surrogate escapes in Sid and keys": loneSurrogateModes,
  "raw document: a lone surrogate as the address": loneSurrogateModes,
  "adapted document: lone surrogate escapes in Sid and keys": loneSurrogateModes,
  "adapted document: a lone surrogate as the address": loneSurrogateModes,
  "whole input: whitespace only": invalidJsonModes,
  "whole input: truncated": invalidJsonModes,
  "whole input: trailing garbage": { ours: "threw", opa: "violation" },
  "whole input: a raw NUL byte": invalidJsonModes,
};

const missing = opaMissingReason();

if (missing !== undefined) {
  if (process.env.CI === "true") {
    test("OPA is available under CI", () => {
      throw new Error(`test:opa cannot run: ${missing}`);
    });
  } else {
    process.stdout.write(`test:opa skipped: ${missing}\n`);
    test.skip(`OPA's module decides as ours (skipped: ${missing})`, () => {});
  }
} else {
  describeDecisions();
}

function describeDecisions(): void {
  let ours: DecisionModule;
  let opa: DecisionModule;
  let opaBuildError: unknown;
  /** The interpreter's decision on each fixture input, all made in one `opa eval`. */
  let fixtureDecisions: Map<DecisionInput, unknown>;
  /** How many decisions OPA's Wasm module wrote otherwise than ours (decisionsOpaWasmForm.ts). */
  const rewritten = { count: 0, of: 0 };

  beforeAll(() => {
    ours = new DecisionModule(readFileSync(modulePath));
    try {
      const built = buildOpaModule();
      if (built.messages !== "") process.stdout.write(`opa build: ${built.messages}\n`);
      opa = new DecisionModule(built.wasm);
    } catch (e) {
      opaBuildError = e;
    }
    const inputs = fixtureCases.flatMap((c) => c.inputs);
    const decisions = interpreterDecisions(inputs.map((i) => i.input));
    fixtureDecisions = new Map(inputs.map((input, i) => [input, decisions[i]]));
    const stale = readFileSync(digestPath, "utf8").trim() !== regoDigest();
    const note = stale ? " (the shipped module is older than rego/: npm run build:rego)" : "";
    process.stdout.write(`test:opa: PROPERTY_SEED=${propertySeed}${note}\n`);
  }, 300_000);

  afterAll(() => {
    if (rewritten.of === 0) return;
    process.stdout.write(
      `test:opa: OPA's Wasm module wrote ${rewritten.count} of ${rewritten.of} decisions otherwise than ours ` +
        `and OPA's interpreter (decisionsOpaWasmForm.ts)\n`,
    );
  });

  /**
   * The inputs on which the modules do not agree: ours must decide exactly as OPA's interpreter, and OPA's
   * Wasm module as ours in the comparison form (the ways it writes decisions otherwise undone).
   */
  function differences(inputs: DecisionInput[], interpreter: unknown[], withInputs = false): Difference[] {
    if (opa === undefined) throw new Error(`OPA's module was not built: ${String(opaBuildError)}`);
    return inputs.flatMap(({ label, input }, i) => {
      const outcomes = { ours: ours.decide(input), opaWasm: opa.decide(input) };
      if (outcomes.ours.kind === "decided" && outcomes.opaWasm.kind === "decided") {
        const [own, wasm] = [outcomes.ours.resultSet, outcomes.opaWasm.resultSet];
        rewritten.of++;
        if (!isDeepStrictEqual(own, wasm)) rewritten.count++;
        if (
          isDeepStrictEqual(own, interpreter[i]) &&
          isDeepStrictEqual(comparisonForm(own), comparisonForm(wasm))
        ) {
          return [];
        }
      }
      return [{ label, ...(withInputs ? { input } : {}), ...outcomes, interpreter: interpreter[i] }];
    });
  }

  test("opa build -t wasm succeeds on rego/ as shipped, with the decision entrypoint", () => {
    expect(opaBuildError).toBeUndefined();
    expect(Buffer.from(opa.wasm.subarray(0, 4))).toEqual(Buffer.from([0, 0x61, 0x73, 0x6d]));
    expect(Object.keys(opa.entrypoints)).toContain(entrypoint);
  });

  describe("every fixture of the tests, every policy of the pack", () => {
    test.each(fixtureCases.map((c) => [c.name, c] as const))("%s", (_name, fixture) => {
      expect(fixture.inputs.length).toBeGreaterThan(0);
      const interpreter = fixture.inputs.map((input) => fixtureDecisions.get(input));
      expect(differences(fixture.inputs, interpreter)).toEqual([]);
    });
  });

  /** Seeded draws (PROPERTY_SEED), all judged by the interpreter in one process; the first differences shown. */
  function expectGeneratedAgree(inputs: DecisionInput[]): void {
    const found = differences(inputs, interpreterDecisions(inputs.map((i) => i.input)), true);
    expect({ differences: found.length, first: found.slice(0, 3) }).toEqual({ differences: 0, first: [] });
  }

  describe("generated inputs", () => {
    test(`${generatedDocuments} generated documents, each in resource and stack policy inputs`, () => {
      const drawn = fc.sample(fc.tuple(singleResources, rawConfigs), {
        seed: propertySeed,
        numRuns: generatedDocuments,
      });
      expectGeneratedAgree(
        drawn.flatMap(([resource, rawConfig]) => everyDecisionInput([resource], rawConfig)),
      );
    }, 600_000);

    test(`${generatedStacks} generated stacks of linked resources`, () => {
      const drawn = fc.sample(fc.tuple(stacks, rawConfigs), { seed: propertySeed, numRuns: generatedStacks });
      expectGeneratedAgree(
        drawn.flatMap(([resources, rawConfig]) => everyDecisionInput(resources, rawConfig)),
      );
    }, 600_000);
  });

  describe("the hostile corpus: both fail closed, and decide alike where both decide", () => {
    const compliantInput = {
      policy: networkPolicy,
      config: {},
      resource: resourceInput({ type: types.restApi, urn: "urn:x", name: "api", props: compliantProperties }),
    };

    /** Both fail closed; equal decisions when both decide; otherwise the modes are those the table lists. */
    function expectBothClosed(name: string, input: unknown): void {
      const outcomes = { ours: ours.decide(input), opa: opa.decide(input) };
      const modes = { ours: failureMode(outcomes.ours), opa: failureMode(outcomes.opa) };
      expect({
        name,
        ...modes,
        oursClosed: failsClosed(outcomes.ours),
        opaClosed: failsClosed(outcomes.opa),
      }).toEqual({ name, ...modes, oursClosed: true, opaClosed: true });
      if (outcomes.ours.kind === "decided" && outcomes.opa.kind === "decided") {
        expect(comparisonForm(outcomes.opa.resultSet)).toStrictEqual(comparisonForm(outcomes.ours.resultSet));
      } else {
        expect(modes).toEqual(hostileModes[name] ?? { ours: modes.ours, opa: modes.ours });
      }
      // The instances that met hostile input (or their fresh replacements) still pass a compliant API.
      const passes: Outcome = { kind: "decided", resultSet: [{ result: { findings: [] } }] };
      expect([ours.decide(compliantInput), opa.decide(compliantInput)]).toEqual([passes, passes]);
    }

    const encoder = new TextEncoder();
    /** JSON text handed to the module byte for byte, as tests/hostile/runtime.test.ts does. */
    const bytes = (text: string) => {
      const encoded = encoder.encode(text);
      return encoded.buffer.slice(encoded.byteOffset, encoded.byteOffset + encoded.byteLength);
    };
    const rawDocumentInput = (rawDocument: string) =>
      `{"policy":${JSON.stringify(networkPolicy)},"config":{},"resource":{"type":"${types.restApi}",` +
      `"urn":"urn:x","name":"api","props":{},"unknowns":[],"dependencies":{},` +
      `"documents":{"policy":{"state":"parsed","value":${rawDocument}}}}}`;

    test.each(hostileDocuments.map((d) => [d.name, d] as const))("raw document: %s", (name, document) => {
      expectBothClosed(`raw document: ${name}`, bytes(rawDocumentInput(document.text)));
    });

    test.each(hostileDocuments.map((d) => [d.name, d] as const))("adapted document: %s", (name, document) => {
      const resource = resourceInput({
        type: types.restApi,
        urn: "urn:x",
        name: "api",
        props: { endpointConfiguration: { types: "PRIVATE" }, policy: document.text },
      });
      expectBothClosed(`adapted document: ${name}`, { policy: networkPolicy, config: {}, resource });
    });

    // tests/hostile/runtime.test.ts's whole inputs: the adapter never builds these, and some are decided with
    // no findings by design (a resource that is not an object is of no type a policy applies to), so here
    // only: decided alike where both decide, both fail closed where either does not.
    test.each([
      ["empty", ""],
      ["whitespace only", " \n "],
      ["truncated", rawDocumentInput("{}").slice(0, 30)],
      ["trailing garbage", `${rawDocumentInput("{}")}]`],
      ["JSON null", "null"],
      ["a JSON number", "1e999999"],
      ["a JSON array", "[1,2,3]"],
      ["a raw NUL byte", `{"policy":"x\u0000"}`],
      ["a policy name with an escaped NUL", `{"policy":"${networkPolicy}\\u0000"}`],
      ["a policy name as a number", '{"policy":7}'],
      ["a resource that is not an object", `{"policy":"${networkPolicy}","config":{},"resource":"x"}`],
      ["20,000 levels of nesting", "[".repeat(20_000) + "]".repeat(20_000)],
    ])("whole input: %s", (name, text) => {
      const outcomes = { ours: ours.decide(bytes(text)), opa: opa.decide(bytes(text)) };
      if (outcomes.ours.kind === "decided" && outcomes.opa.kind === "decided") {
        expect(comparisonForm(outcomes.opa.resultSet)).toStrictEqual(comparisonForm(outcomes.ours.resultSet));
      } else {
        expect([failsClosed(outcomes.ours), failsClosed(outcomes.opa)]).toEqual([true, true]);
        const modes = { ours: failureMode(outcomes.ours), opa: failureMode(outcomes.opa) };
        expect(modes).toEqual(hostileModes[`whole input: ${name}`] ?? { ours: modes.ours, opa: modes.ours });
      }
    });

    test.each(hostileProperties.map((p) => [p.name, p] as const))(
      "adapted properties: %s",
      (name, hostile) => {
        const resource = resourceInput({
          type: hostile.type ?? types.restApi,
          urn: "urn:x",
          name: "api",
          props: hostile.properties,
        });
        expectBothClosed(`adapted properties: ${name}`, { policy: hostile.policy, config: {}, resource });
      },
    );
  });
}
