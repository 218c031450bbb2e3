/**
 * Evaluation cost of the compiled Rego through the unmodified SDK, against three yardsticks on the same input:
 * a trivial module compiled by the same compiler (what the SDK's JSON marshalling costs at least), a
 * hand-written TypeScript version of the same rule, and OPA's own Wasm module for the same rego/.
 */
import { readFileSync } from "node:fs";
import { loadPolicy, type LoadedPolicy } from "@open-policy-agent/opa-wasm";
import { compileRego } from "../compiler/compile";
import { entrypoint, modulePath } from "../policies/engine";
import { loadModule } from "../tests/opa/opaModule";
import { repeat, report, sideBySide } from "./measure";
import { disagreement, reportSkipped, type OpaPeer } from "./opaPeer";
import { networkFindings } from "./referencePolicy";
import { restApiPolicyInput, restApiWithoutPolicyInput } from "./workload";

const floorEntrypoint = "bench_floor/allow";
const floorSource = "package bench_floor\n\nallow := true\n";
/** As policies/engine.ts sizes the module's memory. */
const memory = { initial: 5, maximum: 4096 };

export async function compileFloorModule(): Promise<Uint8Array> {
  const compiled = await compileRego({
    sources: [{ file: "bench_floor.rego", source: floorSource }],
    entrypoints: [floorEntrypoint],
  });
  return compiled.wasm;
}

export function loadPackModule(): Promise<LoadedPolicy> {
  return loadPolicy(readFileSync(modulePath), memory);
}

/** Evaluations per timed sample: long enough (tens of ms) for the timer, short enough for many rounds. */
const evaluationsPerSample = 400;
const rounds = 21;

/** OPA's module for rego/ on the same input, when it can be built and decides as ours (opaPeer.ts). */
async function opaVariant(
  peer: OpaPeer,
  input: unknown,
  ownResultSet: unknown,
): Promise<LoadedPolicy | string> {
  if ("skipped" in peer) return peer.skipped;
  const opa = await loadModule(peer.wasm);
  return disagreement(ownResultSet, opa.evaluate(input, entrypoint)) ?? opa;
}

export async function benchEvaluation(peer: OpaPeer): Promise<void> {
  const pack = await loadPackModule();
  const floor = await loadPolicy(await compileFloorModule(), memory);
  const input = restApiPolicyInput();
  const ownResultSet = pack.evaluate(input, entrypoint);
  const ownDecision = JSON.stringify(ownResultSet[0].result.findings);
  const referenceDecision = JSON.stringify(networkFindings(input));
  if (ownDecision !== referenceDecision) {
    throw new Error(
      `the TypeScript reference disagrees with the pack: ${referenceDecision} vs ${ownDecision}`,
    );
  }
  const opa = await opaVariant(peer, input, ownResultSet);
  const variants: Record<string, () => void> = {
    pack: repeat(() => pack.evaluate(input, entrypoint), evaluationsPerSample),
    floor: repeat(() => floor.evaluate(input, floorEntrypoint), evaluationsPerSample),
    typescript: repeat(() => networkFindings(input), evaluationsPerSample),
    ...(typeof opa === "string"
      ? {}
      : { opa: repeat(() => opa.evaluate(input, entrypoint), evaluationsPerSample) }),
  };
  const medians = await sideBySide(variants, rounds, 3);
  const perEvaluation = (ms: number) => (ms / evaluationsPerSample) * 1000;
  report("eval_pack_us", perEvaluation(medians.pack), "us");
  report("eval_floor_us", perEvaluation(medians.floor), "us");
  report("eval_typescript_us", perEvaluation(medians.typescript), "us");
  report("eval_vs_floor", medians.pack / medians.floor, "x");
  report("eval_vs_typescript", medians.pack / medians.typescript, "x");
  if (typeof opa === "string") {
    reportSkipped("eval_vs_opa_wasm", opa);
  } else {
    report("eval_opa_wasm_us", perEvaluation(medians.opa), "us");
    report("eval_vs_opa_wasm", medians.pack / medians.opa, "x");
  }
}

const heapEvaluations = 1_000_000;

/** JS heap after a full collection plus the module's linear memory, in bytes. */
function footprint(policy: LoadedPolicy, collect: () => void): number {
  collect();
  collect();
  return (
    process.memoryUsage().heapUsed +
    (policy as unknown as { mem: { buffer: ArrayBuffer } }).mem.buffer.byteLength
  );
}

/**
 * One instance, one million evaluations of the cheapest realistic input: the network rule on a private
 * RestApi that carries no resource policy itself (nothing to judge), the common case in a real stack.
 */
export async function benchHeapGrowth(collect: () => void): Promise<void> {
  const pack = await loadPackModule();
  const input = restApiWithoutPolicyInput();
  for (let i = 0; i < 10_000; i++) pack.evaluate(input, entrypoint);
  const before = footprint(pack, collect);
  const started = performance.now();
  for (let i = 0; i < heapEvaluations; i++) pack.evaluate(input, entrypoint);
  const seconds = (performance.now() - started) / 1000;
  const after = footprint(pack, collect);
  report("heap_eval_us", (seconds / heapEvaluations) * 1e6, "us");
  report("heap_growth_mb", (after - before) / (1024 * 1024), "MB");
}
