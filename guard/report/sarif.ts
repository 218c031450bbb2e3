/**
 * The report as SARIF 2.1.0 for GitHub code scanning: one run, the pack's policies as rules, one result per
 * violation located at the resource's constructor in the program (check) or its entry in the export (audit).
 */
import type { EnforcementLevel, PolicyInfo, Severity } from "../../analyzer/types";
import { detailOf, type Report, type TargetReport, type Violation } from "./model";
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

function result(target: TargetReport, violation: Violation, ruleIndex: Map<string, number>) {
  const location = locate(target, violation);
  const detail = detailOf(violation);
  const subject = violation.resource
    ? `${violation.resource.type} "${violation.resource.name}"`
    : "the stack";
  return {
    ruleId: violation.policyName,
    ...(ruleIndex.has(violation.policyName) ? { ruleIndex: ruleIndex.get(violation.policyName) } : {}),
    level: sarifLevel(violation.enforcementLevel),
    message: { text: `${subject}: ${detail || violation.description}` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: location.file },
          region: {
            startLine: location.line ?? 1,
            ...(location.column ? { startColumn: location.column } : {}),
          },
        },
        ...(violation.resource
          ? {
              logicalLocations: [
                {
                  name: violation.resource.name,
                  fullyQualifiedName: violation.resource.urn,
                  kind: "resource",
                },
              ],
            }
          : {}),
      },
    ],
    properties: {
      enforcementLevel: violation.enforcementLevel,
      policyPack: `${violation.policyPackName}@${violation.policyPackVersion}`,
      target: target.path,
      ...(violation.resource ? { urn: violation.resource.urn, resourceType: violation.resource.type } : {}),
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
          target.violations.map((violation) => result(target, violation, ruleIndex)),
        ),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
