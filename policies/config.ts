/**
 * The configuration of the network policies, in one place: its JSON schema (what `pulumi policy enable
 * --config` and `--policy-pack-config` files are validated against) and the defaults the Rego rules see.
 */
import type { PolicyConfigSchema } from "@pulumi/policy";

export interface NetworkConfig {
  allowedVpcEndpointIds: string[];
  allowedVpcIds: string[];
  allowedSourceCidrs: string[];
  minimumCidrPrefix: { ipv4: number; ipv6: number };
}

export const defaultNetworkConfig: NetworkConfig = {
  allowedVpcEndpointIds: [],
  allowedVpcIds: [],
  allowedSourceCidrs: [],
  minimumCidrPrefix: { ipv4: 8, ipv6: 32 },
};

const stringList = (description: string) => ({
  type: "array" as const,
  items: { type: "string" as const },
  default: [],
  description,
});

export const networkConfigSchema: PolicyConfigSchema = {
  properties: {
    allowedVpcEndpointIds: stringList(
      "When set, an aws:SourceVpce restriction counts only if every value it uses is listed here (e.g. vpce-0a1b2c3d4e5f67890).",
    ),
    allowedVpcIds: stringList(
      "When set, an aws:SourceVpc restriction counts only if every value it uses is listed here.",
    ),
    allowedSourceCidrs: stringList(
      "When set, an aws:VpcSourceIp or aws:SourceIp restriction counts only if every address or CIDR it uses lies within one of these CIDRs.",
    ),
    minimumCidrPrefix: {
      type: "object",
      description:
        "Address restrictions broader than these prefix lengths restrict nothing (0.0.0.0/0 and ::/0 never count).",
      properties: {
        ipv4: { type: "integer", minimum: 0, maximum: 32, default: 8 },
        ipv6: { type: "integer", minimum: 0, maximum: 128, default: 32 },
      },
      additionalProperties: false,
      default: { ipv4: 8, ipv6: 32 },
    },
  },
};

/** The policy's config with defaults filled in; a value of the wrong type is an error (the pack fails closed). */
export function networkConfig(raw: Record<string, unknown>): NetworkConfig {
  const prefixes = (raw.minimumCidrPrefix ?? {}) as Record<string, unknown>;
  return {
    allowedVpcEndpointIds: strings(raw, "allowedVpcEndpointIds"),
    allowedVpcIds: strings(raw, "allowedVpcIds"),
    allowedSourceCidrs: strings(raw, "allowedSourceCidrs"),
    minimumCidrPrefix: {
      ipv4: prefix(prefixes, "ipv4", 32),
      ipv6: prefix(prefixes, "ipv6", 128),
    },
  };
}

function strings(raw: Record<string, unknown>, key: keyof NetworkConfig): string[] {
  const value = raw[key] ?? [];
  if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) {
    throw new TypeError(`configuration ${key} must be a list of strings, got ${JSON.stringify(value)}`);
  }
  return value;
}

function prefix(prefixes: Record<string, unknown>, family: "ipv4" | "ipv6", max: number): number {
  const value = prefixes[family] ?? defaultNetworkConfig.minimumCidrPrefix[family];
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > max) {
    throw new TypeError(
      `configuration minimumCidrPrefix.${family} must be an integer from 0 to ${max}, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}
