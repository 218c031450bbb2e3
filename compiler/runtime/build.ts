/**
 * Builds runtime.wasm from the AssemblyScript sources in this folder.
 *
 * The output is cached in compiler/runtime/build/ under a hash of every runtime source file and of the
 * compiler flags, so the slow AssemblyScript compile (20-80 s on a busy machine) only runs when something
 * changed. Writes are atomic because several test processes may build at the same time.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

const runtimeDir = __dirname;
const cacheDir = join(runtimeDir, "build");

function compilerFlags(): string[] {
  return [
    "--baseDir",
    runtimeDir,
    "--runtime",
    "stub",
    "--importMemory",
    "--noAssert",
    // -O3 with shrink level 1: binaryen then inlines only what does not grow the code, 3.9 KB less in
    // the pack's module; the hot paths that need inlining ask for it (inline.always at the call), and
    // the pack and the floor evaluate as fast as with -O3 alone (interleaved timing, 3 runs).
    "-O3",
    "--shrinkLevel",
    "1",
    "--use",
    // AS aborts (out of memory, failed stdlib checks) take the same opa_abort path as ours.
    "abort=errors/asAbort",
  ];
}

/** Every AssemblyScript source of the runtime, sorted so the hash does not depend on directory order. */
function runtimeSources(dir: string = runtimeDir): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      // build/ holds outputs and testing/ holds the JS-side test harness, neither is AssemblyScript.
      if (entry.name !== "build" && entry.name !== "testing") found.push(...runtimeSources(path));
    } else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") && path !== __filename) {
      found.push(path);
    }
  }
  return found.sort();
}

function sourceHash(): string {
  const hash = createHash("sha256");
  hash.update(compilerFlags().join(" "));
  hash.update(readFileSync(join(runtimeDir, "..", "..", "node_modules", "assemblyscript", "package.json")));
  for (const file of runtimeSources()) {
    hash.update(relative(runtimeDir, file));
    hash.update(readFileSync(file));
  }
  return hash.digest("hex").slice(0, 16);
}

/**
 * The package publishes its compiler API through an "exports" map that this project's CommonJS module
 * resolution does not read, so the import is made through a variable and typed by what we call.
 */
const ASC_MODULE = "assemblyscript/asc";
interface AscApi {
  main(
    argv: string[],
    options: {
      writeFile(name: string, contents: Uint8Array | string): void;
      stdout: never;
      stderr: never;
    },
  ): Promise<{ error: Error | null }>;
}

async function compile(): Promise<Uint8Array<ArrayBuffer>> {
  const asc = (await import(ASC_MODULE)).default as AscApi;
  let binary: Uint8Array<ArrayBuffer> | undefined;
  const stderr: string[] = [];
  const result = await asc.main(["index.ts", "--outFile", "runtime.wasm", ...compilerFlags()], {
    writeFile(name: string, contents: Uint8Array | string) {
      if (name.endsWith(".wasm") && typeof contents !== "string") binary = new Uint8Array(contents);
    },
    stdout: { write: () => true } as never,
    stderr: { write: (text: string) => (stderr.push(String(text)), true) } as never,
  });
  if (result.error || !binary) {
    throw new Error(`runtime build failed: ${result.error?.message ?? "no output"}\n${stderr.join("")}`);
  }
  return binary;
}

/** Several test processes may build at once: a reader must never see a half-written file. */
function writeAtomically(path: string, contents: Uint8Array): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, path);
}

/** The compiled runtime module, rebuilt only when a runtime source changed since the cached build. */
export async function runtimeWasm(): Promise<Uint8Array<ArrayBuffer>> {
  const cached = join(cacheDir, `runtime-${sourceHash()}.wasm`);
  if (existsSync(cached)) return new Uint8Array(readFileSync(cached));
  const binary = await compile();
  mkdirSync(cacheDir, { recursive: true });
  writeAtomically(cached, binary);
  writeAtomically(join(cacheDir, "runtime.wasm"), binary);
  return binary;
}

if (require.main === module) {
  const started = Date.now();
  runtimeWasm().then(
    (binary) => console.log(`runtime.wasm: ${binary.length} bytes in ${Date.now() - started} ms`),
    (error: Error) => {
      console.error(error.message);
      process.exitCode = 1;
    },
  );
}
