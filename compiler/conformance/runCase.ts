/**
 * One compliance case. Source mode runs it the way OPA's npm SDK test does when the query is
 * `data.<path> = <var>` (README "How OPA's npm SDK runs it"): compiled with the entrypoint `<path>` in
 * slash form, `result[0].result` compared with the variable's binding. Every other query shape, and a
 * case whose `input_term` is Rego rather than JSON, is run as OPA's own wasm e2e runner does (NOTES §3):
 * the query itself is compiled (`with input as <term>` appended for a Rego term) and its whole result
 * set compared with want_result. Plan mode links OPA's golden plan as is. Both load the module in
 * @open-policy-agent/opa-wasm with the project's host builtins, call setData and evaluate. Error cases pass when anything fails.
 */
import { loadPolicy } from "@open-policy-agent/opa-wasm";
import type { CompileRequest } from "../compile";
import { HOST_BUILTINS } from "../host/index";
import { linkPolicy } from "../wasm/link";
import { loadRuntime } from "../wasm/runtime";
import type { ConformanceCase, Mode } from "./cases";
import { sameResultSet, sameValue } from "./compare";

export type Status = "pass" | "fail" | "skip";

export interface Outcome {
  status: Status;
  /** Why it failed or was skipped; one line. */
  reason?: string;
  /** Milliseconds from source (or plan) to wasm bytes. */
  compileMs?: number;
}

/** `data.<path> = <var>`: the one shape an entrypoint answers exactly. */
const DOCUMENT_QUERY =
  /^data\.([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*) = ([A-Za-z_][A-Za-z0-9_]*)$/;

/** The optimization level cases are compiled at: the default the CLI uses. */
const LINK = { optimize: 2, validate: false } as const;

type SourceRequest = Omit<CompileRequest, "entrypoints">;

/** The compiler, injected so that plan mode runs without loading the front end. */
export interface Compilers {
  /** Modules with entrypoints `pkg/rule` (compileRego). */
  entrypoints: (request: CompileRequest) => Promise<{ wasm: Uint8Array }>;
  /** Modules with an ad hoc query, planned as the entrypoint `eval` (compileQuery). */
  query: (request: SourceRequest, query: string) => Promise<{ wasm: Uint8Array }>;
}

/** Runs a case; source mode needs the compilers. */
export async function runCase(c: ConformanceCase, mode: Mode, compilers?: Compilers): Promise<Outcome> {
  if (mode === "plans") {
    const input = jsonInput(c);
    return input === REGO_TERM ? { status: "skip", reason: "input_term is not JSON" } : runPlan(c, input);
  }
  if (!compilers) throw new Error("source mode needs a compiler");
  return runSource(c, compilers);
}

/** What is compiled and evaluated for a case in source mode. */
interface SourceRun {
  compile: (request: SourceRequest) => Promise<{ wasm: Uint8Array }>;
  entrypoint: string;
  input: unknown;
  /** True when the result set is `[{result: v}]` and `v` is compared with the binding of `variable`. */
  variable?: string;
}

function sourceRun(c: ConformanceCase, compilers: Compilers): SourceRun {
  const query = c.query.trim();
  const input = jsonInput(c);
  if (input === REGO_TERM) {
    // `with` binds to the expression it ends; every suite query with a Rego input_term is a single one.
    const termQuery = `${query} with input as ${c.input_term!}`;
    return { compile: (r) => compilers.query(r, termQuery), entrypoint: "eval", input: undefined };
  }
  const document = DOCUMENT_QUERY.exec(query);
  // `data.x.p = input` compares two documents: no variable to bind, so the query itself is run.
  const variable = document?.[2];
  if (document && variable !== "input" && variable !== "data" && (c.want_result ?? []).length <= 1) {
    const entrypoint = document[1].replace(/\./g, "/");
    return {
      compile: (r) => compilers.entrypoints({ ...r, entrypoints: [entrypoint] }),
      entrypoint,
      input,
      variable,
    };
  }
  return { compile: (r) => compilers.query(r, query), entrypoint: "eval", input };
}

async function runSource(c: ConformanceCase, compilers: Compilers): Promise<Outcome> {
  const expectError = c.want_error_code !== undefined || c.want_error !== undefined;
  const run = sourceRun(c, compilers);
  const started = performance.now();
  let wasm: Uint8Array;
  try {
    const sources = c.modules.map((source, i) => ({ file: `module-${i}.rego`, source }));
    // A case with strict_error runs as OPA's `--strict-builtin-errors`, the rest in its default mode.
    wasm = (await run.compile({ sources, ...LINK, strictBuiltinErrors: c.strict_error === true })).wasm;
  } catch (error) {
    if (expectError) return { status: "pass" };
    return { status: "fail", reason: `compile: ${errorText(error)}` };
  }
  const compileMs = performance.now() - started;
  const outcome = await evaluate(wasm, c, run.input, run.entrypoint);
  if ("error" in outcome) {
    return expectError
      ? { status: "pass", compileMs }
      : { status: "fail", reason: `${outcome.stage}: ${outcome.error}`, compileMs };
  }
  if (expectError) return { status: "fail", reason: `want error, got ${short(outcome.result)}`, compileMs };
  const want = c.want_result ?? [];
  const passed =
    run.variable === undefined
      ? sameResultSet(outcome.result, want, c.sort_bindings)
      : sameDocument(outcome.result, want, run.variable, c.sort_bindings);
  if (passed) return { status: "pass", compileMs };
  const wanted = run.variable === undefined ? want : want.map((row) => ({ result: row[run.variable!] }));
  return { status: "fail", reason: `got ${short(outcome.result)}, want ${short(wanted)}`, compileMs };
}

/** An entrypoint's result set against `[]` (undefined) or `[{<variable>: v}]`. */
function sameDocument(
  actual: unknown,
  want: Record<string, unknown>[],
  variable: string,
  sortBindings?: boolean,
): boolean {
  const result = actual as { result: unknown }[];
  if (want.length === 0) return result.length === 0;
  return result.length === 1 && sameValue(result[0].result, want[0][variable], sortBindings);
}

async function runPlan(c: ConformanceCase, input: unknown): Promise<Outcome> {
  if (!c.plan) return { status: "skip", reason: "no plan" };
  const started = performance.now();
  let wasm: Uint8Array;
  try {
    wasm = await linkPolicy(c.plan, await loadRuntime(), {
      ...LINK,
      strictBuiltinErrors: c.strict_error === true,
    });
  } catch (error) {
    return { status: "fail", reason: `link: ${errorText(error)}` };
  }
  const compileMs = performance.now() - started;
  const expectError = c.want_plan_result === null || c.want_plan_result === undefined;
  const outcome = await evaluate(wasm, c, input, "eval");
  if ("error" in outcome) {
    return expectError
      ? { status: "pass", compileMs }
      : { status: "fail", reason: `${outcome.stage}: ${outcome.error}`, compileMs };
  }
  if (expectError) return { status: "fail", reason: `want error, got ${short(outcome.result)}`, compileMs };
  return sameResultSet(outcome.result, c.want_plan_result!, c.sort_bindings)
    ? { status: "pass", compileMs }
    : {
        status: "fail",
        reason: `got ${short(outcome.result)}, want ${short(c.want_plan_result)}`,
        compileMs,
      };
}

type Evaluation = { result: unknown } | { stage: "load" | "eval"; error: string };

async function evaluate(
  wasm: Uint8Array,
  c: ConformanceCase,
  input: unknown,
  entrypoint: string,
): Promise<Evaluation> {
  let policy: Awaited<ReturnType<typeof loadPolicy>>;
  try {
    policy = await loadPolicy(wasm, undefined, HOST_BUILTINS);
  } catch (error) {
    return { stage: "load", error: errorText(error) };
  }
  try {
    if (c.data !== undefined) policy.setData(c.data as object);
    return { result: policy.evaluate(input, entrypoint) };
  } catch (error) {
    return { stage: "eval", error: errorText(error) };
  }
}

const REGO_TERM = Symbol("Rego term");

/** `input`, or `input_term` when it is JSON (the SDK runner's rule); undefined when neither is given. */
function jsonInput(c: ConformanceCase): unknown {
  if (c.input_term === undefined) return c.input;
  try {
    return JSON.parse(c.input_term);
  } catch {
    return REGO_TERM;
  }
}

/** The SDK throws plain objects as well as Errors; either way keep one line of text. */
export function errorText(error: unknown): string {
  const text =
    error instanceof Error
      ? error.message
      : typeof error === "object" && error !== null && "message" in error
        ? String((error as { message: unknown }).message)
        : String(error);
  return text.split("\n")[0].slice(0, 300);
}

function short(value: unknown): string {
  const text = JSON.stringify(value) ?? "undefined";
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
