/**
 * Builtins the host runs for a compiled module: the `customBuiltins` record that
 * `@open-policy-agent/opa-wasm`'s loadPolicy takes, name → implementation. The SDK hands each
 * implementation the call's arguments as JSON values and turns what it returns back into a Rego value;
 * what it throws makes the call undefined (an error with strict builtin errors).
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

export type HostBuiltin = (...args: never[]) => unknown;
export type CustomBuiltins = Record<string, HostBuiltin>;

/**
 * The record a module exports (`regoc --builtins FILE`): its default export, or its `builtins`
 * export, which a CommonJS module may also put on `module.exports`. Throws when there is none, or when
 * one of its values is not a function.
 */
export async function loadCustomBuiltins(file: string): Promise<CustomBuiltins> {
  const imported = (await import(pathToFileURL(resolve(file)).href)) as Record<string, unknown>;
  // An ES module transpiled to CommonJS (TypeScript under a CommonJS loader) has its exports one level
  // down: what import() calls its default is the transpiled module's `exports`.
  const loaded =
    field(imported.default, "__esModule") === true ? (imported.default as typeof imported) : imported;
  const exported = [loaded.builtins, field(loaded.default, "builtins"), loaded.default].find(isRecord);
  if (exported === undefined)
    throw new Error(`${file} exports no record of builtins (a default or a "builtins" export)`);
  for (const [name, implementation] of Object.entries(exported))
    if (typeof implementation !== "function") throw new Error(`${file}: builtin ${name} is not a function`);
  return exported as CustomBuiltins;
}

function field(value: unknown, name: string): unknown {
  return isRecord(value) ? value[name] : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
