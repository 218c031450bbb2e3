/**
 * One compliance case, run the way OPA's npm SDK test runs it (README "How OPA's npm SDK runs it"):
 * source mode compiles the modules with entrypoint `<pkg>/p` for a `data.<pkg>.p = x` query; plan
 * mode links OPA's golden plan as is. Both load the module in @open-policy-agent/opa-wasm, call
 * setData and evaluate, and compare with the expectation. Error cases pass when anything fails.
 */
import { loadPolicy } from "@open-policy-agent/opa-wasm";
import type { CompileRequest } from "../compile";
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

const QUERY = /^data\.([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)\.p = x$/;

/** The optimization level cases are compiled at: the default the CLI uses. */
const LINK = { optimize: 2, validate: false } as const;

/** Source to wasm: compileRego, injected so that plan mode runs without loading the front end. */
export type Compile = (request: CompileRequest) => Promise<{ wasm: Uint8Array }>;

/** Runs a case; source mode needs `compile`. */
export async function runCase(c: ConformanceCase, mode: Mode, compile?: Compile): Promise<Outcome> {
  const input = caseInput(c);
  if (input === SKIP) return { status: "skip", reason: "input_term is not JSON" };
  if (mode === "plans") return runPlan(c, input);
  if (!compile) throw new Error("source mode needs a compiler");
  return runSource(c, input, compile);
}

async function runSource(c: ConformanceCase, input: unknown, compile: Compile): Promise<Outcome> {
  const query = QUERY.exec(c.query.trim());
  if (!query) return { status: "skip", reason: "query shape" };
  const expectError = c.want_error_code !== undefined || c.want_error !== undefined;
  const want = c.want_result ?? [];
  if (!expectError && want.length > 1) return { status: "skip", reason: "several results" };
  const entrypoint = `${query[1].replace(/\./g, "/")}/p`;

  const started = performance.now();
  let wasm: Uint8Array;
  try {
    const sources = c.modules.map((source, i) => ({ file: `module-${i}.rego`, source }));
    wasm = (await compile({ sources, entrypoints: [entrypoint], ...LINK })).wasm;
  } catch (error) {
    if (expectError) return { status: "pass" };
    return { status: "fail", reason: `compile: ${errorText(error)}` };
  }
  const compileMs = performance.now() - started;
  const outcome = await evaluate(wasm, c, input, entrypoint);
  if ("error" in outcome) {
    return expectError
      ? { status: "pass", compileMs }
      : { status: "fail", reason: `${outcome.stage}: ${outcome.error}`, compileMs };
  }
  if (expectError)
    return { status: "fail", reason: `want error, got ${JSON.stringify(outcome.result)}`, compileMs };
  const result = outcome.result as { result: unknown }[];
  const passed =
    want.length === 0
      ? result.length === 0
      : result.length === 1 && sameValue(result[0].result, want[0].x, c.sort_bindings);
  return passed
    ? { status: "pass", compileMs }
    : {
        status: "fail",
        reason: `got ${short(result)}, want ${short(want.length ? [{ result: want[0].x }] : [])}`,
        compileMs,
      };
}

async function runPlan(c: ConformanceCase, input: unknown): Promise<Outcome> {
  if (!c.plan) return { status: "skip", reason: "no plan" };
  const started = performance.now();
  let wasm: Uint8Array;
  try {
    wasm = await linkPolicy(c.plan, await loadRuntime(), LINK);
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
    policy = await loadPolicy(wasm);
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

const SKIP = Symbol("skip");

/** `input`, or `input_term` when it is JSON (the SDK runner's rule); undefined when neither is given. */
function caseInput(c: ConformanceCase): unknown {
  if (c.input_term === undefined) return c.input;
  try {
    return JSON.parse(c.input_term);
  } catch {
    return SKIP;
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
