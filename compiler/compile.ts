/**
 * The whole compiler in one call: Rego source → parse → rejecting checks → plan (OPA IR) → wasm
 * linked with the runtime. Used by the `regoc` CLI, the conformance runner and the pack's build.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { checkArity } from "./check/arity";
import { type BuiltinTable, withBuiltinTable } from "./check/builtins";
import { CompileErrors, sortErrors } from "./check/errors";
import { checkRecursion } from "./check/recursion";
import { checkRules } from "./check/rules";
import type { Policy } from "./plan/ir";
import { planPolicy, planQuery } from "./plan/planner";
import type { Annotations, Module } from "./syntax/ast";
import { ruleDataPath } from "./syntax/names";
import { parseModule } from "./syntax/parser";
import { type LinkOptions, linkPolicy } from "./wasm/link";
import { loadRuntime } from "./wasm/runtime";

export interface SourceFile {
  file: string;
  source: string;
}

export interface CompileRequest {
  /** Rego files, or in-memory sources; a directory is searched recursively for `*.rego`. */
  files?: string[];
  dir?: string;
  sources?: SourceFile[];
  /** `pkg/rule` paths, as `opa build -e` takes them. */
  entrypoints: string[];
  /** Base document; checked to be a JSON object here, handed to the SDK's setData by callers. */
  data?: unknown;
  optimize?: LinkOptions["optimize"];
  validate?: LinkOptions["validate"];
  strictBuiltinErrors?: LinkOptions["strictBuiltinErrors"];
  /**
   * The builtins modules may call, from a capabilities file (`regoc --capabilities`); by default the
   * SDK's, the runtime's and the project's host builtins. Each is called natively when the runtime
   * exports it, else through the host.
   */
  builtins?: BuiltinTable;
  /** Leave `*_test.rego` files out of a directory (what `build` wants; `test` keeps them). */
  skipTests?: boolean;
}

/** One METADATA block, with the data path of what it annotates. */
export interface AnnotationEntry extends Omit<Annotations, "loc"> {
  path: string;
  location: { file: string; row: number; col: number };
}

export interface CompileResult {
  wasm: Uint8Array;
  plan: Policy;
  annotations: AnnotationEntry[];
  /** Milliseconds spent in front end (parse, check, plan) and back end (link, optimize). */
  timings: { frontEnd: number; backEnd: number };
}

export async function compileRego(request: CompileRequest): Promise<CompileResult> {
  const started = performance.now();
  const { modules, plan } = planSources(request);
  const planned = performance.now();
  if (request.data !== undefined && !isJsonObject(request.data))
    throw new Error("data must be a JSON object");
  const wasm = await linkPolicy(plan, await loadRuntime(), {
    optimize: request.optimize,
    validate: request.validate,
    strictBuiltinErrors: request.strictBuiltinErrors,
  });
  return {
    wasm,
    plan,
    annotations: collectAnnotations(modules),
    timings: { frontEnd: planned - started, backEnd: performance.now() - planned },
  };
}

/**
 * An ad hoc query compiled with the modules, as OPA's own wasm e2e runner does: a single entrypoint
 * `eval` whose result set holds one object of the query's variable bindings per solution.
 */
export async function compileQuery(
  request: Omit<CompileRequest, "entrypoints">,
  query: string,
): Promise<{ wasm: Uint8Array; plan: Policy }> {
  const plan = withBuiltinTable(request.builtins, () => planQuery(checkedModules(request), query));
  const wasm = await linkPolicy(plan, await loadRuntime(), {
    optimize: request.optimize,
    validate: request.validate,
    strictBuiltinErrors: request.strictBuiltinErrors,
  });
  return { wasm, plan };
}

/** The front end alone: the IR the back end would receive (`regoc plan`). */
export function planSources(request: CompileRequest): { modules: Module[]; plan: Policy } {
  return withBuiltinTable(request.builtins, () => {
    const modules = checkedModules(request);
    return { modules, plan: planPolicy(modules, request.entrypoints) };
  });
}

/** Parsed modules that passed the rejecting checks. */
function checkedModules(request: Omit<CompileRequest, "entrypoints">): Module[] {
  const modules = parseSources(readSources(request));
  const errors = [...checkArity(modules), ...checkRecursion(modules), ...checkRules(modules)];
  if (errors.length > 0) throw new CompileErrors(sortErrors(errors));
  return modules;
}

export function readSources(request: Omit<CompileRequest, "entrypoints">): SourceFile[] {
  const paths = [...(request.files ?? []), ...(request.dir ? regoFilesUnder(request.dir) : [])].filter(
    (path) => !(request.skipTests && path.endsWith("_test.rego")),
  );
  return [...(request.sources ?? []), ...paths.map((file) => ({ file, source: readFileSync(file, "utf8") }))];
}

export function parseSources(sources: SourceFile[]): Module[] {
  return sources.map(({ file, source }) => parseModule(source, file));
}

export function regoFilesUnder(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) found.push(...regoFilesUnder(path));
    else if (entry.endsWith(".rego")) found.push(path);
  }
  return found;
}

function collectAnnotations(modules: Module[]): AnnotationEntry[] {
  const entries: AnnotationEntry[] = [];
  const entry = ({ loc, ...annotation }: Annotations, path: string[]): AnnotationEntry => ({
    ...annotation,
    path: path.join("/"),
    location: { file: loc.file, row: loc.row, col: loc.col },
  });
  for (const module of modules) {
    for (const annotation of module.packageAnnotations) entries.push(entry(annotation, module.package));
    for (const rule of module.rules) {
      if (rule.annotations) entries.push(entry(rule.annotations, ruleDataPath(module, rule).slice(1)));
    }
  }
  return entries;
}

function isJsonObject(value: unknown): boolean {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
