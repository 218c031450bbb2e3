/**
 * What one evaluation of a generated program gave, on either side, and how a pair of them is judged.
 * OPA's interpreter in its default mode is the reference. Two kinds of pairs are explained:
 * - Our module aborts on a builtin error where OPA's default mode makes the expression undefined (a
 *   known gap, tracked elsewhere): ours fails with a builtin's error, OPA does not, and OPA with
 *   strict builtin errors fails too. OPA may skip the failing body (rule index, early exit), so when
 *   the strict server does not fail, OPA made to evaluate every body (fuzzOpaEval.ts) is asked; such
 *   pairs are counted apart, and so are those where even that OPA does not fail but never calls the
 *   builtin (its trace says so): OPA evaluates operands in another order (refs and nested calls
 *   before the call's other operands, as its compiler hoists them), so an undefined operand stops the
 *   body first. A builtin OPA calls without failing is a difference.
 * - Ours fails otherwise (a conflict) in a body OPA skipped: OPA made to evaluate every body fails
 *   too. Whether an undefined or a failing expression is met first is a matter of evaluation order.
 */
import { lookupBuiltin } from "../../compiler/check/builtins";
import { sameValue } from "../../compiler/conformance/compare";

export type Outcome =
  | { kind: "value"; value: unknown }
  | { kind: "undefined" }
  | { kind: "error"; message: string }
  /** The compiler (ours, or OPA's) refused the module. */
  | { kind: "rejected"; message: string };

export const EXPECTED_CLASS = "builtin error: OPA undefined, ours error";
export const EXPECTED_SKIPPED = `${EXPECTED_CLASS} (in a body OPA skips)`;
export const EXPECTED_UNREACHED = `${EXPECTED_CLASS} (a call OPA never evaluates)`;
export const ERROR_OPA_SKIPS = "error in a body OPA skips (rule index, early exit)";
export const GENERATOR_BUG = "OPA rejects the program (generator bug)";

export type Verdict =
  | "agree value"
  | "agree undefined"
  | "agree error"
  | typeof EXPECTED_CLASS
  | typeof EXPECTED_SKIPPED
  | typeof EXPECTED_UNREACHED
  | typeof ERROR_OPA_SKIPS
  | typeof GENERATOR_BUG
  | "difference";

/** OPA run again, asked only when ours failed and OPA's default mode did not. */
export interface Confirmations {
  /** The server with strict builtin errors. */
  strict(): Promise<Outcome>;
  /** `opa eval` evaluating every body, with or without strict builtin errors. */
  everyBody(strictBuiltinErrors: boolean): Promise<Outcome>;
  /** Whether OPA evaluating every body calls the builtin. */
  callsBuiltin(name: string): Promise<boolean>;
}

export async function judge(opa: Outcome, ours: Outcome, confirm: Confirmations): Promise<Verdict> {
  if (opa.kind === "rejected") return GENERATOR_BUG;
  if (opa.kind === "value" && ours.kind === "value")
    return sameValue(ours.value, opa.value) ? "agree value" : "difference";
  if (opa.kind === "undefined" && ours.kind === "undefined") return "agree undefined";
  if (opa.kind === "error" && ours.kind === "error") return "agree error";
  if (opa.kind === "error" || ours.kind !== "error") return "difference";
  const builtin = failingBuiltin(ours.message);
  if (builtin !== undefined) {
    if ((await confirm.strict()).kind === "error") return EXPECTED_CLASS;
    if ((await confirm.everyBody(true)).kind === "error") return EXPECTED_SKIPPED;
    return (await confirm.callsBuiltin(builtin)) ? "difference" : EXPECTED_UNREACHED;
  }
  return (await confirm.everyBody(false)).kind === "error" ? ERROR_OPA_SKIPS : "difference";
}

/** The builtin our runtime's error names, e.g. json.unmarshal in `json.unmarshal: invalid JSON`. */
function failingBuiltin(message: string): string | undefined {
  const name = /^([a-z][a-z0-9_.]*): /.exec(message)?.[1];
  return name !== undefined && lookupBuiltin(name) !== undefined ? name : undefined;
}

export function describeOutcome(outcome: Outcome): string {
  switch (outcome.kind) {
    case "value":
      return `value ${JSON.stringify(outcome.value)}`;
    case "undefined":
      return "undefined";
    default:
      return `${outcome.kind}: ${outcome.message}`;
  }
}
