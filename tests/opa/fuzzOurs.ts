/**
 * Our side of the differential test: generated modules compiled by our compiler in this process and
 * evaluated with @open-policy-agent/opa-wasm. Several modules (each its own package) are compiled into
 * one wasm module with one entrypoint each, so that linking the runtime is paid once per group, and one
 * SDK instance evaluates the whole group. A group our compiler rejects is compiled module by module to
 * find the module it rejects.
 */
import { loadPolicy } from "@open-policy-agent/opa-wasm";
import { errorText } from "../../compiler/conformance/runCase";
import { compileRego } from "../../compiler/compile";
import { HOST_BUILTINS } from "../../compiler/host/index";
import type { Outcome } from "./fuzzOutcome";

export interface Program {
  /** The package is `fuzz.<name>`; the program's value is `data.fuzz.<name>.result`. */
  name: string;
  source: string;
  /** The input as JSON text, given byte for byte to both sides. */
  inputText: string;
}

/** The optimization level the CLI builds the pack's module with. */
const OPTIMIZE = 2;

export function resultPath(program: Program): string[] {
  return ["fuzz", program.name, "result"];
}

/** Outcomes of `programs`, in order. */
export async function evaluateOurs(programs: Program[]): Promise<Outcome[]> {
  try {
    return await evaluateGroup(programs);
  } catch (error) {
    if (programs.length === 1) return [{ kind: "rejected", message: errorText(error) }];
    const outcomes: Outcome[] = [];
    for (const program of programs) outcomes.push(...(await evaluateOurs([program])));
    return outcomes;
  }
}

/** Throws when the group does not compile; evaluation errors are outcomes. */
async function evaluateGroup(programs: Program[]): Promise<Outcome[]> {
  const entrypoints = programs.map((program) => resultPath(program).join("/"));
  const { wasm } = await compileRego({
    sources: programs.map((program) => ({ file: `${program.name}.rego`, source: program.source })),
    entrypoints,
    optimize: OPTIMIZE,
    validate: false,
  });
  const policy = await loadPolicy(wasm, undefined, HOST_BUILTINS);
  return programs.map((program, i) => {
    try {
      const input = new TextEncoder().encode(program.inputText);
      const resultSet = policy.evaluate(input.buffer, entrypoints[i]) as { result: unknown }[];
      return resultSet.length === 0 ? { kind: "undefined" } : { kind: "value", value: resultSet[0].result };
    } catch (error) {
      return { kind: "error", message: errorText(error) };
    }
  });
}
