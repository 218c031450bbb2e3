/**
 * The builtin table: every function a compiled policy can call. By default that is every function the
 * npm SDK `@open-policy-agent/opa-wasm` can run, read from the `capabilities.json` it ships, plus the
 * builtins our runtime implements natively (nativeBuiltins.ts), which never reach the SDK. Both the
 * arity check and the planner use it; the raw `decl` goes into the plan's `static.builtin_funcs`
 * unchanged.
 *
 * A compile may instead be given a capabilities file in OPA's format (`regoc --capabilities`): as in
 * OPA, its builtins are then the only ones a module may call. The table in force is module state set
 * around the front end (withBuiltinTable), which is synchronous, rather than a parameter threaded
 * through every check and planner function that looks a builtin up.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { HOST_CAPABILITIES } from "../host/declarations";
import type { CapabilityEntry } from "./capabilities";
import { NATIVE_ONLY_DECLS } from "./nativeBuiltins";

export { type CapabilityEntry, parseCapabilities } from "./capabilities";

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

/** The builtins a compile may call, by name. */
export type BuiltinTable = ReadonlyMap<string, Builtin>;

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

export function builtinTable(entries: CapabilityEntry[]): BuiltinTable {
  return new Map(
    entries.map((entry) => [
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
}

/** The SDK's builtins, the runtime's own, and the project's host builtins (host/index.ts). */
const DEFAULT_TABLE = builtinTable([...readCapabilities(), ...nativeOnlyEntries(), ...HOST_CAPABILITIES]);

let activeTable: BuiltinTable = DEFAULT_TABLE;

/**
 * Runs `work` with `table` as the builtins a module may call (the default table when undefined).
 * `work` must be synchronous: the table is restored as soon as it returns.
 */
export function withBuiltinTable<T>(table: BuiltinTable | undefined, work: () => T): T {
  const previous = activeTable;
  activeTable = table ?? DEFAULT_TABLE;
  try {
    return work();
  } finally {
    activeTable = previous;
  }
}

/** The builtin called `name`, or undefined when the table in force has none. */
export function lookupBuiltin(name: string): Builtin | undefined {
  return activeTable.get(name);
}

/** All builtins of the table in force: by default capabilities.json's in its order, then the runtime's own. */
export function allBuiltins(): Builtin[] {
  return [...activeTable.values()];
}
