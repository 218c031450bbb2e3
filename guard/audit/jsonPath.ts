/**
 * JSON paths as error messages name them (`deployment.resources[3].outputs.tags`), with every key and value
 * cut short: an export may carry megabyte keys, and no message guard prints may grow with them.
 */

const maxShown = 200;

/** A string as shown inside a message: quoted when it is not a plain identifier, at most maxShown characters. */
export function shown(text: string): string {
  const cut = text.length > maxShown ? `${text.slice(0, maxShown)}…` : text;
  return JSON.stringify(cut);
}

/** Any JSON value, briefly: its type, and a short form of it where that helps. */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return `the string ${shown(value)}`;
  return `${typeof value} ${String(value)}`;
}

/** `path` is "" for the document's root. */
export function member(path: string, key: string): string {
  if (!/^[A-Za-z_$][\w$]*$/.test(key) || key.length > maxShown) return `${path}[${shown(key)}]`;
  return path === "" ? key : `${path}.${key}`;
}

export function element(path: string, index: number): string {
  return `${path}[${index}]`;
}
