/**
 * The report for people, shaped like `pulumi preview`'s policy section: per target, violations grouped by
 * resource, each with its level, policy and message; then one summary line. Colour only when asked (a TTY).
 */
import { detailOf, summarize, type Report, type TargetReport, type Violation } from "./model";
import { formatLocation, locate } from "./locations";

interface Style {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
}

const ansi = (code: string) => (text: string) => `\u001b[${code}m${text}\u001b[0m`;
const colours: Style = {
  bold: ansi("1"),
  dim: ansi("2"),
  red: ansi("31"),
  yellow: ansi("33"),
  green: ansi("32"),
};
const identity = (text: string) => text;
const plain: Style = { bold: identity, dim: identity, red: identity, yellow: identity, green: identity };

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

function levelTag(violation: Violation, style: Style): string {
  const tag = `[${violation.enforcementLevel}]`;
  return violation.enforcementLevel === "mandatory" ? style.red(tag) : style.yellow(tag);
}

function groupByResource(violations: Violation[]): Map<string, Violation[]> {
  const groups = new Map<string, Violation[]>();
  for (const violation of violations) {
    const key = violation.resource?.urn ?? "";
    groups.set(key, [...(groups.get(key) ?? []), violation]);
  }
  return groups;
}

function renderTarget(target: TargetReport, style: Style): string[] {
  const what = target.kind === "program" ? "program" : "stack export";
  const lines = [
    style.bold(`${what} ${target.path}`) +
      style.dim(
        `  (${target.project || "?"}/${target.stack || "?"}, ${plural(target.resourceCount, "resource")})`,
      ),
  ];
  if (target.violations.length === 0) {
    lines.push(`    ${style.green("no policy violations")}`);
    return lines;
  }
  for (const violations of groupByResource(target.violations).values()) {
    const resource = violations[0].resource;
    const location = formatLocation(locate(target, violations[0]));
    lines.push(
      resource
        ? `    ${style.bold(resource.name)}  ${resource.type}  ${style.dim(location)}`
        : `    ${style.bold("(the stack as a whole)")}`,
    );
    for (const violation of violations) {
      lines.push(
        `        ${levelTag(violation, style)}  ${violation.policyName}  ${style.dim(`${violation.policyPackName}@v${violation.policyPackVersion}`)}`,
      );
      const detail = detailOf(violation);
      lines.push(`            ${violation.description}`);
      if (detail && detail !== violation.description) {
        for (const line of detail.split("\n")) lines.push(`            ${line}`);
      }
    }
  }
  return lines;
}

export function renderText(report: Report, useColour: boolean): string {
  const style = useColour ? colours : plain;
  const summary = summarize(report);
  const header =
    style.bold(`Policy violations`) +
    style.dim(`  (${report.command}, pack ${report.pack.name}@v${report.pack.version})`);
  const targets = report.targets.flatMap((target) => ["", ...renderTarget(target, style)]);
  const verdict = summary.mandatory > 0 ? style.red("FAILED") : style.green("PASSED");
  const what =
    report.command === "check" ? plural(summary.targets, "program") : plural(summary.targets, "stack export");
  const line =
    `${verdict}: ${plural(summary.mandatory, "mandatory violation")}, ${plural(summary.advisory, "advisory violation")}; ` +
    `${summary.blamedResources} of ${plural(summary.resources, "resource")} blamed in ${what}`;
  return [header, ...targets, "", line, ""].join("\n");
}
