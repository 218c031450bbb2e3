/** Building a resource exactly as the Pulumi engine sends it to an analyzer, for callers that make their own. */
import type { AnalyzedResource } from "./types";
import type { WireObject } from "./wire";

/**
 * One resource whose wire-form properties serve as both inputs (what Analyze judges) and outputs (what
 * AnalyzeStack judges); its dependencies are those its property dependencies name, as the engine derives them.
 */
export function engineResource(
  urn: string,
  type: string,
  name: string,
  properties: WireObject,
  propertyDependencies: Record<string, string[]> = {},
): AnalyzedResource {
  return {
    type,
    name,
    urn,
    inputs: properties,
    outputs: properties,
    dependencies: [...new Set(Object.values(propertyDependencies).flat())],
    propertyDependencies,
  };
}
