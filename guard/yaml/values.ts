/**
 * What an expression of a YAML program evaluates to: a value in Pulumi's wire form (unknowns as the sentinel,
 * secrets tagged, as the engine hands them to the pack) and the URNs of the resources it came from — the
 * property dependencies the stack policies follow from a RestApiPolicy to its RestApi.
 */
import { isObject, isSecret, isUnknown, secret, unknownValue, type WireValue } from "../../analyzer/wire";

export interface Evaluated {
  value: WireValue;
  /** URNs of the resources whose outputs the value was built from. */
  dependencies: string[];
}

export const known = (value: WireValue, dependencies: string[] = []): Evaluated => ({ value, dependencies });

export const unknown = (dependencies: string[] = []): Evaluated => ({ value: unknownValue, dependencies });

export function dependenciesOf(values: Evaluated[]): string[] {
  return [...new Set(values.flatMap((value) => value.dependencies))];
}

/** A value with its secrets unwrapped, or "unknown" if any part of it is unknown (an output not yet known). */
export interface Settled {
  value: WireValue;
  unknown: boolean;
  secret: boolean;
}

export function settle(value: WireValue): Settled {
  let anyUnknown = false;
  let anySecret = false;
  const walk = (current: WireValue): WireValue => {
    if (isUnknown(current)) {
      anyUnknown = true;
      return current;
    }
    if (isSecret(current)) {
      anySecret = true;
      return walk(current.value ?? null);
    }
    if (Array.isArray(current)) return current.map(walk);
    if (isObject(current)) return Object.fromEntries(Object.entries(current).map(([k, v]) => [k, walk(v)]));
    return current;
  };
  const plain = walk(value);
  return { value: plain, unknown: anyUnknown, secret: anySecret };
}

/**
 * Applies a function to plain arguments as an Output's apply does: unknown in, unknown out (the function is not
 * called); secret in, secret out.
 */
export function apply(args: Evaluated[], fn: (...values: WireValue[]) => WireValue): Evaluated {
  const dependencies = dependenciesOf(args);
  const settled = args.map((arg) => settle(arg.value));
  if (settled.some((arg) => arg.unknown)) return unknown(dependencies);
  const result = fn(...settled.map((arg) => arg.value));
  return known(settled.some((arg) => arg.secret) ? secret(result) : result, dependencies);
}

/** How a value reads when interpolated into text, as the Go SDK's fmt of a plain value. */
export function asText(value: WireValue): string {
  if (typeof value === "string") return value;
  if (value === null) return "<nil>";
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}
