/**
 * Conversions between the driver's plain objects and the protobuf messages of pulumi/analyzer.proto, done the
 * way the engine marshals them (properties keep unknowns and secrets; options and provider always present,
 * since @pulumi/policy refuses a request without options).
 */
import * as pb from "@pulumi/pulumi/proto/analyzer_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import type {
  AnalyzedResource,
  AnalyzeResult,
  AnalyzerInfo,
  EnforcementLevel,
  PolicyConfig,
  PolicyInfo,
  PolicyPackConfig,
  ProviderReference,
  RemediateResult,
  ResourceOptions,
  Severity,
} from "./types";
import { toWireObject, type WireObject } from "./wire";

const levelToProto: Record<EnforcementLevel, pb.EnforcementLevel> = {
  advisory: pb.EnforcementLevel.ADVISORY,
  mandatory: pb.EnforcementLevel.MANDATORY,
  disabled: pb.EnforcementLevel.DISABLED,
  remediate: pb.EnforcementLevel.REMEDIATE,
};

function levelFromProto(level: pb.EnforcementLevel): EnforcementLevel {
  const found = (Object.keys(levelToProto) as EnforcementLevel[]).find(
    (name) => levelToProto[name] === level,
  );
  if (!found) throw new Error(`unknown enforcement level ${level}`);
  return found;
}

function severityFromProto(severity: pb.PolicySeverity): Severity | undefined {
  switch (severity) {
    case pb.PolicySeverity.POLICY_SEVERITY_LOW:
      return "low";
    case pb.PolicySeverity.POLICY_SEVERITY_MEDIUM:
      return "medium";
    case pb.PolicySeverity.POLICY_SEVERITY_HIGH:
      return "high";
    case pb.PolicySeverity.POLICY_SEVERITY_CRITICAL:
      return "critical";
    default:
      return undefined;
  }
}

function policyKind(type: pb.PolicyType): PolicyInfo["kind"] {
  if (type === pb.PolicyType.POLICY_TYPE_RESOURCE) return "resource";
  if (type === pb.PolicyType.POLICY_TYPE_STACK) return "stack";
  return "unknown";
}

function struct(value: unknown, what: string): Struct {
  return Struct.fromJavaScript(toWireObject(value, what));
}

function optionsMessage(options: ResourceOptions = {}, parent?: string): pb.AnalyzerResourceOptions {
  const message = new pb.AnalyzerResourceOptions();
  message.setProtect(options.protect ?? false);
  message.setIgnorechangesList(options.ignoreChanges ?? []);
  if (options.deleteBeforeReplace !== undefined) {
    message.setDeletebeforereplacedefined(true);
    message.setDeletebeforereplace(options.deleteBeforeReplace);
  }
  message.setAdditionalsecretoutputsList(options.additionalSecretOutputs ?? []);
  message.setAliasesList(options.aliases ?? []);
  const timeouts = new pb.AnalyzerResourceOptions.CustomTimeouts();
  timeouts.setCreate(options.customTimeouts?.create ?? 0);
  timeouts.setUpdate(options.customTimeouts?.update ?? 0);
  timeouts.setDelete(options.customTimeouts?.delete ?? 0);
  message.setCustomtimeouts(timeouts);
  if (parent) message.setParent(parent);
  return message;
}

// A resource without a provider (the root stack, a provider itself) gets no provider message: the engine sends
// none (tests/pulumi/engineTraffic.test.ts compares the two).
function providerMessage(provider: ProviderReference): pb.AnalyzerProviderResource {
  const message = new pb.AnalyzerProviderResource();
  message.setType(provider.type);
  message.setName(provider.name);
  message.setUrn(provider.urn);
  message.setProperties(struct(provider.properties ?? {}, `provider ${provider.urn}`));
  return message;
}

export function analyzeRequest(resource: AnalyzedResource): pb.AnalyzeRequest {
  const request = new pb.AnalyzeRequest();
  request.setType(resource.type);
  request.setName(resource.name);
  request.setUrn(resource.urn);
  request.setProperties(struct(resource.inputs, `inputs of ${resource.urn}`));
  request.setOptions(optionsMessage(resource.options, resource.parent));
  if (resource.provider) request.setProvider(providerMessage(resource.provider));
  return request;
}

export function analyzeStackRequest(resources: AnalyzedResource[]): pb.AnalyzeStackRequest {
  const request = new pb.AnalyzeStackRequest();
  request.setResourcesList(
    resources.map((resource) => {
      const message = new pb.AnalyzerResource();
      message.setType(resource.type);
      message.setName(resource.name);
      message.setUrn(resource.urn);
      message.setProperties(struct(resource.outputs, `outputs of ${resource.urn}`));
      message.setOptions(optionsMessage(resource.options, resource.parent));
      if (resource.provider) message.setProvider(providerMessage(resource.provider));
      if (resource.parent) message.setParent(resource.parent);
      message.setDependenciesList(resource.dependencies);
      // As the engine does: only properties that depend on something have an entry.
      const propertyDependencies = message.getPropertydependenciesMap();
      for (const [property, urns] of Object.entries(resource.propertyDependencies)) {
        if (urns.length === 0) continue;
        const dependencies = new pb.AnalyzerPropertyDependencies();
        dependencies.setUrnsList(urns);
        propertyDependencies.set(property, dependencies);
      }
      return message;
    }),
  );
  return request;
}

export function configureRequest(config: PolicyPackConfig): pb.ConfigureAnalyzerRequest {
  const request = new pb.ConfigureAnalyzerRequest();
  const map = request.getPolicyconfigMap();
  for (const [policyName, policyConfig] of Object.entries(config)) {
    const message = new pb.PolicyConfig();
    message.setEnforcementlevel(levelToProto[policyConfig.enforcementLevel]);
    message.setProperties(struct(policyConfig.properties, `configuration of ${policyName}`));
    map.set(policyName, message);
  }
  return request;
}

function policyConfigFromProto(message: pb.PolicyConfig): PolicyConfig {
  return {
    enforcementLevel: levelFromProto(message.getEnforcementlevel()),
    properties: (message.getProperties()?.toJavaScript() ?? {}) as Record<string, unknown>,
  };
}

export function analyzerInfoFromProto(message: pb.AnalyzerInfo): AnalyzerInfo {
  const initialConfig: PolicyPackConfig = {};
  message.getInitialconfigMap().forEach((config, policyName) => {
    initialConfig[policyName] = policyConfigFromProto(config);
  });
  return {
    name: message.getName(),
    displayName: message.getDisplayname(),
    version: message.getVersion(),
    description: message.getDescription(),
    supportsConfig: message.getSupportsconfig(),
    initialConfig,
    policies: message.getPoliciesList().map((policy) => {
      const schema = policy.getConfigschema();
      return {
        name: policy.getName(),
        displayName: policy.getDisplayname(),
        description: policy.getDescription(),
        message: policy.getMessage(),
        enforcementLevel: levelFromProto(policy.getEnforcementlevel()),
        kind: policyKind(policy.getPolicyType()),
        severity: severityFromProto(policy.getSeverity()),
        configSchema: schema && {
          properties: (schema.getProperties()?.toJavaScript() ?? {}) as Record<string, unknown>,
          required: schema.getRequiredList(),
        },
        remediationSteps: policy.getRemediationSteps() || undefined,
        url: policy.getUrl() || undefined,
        tags: policy.getTagsList(),
      };
    }),
  };
}

export function analyzeResultFromProto(message: pb.AnalyzeResponse): AnalyzeResult {
  return {
    diagnostics: message.getDiagnosticsList().map((diagnostic) => ({
      policyName: diagnostic.getPolicyname(),
      policyPackName: diagnostic.getPolicypackname(),
      policyPackVersion: diagnostic.getPolicypackversion(),
      description: diagnostic.getDescription(),
      message: diagnostic.getMessage(),
      enforcementLevel: levelFromProto(diagnostic.getEnforcementlevel()),
      urn: diagnostic.getUrn() || undefined,
      severity: severityFromProto(diagnostic.getSeverity()),
    })),
    notApplicable: message.getNotApplicableList().map((entry) => ({
      policyName: entry.getPolicyName(),
      reason: entry.getReason(),
    })),
  };
}

export function remediateResultFromProto(message: pb.RemediateResponse): RemediateResult {
  return {
    remediations: message.getRemediationsList().map((remediation) => ({
      policyName: remediation.getPolicyname(),
      policyPackName: remediation.getPolicypackname(),
      policyPackVersion: remediation.getPolicypackversion(),
      description: remediation.getDescription(),
      properties: remediation.getProperties()?.toJavaScript() as WireObject | undefined,
      diagnostic: remediation.getDiagnostic() || undefined,
    })),
    notApplicable: message.getNotApplicableList().map((entry) => ({
      policyName: entry.getPolicyName(),
      reason: entry.getReason(),
    })),
  };
}

export interface StackContext {
  project: string;
  stack: string;
  organization?: string;
  dryRun: boolean;
  tags?: Record<string, string>;
  /** The stack's configuration, namespaced keys ("aws:region") to values, as the engine sends it. */
  config?: Record<string, string>;
}

export function configureStackRequest(context: StackContext): pb.AnalyzerStackConfigureRequest {
  const request = new pb.AnalyzerStackConfigureRequest();
  request.setProject(context.project);
  request.setStack(context.stack);
  request.setOrganization(context.organization ?? "");
  request.setDryRun(context.dryRun);
  const tags = request.getTagsMap();
  for (const [key, value] of Object.entries(context.tags ?? {})) tags.set(key, value);
  const config = request.getConfigMap();
  for (const [key, value] of Object.entries(context.config ?? {})) config.set(key, value);
  return request;
}
