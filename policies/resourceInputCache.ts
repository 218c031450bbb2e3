/**
 * The Rego input of a resource, built once per resource instead of once per policy. @pulumi/policy's
 * Analyze hands every policy its own freshly deserialized copy of the same properties, so the copies are
 * recognised by content: type, URN, name and the properties' JSON text. Only the resource part is shared;
 * each policy still sends its own config, so configuration differences between policies are honoured.
 */
import { resourceInput, type ResourceArgs, type ResourceInput } from "./input";

/**
 * @pulumi/policy's unknown-checking proxy returns its target for this key (proxy.js getSpecialProxyTarget).
 * Reading the target directly skips the proxy on every property read; input.ts recognises the unknown
 * sentinels the proxy would have thrown for, so the input is the same either way.
 */
const specialProxyTarget = "__getSpecialProxyTarget";

export function unproxied(props: Record<string, unknown>): Record<string, unknown> {
  const target = props[specialProxyTarget];
  return typeof target === "object" && target !== null ? (target as Record<string, unknown>) : props;
}

/** Enough for the requests the engine keeps in flight at once; older entries are dropped first. */
const defaultCapacity = 64;

class Uncacheable extends Error {}

/**
 * JSON.stringify maps some distinct values to one text (a class instance such as a Secret to its fields);
 * those properties are not cached, so that two different resources can never share an input.
 */
function plainValuesOnly(this: unknown, _key: string, value: unknown): unknown {
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    const prototype = Object.getPrototypeOf(value) as unknown;
    if (prototype !== Object.prototype && prototype !== null) throw new Uncacheable();
  }
  if (typeof value === "function" || typeof value === "symbol" || typeof value === "bigint") {
    throw new Uncacheable();
  }
  return value;
}

function contentKey(args: ResourceArgs, props: Record<string, unknown>): string | undefined {
  try {
    return JSON.stringify([args.type, args.urn, args.name, props], plainValuesOnly);
  } catch (e) {
    if (e instanceof Uncacheable) return undefined;
    throw e;
  }
}

export interface ResourceInputCache {
  /** The input of a resource policy's resource (no property dependencies: those are for stack policies). */
  inputOf(args: ResourceArgs): ResourceInput;
}

export function createResourceInputCache(capacity = defaultCapacity): ResourceInputCache {
  const inputs = new Map<string, ResourceInput>();
  return {
    inputOf(args) {
      const props = unproxied(args.props);
      const key = contentKey(args, props);
      const cached = key === undefined ? undefined : inputs.get(key);
      if (cached) return cached;
      const input = resourceInput({ type: args.type, urn: args.urn, name: args.name, props });
      if (key !== undefined) {
        inputs.set(key, input);
        if (inputs.size > capacity) inputs.delete(inputs.keys().next().value as string);
      }
      return input;
    },
  };
}
