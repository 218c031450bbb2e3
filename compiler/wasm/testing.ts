/**
 * Small builders for hand-written IR in the back end's tests: a plan whose block runs some
 * statements and binds local `result` to `x`, plus helpers to link and evaluate it in the SDK.
 */
import { loadPolicy } from "@open-policy-agent/opa-wasm";
import { HOST_BUILTINS } from "../host/index";
import { loadRuntime } from "./runtime";
import type { Block, Func, Local, Operand, Policy, Stmt } from "../plan/ir";
import { type LinkOptions, linkPolicy } from "./link";

export const local = (value: Local): Operand => ({ type: "local", value });
export const str = (value: number): Operand => ({ type: "string_index", value });
export const bool = (value: boolean): Operand => ({ type: "bool", value });

export function stmt<T extends Stmt["type"]>(
  type: T,
  body: Omit<Extract<Stmt, { type: T }>["stmt"], "file" | "row" | "col">,
): Stmt {
  return { type, stmt: { ...body, file: 0, row: 1, col: 1 } } as Stmt;
}

export const block = (...stmts: Stmt[]): Block => ({ stmts });

/** Local that holds the plan's answer in `planBinding`. */
export const RESULT = 50;
const RESULT_OBJECT = 51;

/**
 * A policy with one plan "t": `stmts`, then `{"x": local RESULT}` added to the result set.
 * String 0 is "x"; `strings` follow from index 1.
 */
export function planBinding(stmts: Stmt[], strings: string[] = [], funcs: Func[] = []): Policy {
  return {
    static: { strings: ["x", ...strings].map((value) => ({ value })), files: [{ value: "test.rego" }] },
    plans: {
      plans: [
        {
          name: "t",
          blocks: [
            block(
              ...stmts,
              stmt("MakeObjectStmt", { target: RESULT_OBJECT }),
              stmt("ObjectInsertStmt", { key: str(0), value: local(RESULT), object: RESULT_OBJECT }),
              stmt("ResultSetAddStmt", { value: RESULT_OBJECT }),
            ),
          ],
        },
      ],
    },
    funcs: { funcs },
  };
}

export interface Run {
  input?: unknown;
  data?: object;
  customBuiltins?: Record<string, (...args: unknown[]) => unknown>;
  options?: LinkOptions;
}

/**
 * Links the policy with the runtime and evaluates plan "t" with the project's host builtins and
 * `run.customBuiltins`; returns the SDK's result set.
 */
export async function evaluatePlan(policy: Policy, run: Run = {}): Promise<unknown> {
  const wasm = await linkPolicy(policy, await loadRuntime(), { optimize: 0, ...run.options });
  const loaded = await loadPolicy(wasm, undefined, { ...HOST_BUILTINS, ...run.customBuiltins } as never);
  if (run.data) loaded.setData(run.data);
  return loaded.evaluate(run.input, "t");
}

/** The message a promise rejects with (the SDK throws strings as well as Errors); throws if it resolves. */
export async function failureOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error("expected a failure");
}
