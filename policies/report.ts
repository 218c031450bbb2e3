/**
 * Findings → CrossGuard violations. A "violation" is reported at the policy's configured enforcement level;
 * an "unknown" (a value Pulumi cannot know during preview) is always advisory, so it never blocks; an
 * "error" (evaluation failed) is always mandatory, so nothing passes because the pack could not decide.
 */
import type { EnforcementLevel, ReportViolation } from "@pulumi/policy";
import type { Finding } from "./engine";

/**
 * @pulumi/policy's reportViolation also accepts a violation object whose enforcementLevel overrides the
 * policy's (server.js makeReportViolationFun); its type declarations only describe the string form.
 */
type ReportViolationWithLevel = (violation: {
  message: string;
  enforcementLevel: EnforcementLevel;
  urn?: string;
}) => void;

const levelOf: Record<Exclude<Finding["kind"], "violation">, EnforcementLevel> = {
  unknown: "advisory",
  error: "mandatory",
};

export function reportFindings(
  findings: Finding[],
  reportViolation: ReportViolation,
  description: string,
): void {
  for (const finding of findings) {
    if (finding.kind === "violation") {
      reportViolation(finding.message, finding.urn);
    } else {
      (reportViolation as unknown as ReportViolationWithLevel)({
        // The string form prefixes the description the same way.
        message: `${description}\n${finding.message}`,
        enforcementLevel: levelOf[finding.kind],
        urn: finding.urn,
      });
    }
  }
}
