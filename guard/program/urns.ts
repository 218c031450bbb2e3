/**
 * URNs as the engine writes them. The SDK's mock monitor qualifies a child's type with its parent's last type
 * only, root stack included (`pulumi:pulumi:Stack$aws:…`); the engine qualifies it with the parent's whole
 * qualified type (`outer$inner$aws:…`), except under the root stack, whose children carry their own type alone.
 * Policies and reports see URNs, and stack policies link resources by them, so guard names every resource the
 * engine's way at the source: the monitor hands these URNs to the SDK, which then uses them for parents,
 * dependencies, property dependencies, provider references and resource references alike.
 */
export const rootStackType = "pulumi:pulumi:Stack";

/** The type part of a URN (`urn:pulumi:<stack>::<project>::<qualified type>::<name>`), with its parents' types. */
export function qualifiedTypeOf(urn: string): string {
  return urn.split("::")[2] ?? "";
}

/** The engine's resource.NewURN: the parent's qualified type, unless the parent is the root stack. */
export function engineUrn(
  stack: string,
  project: string,
  parentUrn: string | undefined,
  type: string,
  name: string,
): string {
  const parentType = parentUrn ? qualifiedTypeOf(parentUrn) : "";
  const qualified = parentType && parentType !== rootStackType ? `${parentType}$${type}` : type;
  return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
}

/** The SDK's MockMonitor names resources with this method (runtime/mocks.js). */
export interface UrnNamingMonitor {
  newUrn?: (parent: string, type: string, name: string) => string;
}

/**
 * Makes the mock monitor name resources as the engine does. Fails closed: a monitor without the method (an SDK
 * that changed its mocks) would otherwise name resources its own way without anyone noticing.
 */
export function nameResourcesAsTheEngine(monitor: UrnNamingMonitor, stack: string, project: string): void {
  if (typeof monitor.newUrn !== "function") {
    throw new Error(
      "this @pulumi/pulumi's mock monitor has no newUrn method; guard cannot name resources as the engine does",
    );
  }
  monitor.newUrn = (parent, type, name) => engineUrn(stack, project, parent || undefined, type, name);
}
