/**
 * OPA's own Wasm module for rego/ (the oracle and performance peer of ours): built by the `opa` binary that
 * `npm run tools` puts in .tools/bin, taken out of the bundle `opa build -t wasm` writes, and loaded through
 * the same @open-policy-agent/opa-wasm SDK as the module the pack ships. Also OPA's interpreter, for the
 * decisions Rego defines where OPA's Wasm module writes them differently (decisionsOpaWasmForm.ts).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { gunzipSync } from "node:zlib";
import { loadPolicy, loadPolicySync, type LoadedPolicy } from "@open-policy-agent/opa-wasm";
import { entrypoint } from "../../policies/engine";
import { importedMemoryLimits } from "./memoryImport";

const projectDir = path.join(__dirname, "..", "..");
export const opaBinary = path.join(projectDir, ".tools", "bin", "opa");
export const regoDir = path.join(projectDir, "rego");

/** Why OPA's module cannot be built here, or undefined when it can. */
export function opaMissingReason(): string | undefined {
  return existsSync(opaBinary)
    ? undefined
    : `${path.relative(projectDir, opaBinary)} is missing (npm run tools)`;
}

/** The bytes of the file at `name` in a tar archive (ustar, as Go's archive/tar writes OPA's bundles). */
function tarMember(archive: Uint8Array, name: string): Uint8Array {
  const block = 512;
  const text = (from: number, length: number) =>
    Buffer.from(archive.subarray(from, from + length))
      .toString("latin1")
      .replace(/\0.*$/s, "");
  for (let header = 0; header + block <= archive.length;) {
    const memberName = text(header, 100);
    if (memberName === "") break; // the two zero blocks that end the archive
    const size = parseInt(text(header + 124, 12).trim(), 8);
    const prefix = text(header + 257, 6) === "ustar" ? text(header + 345, 155) : "";
    const fullName = prefix === "" ? memberName : `${prefix}/${memberName}`;
    const data = header + block;
    if (fullName.replace(/^\/+/, "") === name.replace(/^\/+/, "")) return archive.slice(data, data + size);
    header = data + Math.ceil(size / block) * block;
  }
  throw new Error(`the bundle has no ${name}`);
}

export interface OpaBuild {
  wasm: Uint8Array;
  /** What `opa build` printed (warnings), for the caller to show. */
  messages: string;
}

/**
 * `opa build -t wasm -e private_api_guard/decision <dir>`, exactly as a user would run it on the pack's
 * rego/ (test files included: OPA compiles and type-checks them too); throws with OPA's message on failure.
 */
export function buildOpaModule(dir = regoDir): OpaBuild {
  const workDir = mkdtempSync(path.join(tmpdir(), "opa-module-"));
  try {
    const bundle = path.join(workDir, "bundle.tar.gz");
    const run = spawnSync(opaBinary, ["build", "-t", "wasm", "-e", entrypoint, dir, "-o", bundle], {
      encoding: "utf8",
    });
    const messages = `${run.stdout ?? ""}${run.stderr ?? ""}`.trim();
    if (run.error) throw run.error;
    if (run.status !== 0) throw new Error(`opa build failed (exit ${run.status}): ${messages}`);
    return { wasm: tarMember(gunzipSync(readFileSync(bundle)), "/policy.wasm"), messages };
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

/**
 * The decisions OPA's interpreter (`opa eval`, the reference semantics of Rego) makes on `inputs`, in the
 * SDK's result-set shape ([{"result": decision}], or [] when the decision is undefined): one process for
 * all of them, each input given with `with input as`.
 */
export function interpreterDecisions(inputs: unknown[], dir = regoDir): unknown[] {
  const workDir = mkdtempSync(path.join(tmpdir(), "opa-eval-"));
  try {
    const inputFile = path.join(workDir, "input.json");
    writeFileSync(inputFile, JSON.stringify({ cases: inputs }));
    const decision = `data.${entrypoint.replaceAll("/", ".")}`;
    const query = `[[{"result": d} | d := ${decision} with input as x] | some x in input.cases]`;
    const run = spawnSync(opaBinary, ["eval", "-d", dir, "-i", inputFile, "-f", "json", query], {
      encoding: "utf8",
      maxBuffer: 1 << 30,
    });
    if (run.error) throw run.error;
    if (run.status !== 0) throw new Error(`opa eval failed (exit ${run.status}): ${run.stderr}${run.stdout}`);
    const output = JSON.parse(run.stdout) as { result: { expressions: { value: unknown[] }[] }[] };
    return output.result[0].expressions[0].value;
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

/** The pack's bound on a module's memory (policies/engine.ts), in 64 KiB pages. */
export const maximumPages = 4096;

/**
 * An instance's memory starts at the minimum the module itself declares and may grow to the pack's bound, or
 * to the module's own maximum when that is lower (a larger one would not link).
 */
export function memoryFor(wasm: Uint8Array): WebAssembly.MemoryDescriptor {
  const limits = importedMemoryLimits(wasm);
  return { initial: limits.minimum, maximum: Math.min(limits.maximum ?? maximumPages, maximumPages) };
}

/** Loads either module (ours or OPA's) through the SDK; OPA's calls the SDK's builtins for what it lacks. */
export function loadModuleSync(wasm: Uint8Array): LoadedPolicy {
  return loadPolicySync(wasm, memoryFor(wasm));
}

export function loadModule(wasm: Uint8Array): Promise<LoadedPolicy> {
  return loadPolicy(wasm, memoryFor(wasm));
}
