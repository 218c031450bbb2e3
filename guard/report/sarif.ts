/**
 * The report as SARIF 2.1.0 for GitHub code scanning: one run, the pack's policies as rules, one result per
 * violation located at the resource's constructor in the program (check) or its entry in the export (audit).
 */
import type { EnforcementLevel, PolicyInfo, Severity } from "../../analyzer/types";
import {
  detailOf,
  type BlamedResource,
  type RemediationReport,
  type Report,
  type TargetReport,
  type Violation,
} from "./model";
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

function result(target: TargetReport, finding: Finding, ruleIndex: Map<string, number>) {
  const location = locate(target, finding.resource);
  const { resource } = finding;
  return {
    ruleId: finding.policyName,
    ...(ruleIndex.has(finding.policyName) ? { ruleIndex: ruleIndex.get(finding.policyName) } : {}),
    level: finding.level,
    message: { text: finding.text },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: location.file },
          region: {
            startLine: location.line ?? 1,
            ...(location.column ? { startColumn: location.column } : {}),
          },
        },
        ...(resource
          ? {
              logicalLocations: [{ name: resource.name, fullyQualifiedName: resource.urn, kind: "resource" }],
            }
          : {}),
      },
    ],
    properties: {
      ...finding.properties,
      target: target.path,
      ...(resource ? { urn: resource.urn, resourceType: resource.type } : {}),
    },
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
