/**
 * Builds the pack's CrossGuard policies from their Rego METADATA. Every policy does the same three things:
 * adapt the Pulumi arguments into the Rego input, ask the compiled module, report its findings. Whatever
 * throws on the way becomes a mandatory violation naming the resource.
 */
import type {
  PolicyConfigSchema,
  PolicyResource,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import { engine, type Finding } from "./engine";
import { resourceInput } from "./input";
import { policyMetadata, type PolicyMetadata } from "./metadata";
import { reportFindings } from "./report";
import { unproxied } from "./unproxied";

export interface PolicyOptions {
  configSchema?: PolicyConfigSchema;
  /** The config the Rego rules see, from what getConfig() returns (defaults filled in). */
  config?: (raw: Record<string, unknown>) => object;
  /** The policy's findings carry a remediation (properties to set) for the remediate enforcement level. */
  remediates?: boolean;
}

function errorFinding(subject: string, e: unknown): Finding {
  return { kind: "error", message: `${subject}: ${e instanceof Error ? e.message : String(e)}` };
}

/** Errors name what failed, so that a mandatory violation in a large preview can be traced. */
function naming(subject: string, findings: Finding[]): Finding[] {
  return findings.map((f) => (f.kind === "error" ? { ...f, message: `${subject}: ${f.message}` } : f));
}

/** Without its metadata the pack cannot tell which resources a policy applies to, so it rejects them all. */
function loadMetadata(name: string): PolicyMetadata | Error {
  try {
    return policyMetadata(name);
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e));
  }
}

function describe(name: string, metadata: PolicyMetadata | Error) {
  if (metadata instanceof Error) {
    return {
      name,
      description: `${name} (its compiled metadata could not be read: ${metadata.message})`,
      enforcementLevel: "mandatory" as const,
    };
  }
  return {
    name,
    description: metadata.description,
    enforcementLevel: metadata.enforcementLevel,
    severity: metadata.severity,
    remediationSteps: metadata.remediation,
  };
}

function resourceFindings(
  name: string,
  metadata: PolicyMetadata,
  options: PolicyOptions,
  args: ResourceValidationArgs,
): Finding[] {
  const subject = `${args.type} ${args.name} (${args.urn})`;
  try {
    const config = options.config?.(args.getConfig<Record<string, unknown>>()) ?? {};
    // Built per policy: a RestApi, which two policies check, arrives as a fresh copy for each, and
    // recognising the copies (by their JSON text) cost more than building the input again.
    const resource = resourceInput({
      type: args.type,
      urn: args.urn,
      name: args.name,
      props: unproxied(args.props),
    });
    return naming(subject, engine.decide({ policy: name, config, resource }));
  } catch (e) {
    return [errorFinding(subject, e)];
  }
}

export function resourcePolicy(name: string, options: PolicyOptions = {}): ResourceValidationPolicy {
  const metadata = loadMetadata(name);
  const applies = (type: string) => metadata instanceof Error || metadata.resourceTypes.includes(type);
  const policy: ResourceValidationPolicy = {
    ...describe(name, metadata),
    configSchema: options.configSchema,
    validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
      if (!applies(args.type)) return;
      const findings =
        metadata instanceof Error
          ? [errorFinding(`${args.type} ${args.name} (${args.urn})`, metadata)]
          : resourceFindings(name, metadata, options, args);
      reportFindings(findings, reportViolation, policy.description);
    },
  };
  if (options.remediates && !(metadata instanceof Error)) {
    policy.remediateResource = (args: ResourceValidationArgs) => {
      if (!applies(args.type)) return undefined;
      const fix = resourceFindings(name, metadata, options, args).find(
        (f) => f.kind === "violation" && f.remediation,
      );
      if (!fix?.remediation) return undefined;
      // Assigning through the props proxy keeps the other properties' secretness (secretsPreservingProxy).
      for (const [property, value] of Object.entries(fix.remediation)) args.props[property] = value;
      return args.props;
    };
  }
  return policy;
}

function stackFindings(
  name: string,
  metadata: PolicyMetadata,
  options: PolicyOptions,
  args: StackValidationArgs,
): Finding[] {
  let current: PolicyResource | undefined;
  try {
    const config = options.config?.(args.getConfig<Record<string, unknown>>()) ?? {};
    const resources = [];
    for (const r of args.resources) {
      if (!metadata.resourceTypes.includes(r.type)) continue;
      current = r;
      resources.push(
        resourceInput({
          type: r.type,
          urn: r.urn,
          name: r.name,
          props: unproxied(r.props),
          propertyDependencies: r.propertyDependencies,
        }),
      );
    }
    current = undefined;
    return naming("stack", engine.decide({ policy: name, config, resources }));
  } catch (e) {
    return [{ ...errorFinding(current ? `${current.type} ${current.name}` : "stack", e), urn: current?.urn }];
  }
}

export function stackPolicy(name: string, options: PolicyOptions = {}): StackValidationPolicy {
  const metadata = loadMetadata(name);
  const policy: StackValidationPolicy = {
    ...describe(name, metadata),
    configSchema: options.configSchema,
    validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) => {
      const findings =
        metadata instanceof Error
          ? [errorFinding("stack", metadata)]
          : stackFindings(name, metadata, options, args);
      reportFindings(findings, reportViolation, policy.description);
    },
  };
  return policy;
}
