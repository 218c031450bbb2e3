/**
 * `regoc` — the compiler's command line (`npm run regoc -- <command>`):
 *   build -e pkg/rule [-e ...] [-d data.json] [-O 0|1|2|3|s] [--strict-builtin-errors] -o policy.wasm <dir|files>
 *   plan  -e pkg/rule [-e ...] [-o plan.json] <dir|files>
 *   eval  -e pkg/rule [-i input.json] [-d data.json] [--strict-builtin-errors] <dir|files>
 *   test  [-d data.json] [--strict-builtin-errors] <dir|files>
 * Every command takes --capabilities capabilities.json (the builtins modules may call, OPA's format);
 * eval and test take --builtins module.{js,mjs,ts} (implementations the host runs, as customBuiltins).
 * Exit codes: 0 success, 1 compile error or failing test, 2 usage error or unreadable file.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { loadPolicy } from "@open-policy-agent/opa-wasm";
import { type BuiltinTable, builtinTable, parseCapabilities } from "./check/builtins";
import { CompileErrors } from "./check/errors";
import {
  type CompileRequest,
  compileRego,
  parseSources,
  planSources,
  readSources,
  regoFilesUnder,
  type SourceFile,
} from "./compile";
import { PlanError } from "./plan/state";
import { type CustomBuiltins, loadCustomBuiltins } from "./host/customBuiltins";
import { HOST_BUILTINS } from "./host/index";
import { RegoSyntaxError } from "./syntax/errors";
import { ruleDataPath } from "./syntax/names";
import type { LinkOptions } from "./wasm/link";

export const USAGE = `usage: regoc <command> [options] <dir|files...>
  build -e pkg/rule [-e ...] [-d data.json] [-O 0|1|2|3|s] [--strict-builtin-errors] -o policy.wasm <dir|files>
  plan  -e pkg/rule [-e ...] [-o plan.json] <dir|files>
  eval  -e pkg/rule [-i input.json] [-d data.json] [--strict-builtin-errors] <dir|files>
  test  [-d data.json] [--strict-builtin-errors] <dir|files>
  every command: --capabilities capabilities.json   the builtins modules may call (OPA's format)
  eval, test:    --builtins module.{js,mjs,ts}      host implementations, passed to the SDK as customBuiltins`;

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

class UsageError extends Error {}

interface Args {
  command: string;
  entrypoints: string[];
  output?: string;
  data?: string;
  input?: string;
  optimize?: LinkOptions["optimize"];
  strictBuiltinErrors?: boolean;
  capabilities?: string;
  builtins?: string;
  paths: string[];
}

const LEVELS: Record<string, LinkOptions["optimize"]> = { "0": 0, "1": 1, "2": 2, "3": 3, s: "s" };

function parseArgs(argv: string[]): Args {
  const [command, ...rest] = argv;
  if (!command || !["build", "plan", "eval", "test"].includes(command)) {
    throw new UsageError(command ? `unknown command ${command}` : "no command given");
  }
  const args: Args = { command, entrypoints: [], paths: [] };
  for (let i = 0; i < rest.length; i++) {
    const flag = rest[i];
    const value = () => {
      const v = rest[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (flag === "-e" || flag === "--entrypoint")
      args.entrypoints.push(
        value()
          .replace(/^data\./, "")
          .replace(/\./g, "/"),
      );
    else if (flag === "-o" || flag === "--output") args.output = value();
    else if (flag === "-d" || flag === "--data") args.data = value();
    else if (flag === "-i" || flag === "--input") args.input = value();
    else if (flag === "-O" || flag === "--optimize") {
      const level = value();
      if (!(level in LEVELS)) throw new UsageError(`-O takes 0, 1, 2, 3 or s, not ${level}`);
      args.optimize = LEVELS[level];
    } else if (flag === "--strict-builtin-errors") args.strictBuiltinErrors = true;
    else if (flag === "--capabilities") args.capabilities = value();
    else if (flag === "--builtins") args.builtins = value();
    else if (flag.startsWith("-")) throw new UsageError(`unknown option ${flag}`);
    else args.paths.push(flag);
  }
  if (args.paths.length === 0) throw new UsageError("no Rego files or directory given");
  for (const path of args.paths)
    if (!existsSync(path)) throw new UsageError(`cannot read ${path}: no such file or directory`);
  if (["build", "plan", "eval"].includes(command) && args.entrypoints.length === 0) {
    throw new UsageError(`${command} needs at least one -e pkg/rule`);
  }
  if (command === "eval" && args.entrypoints.length !== 1) throw new UsageError("eval takes exactly one -e");
  if (command === "plan" && args.strictBuiltinErrors)
    throw new UsageError("plan takes no --strict-builtin-errors: the IR is the same either way");
  if (command === "build" && !args.output) throw new UsageError("build needs -o <file.wasm>");
  if (args.builtins !== undefined && !["eval", "test"].includes(command))
    throw new UsageError(`${command} takes no --builtins: only eval and test run the module`);
  if (args.builtins !== undefined && !/\.(js|mjs|cjs|ts|mts|cts)$/.test(args.builtins))
    throw new UsageError(`--builtins takes a .js, .mjs or .ts module, not ${args.builtins}`);
  for (const [flag, path] of [
    ["--capabilities", args.capabilities],
    ["--builtins", args.builtins],
  ])
    if (path !== undefined && !existsSync(path))
      throw new UsageError(`cannot read ${flag} file ${path}: no such file or directory`);
  return args;
}

function request(args: Args, entrypoints: string[], skipTests: boolean): CompileRequest {
  const files = args.paths.flatMap((path) => (statSync(path).isDirectory() ? regoFilesUnder(path) : [path]));
  return {
    files,
    entrypoints,
    optimize: args.optimize,
    strictBuiltinErrors: args.strictBuiltinErrors,
    builtins: readCapabilities(args.capabilities),
    skipTests,
    data: readJson(args.data, "data"),
  };
}

function readCapabilities(path: string | undefined): BuiltinTable | undefined {
  if (path === undefined) return undefined;
  try {
    return builtinTable(parseCapabilities(readFileSync(path, "utf8")));
  } catch (error) {
    throw new UsageError(`capabilities file ${path}: ${(error as Error).message}`);
  }
}

/**
 * What the SDK may call besides its own builtins: the project's host builtins, and the --builtins
 * module's record, whose implementations take precedence.
 */
async function customBuiltins(args: Args): Promise<CustomBuiltins> {
  if (args.builtins === undefined) return HOST_BUILTINS;
  try {
    return { ...HOST_BUILTINS, ...(await loadCustomBuiltins(args.builtins)) };
  } catch (error) {
    throw new UsageError(`--builtins ${args.builtins}: ${errorMessage(error)}`);
  }
}

function readJson(path: string | undefined, what: string): unknown {
  if (path === undefined) return undefined;
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new UsageError(`cannot read ${what} file ${path}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${what} file ${path} is not JSON: ${(error as Error).message}`);
  }
}

async function build(args: Args, io: Io): Promise<number> {
  const result = await compileRego(request(args, args.entrypoints, true));
  const output = args.output!;
  writeFileSync(output, result.wasm);
  writeFileSync(`${output}.metadata.json`, `${JSON.stringify(result.annotations, null, 2)}\n`);
  if (args.data !== undefined)
    writeFileSync(`${output}.data.json`, `${JSON.stringify(readJson(args.data, "data"))}\n`);
  io.out(
    `wrote ${output} (${result.wasm.length} bytes, ${args.entrypoints.length} entrypoints) and ${output}.metadata.json`,
  );
  return 0;
}

function plan(args: Args, io: Io): number {
  const { plan } = planSources(request(args, args.entrypoints, true));
  const text = `${JSON.stringify(plan, null, 2)}\n`;
  if (args.output) writeFileSync(args.output, text);
  else io.out(text.trimEnd());
  return 0;
}

async function evaluate(args: Args, io: Io): Promise<number> {
  const compiled = await compileRego(request(args, args.entrypoints, true));
  const policy = await loadPolicy(compiled.wasm, undefined, await customBuiltins(args));
  const data = readJson(args.data, "data");
  if (data !== undefined) policy.setData(data as object);
  // As `opa eval`, what print writes goes to stderr, apart from the result.
  const printed = capturePrint();
  let result: unknown;
  try {
    result = policy.evaluate(readJson(args.input, "input"), args.entrypoints[0]);
  } finally {
    printed.stop();
    if (printed.lines.length > 0) io.err(printed.lines.join("\n"));
  }
  io.out(JSON.stringify(result, null, 2));
  return 0;
}

/** A test to run: its entrypoint in the compiled module, and the name `opa test` reports it under. */
interface TestCase {
  entrypoint: string;
  name: string;
}

/**
 * The sources with every `test_*` rule of every module, in source order: `opa test` takes tests from any
 * loaded file, whatever its name (libraries name them `test_*.rego` as often as `*_test.rego`). It runs
 * each definition of a test name as a test of its own, the second as `name#01`, the third `name#02`;
 * a compiled rule merges its definitions, so each later one is renamed in the source (`#` cannot be
 * written in a rule name, hence `name__01`, or a suffix no rule of the package has).
 */
function testCases(args: Args): { sources: SourceFile[]; tests: TestCase[] } {
  const sources = readSources(request(args, [], false));
  const tests: TestCase[] = [];
  const seen = new Map<string, number>();
  for (const source of sources) {
    const [module] = parseSources([source]);
    const taken = new Set(module.rules.map((rule) => ruleDataPath(module, rule).join("/")));
    const lines = source.source.split("\n");
    for (const rule of module.rules) {
      const path = ruleDataPath(module, rule).slice(1);
      const last = path[path.length - 1];
      if (!last?.startsWith("test_")) continue;
      const entrypoint = path.join("/");
      const count = seen.get(entrypoint) ?? 0;
      seen.set(entrypoint, count + 1);
      const name = `data.${path.join(".")}`;
      if (count === 0) {
        tests.push({ entrypoint, name });
        continue;
      }
      const suffix = String(count).padStart(2, "0");
      const head = rule.head.ref[0];
      // A ref head (`a.test_x if ...`) keeps OPA's merged behaviour: only a plain name is renamed.
      if (rule.head.ref.length !== 1 || head.value.type !== "var") continue;
      let renamed = `${last}__${suffix}`;
      while (taken.has(["data", ...path.slice(0, -1), renamed].join("/"))) renamed += "_";
      taken.add(["data", ...path.slice(0, -1), renamed].join("/"));
      const line = lines[head.loc.row - 1];
      const at = head.loc.col - 1;
      lines[head.loc.row - 1] = line.slice(0, at) + renamed + line.slice(at + last.length);
      tests.push({ entrypoint: [...path.slice(0, -1), renamed].join("/"), name: `${name}#${suffix}` });
    }
    source.source = lines.join("\n");
  }
  return { sources, tests };
}

async function test(args: Args, io: Io): Promise<number> {
  const { sources, tests } = testCases(args);
  if (tests.length === 0) {
    io.out("no tests found (test_* rules)");
    return 0;
  }
  const compiled = await compileRego({
    sources,
    entrypoints: tests.map((t) => t.entrypoint),
    optimize: args.optimize,
    strictBuiltinErrors: args.strictBuiltinErrors,
    builtins: readCapabilities(args.capabilities),
  });
  const policy = await loadPolicy(compiled.wasm, undefined, await customBuiltins(args));
  const data = readJson(args.data, "data");
  if (data !== undefined) policy.setData(data as object);
  let passed = 0;
  for (const { entrypoint, name } of tests) {
    const started = performance.now();
    let verdict: string;
    const printed = capturePrint();
    try {
      const result = policy.evaluate(undefined, entrypoint) as { result: unknown }[];
      // As `opa test`: an undefined test, or one with any value but true, fails.
      verdict = result.length > 0 && result[0].result === true ? "PASS" : "FAIL";
    } catch (error) {
      verdict = `ERROR: ${errorMessage(error)}`;
    } finally {
      printed.stop();
    }
    if (verdict === "PASS") passed++;
    io.out(`${name}: ${verdict} (${(performance.now() - started).toFixed(1)}ms)`);
    // As `opa test`, what a failed test printed follows it, indented between blank lines.
    if (verdict !== "PASS" && printed.lines.length > 0)
      io.out(["", ...printed.lines.map((line) => `  ${line}`), ""].join("\n"));
  }
  const failed = tests.length - passed;
  io.out(`${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

/**
 * The lines print writes while a test runs. The SDK hands the module's opa_println to console.log,
 * so console.log is taken over until stop().
 */
function capturePrint(): { lines: string[]; stop(): void } {
  const lines: string[] = [];
  const log = console.log;
  console.log = (...parts: unknown[]) => lines.push(parts.map(String).join(" "));
  return { lines, stop: () => (console.log = log) };
}

function errorMessage(error: unknown): string {
  if (typeof error === "object" && error !== null && "message" in error) return String(error.message);
  return String(error);
}

/** Runs one command; returns the process exit code. */
export async function runCli(argv: string[], io: Io): Promise<number> {
  try {
    const args = parseArgs(argv);
    switch (args.command) {
      case "build":
        return await build(args, io);
      case "plan":
        return plan(args, io);
      case "eval":
        return await evaluate(args, io);
      default:
        return await test(args, io);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`regoc: ${error.message}\n${USAGE}`);
      return 2;
    }
    if (error instanceof RegoSyntaxError || error instanceof CompileErrors || error instanceof PlanError) {
      io.err(String(error instanceof RegoSyntaxError ? error.toString() : error.message));
      return 1;
    }
    io.err(`regoc: ${errorMessage(error)}`);
    return 1;
  }
}

if (require.main === module) {
  runCli(process.argv.slice(2), {
    out: (text) => console.log(text),
    err: (text) => console.error(text),
  }).then((code) => (process.exitCode = code));
}
