/** The runtime module the back end links every policy with. */
import { readFileSync } from "node:fs";
import { runtimeWasm } from "../runtime/build";

let runtime: Promise<Uint8Array> | undefined;

/**
 * The runtime module, read once per process. REGOC_RUNTIME names a prebuilt runtime.wasm to use
 * instead of building one (the build takes seconds and needs a consistent runtime source tree).
 */
export function loadRuntime(): Promise<Uint8Array> {
  const prebuilt = process.env.REGOC_RUNTIME;
  runtime ??= prebuilt ? Promise.resolve(new Uint8Array(readFileSync(prebuilt))) : runtimeWasm();
  return runtime;
}
