/**
 * What guard found, independent of how it is printed: per target (a program or a stack export), the
 * violations the pack reported, each attributed to the resource it concerns, what could not be judged
 * (unchecked: never counted as passed), and notes on how a resource was judged.
 */
import type { EnforcementLevel, PolicyInfo, Severity } from "../../analyzer/types";
import type { SourcePosition } from "../resource";

export interface BlamedResource {
  urn: string;
  type: string;
  name: string;
  sourcePosition?: SourcePosition;
  /** Audit only: where its judged state came from, and what the export says of it besides. */
  deployed?: DeployedState;
}

export interface DeployedState {
  /** Outputs (what the provider last reported), or inputs when the export holds no outputs for it. */
  judgedFrom: "outputs" | "inputs";
  /** Read with `.get()`: not managed by this stack. */
  external: boolean;
  /** Replaced, not yet deleted: still deployed, and sharing its URN with its replacement. */
  pendingDeletion: boolean;
}

export interface Violation {
  policyName: string;
  policyPackName: string;
  policyPackVersion: string;
  description: string;
  /** The pack's message as sent (the SDK prefixes the policy description to what the policy reported). */
  message: string;
  enforcementLevel: EnforcementLevel;
  severity?: Severity;
  /** Whether a resource policy (Analyze) or a stack policy (AnalyzeStack) reported it. */
  from: "resource" | "stack";
  /** Absent when a stack policy reported the stack as a whole. */
  resource?: BlamedResource;
  /** Audit only: judged from the program's inputs, the resource would not get this finding. */
  drifted?: boolean;
}

/** Something guard could not judge, and why; it never counts as passed. */
export interface Unchecked {
  /** Absent when it concerns the stack as a whole. */
  resource?: BlamedResource;
  reason: string;
}

/** What the report should say about a resource though no policy blames it (audit: how it was judged). */
export interface ResourceNote {
  resource: BlamedResource;
  note: string;
}

/** A remediating policy changed the resource's properties (the engine would deploy the changed resource). */
export interface RemediationReport {
  policyName: string;
  policyPackName: string;
  policyPackVersion: string;
  description: string;
  resource: BlamedResource;
}

export interface TargetReport {
  kind: "program" | "stack-export";
  /** As the user named it, or relative to the working directory. */
  path: string;
  project: string;
  stack: string;
  resourceCount: number;
  violations: Violation[];
  remediations: RemediationReport[];
  unchecked?: Unchecked[];
  notes?: ResourceNote[];
  /** Check only: the program failed, so none of its resources was judged. */
  failed?: boolean;
}

export interface Report {
  command: "check" | "audit";
  pack: { name: string; version: string; dir: string };
  policies: PolicyInfo[];
  targets: TargetReport[];
}

export interface Summary {
  mandatory: number;
  advisory: number;
  remediated: number;
  unchecked: number;
  resources: number;
  blamedResources: number;
  targets: number;
}

export function summarize(report: Report): Summary {
  const violations = report.targets.flatMap((target) => target.violations);
  const blamed = new Set(
    violations.filter((v) => v.enforcementLevel === "mandatory").map((v) => v.resource?.urn ?? ""),
  );
  return {
    mandatory: violations.filter((v) => v.enforcementLevel === "mandatory").length,
    advisory: violations.filter((v) => v.enforcementLevel !== "mandatory").length,
    remediated: report.targets.reduce((sum, target) => sum + target.remediations.length, 0),
    unchecked: report.targets.reduce((sum, target) => sum + (target.unchecked?.length ?? 0), 0),
    resources: report.targets.reduce((sum, target) => sum + target.resourceCount, 0),
    blamedResources: blamed.size,
    targets: report.targets.length,
  };
}

/** The policy's own words after the description the SDK puts first. */
export function detailOf(violation: Violation): string {
  const prefix = `${violation.description}\n`;
  return violation.message.startsWith(prefix) ? violation.message.slice(prefix.length) : violation.message;
}
