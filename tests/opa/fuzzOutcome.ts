/**
 * What one evaluation of a generated program gave, on either side, and how a pair of them is judged.
 * OPA's interpreter in its default mode is the reference: a value (JSON-equal), undefined and an error
 * agree only with the same kind on the other side. One kind of pair is explained: ours fails (a
 * conflict) in a body OPA skipped (its rule index, its early exit), and OPA made to evaluate every body
 * fails too. Whether an undefined or a failing expression is met first is a matter of evaluation order.
 */
import { sameValue } from "../../compiler/conformance/compare";

export type Outcome =
  | { kind: "value"; value: unknown }
  | { kind: "undefined" }
  | { kind: "error"; message: string }
  /** The compiler (ours, or OPA's) refused the module. */
  | { kind: "rejected"; message: string };

export const ERROR_OPA_SKIPS = "error in a body OPA skips (rule index, early exit)";
export const GENERATOR_BUG = "OPA rejects the program (generator bug)";

export type Verdict =
  | "agree value"
  | "agree undefined"
  | "agree error"
  | typeof ERROR_OPA_SKIPS
  | typeof GENERATOR_BUG
  | "difference";

/** OPA run again: `opa eval` evaluating every body, asked only when ours failed and OPA did not. */
export type EveryBody = () => Promise<Outcome>;

export async function judge(opa: Outcome, ours: Outcome, everyBody: EveryBody): Promise<Verdict> {
  if (opa.kind === "rejected") return GENERATOR_BUG;
  if (opa.kind === "value" && ours.kind === "value")
    return sameValue(ours.value, opa.value) ? "agree value" : "difference";
  if (opa.kind === "undefined" && ours.kind === "undefined") return "agree undefined";
  if (opa.kind === "error" && ours.kind === "error") return "agree error";
  if (opa.kind === "error" || ours.kind !== "error") return "difference";
  return (await everyBody()).kind === "error" ? ERROR_OPA_SKIPS : "difference";
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
