/**
 * Registration of a YAML program's resources into the form the recorder produces for Node.js programs
 * (LocatedResource), with what the engine adds: the root stack every resource is parented to by default, the
 * default provider of each package, URNs written the engine's way, and the mocks' placeholder IDs (a preview of
 * an existing stack, as guard runs every program).
 */
import type { ProviderReference, ResourceOptions } from "../../analyzer/types";
import type { WireObject } from "../../analyzer/wire";
import { defaultProvider, providerResource, providerTypePrefix } from "../program/defaultProviders";
import { placeholderId } from "../program/mocks";
import { engineUrn, rootStackType } from "../program/urns";
import type { LocatedResource, SourcePosition } from "../resource";

export interface Registration {
  type: string;
  name: string;
  inputs: WireObject;
  custom: boolean;
  parent?: string;
  dependencies: string[];
  propertyDependencies: Record<string, string[]>;
  provider?: ProviderReference;
  /** The `version` resource option, which names the default provider. */
  version?: string;
  options: ResourceOptions;
  sourcePosition?: SourcePosition;
}

export interface Registered {
  urn: string;
  id: string;
  resource: LocatedResource;
}

export class Registry {
  readonly resources: LocatedResource[] = [];
  readonly stackUrn: string;
  private readonly providers = new Map<string, ProviderReference>();

  constructor(
    private readonly project: string,
    private readonly stack: string,
    private readonly config: Record<string, string>,
  ) {
    this.stackUrn = engineUrn(stack, project, undefined, rootStackType, `${project}-${stack}`);
    this.resources.push({
      type: rootStackType,
      name: `${project}-${stack}`,
      urn: this.stackUrn,
      inputs: {},
      outputs: {},
      dependencies: [],
      propertyDependencies: {},
    });
  }

  register(registration: Registration): Registered {
    const { type, name, inputs } = registration;
    const parent = registration.parent ?? this.stackUrn;
    const urn = engineUrn(this.stack, this.project, parent, type, name);
    let provider = registration.provider;
    if (!provider && registration.custom && !type.startsWith(providerTypePrefix)) {
      provider = this.defaultProviderFor(type, registration.version ?? "");
    }
    const resource: LocatedResource = {
      type,
      name,
      urn,
      inputs,
      // During a preview the engine's state for a new resource is its inputs; stack policies see that.
      outputs: inputs,
      parent,
      dependencies: registration.dependencies,
      propertyDependencies: registration.propertyDependencies,
      provider,
      options: registration.options,
      sourcePosition: registration.sourcePosition,
    };
    this.resources.push(resource);
    if (type.startsWith(providerTypePrefix)) this.providers.set(urn, { type, name, urn, properties: inputs });
    return { urn, id: placeholderId(type, name), resource };
  }

  /**
   * A resource the program reads (`get:`): named as the engine names it, with the ID the program gives, but not
   * listed among the resources the pack judges — offline its deployed state is unknown (its outputs are empty,
   * so everything read from it is unknown).
   */
  read(
    type: string,
    name: string,
    id: string,
    parent: string | undefined,
    position?: SourcePosition,
  ): Registered {
    const urn = engineUrn(this.stack, this.project, parent ?? this.stackUrn, type, name);
    const resource: LocatedResource = {
      type,
      name,
      urn,
      inputs: {},
      outputs: {},
      parent: parent ?? this.stackUrn,
      dependencies: [],
      propertyDependencies: {},
      sourcePosition: position,
    };
    return { urn, id, resource };
  }

  /** The provider reference of a provider resource the program registered, by URN. */
  provider(urn: string): ProviderReference | undefined {
    return this.providers.get(urn);
  }

  private defaultProviderFor(type: string, version: string): ProviderReference {
    const reference = defaultProvider(type, version, this.project, this.stack, this.config);
    if (!this.providers.has(reference.urn)) {
      this.providers.set(reference.urn, reference);
      this.resources.push(providerResource(reference));
    }
    return reference;
  }
}
