/**
 * Sends one target's resources through the pack in the engine's order — per resource, Remediate and then
 * Analyze on the remediated properties; then AnalyzeStack with all resources — and attributes every finding to
 * the resource it concerns.
 */
import type { PolicyPackSession } from "../analyzer/driver";
import type { PolicyDiagnostic, Remediation } from "../analyzer/types";
import type { BlamedResource, RemediationReport, Violation } from "./report/model";
import type { LocatedResource } from "./resource";

/** Calls in flight at once: enough to hide gRPC round trips; the pack evaluates them one at a time anyway. */
const concurrency = 8;

export type Progress = (done: number, total: number) => void;

export interface Findings {
  violations: Violation[];
  remediations: RemediationReport[];
}

function blamed(resource: LocatedResource | undefined): BlamedResource | undefined {
  if (!resource) return undefined;
  const { urn, type, name, sourcePosition } = resource;
  return sourcePosition ? { urn, type, name, sourcePosition } : { urn, type, name };
}

function violation(
  diagnostic: PolicyDiagnostic,
  from: Violation["from"],
  resource?: LocatedResource,
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

/** A remediation that could not run is an advisory violation, as the engine reports it. */
function remediationDiagnostic(remediation: Remediation): PolicyDiagnostic {
  return { ...remediation, message: remediation.diagnostic ?? "", enforcementLevel: "advisory" };
}

interface ResourceFindings {
  resource: LocatedResource;
  violations: Violation[];
  remediations: RemediationReport[];
}

async function analyzeOne(
  session: PolicyPackSession,
  original: LocatedResource,
  dryRun: boolean,
): Promise<ResourceFindings> {
  let resource = original;
  const violations: Violation[] = [];
  const remediations: RemediationReport[] = [];
  for (const remediation of (await session.remediate(resource)).remediations) {
    if (remediation.diagnostic) {
      violations.push(violation(remediationDiagnostic(remediation), "resource", resource));
    } else if (remediation.properties) {
      // Later policies see the remediated inputs; in a preview the new state is those inputs too.
      const properties = remediation.properties;
      resource = { ...resource, inputs: properties, outputs: dryRun ? properties : resource.outputs };
      const { policyName, policyPackName, policyPackVersion, description } = remediation;
      remediations.push({
        policyName,
        policyPackName,
        policyPackVersion,
        description,
        resource: blamed(resource)!,
      });
    }
  }
  const result = await session.analyze(resource);
  violations.push(...result.diagnostics.map((diagnostic) => violation(diagnostic, "resource", resource)));
  return { resource, violations, remediations };
}

export async function analyzeResources(
  session: PolicyPackSession,
  resources: LocatedResource[],
  options: { dryRun: boolean; onProgress?: Progress },
): Promise<Findings> {
  const perResource: ResourceFindings[] = new Array(resources.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < resources.length) {
      const index = next++;
      perResource[index] = await analyzeOne(session, resources[index], options.dryRun);
      options.onProgress?.(++done, resources.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, resources.length) }, worker));

  const analyzed = perResource.map((findings) => findings.resource);
  const byUrn = new Map(analyzed.map((resource) => [resource.urn, resource]));
  const stackResult = await session.analyzeStack(analyzed);
  const stackViolations = stackResult.diagnostics.map((diagnostic) =>
    violation(
      diagnostic,
      "stack",
      diagnostic.urn ? (byUrn.get(diagnostic.urn) ?? unknownResource(diagnostic.urn)) : undefined,
    ),
  );
  return {
    violations: [...perResource.flatMap((findings) => findings.violations), ...stackViolations],
    remediations: perResource.flatMap((findings) => findings.remediations),
  };
}

/** A stack policy may blame a URN it was not given; keep the URN so the report still names it. */
function unknownResource(urn: string): LocatedResource {
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
