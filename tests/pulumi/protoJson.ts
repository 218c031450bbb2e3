/**
 * The analyzer requests the driver builds (analyzer/messages.ts), written as the engine's gRPC debug log
 * writes its own (Go's protojson: lowerCamelCase names, enum names, default values left out), so the two can be
 * compared field by field.
 */
import * as pb from "@pulumi/pulumi/proto/analyzer_pb";
import type { Struct } from "google-protobuf/google/protobuf/struct_pb";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

const enforcementLevelNames: Record<number, string> = {
  [pb.EnforcementLevel.ADVISORY]: "ADVISORY",
  [pb.EnforcementLevel.MANDATORY]: "MANDATORY",
  [pb.EnforcementLevel.DISABLED]: "DISABLED",
  [pb.EnforcementLevel.REMEDIATE]: "REMEDIATE",
};

/** Keeps only populated fields, as protojson does (an empty message that is set stays as `{}`). */
function populated(fields: Record<string, Json | undefined>): JsonObject {
  const result: JsonObject = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined || value === "" || value === false || value === 0) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    result[key] = value;
  }
  return result;
}

function struct(value: Struct | undefined): Json | undefined {
  return value ? (value.toJavaScript() as Json) : undefined;
}

function stringMap(map: {
  forEach(callback: (value: string, key: string) => void): void;
}): JsonObject | undefined {
  const result: JsonObject = {};
  map.forEach((value, key) => (result[key] = value));
  return Object.keys(result).length ? result : undefined;
}

function options(message: pb.AnalyzerResourceOptions | undefined): Json | undefined {
  if (!message) return undefined;
  const timeouts = message.getCustomtimeouts();
  return populated({
    protect: message.getProtect(),
    ignoreChanges: message.getIgnorechangesList(),
    deleteBeforeReplace: message.getDeletebeforereplace(),
    deleteBeforeReplaceDefined: message.getDeletebeforereplacedefined(),
    additionalSecretOutputs: message.getAdditionalsecretoutputsList(),
    aliases: message.getAliasesList(),
    customTimeouts:
      timeouts &&
      populated({
        create: timeouts.getCreate(),
        update: timeouts.getUpdate(),
        delete: timeouts.getDelete(),
        read: timeouts.getRead(),
      }),
    parent: message.getParent(),
  });
}

function provider(message: pb.AnalyzerProviderResource | undefined): Json | undefined {
  if (!message) return undefined;
  return populated({
    type: message.getType(),
    properties: struct(message.getProperties()),
    urn: message.getUrn(),
    name: message.getName(),
  });
}

export function analyzeRequestJson(message: pb.AnalyzeRequest): JsonObject {
  return populated({
    type: message.getType(),
    properties: struct(message.getProperties()),
    urn: message.getUrn(),
    name: message.getName(),
    options: options(message.getOptions()),
    provider: provider(message.getProvider()),
  });
}

export function analyzerResourceJson(message: pb.AnalyzerResource): JsonObject {
  const propertyDependencies: JsonObject = {};
  message.getPropertydependenciesMap().forEach((dependencies, property) => {
    propertyDependencies[property] = populated({ urns: dependencies.getUrnsList() });
  });
  return populated({
    type: message.getType(),
    properties: struct(message.getProperties()),
    urn: message.getUrn(),
    name: message.getName(),
    options: options(message.getOptions()),
    provider: provider(message.getProvider()),
    parent: message.getParent(),
    dependencies: message.getDependenciesList(),
    propertyDependencies: Object.keys(propertyDependencies).length ? propertyDependencies : undefined,
  });
}

export function configureRequestJson(message: pb.ConfigureAnalyzerRequest): JsonObject {
  const policyConfig: JsonObject = {};
  message.getPolicyconfigMap().forEach((config, policy) => {
    policyConfig[policy] = populated({
      enforcementLevel:
        config.getEnforcementlevel() === pb.EnforcementLevel.ADVISORY
          ? undefined
          : enforcementLevelNames[config.getEnforcementlevel()],
      properties: struct(config.getProperties()),
    });
  });
  return populated({ policyConfig: Object.keys(policyConfig).length ? policyConfig : undefined });
}

export function configureStackRequestJson(message: pb.AnalyzerStackConfigureRequest): JsonObject {
  return populated({
    stack: message.getStack(),
    project: message.getProject(),
    organization: message.getOrganization(),
    dryRun: message.getDryRun(),
    config: stringMap(message.getConfigMap()),
    configSecretKeys: message.getConfigSecretKeysList(),
    tags: stringMap(message.getTagsMap()),
  });
}
