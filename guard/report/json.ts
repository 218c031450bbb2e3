/** The report for machines: the whole model plus its summary, stable field names, no colour. */
import { summarize, type Report } from "./model";

export function renderJson(report: Report): string {
  return `${JSON.stringify({ ...report, summary: summarize(report) }, null, 2)}\n`;
}
