/**
 * An audit of one stack export: the pack judges the deployed state; where the export holds the program's
 * inputs too, it judges those as well, and a finding only one of the two gets is drift — the deployed state
 * no longer is what the program declared (a console change recorded by `pulumi refresh`). Everything guard
 * or the pack could not read is listed as unchecked, and the export's own facts about a resource (read,
 * pending deletion, judged from inputs) become notes, so that the report says how each verdict was reached.
 */
import type { PolicyPackSession } from "../../analyzer/driver";
import { analyzeResources, type Blame, type Progress } from "../analyze";
import type { AuditedResource, StackExport } from "../export";
import { bounded } from "../report/bounded";
import type { BlamedResource, ResourceNote, Unchecked, Violation } from "../report/model";
import type { LocatedResource } from "../resource";
import { aboutUnknownValues, couldNotJudge, pendingOperationReason, unreadableReasons } from "./unchecked";

export interface AuditFindings {
  violations: Violation[];
  unchecked: Unchecked[];
  notes: ResourceNote[];
}

const driftSentence =
  "The deployed state has drifted from the program: judged from the program's inputs, it would not get this finding.";

function blamedOf(resource: AuditedResource): BlamedResource {
  const { urn, type, name, sourcePosition, judgedFrom, external, pendingDeletion } = resource;
  return {
    urn,
    type,
    name,
    ...(sourcePosition ? { sourcePosition } : {}),
    deployed: { judgedFrom, external, pendingDeletion },
  };
}

/** A resource as a finding names it, whichever of its two views (deployed, program) was judged. */
function identities(resources: AuditedResource[]) {
  const blamed = new Map<LocatedResource, BlamedResource>();
  for (const resource of resources) {
    const identity = blamedOf(resource);
    blamed.set(resource, identity);
    if (resource.program) blamed.set(resource.program, identity);
  }
  const blame: Blame = (resource) => blamed.get(resource) ?? resource;
  // A stack policy names a resource by URN alone; of a pending-deletion pair, it means the live one.
  const live = new Map<string, AuditedResource>();
  for (const resource of resources) {
    if (!live.has(resource.urn) || live.get(resource.urn)!.pendingDeletion) live.set(resource.urn, resource);
  }
  return { blame, live };
}

const keyOf = (resource: BlamedResource | undefined) =>
  resource ? `${resource.urn}\u0000${resource.deployed?.pendingDeletion ? "deleting" : "live"}` : "";
const verdictOf = (violation: Violation) => `${violation.policyName}\u0000${violation.enforcementLevel}`;

/** Per resource key, the set of (policy, level) it was reported for. */
function verdicts(violations: Violation[]): Map<string, Set<string>> {
  const result = new Map<string, Set<string>>();
  for (const violation of violations) {
    const key = keyOf(violation.resource);
    result.set(key, (result.get(key) ?? new Set()).add(verdictOf(violation)));
  }
  return result;
}

function stateNotes(resource: AuditedResource, blamed: BlamedResource): ResourceNote[] {
  const notes: string[] = [];
  if (resource.judgedFrom === "inputs") {
    notes.push("judged from its inputs: the export holds no outputs for it");
  }
  if (resource.external) notes.push("not managed by this stack (read with .get()): judged as deployed");
  if (resource.pendingDeletion) {
    notes.push("pending deletion (replaced, not yet deleted): still deployed, judged as deployed");
  }
  return notes.map((note) => ({ resource: blamed, note }));
}

export async function auditExport(
  session: PolicyPackSession,
  stackExport: StackExport,
  onProgress?: Progress,
): Promise<AuditFindings> {
  const { resources } = stackExport;
  const { blame, live } = identities(resources);
  const common = { dryRun: false, remediate: false, blame };
  const deployed = await analyzeResources(session, resources, {
    ...common,
    onProgress,
    subjectOf: (urn) => live.get(urn),
  });
  const withProgram = resources.filter((resource) => resource.program && !resource.programUnreadable);
  const program =
    withProgram.length === 0
      ? undefined
      : await analyzeResources(
          session,
          resources.map((resource) => resource.program ?? resource),
          { ...common, subjectOf: (urn) => live.get(urn)?.program ?? live.get(urn) },
        );

  const unchecked: Unchecked[] = [];
  // Resources of which some value or some policy's judgement is missing: no drift is told of them.
  const partlyJudged = new Set<string>();
  for (const resource of resources) {
    const reasons = unreadableReasons(resource.unreadable);
    if (reasons.length > 0) partlyJudged.add(keyOf(blame(resource)));
    for (const reason of reasons) unchecked.push({ resource: blame(resource), reason });
  }
  const anyEncrypted = resources.some((resource) =>
    resource.unreadable.some((u) => u.reason === "encrypted"),
  );
  const reported = new Set<string>();
  for (const violation of deployed.violations.filter(aboutUnknownValues)) {
    const key = keyOf(violation.resource);
    // A resource with unreadable values of its own already says why; another says which policy could not judge.
    if (!partlyJudged.has(key) && !reported.has(`${key}\u0000${violation.policyName}`)) {
      unchecked.push({
        resource: violation.resource,
        reason: couldNotJudge(violation.policyName, anyEncrypted),
      });
    }
    reported.add(`${key}\u0000${violation.policyName}`);
  }
  for (const violation of deployed.violations.filter(aboutUnknownValues))
    partlyJudged.add(keyOf(violation.resource));
  for (const operation of stackExport.pendingOperations) {
    const resource = live.get(operation.urn);
    unchecked.push({
      resource: resource
        ? blame(resource)
        : { urn: operation.urn, type: operation.type, name: nameOf(operation.urn) },
      reason: pendingOperationReason(operation),
    });
  }

  const judged = deployed.violations.filter((violation) => !aboutUnknownValues(violation));
  const notes = resources.flatMap((resource) => stateNotes(resource, blame(resource)));
  if (!program) return { violations: judged, unchecked, notes };

  // Drift is told only of resources whose two views were both fully read and fully judged.
  const comparable = new Set(withProgram.map((resource) => keyOf(blame(resource))));
  for (const key of partlyJudged) comparable.delete(key);
  for (const violation of program.violations.filter(aboutUnknownValues))
    comparable.delete(keyOf(violation.resource));
  const fromState = verdicts(judged);
  const fromProgram = verdicts(program.violations);
  const violations = judged.map((violation) => {
    const key = keyOf(violation.resource);
    if (!comparable.has(key) || fromProgram.get(key)?.has(verdictOf(violation))) return violation;
    return { ...violation, drifted: true, message: bounded(`${violation.message}\n${driftSentence}`) };
  });
  const noted = new Set<string>();
  for (const violation of program.violations) {
    const key = keyOf(violation.resource);
    const verdict = `${key}\u0000${verdictOf(violation)}`;
    if (!violation.resource || !comparable.has(key) || fromState.get(key)?.has(verdictOf(violation)))
      continue;
    if (noted.has(verdict)) continue;
    noted.add(verdict);
    notes.push({
      resource: violation.resource,
      note:
        `drifted from the program: judged from the program's inputs, ${violation.policyName} would report it ` +
        `[${violation.enforcementLevel}]; the deployed state passes (the next \`pulumi up\` would deploy the program's version)`,
    });
  }
  return { violations, unchecked, notes };
}

function nameOf(urn: string): string {
  return urn.slice(urn.lastIndexOf("::") + 2);
}
