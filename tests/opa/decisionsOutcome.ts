/**
 * One module (ours or OPA's) asked for decisions the way the pack asks: through the SDK, a fresh instance
 * after any failure (a trap can leave the heap inconsistent), and the outcome read as the pack reads it
 * (policies/engine.ts), so that "fails closed" means what it means in the pack.
 */
import type { LoadedPolicy } from "@open-policy-agent/opa-wasm";
import { entrypoint } from "../../policies/engine";
import { loadModuleSync } from "./opaModule";

/** What one evaluation gave: the SDK's result set, or what it threw (an abort's message, or a trap). */
export type Outcome = { kind: "decided"; resultSet: unknown } | { kind: "threw"; message: string };

export class DecisionModule {
  private instance: LoadedPolicy | undefined;

  constructor(readonly wasm: Uint8Array) {}

  get entrypoints(): Record<string, number> {
    return this.loaded().entrypoints as Record<string, number>;
  }

  private loaded(): LoadedPolicy {
    this.instance ??= loadModuleSync(this.wasm);
    return this.instance;
  }

  /** `input` is a value (JSON.stringify'd by the SDK) or JSON text handed to the module byte for byte. */
  decide(input: unknown): Outcome {
    try {
      return { kind: "decided", resultSet: this.loaded().evaluate(input, entrypoint) };
    } catch (e) {
      this.instance = undefined;
      return { kind: "threw", message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
    }
  }
}

/**
 * How the pack would treat an outcome (policies/engine.ts): an evaluation failure ("threw"), an undefined
 * decision ("undefined") or a findings list with an "error" finding become a mandatory error; a "violation"
 * blocks the resource under its policy's level; "passes" is anything else (no findings, or unknowns only).
 * A malformed decision is an error in the engine too; neither module makes one, so it is not told apart.
 */
export type FailureMode = "threw" | "undefined" | "error" | "violation" | "passes";

export function failureMode(outcome: Outcome): FailureMode {
  if (outcome.kind === "threw") return "threw";
  const resultSet = outcome.resultSet as { result?: { findings?: { kind?: unknown }[] } }[];
  if (resultSet.length !== 1) return "undefined";
  const kinds = new Set((resultSet[0].result?.findings ?? []).map((f) => f.kind));
  if (kinds.has("error")) return "error";
  return kinds.has("violation") ? "violation" : "passes";
}

/** "Fails closed": the pack turns the outcome into a finding that blocks the resource. */
export const failsClosed = (outcome: Outcome) => failureMode(outcome) !== "passes";
