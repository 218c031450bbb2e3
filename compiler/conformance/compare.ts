/**
 * Comparing evaluation results with a case's expectations, as OPA's runners do: JSON values compared
 * structurally (object key order never matters), collections sorted first when `sort_bindings`.
 */

/** A stable text form of a JSON value: object keys sorted, everything else as JSON prints it. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "undefined";
}

export function sameValue(actual: unknown, expected: unknown, sortBindings = false): boolean {
  return canonical(normalize(actual, sortBindings)) === canonical(normalize(expected, sortBindings));
}

/** Result sets are sets: element order is not significant. Each binding is compared as sameValue does. */
export function sameResultSet(actual: unknown, expected: unknown[], sortBindings = false): boolean {
  if (!Array.isArray(actual) || actual.length !== expected.length) return false;
  const texts = (rows: unknown[]) =>
    rows.map((row) => canonical(mapValues(row, (v) => normalize(v, sortBindings)))).sort();
  const [a, e] = [texts(actual), texts(expected)];
  return a.every((text, i) => text === e[i]);
}

function normalize(value: unknown, sortBindings: boolean): unknown {
  if (sortBindings && Array.isArray(value))
    return [...value].sort((x, y) => compareText(canonical(x), canonical(y)));
  return value;
}

function mapValues(row: unknown, f: (value: unknown) => unknown): unknown {
  if (typeof row !== "object" || row === null || Array.isArray(row)) return row;
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, f(v)]));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
