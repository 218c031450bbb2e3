/**
 * Differential fuzzing of our Rego compiler against OPA's interpreter (npm run test:opa). Random
 * well-formed modules (regoGenProgram.ts) with random inputs (regoGenInput.ts) are evaluated by
 * `opa run --server` in its default mode (fuzzOpaServer.ts) and by our compiled wasm (fuzzOurs.ts);
 * each pair agrees on a value, on undefined or on an error, falls in the one explained class
 * (fuzzOutcome.ts), or is unexplained. Unexplained pairs are shrunk by fast-check to small programs
 * and fail the test.
 *
 * PROPERTY_SEED picks the programs (printed), FUZZ_PROGRAMS their number (default 1,000).
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import fc from "fast-check";
import { propertySeed } from "../properties/settings";
import { GENERATOR_BUG, ERROR_OPA_SKIPS, type Verdict } from "./fuzzOutcome";
import { OpaServer } from "./fuzzOpaServer";
import { type Case, type Judged, cases, program, report, runBatch, shrink, unexplained } from "./fuzzRun";

const opa = path.join(__dirname, "..", "..", ".tools", "bin", "opa");
const programCount = Number(process.env.FUZZ_PROGRAMS ?? 1000);
/** Unexplained cases shrunk to a minimal program, each for at most shrinkTimeMs; the rest are listed. */
const shrinkLimit = 3;
const shrinkTimeMs = 45_000;

function summary(judged: Judged[]): string {
  const count = (verdict: Verdict) => judged.filter((j) => j.verdict === verdict).length;
  return [
    `fuzz: ${judged.length} programs (seed ${propertySeed})`,
    `agree ${count("agree value")} value / ${count("agree undefined")} undefined / ${count("agree error")} error`,
    `expected "${ERROR_OPA_SKIPS}" ${count(ERROR_OPA_SKIPS)}`,
    `OPA rejects ${count(GENERATOR_BUG)}`,
    `differences ${count("difference")}`,
  ].join("; ");
}

async function shrinkAll(failing: Case[], workDir: string): Promise<string[]> {
  const server = await OpaServer.start(opa, []);
  try {
    const shrunk: string[] = [];
    for (const c of failing) {
      const smallest = await shrink(opa, server, workDir, c, shrinkTimeMs);
      if (smallest) shrunk.push(report(smallest));
    }
    return shrunk;
  } finally {
    await server.stop();
  }
}

if (!existsSync(opa)) {
  const why = `tests/opa/fuzz.test.ts: ${opa} is missing (npm run tools builds it)`;
  if (process.env.CI === "true") {
    test("OPA is built for the differential fuzzing", () => {
      throw new Error(why);
    });
  } else {
    console.log(`${why}; skipped`);
    test.skip("our compiler agrees with OPA's interpreter on random programs", () => undefined);
  }
} else {
  test("our compiler agrees with OPA's interpreter on random programs", async () => {
    const workDir = mkdtempSync(path.join(tmpdir(), "regoc-fuzz-"));
    try {
      const samples = fc.sample(cases, { seed: propertySeed, numRuns: programCount });
      const judged = await runBatch(
        opa,
        samples.map((c, i) => program(`p${i}`, c)),
        workDir,
      );
      console.log(summary(judged));
      const failing = judged.flatMap((j, i) => (unexplained(j.verdict) ? [{ j, c: samples[i] }] : []));
      if (failing.length === 0) return;
      const shrunk = await shrinkAll(
        failing.slice(0, shrinkLimit).map(({ c }) => c),
        workDir,
      );
      throw new Error(
        [
          `${failing.length} unexplained outcomes (seed ${propertySeed}); shrunk:`,
          ...shrunk,
          "as found:",
          ...failing.slice(0, 10).map(({ j }) => report(j)),
        ].join("\n\n"),
      );
    } finally {
      rmSync(workDir, { recursive: true, force: true });
    }
  }, 600_000);
}
