/**
 * Each policy's description, severity, default enforcement level, remediation text and resource types,
 * read from the Rego METADATA annotations the compiler writes next to the module — their single source.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import type { EnforcementLevel, Severity } from "@pulumi/policy";
import { generatedDir } from "./engine";

export const metadataPath = path.join(generatedDir, "policy.wasm.metadata.json");

export interface PolicyMetadata {
  name: string;
  description: string;
  severity: Severity;
  enforcementLevel: EnforcementLevel;
  remediation: string;
  resourceTypes: string[];
}

interface Annotation {
  title?: unknown;
  description?: unknown;
  custom?: Record<string, unknown>;
}

const severities: ReadonlySet<string> = new Set(["low", "medium", "high", "critical"]);
const levels: ReadonlySet<string> = new Set(["advisory", "mandatory", "remediate", "disabled"]);

/** Every annotation object in the metadata file, wherever the file nests them. */
function annotations(value: unknown, out: Annotation[] = []): Annotation[] {
  if (Array.isArray(value)) value.forEach((v) => annotations(v, out));
  else if (typeof value === "object" && value !== null) {
    const record = value as Record<string, unknown>;
    if (typeof record.title === "string") out.push(record as Annotation);
    Object.values(record).forEach((v) => annotations(v, out));
  }
  return out;
}

/** The metadata of the policy whose package annotation has this title; throws when it is missing or incomplete. */
export function policyMetadata(name: string, file = metadataPath): PolicyMetadata {
  const annotation = annotations(JSON.parse(readFileSync(file, "utf8"))).find((a) => a.title === name);
  if (!annotation) throw new Error(`no METADATA with title ${name} in ${file}`);
  const custom = annotation.custom ?? {};
  const {
    severity,
    enforcement_level: enforcementLevel,
    remediation,
    resource_types: resourceTypes,
  } = custom;
  if (typeof annotation.description !== "string") throw new Error(`${name}: METADATA has no description`);
  if (typeof severity !== "string" || !severities.has(severity))
    throw new Error(`${name}: custom.severity is invalid`);
  if (typeof enforcementLevel !== "string" || !levels.has(enforcementLevel)) {
    throw new Error(`${name}: custom.enforcement_level is invalid`);
  }
  if (typeof remediation !== "string") throw new Error(`${name}: custom.remediation is missing`);
  if (!Array.isArray(resourceTypes) || !resourceTypes.every((t) => typeof t === "string")) {
    throw new Error(`${name}: custom.resource_types must list Pulumi type tokens`);
  }
  return {
    name,
    description: annotation.description,
    severity: severity as Severity,
    enforcementLevel: enforcementLevel as EnforcementLevel,
    remediation,
    resourceTypes,
  };
}
