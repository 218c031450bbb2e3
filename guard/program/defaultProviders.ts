/**
 * The default provider the engine registers for a custom resource that names no provider: one per package and
 * version, named `default` or `default_<version>`, whose inputs are the package's stack configuration
 * (`aws:region` → `region`). guard adds them to what a program registered, placed before their first user as
 * in the engine's event stream, so the pack sees the provider the engine would send.
 */
import type { ProviderReference } from "../../analyzer/types";
import type { WireObject } from "../../analyzer/wire";
import type { LocatedResource } from "../resource";

export const providerTypePrefix = "pulumi:providers:";

export function defaultProvider(
  type: string,
  version: string,
  project: string,
  stack: string,
  config: Record<string, string>,
): ProviderReference {
  const pkg = type.split(":")[0];
  const name = version ? `default_${version.replace(/[.+-]/g, "_")}` : "default";
  const properties: WireObject = {};
  for (const [key, value] of Object.entries(config)) {
    if (key.startsWith(`${pkg}:`)) properties[key.slice(pkg.length + 1)] = value;
  }
  if (version) properties.version = version;
  const providerType = `${providerTypePrefix}${pkg}`;
  return {
    type: providerType,
    name,
    urn: `urn:pulumi:${stack}::${project}::${providerType}::${name}`,
    properties,
  };
}

/** The provider as a resource of the stack, as the engine lists it. */
export function providerResource(provider: ProviderReference): LocatedResource {
  return {
    ...provider,
    inputs: provider.properties,
    outputs: provider.properties,
    dependencies: [],
    propertyDependencies: {},
  };
}
