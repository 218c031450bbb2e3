/**
 * Sends one target's resources through the pack as the engine does — Analyze for each resource, then
 * AnalyzeStack with all of them — and attributes every diagnostic to its resource.
 */
import type { PolicyPackSession } from "../analyzer/driver";
import type { AnalyzedResource, PolicyDiagnostic } from "../analyzer/types";
import type { LocatedResource } from "./resource";
import type { BlamedResource, Violation } from "./report/model";

/** Calls in flight at once: enough to hide gRPC round trips; the pack evaluates them one at a time anyway. */
const concurrency = 8;

export type Progress = (done: number, total: number) => void;

function blamed(resource: AnalyzedResource | undefined): BlamedResource | undefined {
  if (!resource) return undefined;
  const { urn, type, name } = resource;
  const position = (resource as LocatedResource).sourcePosition;
  return position ? { urn, type, name, sourcePosition: position } : { urn, type, name };
}

function violation(
  diagnostic: PolicyDiagnostic,
  from: Violation["from"],
  resource?: AnalyzedResource,
): Violation {
  return {
    policyName: diagnostic.policyName,
    policyPackName: diagnostic.policyPackName,
    policyPackVersion: diagnostic.policyPackVersion,
    description: diagnostic.description,
    message: diagnostic.message,
    enforcementLevel: diagnostic.enforcementLevel,
    severity: diagnostic.severity,
    from,
    resource: blamed(resource),
  };
}

export async function analyzeResources(
  session: PolicyPackSession,
  resources: AnalyzedResource[],
  onProgress?: Progress,
): Promise<Violation[]> {
  const perResource: Violation[][] = new Array(resources.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < resources.length) {
      const index = next++;
      const resource = resources[index];
      const result = await session.analyze(resource);
      perResource[index] = result.diagnostics.map((diagnostic) =>
        violation(diagnostic, "resource", resource),
      );
      onProgress?.(++done, resources.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, resources.length) }, worker));

  const byUrn = new Map(resources.map((resource) => [resource.urn, resource]));
  const stackResult = await session.analyzeStack(resources);
  const stackViolations = stackResult.diagnostics.map((diagnostic) =>
    violation(
      diagnostic,
      "stack",
      diagnostic.urn ? (byUrn.get(diagnostic.urn) ?? unknownResource(diagnostic.urn)) : undefined,
    ),
  );
  return [...perResource.flat(), ...stackViolations];
}

/** A stack policy may blame a URN it was not given; keep the URN so the report still names it. */
function unknownResource(urn: string): AnalyzedResource {
  const qualifiedType = urn.split("::")[2] ?? "";
  return {
    urn,
    type: qualifiedType.split("$").pop() ?? "",
    name: urn.slice(urn.lastIndexOf("::") + 2),
    inputs: {},
    outputs: {},
    dependencies: [],
    propertyDependencies: {},
  };
}
