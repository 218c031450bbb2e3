/**
 * guard's exit code from what it found: 1 when any mandatory violation was found; otherwise 3 when something
 * could not be judged (it was not passed, so the run must not look like a pass); otherwise 0. Usage and input
 * errors exit 2 before a report exists.
 */
import type { Summary } from "./model";

export interface ExitPolicy {
  /** A report, not a gate: 0 whatever was found. */
  exitZero: boolean;
  /** Unchecked findings are accepted: 3 becomes 0 (mandatory violations still exit 1). */
  allowUnchecked: boolean;
}

export const exitCodes = { passed: 0, mandatory: 1, error: 2, unchecked: 3 } as const;

export function exitCodeOf(summary: Pick<Summary, "mandatory" | "unchecked">, policy: ExitPolicy): number {
  if (policy.exitZero) return exitCodes.passed;
  if (summary.mandatory > 0) return exitCodes.mandatory;
  if (summary.unchecked > 0 && !policy.allowUnchecked) return exitCodes.unchecked;
  return exitCodes.passed;
}
