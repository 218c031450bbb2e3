/**
 * What one evaluation of a generated program gave, on either side, and how a pair of them is judged.
 * OPA's interpreter in its default mode is the reference. Our module aborts on a builtin error where
 * OPA's default mode makes the expression undefined (a known gap, tracked elsewhere): a pair where
 * ours fails with a builtin's error and OPA does not fail is put in that named class. It is confirmed
 * when OPA with strict builtin errors fails too; OPA may also never evaluate the failing call (its rule
 * index or an earlier undefined expression skips the body), which is counted apart.
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
export const EXPECTED_UNREACHED = `${EXPECTED_CLASS} (not evaluated by OPA)`;
export const GENERATOR_BUG = "OPA rejects the program (generator bug)";

export type Verdict =
  | "agree value"
  | "agree undefined"
  | "agree error"
  | typeof EXPECTED_CLASS
  | typeof EXPECTED_UNREACHED
  | typeof GENERATOR_BUG
  | "difference";

/**
 * `strict` is OPA's outcome with strict builtin errors; it is asked for only when ours failed with a
 * builtin's error and OPA's default mode did not fail.
 */
export async function judge(opa: Outcome, ours: Outcome, strict: () => Promise<Outcome>): Promise<Verdict> {
  if (opa.kind === "rejected") return GENERATOR_BUG;
  if (opa.kind === "value" && ours.kind === "value")
    return sameValue(ours.value, opa.value) ? "agree value" : "difference";
  if (opa.kind === "undefined" && ours.kind === "undefined") return "agree undefined";
  if (opa.kind === "error" && ours.kind === "error") return "agree error";
  if (opa.kind !== "error" && ours.kind === "error" && namesBuiltin(ours.message))
    return (await strict()).kind === "error" ? EXPECTED_CLASS : EXPECTED_UNREACHED;
  return "difference";
}

/** Our runtime's builtin errors start with the builtin's name: `json.unmarshal: invalid JSON`. */
function namesBuiltin(message: string): boolean {
  const name = /^([a-z][a-z0-9_.]*): /.exec(message)?.[1];
  return name !== undefined && lookupBuiltin(name) !== undefined;
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
