/**
 * Records what a program registers with Pulumi's mock resource monitor, in the form the engine hands to
 * analyzers: checked inputs in wire form (unknowns and secrets kept), parent, dependencies, property
 * dependencies, options and provider. Runs inside the program's process (see runner.ts).
 */
import type { ReadResourceRequest, RegisterResourceRequest } from "@pulumi/pulumi/proto/resource_pb";
import type { ProviderReference, ResourceOptions } from "../../analyzer/types";
import type { LocatedResource } from "../resource";
import type { WireObject } from "../../analyzer/wire";
import type { Unchecked } from "./unchecked";
import { defaultProvider, providerResource, providerTypePrefix } from "./defaultProviders";

interface Registration {
  request: RegisterResourceRequest;
  urn: string;
}

type Callback = (error: Error | null, response?: { getUrn(): string }) => void;

/** The part of the SDK's MockMonitor the recorder hooks into. */
export interface MonitorLike {
  registerResource(request: RegisterResourceRequest, callback: Callback): unknown;
  readResource(request: ReadResourceRequest, callback: Callback): unknown;
}

/** Go duration strings ("1h30m", "10s") as the engine converts custom timeouts: seconds. */
export function durationSeconds(text: string): number | undefined {
  if (!text) return undefined;
  const units: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 0.001 };
  let seconds = 0;
  for (const [, amount, unit] of text.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g))
    seconds += Number(amount) * units[unit];
  return seconds;
}

function options(request: RegisterResourceRequest): ResourceOptions {
  const timeouts = request.getCustomtimeouts();
  return {
    protect: request.getProtect() || undefined,
    ignoreChanges: request.getIgnorechangesList(),
    deleteBeforeReplace: request.getDeletebeforereplacedefined()
      ? request.getDeletebeforereplace()
      : undefined,
    additionalSecretOutputs: request.getAdditionalsecretoutputsList(),
    aliases: request.getAliasurnsList(),
    customTimeouts: timeouts && {
      create: durationSeconds(timeouts.getCreate()),
      update: durationSeconds(timeouts.getUpdate()),
      delete: durationSeconds(timeouts.getDelete()),
    },
  };
}

function propertyDependencies(request: RegisterResourceRequest): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  request.getPropertydependenciesMap().forEach((dependencies, property) => {
    result[property] = dependencies.getUrnsList();
  });
  return result;
}

/** A provider reference is "<provider URN>::<provider ID>". */
function providerUrn(reference: string): string {
  return reference.slice(0, reference.lastIndexOf("::"));
}

export class ResourceRecorder {
  private readonly registrations: Registration[] = [];
  /**
   * What the recorded registrations leave unjudged (filled by resources()), and the resources read with
   * `.get()`: they exist already and this program does not create them; offline their state is unknown (the
   * mocks echo what the program passed), so they are listed, not judged — judging an echo would blame or pass
   * a resource nobody has seen.
   */
  readonly unchecked: Unchecked[] = [];

  attach(monitor: MonitorLike): void {
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (request, callback) =>
      register(request, (error, response) => {
        if (!error && response) this.registrations.push({ request, urn: response.getUrn() });
        callback(error, response);
      });
    const read = monitor.readResource.bind(monitor);
    monitor.readResource = (request, callback) =>
      read(request, (error, response) => {
        if (!error && response) {
          const type = request.getType();
          const name = request.getName();
          this.unchecked.push({
            resource: { urn: response.getUrn(), type, name },
            reason: `read with .get() (id ${JSON.stringify(request.getId())}): an existing resource this program does not create; its deployed state is unknown offline, so it is not judged (guard audit judges deployed state)`,
          });
        }
        callback(error, response);
      });
  }

  /**
   * The recorded resources in registration order, with the default providers the engine would add
   * (defaultProviders.ts).
   */
  resources(project: string, stack: string, config: Record<string, string>): LocatedResource[] {
    const resources: LocatedResource[] = [];
    const providers = new Map<string, ProviderReference>();
    for (const { request, urn } of this.registrations) {
      const type = request.getType();
      const inputs = (request.getObject()?.toJavaScript() ?? {}) as WireObject;
      let provider: ProviderReference | undefined;
      if (request.getProvider()) {
        provider = providers.get(providerUrn(request.getProvider()));
      } else if (request.getCustom() && !type.startsWith(providerTypePrefix)) {
        const packageDefault = defaultProvider(type, request.getVersion(), project, stack, config);
        if (!providers.has(packageDefault.urn)) {
          providers.set(packageDefault.urn, packageDefault);
          resources.push(providerResource(packageDefault));
        }
        provider = providers.get(packageDefault.urn);
      }
      const position = request.getSourceposition();
      const resource: LocatedResource = {
        type,
        name: request.getName(),
        urn,
        inputs,
        // During a preview the engine's state for a new resource is its inputs; stack policies see that.
        outputs: inputs,
        parent: request.getParent() || undefined,
        dependencies: request.getDependenciesList(),
        propertyDependencies: propertyDependencies(request),
        provider,
        options: options(request),
        sourcePosition: position && {
          uri: position.getUri(),
          line: position.getLine(),
          column: position.getColumn(),
        },
      };
      if (request.getRemote()) {
        this.unchecked.push({
          resource: { urn, type, name: resource.name, sourcePosition: resource.sourcePosition },
          reason:
            "a remote (multi-language) component: its provider plugin creates its children, which guard cannot run offline, so none of them is judged",
        });
      }
      if (type.startsWith(providerTypePrefix)) {
        providers.set(urn, { type, name: resource.name, urn, properties: inputs });
      }
      resources.push(resource);
    }
    return resources;
  }
}
