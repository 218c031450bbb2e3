/**
 * What an audit could not judge, in guard's words. guard finds what the pack cannot read before the pack
 * does (values.ts) and lists it here; the pack still receives those values as unknown, so that it judges
 * everything else about the resource. Its findings about them then speak of a preview and a later update,
 * which an audit of deployed state has neither: both the policy SDK ("can't run policy … during preview")
 * and this pack's rules ("… is not known during preview …") say so in their message, the only place the
 * analyzer protocol leaves for it. Such a finding is never shown and never passed: it becomes unchecked.
 */
import type { PendingOperation } from "../export";
import { bounded } from "../report/bounded";
import type { Violation } from "../report/model";
import type { Unreadable, UnreadableReason } from "./values";

/** At most this many properties are named in one reason, each cut to maxNameLength; the rest are counted. */
const maxNamed = 5;
const maxNameLength = 200;

const showSecrets = "export with `pulumi stack export --show-secrets` to audit it";

const whatIsWrong: Record<UnreadableReason, (verb: "is" | "are") => string> = {
  encrypted: (verb) => `${verb} encrypted in this export; ${showSecrets}`,
  unknown: (verb) =>
    `${verb} not known in this export (an update did not finish); run \`pulumi refresh\` and export again`,
  "not-a-finite-number": (verb) => `${verb} NaN or infinite, which the policy pack cannot receive`,
};

function propertyName(property: string): string {
  if (property === "policy") return "the resource policy";
  const name = property.length > maxNameLength ? `${property.slice(0, maxNameLength)}…` : property;
  return `\`${name || "(all properties)"}\``;
}

function list(names: string[]): string {
  const named = names.slice(0, maxNamed);
  const rest = names.length - named.length;
  if (rest > 0) return `${named.join(", ")} and ${rest} more`;
  return named.length === 1 ? named[0] : `${named.slice(0, -1).join(", ")} and ${named[named.length - 1]}`;
}

/** One reason per kind of unreadable value, naming the properties. */
export function unreadableReasons(unreadable: Unreadable[]): string[] {
  const byReason = new Map<UnreadableReason, string[]>();
  for (const { property, reason } of unreadable) {
    const names = byReason.get(reason) ?? [];
    const name = propertyName(property);
    if (!names.includes(name)) names.push(name);
    byReason.set(reason, names);
  }
  return [...byReason].map(([reason, names]) =>
    bounded(`${list(names)} ${whatIsWrong[reason](names.length === 1 ? "is" : "are")}`),
  );
}

/** A finding the pack made because a value was unknown to it (never a mandatory one: those always stand). */
export function aboutUnknownValues(violation: Violation): boolean {
  return violation.enforcementLevel !== "mandatory" && /\bpreview\b/i.test(violation.message);
}

/** The reason for a resource the pack could not judge though none of its own values is unreadable. */
export function couldNotJudge(policyName: string, anyEncrypted: boolean): string {
  return (
    `${policyName} could not judge it: a value it needs is not readable in this export` +
    (anyEncrypted ? ` (see the encrypted values listed); ${showSecrets}` : "")
  );
}

export function pendingOperationReason(operation: PendingOperation): string {
  return (
    `state uncertain: the operation \`${operation.operation}\` was still pending when this export was taken, ` +
    "so what is deployed may differ from the export; run `pulumi refresh` and export again"
  );
}
