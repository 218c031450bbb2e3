/**
 * Findings → CrossGuard violations. A "violation" is reported at the policy's configured enforcement level;
 * an "advisory" (a statement that grants nothing) and an "unknown" (a value Pulumi cannot know during
 * preview) are always advisory, so they never block; an "error" (evaluation failed) is always mandatory, so
 * nothing passes because the pack could not decide. No message is longer than maxMessageBytes.
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
  advisory: "advisory",
  unknown: "advisory",
  error: "mandatory",
};

/** What one diagnostic may carry, description included: gRPC and the CLI must never see a huge one. */
export const maxMessageBytes = 64 * 1024;

/** The message cut to fit beside the description, on a character boundary, saying how much was cut. */
export function boundedMessage(message: string, description: string): string {
  const budget = maxMessageBytes - Buffer.byteLength(description) - 128;
  const bytes = Buffer.from(message);
  if (bytes.length <= budget) return message;
  // Decoding a prefix may end inside a character: drop the replacement character it leaves.
  const kept = bytes
    .subarray(0, budget)
    .toString("utf8")
    .replace(/\uFFFD$/, "");
  return `${kept} … (cut: ${bytes.length - Buffer.byteLength(kept)} more bytes)`;
}

export function reportFindings(
  findings: Finding[],
  reportViolation: ReportViolation,
  description: string,
): void {
  for (const finding of findings) {
    const message = boundedMessage(finding.message, description);
    if (finding.kind === "violation") {
      reportViolation(message, finding.urn);
    } else {
      (reportViolation as unknown as ReportViolationWithLevel)({
        // The string form prefixes the description the same way.
        message: `${description}\n${message}`,
        enforcementLevel: levelOf[finding.kind],
        urn: finding.urn,
      });
    }
  }
}
