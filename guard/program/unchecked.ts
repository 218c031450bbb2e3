/**
 * What guard could not judge in a program, and why: a component whose children it cannot create, a provider
 * function it cannot answer offline, configuration it cannot decrypt, a program that failed. Reported beside
 * the violations (an advisory in text and JSON, a SARIF notification) so that nothing unchecked passes
 * silently. The shape is the report's (report/model.ts): the resource concerned, if any, and the reason, which
 * names the subject when it is no resource.
 */
import type { SourcePosition } from "../resource";

export interface Unchecked {
  resource?: { urn: string; type: string; name: string; sourcePosition?: SourcePosition };
  reason: string;
}

/** One entry per resource and reason: a function called in a loop is listed once. */
export function uniqueUnchecked(items: Unchecked[]): Unchecked[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = `${item.resource?.urn ?? ""}\n${item.reason}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
