/**
 * Resources → the inputs of the `decision` entrypoint, as the pack builds them (policies/definitions.ts): each
 * resource policy of the pack on each resource of a type it applies to, with the resource's inputs; each stack
 * policy on the resources of its types, with their outputs and property dependencies; the network config for
 * the policies that have one (networkConfig fills in defaults), `{}` for the others.
 */
import type { AnalyzedResource } from "../../analyzer/types";
import { networkConfig } from "../../policies/config";
import { resourceInput } from "../../policies/input";
import { policyMetadata } from "../../policies/metadata";
import { policies } from "../../policies/pack";

/** One call of the decision entrypoint. */
export interface DecisionInput {
  /** Which policy on what, for a failure message. */
  label: string;
  input: unknown;
}

interface PackPolicy {
  name: string;
  kind: "resource" | "stack";
  resourceTypes: string[];
  /** The policy takes the network configuration (the pack gives it a configSchema). */
  configured: boolean;
}

/** Every policy the pack has (policies/pack.ts), with the resource types its METADATA names. */
export const packPolicies: PackPolicy[] = policies.map((policy) => ({
  name: policy.name,
  kind: "validateStack" in policy ? "stack" : "resource",
  resourceTypes: policyMetadata(policy.name).resourceTypes,
  configured: policy.configSchema !== undefined,
}));

const configOf = (policy: PackPolicy, rawConfig: Record<string, unknown>) =>
  policy.configured ? networkConfig(rawConfig) : {};

/** The wire-form property dependencies of the engine, as @pulumi/policy hands them to a stack policy. */
const dependencyResources = (dependencies: Record<string, string[]>) =>
  Object.fromEntries(
    Object.entries(dependencies).map(([property, urns]) => [property, urns.map((urn) => ({ urn }))]),
  );

export function resourceDecisionInputs(
  resource: AnalyzedResource,
  rawConfig: Record<string, unknown> = {},
): DecisionInput[] {
  return packPolicies
    .filter((policy) => policy.kind === "resource" && policy.resourceTypes.includes(resource.type))
    .map((policy) => ({
      label: `${policy.name} on ${resource.name}`,
      input: {
        policy: policy.name,
        config: configOf(policy, rawConfig),
        resource: resourceInput({
          type: resource.type,
          urn: resource.urn,
          name: resource.name,
          props: resource.inputs,
        }),
      },
    }));
}

export function stackDecisionInputs(
  resources: AnalyzedResource[],
  rawConfig: Record<string, unknown> = {},
): DecisionInput[] {
  return packPolicies
    .filter((policy) => policy.kind === "stack")
    .map((policy) => ({
      label: `${policy.name} on the stack`,
      input: {
        policy: policy.name,
        config: configOf(policy, rawConfig),
        resources: resources
          .filter((r) => policy.resourceTypes.includes(r.type))
          .map((r) =>
            resourceInput({
              type: r.type,
              urn: r.urn,
              name: r.name,
              props: r.outputs,
              propertyDependencies: dependencyResources(r.propertyDependencies),
            }),
          ),
      },
    }));
}

/** Every decision the pack makes about a stack: each resource alone, then the stack as a whole. */
export function everyDecisionInput(
  resources: AnalyzedResource[],
  rawConfig: Record<string, unknown> = {},
): DecisionInput[] {
  return [
    ...resources.flatMap((r) => resourceDecisionInputs(r, rawConfig)),
    ...stackDecisionInputs(resources, rawConfig),
  ];
}
