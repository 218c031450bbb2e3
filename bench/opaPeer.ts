/**
 * OPA's own Wasm module for rego/ as the performance peer of ours: built once per run by `opa build -t wasm`
 * (tests/opa/opaModule.ts, which tests/opa/decisions.test.ts proves decides as ours), loaded through the
 * same SDK and timed on the same inputs, interleaved with ours. Without the opa binary each figure is
 * printed as skipped, with the reason.
 */
import { readFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import { loadPolicySync } from "@open-policy-agent/opa-wasm";
import { entrypoint, modulePath } from "../policies/engine";
import { buildOpaModule, memoryFor, opaMissingReason } from "../tests/opa/opaModule";
import { report, sideBySide } from "./measure";
import { restApiPolicyInput } from "./workload";

export type OpaPeer = { wasm: Uint8Array } | { skipped: string };

export function opaPeer(): OpaPeer {
  const missing = opaMissingReason();
  if (missing !== undefined) return { skipped: missing };
  try {
    return { wasm: buildOpaModule().wasm };
  } catch (e) {
    return { skipped: e instanceof Error ? e.message : String(e) };
  }
}

export function reportSkipped(name: string, reason: string): void {
  console.log(`bench: ${name} = skipped (${reason})`);
}

export function reportOpaSize(peer: OpaPeer): void {
  if ("skipped" in peer) reportSkipped("opa_wasm_kb", peer.skipped);
  else report("opa_wasm_kb", peer.wasm.byteLength / 1024, "KiB");
}

/** Why the two modules cannot be compared on `input`, or undefined when they decide alike. */
export function disagreement(ours: unknown, opa: unknown): string | undefined {
  return isDeepStrictEqual(ours, opa)
    ? undefined
    : `OPA's module decides differently: ${JSON.stringify(opa)} vs ours ${JSON.stringify(ours)}`;
}

/**
 * `wasm` with a custom section (ignored by every engine) naming `round` appended: V8 shares the compiled
 * code of byte-identical modules while one of them is alive, which would make every load after the first a
 * warm one.
 */
function distinctCopy(wasm: Uint8Array, round: number): Uint8Array {
  const name = new TextEncoder().encode(`bench-round-${round}`);
  // Section id 0 (custom), then its size, the name's length and the name; both sizes fit one LEB128 byte.
  const section = Uint8Array.from([0, name.length + 1, name.length, ...name]);
  const copy = new Uint8Array(wasm.byteLength + section.byteLength);
  copy.set(wasm);
  copy.set(section, wasm.byteLength);
  return copy;
}

const coldRounds = 15;

/**
 * cold_vs_opa_wasm: load (compile + instantiate, as the pack's engine does with loadPolicySync) and the first
 * evaluation of the bench's RestApiPolicy input, ours ÷ OPA's. Each module starts at the memory it declares.
 */
export async function benchColdEvaluation(peer: OpaPeer): Promise<void> {
  if ("skipped" in peer) return reportSkipped("cold_vs_opa_wasm", peer.skipped);
  const ours = new Uint8Array(readFileSync(modulePath));
  const input = restApiPolicyInput();
  let round = 0;
  const coldEvaluation = (wasm: Uint8Array) => () =>
    loadPolicySync(distinctCopy(wasm, round++), memoryFor(wasm)).evaluate(input, entrypoint);
  const medians = await sideBySide(
    { ours: coldEvaluation(ours), opa: coldEvaluation(peer.wasm) },
    coldRounds,
    2,
  );
  report("cold_eval_ms", medians.ours, "ms");
  report("cold_eval_opa_wasm_ms", medians.opa, "ms");
  report("cold_vs_opa_wasm", medians.ours / medians.opa, "x");
}
