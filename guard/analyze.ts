/**
 * Sends one target's resources through the pack in the engine's order — per resource, Remediate and then
 * Analyze on the remediated properties; then AnalyzeStack with all resources — and attributes every finding to
 * the resource it concerns. An audit does not remediate: nothing it judges can be changed by the pack, so a
 * policy at `remediate` reports through Analyze, where the policy SDK raises its level to mandatory.
 */
import type { PolicyPackSession } from "../analyzer/driver";
import type { PolicyDiagnostic, Remediation } from "../analyzer/types";
import { bounded } from "./report/bounded";
import type { BlamedResource, RemediationReport, Violation } from "./report/model";
import type { LocatedResource } from "./resource";

/** Calls in flight at once: enough to hide gRPC round trips; the pack evaluates them one at a time anyway. */
const concurrency = 8;

export type Progress = (done: number, total: number) => void;

export interface Findings {
  violations: Violation[];
  remediations: RemediationReport[];
}

export type Blame = (resource: LocatedResource) => BlamedResource;

function blamedResource(resource: LocatedResource): BlamedResource {
  const { urn, type, name, sourcePosition } = resource;
  return sourcePosition ? { urn, type, name, sourcePosition } : { urn, type, name };
}

export interface AnalysisOptions {
  dryRun: boolean;
  /** False in an audit: deployed state cannot be remediated. */
  remediate: boolean;
  onProgress?: Progress;
  /** How a finding names its resource (default: URN, type, name and source position). */
  blame?: Blame;
  /** The resource a stack policy means by a URN (default: the first resource listed with it). */
  subjectOf?: (urn: string) => LocatedResource | undefined;
}

function violation(
  diagnostic: PolicyDiagnostic,
  from: Violation["from"],
  blamed: BlamedResource | undefined,
): Violation {
  return {
    policyName: diagnostic.policyName,
    policyPackName: diagnostic.policyPackName,
    policyPackVersion: diagnostic.policyPackVersion,
    description: diagnostic.description,
    // A pack other than this one may send any length; no message guard prints grows past the bound.
    message: bounded(diagnostic.message),
    enforcementLevel: diagnostic.enforcementLevel,
    severity: diagnostic.severity,
    from,
    resource: blamed,
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
  options: AnalysisOptions,
  blame: Blame,
): Promise<ResourceFindings> {
  let resource = original;
  const violations: Violation[] = [];
  const remediations: RemediationReport[] = [];
  const requested = options.remediate ? (await session.remediate(resource)).remediations : [];
  for (const remediation of requested) {
    if (remediation.diagnostic) {
      violations.push(violation(remediationDiagnostic(remediation), "resource", blame(resource)));
    } else if (remediation.properties) {
      // Later policies see the remediated inputs; in a preview the new state is those inputs too.
      const properties = remediation.properties;
      resource = { ...resource, inputs: properties, outputs: options.dryRun ? properties : resource.outputs };
      const { policyName, policyPackName, policyPackVersion, description } = remediation;
      remediations.push({
        policyName,
        policyPackName,
        policyPackVersion,
        description,
        resource: blame(resource),
      });
    }
  }
  const result = await session.analyze(resource);
  violations.push(
    ...result.diagnostics.map((diagnostic) => violation(diagnostic, "resource", blame(resource))),
  );
  return { resource, violations, remediations };
}

export async function analyzeResources(
  session: PolicyPackSession,
  resources: LocatedResource[],
  options: AnalysisOptions,
): Promise<Findings> {
  const blame = options.blame ?? blamedResource;
  const perResource: ResourceFindings[] = new Array(resources.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < resources.length) {
      const index = next++;
      perResource[index] = await analyzeOne(session, resources[index], options, blame);
      options.onProgress?.(++done, resources.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, resources.length) }, worker));

  const analyzed = perResource.map((findings) => findings.resource);
  const byUrn = new Map<string, LocatedResource>();
  for (const resource of analyzed) if (!byUrn.has(resource.urn)) byUrn.set(resource.urn, resource);
  const subjectOf = options.subjectOf ?? ((urn: string) => byUrn.get(urn));
  const stackResult = await session.analyzeStack(analyzed);
  const stackViolations = stackResult.diagnostics.map((diagnostic) =>
    violation(
      diagnostic,
      "stack",
      diagnostic.urn ? blame(subjectOf(diagnostic.urn) ?? unknownResource(diagnostic.urn)) : undefined,
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
