/**
 * The builtin table: every function a compiled policy can call. That is every function the npm SDK
 * `@open-policy-agent/opa-wasm` can run, read from the `capabilities.json` it ships, plus the
 * builtins our runtime implements natively (nativeBuiltins.ts), which never reach the SDK. Both the
 * arity check and the planner use it; the raw `decl` goes into the plan's `static.builtin_funcs`
 * unchanged.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { NATIVE_ONLY_DECLS } from "./nativeBuiltins";

export interface BuiltinDecl {
  type: "function";
  args?: unknown[];
  result?: unknown;
  variadic?: unknown;
}

export interface Builtin {
  /** Dotted name, e.g. `count`, `strings.replace_n`, `internal.member_2`. */
  name: string;
  /** Number of declared arguments (not counting the result). */
  arity: number;
  /** The declaration as written in capabilities.json (or nativeBuiltins.ts). */
  decl: BuiltinDecl;
  /** Infix spelling (`+`, `==`, `in`, ...) when the builtin is an operator. */
  infix?: string;
  /** Relations (e.g. `walk`) may produce several outputs; they are planned as iterations. */
  relation: boolean;
  /** A builtin without a result is only used as a statement (none in the SDK's table today). */
  void: boolean;
}

interface CapabilityEntry {
  name: string;
  decl: BuiltinDecl;
  infix?: string;
  relation?: boolean;
}

/** The package does not export the file, so it is found next to the package's entry point. */
function readCapabilities(): CapabilityEntry[] {
  const entry = require.resolve("@open-policy-agent/opa-wasm");
  const packageRoot = path.resolve(path.dirname(entry), "..");
  const text = readFileSync(path.join(packageRoot, "capabilities.json"), "utf8");
  return (JSON.parse(text) as { builtins: CapabilityEntry[] }).builtins;
}

function nativeOnlyEntries(): CapabilityEntry[] {
  return [...NATIVE_ONLY_DECLS].map(([name, decl]) => ({ name, decl }));
}

const BUILTINS: ReadonlyMap<string, Builtin> = new Map(
  [...readCapabilities(), ...nativeOnlyEntries()].map((entry) => [
    entry.name,
    {
      name: entry.name,
      arity: entry.decl.args?.length ?? 0,
      decl: entry.decl,
      infix: entry.infix,
      relation: entry.relation === true,
      void: entry.decl.result === undefined,
    },
  ]),
);

/** The builtin called `name`, or undefined when neither the SDK nor our runtime can run it. */
export function lookupBuiltin(name: string): Builtin | undefined {
  return BUILTINS.get(name);
}

/** All builtins: capabilities.json's in its order, then the runtime's own. */
export function allBuiltins(): Builtin[] {
  return [...BUILTINS.values()];
}
