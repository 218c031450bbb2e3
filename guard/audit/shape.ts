/**
 * Checks of the export's structure that name the JSON path of the first problem. Each returns the value with
 * its type narrowed, or throws a ValueProblem; optional members may be absent but never null or mistyped.
 */
import { describeValue, member } from "./jsonPath";
import { ValueProblem } from "./values";

export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function wrongType(path: string, value: unknown, expected: string): ValueProblem {
  return new ValueProblem(
    path,
    value === undefined ? `missing (${expected})` : `is ${describeValue(value)}, not ${expected}`,
  );
}

export function objectAt(value: unknown, path: string): JsonObject {
  if (!isJsonObject(value)) throw wrongType(path, value, "an object");
  return value;
}

export function arrayAt(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw wrongType(path, value, "an array");
  return value;
}

export function stringAt(value: unknown, path: string): string {
  if (typeof value !== "string" || value === "") throw wrongType(path, value, "a non-empty string");
  return value;
}

/** The member if present (absent → undefined), checked with `check`. */
export function optional<T>(
  record: JsonObject,
  key: string,
  path: string,
  check: (value: unknown, path: string) => T,
): T | undefined {
  return key in record ? check(record[key], member(path, key)) : undefined;
}

export function booleanAt(value: unknown, path: string): boolean {
  if (typeof value !== "boolean") throw wrongType(path, value, "true or false");
  return value;
}

export function numberAt(value: unknown, path: string): number {
  if (typeof value !== "number") throw wrongType(path, value, "a number");
  return value;
}

export function stringsAt(value: unknown, path: string): string[] {
  return arrayAt(value, path).map((item, index) => stringAt(item, `${path}[${index}]`));
}

/** An object whose every member is a list of strings (propertyDependencies). */
export function stringListsAt(value: unknown, path: string): Record<string, string[]> {
  const record = objectAt(value, path);
  return Object.fromEntries(
    Object.entries(record).map(([key, list]) => [key, stringsAt(list, member(path, key))]),
  );
}
