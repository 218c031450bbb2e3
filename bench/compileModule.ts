/** rego/ → the pack's Wasm module, as `npm run build:rego` compiles it, and its size beside OPA's module's. */
import { statSync } from "node:fs";
import * as path from "node:path";
import { compileRego, type CompileResult } from "../compiler/compile";
import { entrypoint, modulePath } from "../policies/engine";
import { report, sideBySide } from "./measure";
import { reportOpaSize, type OpaPeer } from "./opaPeer";

const regoDir = path.join(__dirname, "..", "rego");

/**
 * The warm-up compile also builds the AssemblyScript runtime when its cached build is stale (tens of
 * seconds); compile_ms is rego/ → module with the runtime already built, the cost of a policy change.
 */
export async function benchCompile(rounds: number, peer: OpaPeer): Promise<void> {
  let compiled: CompileResult | undefined;
  const medians = await sideBySide(
    {
      compile: async () => {
        compiled = await compileRego({ dir: regoDir, entrypoints: [entrypoint], skipTests: true });
      },
    },
    rounds,
    1,
  );
  report("compile_ms", medians.compile, "ms");
  report("compile_front_end_ms", compiled!.timings.frontEnd, "ms");
  report("wasm_kb", compiled!.wasm.byteLength / 1024, "KiB");
  report("shipped_wasm_kb", statSync(modulePath).size / 1024, "KiB");
  reportOpaSize(peer);
}
