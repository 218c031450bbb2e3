/**
 * The report for people, shaped like `pulumi preview`'s policy section: per target, violations grouped by
 * resource, each with its level, policy and message; then one summary line. Colour only when asked (a TTY).
 */
import {
  detailOf,
  summarize,
  type BlamedResource,
  type RemediationReport,
  type Report,
  type TargetReport,
  type Violation,
} from "./model";
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

interface ResourceGroup {
  resource?: BlamedResource;
  violations: Violation[];
  remediations: RemediationReport[];
}

/** Violations and remediations per resource, in the order the resources first appear. */
function groupByResource(target: TargetReport): ResourceGroup[] {
  const groups = new Map<string, ResourceGroup>();
  const groupOf = (resource?: BlamedResource) => {
    const key = resource?.urn ?? "";
    if (!groups.has(key)) groups.set(key, { resource, violations: [], remediations: [] });
    return groups.get(key)!;
  };
  for (const remediation of target.remediations) groupOf(remediation.resource).remediations.push(remediation);
  for (const violation of target.violations) groupOf(violation.resource).violations.push(violation);
  return [...groups.values()];
}

function renderTarget(target: TargetReport, style: Style): string[] {
  const what = target.kind === "program" ? "program" : "stack export";
  const lines = [
    style.bold(`${what} ${target.path}`) +
      style.dim(
        `  (${target.project || "?"}/${target.stack || "?"}, ${plural(target.resourceCount, "resource")})`,
      ),
  ];
  if (target.violations.length === 0 && target.remediations.length === 0) {
    lines.push(`    ${style.green("no policy violations")}`);
    return lines;
  }
  for (const group of groupByResource(target)) {
    const { resource } = group;
    const location = formatLocation(locate(target, resource));
    lines.push(
      resource
        ? `    ${style.bold(resource.name)}  ${resource.type}  ${style.dim(location)}`
        : `    ${style.bold("(the stack as a whole)")}`,
    );
    for (const remediation of group.remediations) {
      const pack = style.dim(`${remediation.policyPackName}@v${remediation.policyPackVersion}`);
      lines.push(`        ${style.green("[remediated]")}  ${remediation.policyName}  ${pack}`);
      lines.push(`            ${remediation.description}`);
    }
    for (const violation of group.violations) {
      const pack = style.dim(`${violation.policyPackName}@v${violation.policyPackVersion}`);
      lines.push(`        ${levelTag(violation, style)}  ${violation.policyName}  ${pack}`);
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
    `${summary.blamedResources} of ${plural(summary.resources, "resource")} blamed in ${what}` +
    (summary.remediated > 0 ? `; ${plural(summary.remediated, "remediation")}` : "");
  return [header, ...targets, "", line, ""].join("\n");
}
