/**
 * The report for people, shaped like `pulumi preview`'s policy section: per target, findings grouped by
 * resource — what could not be judged, notes on how it was judged, violations with level, policy and message;
 * then, for several stacks, one summary line per stack, and the summary line. Colour only when asked (a TTY).
 */
import {
  detailOf,
  summarize,
  type BlamedResource,
  type RemediationReport,
  type Report,
  type ResourceNote,
  type Summary,
  type TargetReport,
  type Unchecked,
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
  unchecked: Unchecked[];
  notes: ResourceNote[];
  violations: Violation[];
  remediations: RemediationReport[];
}

/** Everything reported per resource, in the order the resources first appear. */
function groupByResource(target: TargetReport): ResourceGroup[] {
  const groups = new Map<string, ResourceGroup>();
  const groupOf = (resource?: BlamedResource) => {
    // A resource pending deletion shares its URN with its replacement; they are two resources.
    const key = `${resource?.urn ?? ""}${resource?.deployed?.pendingDeletion ? " (pending deletion)" : ""}`;
    if (!groups.has(key)) {
      groups.set(key, { resource, unchecked: [], notes: [], violations: [], remediations: [] });
    }
    return groups.get(key)!;
  };
  for (const item of target.unchecked ?? []) groupOf(item.resource).unchecked.push(item);
  for (const note of target.notes ?? []) groupOf(note.resource).notes.push(note);
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
  if (target.kind === "stack-export" && target.resourceCount === 0) {
    lines.push(`    ${style.green("the stack is empty: the export lists no resources")}`);
  }
  const groups = groupByResource(target);
  if (groups.length === 0) {
    if (target.resourceCount > 0) lines.push(`    ${style.green("no policy violations")}`);
    return lines;
  }
  for (const group of groups) {
    const { resource } = group;
    const location = formatLocation(locate(target, resource));
    lines.push(
      resource
        ? `    ${style.bold(resource.name)}  ${resource.type}  ${style.dim(location)}`
        : `    ${style.bold("(the stack as a whole)")}`,
    );
    for (const item of group.unchecked) lines.push(`        ${style.yellow("[unchecked]")}  ${item.reason}`);
    for (const note of group.notes) lines.push(`        ${style.dim("[note]")}  ${note.note}`);
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

function verdict(summary: Summary, style: Style): string {
  if (summary.mandatory > 0) return style.red("FAILED");
  return summary.unchecked > 0 ? style.yellow("UNCHECKED") : style.green("PASSED");
}

function counts(summary: Summary): string {
  return (
    `${plural(summary.mandatory, "mandatory violation")}, ${plural(summary.advisory, "advisory violation")}` +
    (summary.unchecked > 0 ? `, ${summary.unchecked} unchecked` : "")
  );
}

/** One line per stack export, so that an organisation's audit shows each stack's verdict at a glance. */
function stackLines(report: Report, style: Style): string[] {
  if (report.command !== "audit" || report.targets.length < 2) return [];
  return report.targets.map((target) => {
    const summary = summarize({ ...report, targets: [target] });
    const stack = `${target.project || "?"}/${target.stack || "?"}`;
    return `${verdict(summary, style)}  ${style.bold(stack)}  ${counts(summary)}  ${style.dim(target.path)}`;
  });
}

export function renderText(report: Report, useColour: boolean): string {
  const style = useColour ? colours : plain;
  const summary = summarize(report);
  const header =
    style.bold(`Policy violations`) +
    style.dim(`  (${report.command}, pack ${report.pack.name}@v${report.pack.version})`);
  const targets = report.targets.flatMap((target) => ["", ...renderTarget(target, style)]);
  const what =
    report.command === "check" ? plural(summary.targets, "program") : plural(summary.targets, "stack export");
  const line =
    `${verdict(summary, style)}: ${counts(summary)}; ` +
    `${summary.blamedResources} of ${plural(summary.resources, "resource")} blamed in ${what}` +
    (summary.remediated > 0 ? `; ${plural(summary.remediated, "remediation")}` : "");
  const perStack = stackLines(report, style);
  return [header, ...targets, "", ...perStack, ...(perStack.length > 0 ? [""] : []), line, ""].join("\n");
}
