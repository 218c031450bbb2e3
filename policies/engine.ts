/**
 * The compiled Rego module, loaded once per pack process and evaluated for every decision. Any failure —
 * a missing module, a Wasm trap, memory exhausted, a decision of the wrong shape — becomes an "error"
 * finding, which the pack reports as a mandatory violation: nothing passes because evaluation failed.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { loadPolicySync, type LoadedPolicy } from "@open-policy-agent/opa-wasm";

export const generatedDir = path.join(__dirname, "generated");
export const modulePath = path.join(generatedDir, "policy.wasm");
export const entrypoint = "private_api_guard/decision";

/**
 * violation: at the policy's level; advisory: never blocks (a statement that can grant nothing); unknown: a
 * value not known during preview; error: evaluation failed, always mandatory.
 */
export type FindingKind = "violation" | "advisory" | "unknown" | "error";

/** One decision of a Rego policy (rego/decision.rego). */
export interface Finding {
  kind: FindingKind;
  message: string;
  /** The resource a stack policy's finding is about. */
  urn?: string;
  /** Properties to set that would fix a violation (policies with a remediation). */
  remediation?: Record<string, unknown>;
}

/** 64 KiB pages: the module grows its memory itself up to this bound, then fails (reported, not fatal). */
const defaultMaximumPages = 4096;

export interface Engine {
  decide(input: Record<string, unknown>): Finding[];
}

export interface EngineOptions {
  /** The module's bytes; the shipped module by default. */
  loadModule?: () => Uint8Array;
  maximumPages?: number;
}

export function createEngine(options: EngineOptions = {}): Engine {
  const loadModule = options.loadModule ?? (() => readFileSync(modulePath));
  const memory = { initial: 5, maximum: options.maximumPages ?? defaultMaximumPages };
  let policy: LoadedPolicy | undefined;
  return {
    decide(input) {
      try {
        policy ??= loadPolicySync(loadModule(), memory);
        return findingsOf(policy.evaluate(input, entrypoint));
      } catch (e) {
        // A trap can leave the instance's heap inconsistent; the next decision starts from a fresh instance.
        policy = undefined;
        return [
          {
            kind: "error",
            message: `policy evaluation failed: ${e instanceof Error ? e.message : String(e)}`,
          },
        ];
      }
    },
  };
}

const kinds: ReadonlySet<string> = new Set(["violation", "advisory", "unknown", "error"]);

/** The SDK returns a result set: [{"result": {"findings": [...]}}], or [] when the decision is undefined. */
function findingsOf(resultSet: unknown): Finding[] {
  if (!Array.isArray(resultSet) || resultSet.length !== 1) {
    throw new Error(`the decision is undefined (result set ${JSON.stringify(resultSet)})`);
  }
  const findings = (resultSet[0] as { result?: { findings?: unknown } }).result?.findings;
  if (!Array.isArray(findings))
    throw new Error(`the decision has no findings list: ${JSON.stringify(resultSet[0])}`);
  return findings.map((f: unknown) => {
    const finding = f as Finding;
    if (
      typeof finding !== "object" ||
      finding === null ||
      !kinds.has(finding.kind) ||
      typeof finding.message !== "string"
    ) {
      throw new Error(`malformed finding ${JSON.stringify(f)}`);
    }
    return finding;
  });
}

/** The engine every policy of the pack shares. */
export const engine = createEngine();
