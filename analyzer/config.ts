/**
 * Policy-pack configuration as the engine handles it before Configure: the user's file (Pulumi's format —
 * policy name or "all" → an enforcement level, or an object with `enforcementLevel` and the policy's
 * properties) is merged over the pack's initial configuration and the schema defaults, then validated against
 * each policy's config schema. The result names every policy of the pack.
 */
import { validate } from "./jsonSchema";
import type { AnalyzerInfo, EnforcementLevel, PolicyPackConfig } from "./types";

const levels: readonly EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

export class PolicyConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid policy pack configuration:\n  ${problems.join("\n  ")}`);
    this.name = "PolicyConfigError";
  }
}

interface UserPolicyConfig {
  enforcementLevel?: EnforcementLevel;
  properties: Record<string, unknown>;
}

function isLevel(value: unknown): value is EnforcementLevel {
  return typeof value === "string" && (levels as readonly string[]).includes(value);
}

/** Reads one entry of the user's file; problems are collected rather than thrown so the user sees them all. */
function readEntry(name: string, entry: unknown, problems: string[]): UserPolicyConfig {
  if (typeof entry === "string") {
    if (isLevel(entry)) return { enforcementLevel: entry, properties: {} };
    problems.push(`${name}: "${entry}" is not an enforcement level (${levels.join(", ")})`);
    return { properties: {} };
  }
  if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
    problems.push(`${name}: expected an enforcement level or an object`);
    return { properties: {} };
  }
  const { enforcementLevel, ...properties } = entry as Record<string, unknown>;
  if (enforcementLevel !== undefined && !isLevel(enforcementLevel)) {
    problems.push(
      `${name}.enforcementLevel: ${JSON.stringify(enforcementLevel)} is not one of ${levels.join(", ")}`,
    );
    return { properties };
  }
  return { enforcementLevel, properties };
}

function schemaDefaults(properties: Record<string, unknown>): Record<string, unknown> {
  const defaults: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(properties)) {
    if (typeof schema === "object" && schema !== null && "default" in schema) {
      defaults[name] = (schema as { default: unknown }).default;
    }
  }
  return defaults;
}

export function reconcilePolicyConfig(info: AnalyzerInfo, userConfig: unknown = {}): PolicyPackConfig {
  if (typeof userConfig !== "object" || userConfig === null || Array.isArray(userConfig)) {
    throw new PolicyConfigError(['the configuration must be a JSON object keyed by policy name or "all"']);
  }
  const problems: string[] = [];
  const entries = Object.fromEntries(
    Object.entries(userConfig).map(([name, entry]) => [name, readEntry(name, entry, problems)]),
  );
  const known = new Set(info.policies.map((policy) => policy.name));
  for (const name of Object.keys(entries)) {
    if (name !== "all" && !known.has(name))
      problems.push(`${name}: the pack ${info.name} has no such policy`);
  }
  if (entries.all && Object.keys(entries.all.properties).length > 0) {
    problems.push(`all: only an enforcement level may be set for all policies`);
  }

  const result: PolicyPackConfig = {};
  for (const policy of info.policies) {
    const initial = info.initialConfig[policy.name];
    const user = entries[policy.name];
    const schemaProperties = policy.configSchema?.properties ?? {};
    const properties = { ...schemaDefaults(schemaProperties), ...initial?.properties, ...user?.properties };
    const schema = {
      type: "object",
      properties: schemaProperties,
      required: policy.configSchema?.required ?? [],
    };
    problems.push(...validate(properties, schema, policy.name));
    result[policy.name] = {
      // The initial configuration's level is not used: on the wire an unset level reads as ADVISORY (0), which
      // would silently weaken a mandatory policy.
      enforcementLevel: user?.enforcementLevel ?? entries.all?.enforcementLevel ?? policy.enforcementLevel,
      properties,
    };
  }
  if (problems.length > 0) throw new PolicyConfigError(problems);
  return result;
}
