/**
 * A linked module carries only the runtime it uses: the builtin functions its plan calls (and no
 * other), the data those functions address, and only OPA's ABI exports. Function identity is read
 * from a name section: the runtime is given explicit names (a round trip through the text format,
 * since binaryen writes no name for a function that had none) and linked with debug info kept.
 */
import { loadPolicy } from "@open-policy-agent/opa-wasm";
import type { Policy } from "../plan/ir";
import { ABI_EXPORTS } from "./abi";
import { type Binaryen, loadBinaryen } from "./binaryen";
import { linkPolicy } from "./link";
import { loadRuntime } from "./runtime";
import { RuntimeSymbols } from "./runtimeSymbols";
import { RESULT, failureOf, local, planBinding, stmt, str } from "./testing";

jest.setTimeout(180_000);

let named: Promise<Uint8Array> | undefined;

/** runtime.wasm with every function named (its internal name), in a name section. */
function namedRuntime(): Promise<Uint8Array> {
  named ??= (async () => {
    const b = await loadBinaryen();
    const read = b.readBinary(await loadRuntime());
    read.setFeatures(b.Features.All);
    const text = read.emitText();
    read.dispose();
    const m = b.parseText(text);
    return withDebugInfo(b, () => m.emitBinary());
  })();
  return named;
}

/** Runs `run` (to completion) with binaryen writing name sections. */
async function withDebugInfo<T>(b: Binaryen, run: () => T | Promise<T>): Promise<T> {
  const before = b.getDebugInfo();
  b.setDebugInfo(true);
  try {
    return await run();
  } finally {
    b.setDebugInfo(before);
  }
}

/** Internal name of every runtime `builtin_*` export, keyed by export name. */
async function runtimeBuiltins(): Promise<Map<string, string>> {
  const b = await loadBinaryen();
  const m = b.readBinary(await namedRuntime());
  try {
    const symbols = new RuntimeSymbols(b, m);
    const internal = (name: string) => symbols.requireExported(name).internal;
    // A builtin whose code is the same function as a helper's (asc merges identical functions:
    // opa.runtime is rt_object_new) is carried whenever the helper is; only its own code is tested.
    const helpers = new Set(
      symbols
        .exportNames()
        .filter((name) => name.startsWith("rt_"))
        .map(internal),
    );
    const names = symbols.exportNames().filter((name) => name.startsWith("builtin_"));
    return new Map(
      names.filter((name) => !helpers.has(internal(name))).map((name) => [name, internal(name)]),
    );
  } finally {
    m.dispose();
  }
}

/** The module's bytes and the names of its functions, linked with a name section. */
async function linkNamed(
  policy: Policy,
  strict = false,
): Promise<{ wasm: Uint8Array; functions: Set<string> }> {
  const b = await loadBinaryen();
  const runtime = await namedRuntime();
  const wasm = await withDebugInfo(b, () => linkPolicy(policy, runtime, { strictBuiltinErrors: strict }));
  const m = b.readBinary(wasm);
  try {
    const functions = new Set<string>();
    for (let i = 0; i < m.getNumFunctions(); i++)
      functions.add(b.getFunctionInfo(m.getFunctionByIndex(i)).name);
    return { wasm, functions };
  } finally {
    m.dispose();
  }
}

/** `x := <builtin>(args...)` on string constants 1..n. */
function callOn(func: string, args: string[]): Policy {
  const loads = args.map((_, i) => stmt("AssignVarStmt", { source: str(i + 1), target: 10 + i }));
  return planBinding(
    [...loads, stmt("CallStmt", { func, args: args.map((_, i) => local(10 + i)), result: RESULT })],
    args,
  );
}

/** UTF-16 text, as AssemblyScript lays its string literals in the runtime's data. */
const utf16 = (text: string): Buffer => Buffer.from(text, "utf16le");

/** What @open-policy-agent/opa-wasm's opa.js reads from a module's exports. */
const SDK_CALLS = [
  "opa_wasm_abi_version",
  "opa_wasm_abi_minor_version",
  "builtins",
  "entrypoints",
  "opa_malloc",
  "opa_json_parse",
  "opa_json_dump",
  "opa_heap_ptr_get",
  "opa_heap_ptr_set",
  "opa_eval",
  "opa_eval_ctx_new",
  "opa_eval_ctx_set_input",
  "opa_eval_ctx_set_data",
  "opa_eval_ctx_set_entrypoint",
  "eval",
  "opa_eval_ctx_get_result",
];

const CIDR_MESSAGE = "invalid CIDR address";

interface Row {
  name: string;
  policy: Policy;
  /** runtime exports whose function the module must carry; every other builtin_* must be gone. */
  builtins: string[];
}

const rows: Row[] = [
  {
    name: "a module that calls no builtin",
    policy: planBinding([stmt("MakeNullStmt", { target: RESULT })]),
    builtins: [],
  },
  {
    name: "a module that calls net.cidr_contains",
    policy: callOn("net.cidr_contains", ["10.0.0.0/8", "10.1.2.3"]),
    builtins: ["builtin_net_cidr_contains"],
  },
  { name: "a module that calls upper", policy: callOn("upper", ["abc"]), builtins: ["builtin_upper"] },
];

describe("a module carries only the runtime builtins its plan calls", () => {
  test.each(rows)("$name", async ({ policy, builtins }) => {
    const all = await runtimeBuiltins();
    const { functions } = await linkNamed(policy);
    const carried = [...all].filter(([, internal]) => functions.has(internal)).map(([name]) => name);
    expect(carried.sort()).toEqual([...builtins].sort());
  });
});

describe("the runtime's data is kept only where surviving code addresses it", () => {
  test("net.cidr_contains's message is absent without the builtin and reported with it", async () => {
    const without = await linkNamed(planBinding([stmt("MakeNullStmt", { target: RESULT })]));
    expect(Buffer.from(without.wasm).includes(utf16(CIDR_MESSAGE))).toBe(false);

    const bogus = callOn("net.cidr_contains", ["bogus", "10.1.2.3"]);
    const strict = await linkNamed(bogus, true);
    expect(Buffer.from(strict.wasm).includes(utf16(CIDR_MESSAGE))).toBe(true);
    const policy = await loadPolicy(strict.wasm);
    expect(await failureOf(Promise.resolve().then(() => policy.evaluate({}, "t")))).toContain(CIDR_MESSAGE);
  });

  test("without strict builtin errors the error is undefined and its message is left out", async () => {
    const { wasm } = await linkNamed(callOn("net.cidr_contains", ["bogus", "10.1.2.3"]));
    expect(Buffer.from(wasm).includes(utf16(CIDR_MESSAGE))).toBe(false);
    const policy = await loadPolicy(wasm);
    expect(policy.evaluate({}, "t")).toEqual([]);
  });

  test("a pruned module still evaluates through the SDK, twice in one instance", async () => {
    const { wasm } = await linkNamed(callOn("net.cidr_contains", ["10.0.0.0/8", "10.1.2.3"]));
    const policy = await loadPolicy(wasm);
    expect(policy.evaluate({}, "t")).toEqual([{ x: true }]);
    expect(policy.evaluate({}, "t")).toEqual([{ x: true }]);
  });

  test("exports are OPA's ABI only, with everything the npm SDK calls", async () => {
    const { wasm } = await linkNamed(planBinding([stmt("MakeNullStmt", { target: RESULT })]));
    const exports = WebAssembly.Module.exports(new WebAssembly.Module(new Uint8Array(wasm))).map(
      (e) => e.name,
    );
    expect(exports.filter((name) => !ABI_EXPORTS.has(name))).toEqual([]);
    expect(exports).toEqual(expect.arrayContaining(SDK_CALLS));
  });
});
