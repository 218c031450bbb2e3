/**
 * What the analyzer driver exchanges with its callers: plain, typed objects. The protobuf messages never leave
 * the driver (see messages.ts).
 */
import type { WireObject } from "./wire";

export type EnforcementLevel = "advisory" | "mandatory" | "remediate" | "disabled";
export type Severity = "low" | "medium" | "high" | "critical";

/** The resource options the engine passes along with each resource (AnalyzerResourceOptions). */
export interface ResourceOptions {
  protect?: boolean;
  ignoreChanges?: string[];
  deleteBeforeReplace?: boolean;
  additionalSecretOutputs?: string[];
  aliases?: string[];
  customTimeouts?: { create?: number; update?: number; delete?: number };
}

export interface ProviderReference {
  type: string;
  name: string;
  urn: string;
  /** The provider's inputs, in wire form. */
  properties: WireObject;
}

/**
 * One resource as the engine describes it to an analyzer. Properties are in wire form: unknown values are
 * Pulumi's sentinel string and secrets stay wrapped.
 */
export interface AnalyzedResource {
  type: string;
  name: string;
  urn: string;
  /** Sent to Analyze: the resource's (checked) inputs. */
  inputs: WireObject;
  /** Sent to AnalyzeStack: the resource's state (outputs); the engine sends outputs for stack policies. */
  outputs: WireObject;
  parent?: string;
  dependencies: string[];
  /** Input property name → URNs of the resources that property's value came from. */
  propertyDependencies: Record<string, string[]>;
  provider?: ProviderReference;
  options?: ResourceOptions;
}

export interface PolicyInfo {
  name: string;
  displayName: string;
  description: string;
  message: string;
  enforcementLevel: EnforcementLevel;
  kind: "resource" | "stack" | "unknown";
  severity?: Severity;
  /** JSON schema of the policy's configuration: `properties` and `required`, as the pack declares them. */
  configSchema?: { properties: Record<string, unknown>; required: string[] };
  remediationSteps?: string;
  url?: string;
  tags: string[];
}

export interface AnalyzerInfo {
  name: string;
  displayName: string;
  version: string;
  description: string;
  supportsConfig: boolean;
  policies: PolicyInfo[];
  /** Configuration the pack itself ships with, policy name → settings. */
  initialConfig: PolicyPackConfig;
}

/** Configuration of one policy as Configure carries it. */
export interface PolicyConfig {
  enforcementLevel: EnforcementLevel;
  properties: Record<string, unknown>;
}

export type PolicyPackConfig = Record<string, PolicyConfig>;

/** A policy violation as the pack reports it (AnalyzeDiagnostic). */
export interface PolicyDiagnostic {
  policyName: string;
  policyPackName: string;
  policyPackVersion: string;
  description: string;
  message: string;
  enforcementLevel: EnforcementLevel;
  /** The resource a stack policy blamed; Analyze diagnostics carry none (the engine knows which resource). */
  urn?: string;
  severity?: Severity;
}

export interface NotApplicable {
  policyName: string;
  reason: string;
}

export interface AnalyzeResult {
  diagnostics: PolicyDiagnostic[];
  notApplicable: NotApplicable[];
}

/** What a remediating policy did to a resource (Remediation): new properties, or why it could not run. */
export interface Remediation {
  policyName: string;
  policyPackName: string;
  policyPackVersion: string;
  description: string;
  /** The resource's whole property bag after the remediation, in wire form. */
  properties?: WireObject;
  /** Set instead of properties when the remediation could not run (e.g. on unknown values). */
  diagnostic?: string;
}

export interface RemediateResult {
  remediations: Remediation[];
  notApplicable: NotApplicable[];
}
