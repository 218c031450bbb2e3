/**
 * The report as SARIF 2.1.0 for GitHub code scanning: one run, the pack's policies as rules, one result per
 * violation located at the resource's constructor in the program (check) or its entry in the export (audit).
 * What could not be judged is a tool execution notification (a warning), as are audit notes (a note): they
 * are no policy's result, and GitHub must not show an unchecked resource as an alert that can be dismissed.
 * Every result and notification names its target and, for an audit, its stack.
 */
import type { EnforcementLevel, PolicyInfo, Severity } from "../../analyzer/types";
import {
  detailOf,
  type BlamedResource,
  type RemediationReport,
  type Report,
  type ResourceNote,
  type TargetReport,
  type Unchecked,
  type Violation,
} from "./model";
import { bounded } from "./bounded";
import { locate } from "./locations";

const sarifSchema = "https://json.schemastore.org/sarif-2.1.0.json";

type SarifLevel = "error" | "warning" | "note" | "none";

function sarifLevel(level: EnforcementLevel): SarifLevel {
  if (level === "mandatory" || level === "remediate") return "error";
  if (level === "advisory") return "warning";
  return "none";
}

/** GitHub ranks security alerts by this CVSS-like score, a string property of the rule. */
const securitySeverity: Record<Severity, string> = {
  low: "3.0",
  medium: "5.5",
  high: "8.0",
  critical: "9.5",
};

function rule(policy: PolicyInfo) {
  const description = policy.description || policy.name;
  return {
    id: policy.name,
    name: policy.displayName || policy.name,
    shortDescription: { text: description },
    fullDescription: { text: description },
    help: { text: policy.remediationSteps || description },
    ...(policy.url ? { helpUri: policy.url } : {}),
    defaultConfiguration: { level: sarifLevel(policy.enforcementLevel) },
    properties: {
      enforcementLevel: policy.enforcementLevel,
      tags: ["security", "pulumi-policy", ...policy.tags],
      ...(policy.severity ? { "security-severity": securitySeverity[policy.severity] } : {}),
    },
  };
}

interface Finding {
  policyName: string;
  level: SarifLevel;
  text: string;
  resource?: BlamedResource;
  properties: Record<string, unknown>;
}

function subjectOf(resource: BlamedResource | undefined): string {
  return resource ? `${resource.type} "${resource.name}"` : "the stack";
}

function violationFinding(violation: Violation): Finding {
  return {
    policyName: violation.policyName,
    level: sarifLevel(violation.enforcementLevel),
    text: `${subjectOf(violation.resource)}: ${detailOf(violation) || violation.description}`,
    resource: violation.resource,
    properties: {
      enforcementLevel: violation.enforcementLevel,
      policyPack: `${violation.policyPackName}@${violation.policyPackVersion}`,
      ...(violation.drifted ? { drifted: true } : {}),
    },
  };
}

/** A remediation fixed the resource in the plan; it is worth a note, not an alert. */
function remediationFinding(remediation: RemediationReport): Finding {
  return {
    policyName: remediation.policyName,
    level: "note",
    text: `${subjectOf(remediation.resource)}: remediated by the pack — ${remediation.description}`,
    resource: remediation.resource,
    properties: {
      enforcementLevel: "remediate",
      policyPack: `${remediation.policyPackName}@${remediation.policyPackVersion}`,
    },
  };
}

function sarifLocation(target: TargetReport, resource: BlamedResource | undefined) {
  const location = locate(target, resource);
  return {
    physicalLocation: {
      artifactLocation: { uri: location.file },
      region: {
        startLine: location.line ?? 1,
        ...(location.column ? { startColumn: location.column } : {}),
      },
    },
    ...(resource
      ? { logicalLocations: [{ name: resource.name, fullyQualifiedName: resource.urn, kind: "resource" }] }
      : {}),
  };
}

/** What every result and notification says of where it comes from. */
function origin(target: TargetReport, resource: BlamedResource | undefined) {
  return {
    target: target.path,
    ...(target.kind === "stack-export" ? { stack: `${target.project}/${target.stack}` } : {}),
    ...(resource ? { urn: resource.urn, resourceType: resource.type } : {}),
    ...(resource?.deployed ? { deployed: resource.deployed } : {}),
  };
}

function result(target: TargetReport, finding: Finding, ruleIndex: Map<string, number>) {
  const { resource } = finding;
  return {
    ruleId: finding.policyName,
    ...(ruleIndex.has(finding.policyName) ? { ruleIndex: ruleIndex.get(finding.policyName) } : {}),
    level: finding.level,
    message: { text: bounded(finding.text) },
    locations: [sarifLocation(target, resource)],
    properties: { ...finding.properties, ...origin(target, resource) },
  };
}

function notification(target: TargetReport, item: Unchecked | ResourceNote) {
  const unchecked = "reason" in item;
  return {
    descriptor: { id: unchecked ? "unchecked" : "note" },
    // A failed program is an error of the run, not a finding about a resource.
    level: target.failed ? "error" : unchecked ? "warning" : "note",
    message: { text: bounded(`${subjectOf(item.resource)}: ${unchecked ? item.reason : item.note}`) },
    locations: [sarifLocation(target, item.resource)],
    properties: origin(target, item.resource),
  };
}

export function renderSarif(report: Report): string {
  const ruleIndex = new Map(report.policies.map((policy, index) => [policy.name, index]));
  const log = {
    $schema: sarifSchema,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: report.pack.name,
            version: report.pack.version,
            informationUri: "https://www.pulumi.com/docs/iac/crossguard/",
            rules: report.policies.map(rule),
          },
        },
        automationDetails: { id: `private-api-guard/${report.command}/` },
        invocations: [
          {
            // SARIF consumers read this as "trust the results": not when a program could not be run.
            executionSuccessful: !report.targets.some((target) => target.failed),
            toolExecutionNotifications: report.targets.flatMap((target) =>
              [...(target.unchecked ?? []), ...(target.notes ?? [])].map((item) =>
                notification(target, item),
              ),
            ),
          },
        ],
        results: report.targets.flatMap((target) =>
          [...target.violations.map(violationFinding), ...target.remediations.map(remediationFinding)].map(
            (finding) => result(target, finding, ruleIndex),
          ),
        ),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
