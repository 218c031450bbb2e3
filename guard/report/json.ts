/**
 * The report for machines: the whole model plus its summary, and each target (a program, or a stack export
 * with its project and stack name) with its own summary; stable field names, no colour.
 */
import { summarize, type Report } from "./model";

export function renderJson(report: Report): string {
  const targets = report.targets.map((target) => ({
    ...target,
    summary: summarize({ ...report, targets: [target] }),
  }));
  return `${JSON.stringify({ ...report, targets, summary: summarize(report) }, null, 2)}\n`;
}
