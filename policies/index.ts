/**
 * The pack's policies as a library, for an organisation that runs its own policy pack: importing this module
 * creates no PolicyPack (index.ts does that for this pack). Add the policies to yours:
 *
 *     import { PolicyPack } from "@pulumi/policy";
 *     import { privateApiPolicies } from "private-api-guard/policies";
 *
 *     new PolicyPack("acme-guardrails", {
 *       policies: [...privateApiPolicies({ network: { allowedVpcEndpointIds: ["vpce-0a1b…"] } }), ...ours],
 *     });
 *
 * What is given here becomes the policies' defaults: their enforcement level and the `default` of each network
 * setting in their config schema. `pulumi policy enable --config` and `--policy-pack-config` still override
 * them, as they override any pack's defaults.
 */
import type { EnforcementLevel, Policies, PolicyConfigSchema } from "@pulumi/policy";
import { defaultNetworkConfig, networkConfig, networkConfigSchema, type NetworkConfig } from "./config";
import { policies } from "./pack";

export type { NetworkConfig } from "./config";
export {
  privateApiHasResourcePolicy,
  privateNetworkPrerequisites,
  resourcePolicyRestrictsNetwork,
  restApiPrivate,
} from "./pack";

/** The policies' names, as they appear in reports and in policy-pack configuration. */
export const policyNames = policies.map((policy) => policy.name);

export interface PrivateApiPoliciesOptions {
  /** Every policy's default level, as "all" does in a policy-pack configuration. */
  enforcementLevel?: EnforcementLevel;
  /** A policy's default level, by name; wins over enforcementLevel. */
  enforcementLevels?: Record<string, EnforcementLevel>;
  /** Defaults of the network policies' configuration (allow-lists, minimum CIDR prefixes). */
  network?: Partial<NetworkConfig>;
}

/** The network settings as schema defaults; invalid values throw here, when the pack starts (fail closed). */
function schemaWithDefaults(network: Partial<NetworkConfig>): PolicyConfigSchema {
  const merged = networkConfig({ ...defaultNetworkConfig, ...network } as Record<string, unknown>);
  const properties = Object.fromEntries(
    Object.entries(networkConfigSchema.properties).map(([name, schema]) => [
      name,
      { ...schema, default: merged[name as keyof NetworkConfig] },
    ]),
  );
  return { ...networkConfigSchema, properties };
}

/** The four policies, configured; a new list (and new policy objects) on every call. */
export function privateApiPolicies(options: PrivateApiPoliciesOptions = {}): Policies {
  const unknownNames = Object.keys(options.enforcementLevels ?? {}).filter(
    (name) => !policyNames.includes(name),
  );
  if (unknownNames.length > 0) {
    throw new Error(`private-api-guard has no policy named ${unknownNames.map((n) => `"${n}"`).join(", ")}`);
  }
  const configSchema = options.network ? schemaWithDefaults(options.network) : undefined;
  return policies.map((policy) => {
    const enforcementLevel =
      options.enforcementLevels?.[policy.name] ?? options.enforcementLevel ?? policy.enforcementLevel;
    return {
      ...policy,
      enforcementLevel,
      ...(policy.configSchema && configSchema ? { configSchema } : {}),
    };
  });
}
