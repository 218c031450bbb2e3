/** OPA's capabilities.json format: which builtins a policy may call, with their declarations. */
import type { BuiltinDecl } from "./builtins";

/** One builtin as OPA's capabilities.json lists it (other keys, e.g. descriptions, are ignored). */
export interface CapabilityEntry {
  name: string;
  decl: BuiltinDecl;
  infix?: string;
  relation?: boolean;
}

/**
 * The builtins of a capabilities file's text (`{"builtins": [{"name", "decl", ...}], ...}`); throws
 * an Error saying what is wrong when the text is not of that shape.
 */
export function parseCapabilities(text: string): CapabilityEntry[] {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new Error(`not JSON: ${(error as Error).message}`);
  }
  const builtins = isObject(document) ? document.builtins : undefined;
  if (!Array.isArray(builtins)) throw new Error('no "builtins" array');
  return builtins.map((entry: unknown, i) => {
    if (!isObject(entry) || typeof entry.name !== "string" || entry.name === "")
      throw new Error(`builtins[${i}] has no name`);
    const decl = entry.decl;
    if (!isObject(decl) || decl.type !== "function" || (decl.args !== undefined && !Array.isArray(decl.args)))
      throw new Error(`builtin ${entry.name} has no function decl`);
    return {
      name: entry.name,
      decl: decl as unknown as BuiltinDecl,
      infix: typeof entry.infix === "string" ? entry.infix : undefined,
      relation: entry.relation === true,
    };
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
