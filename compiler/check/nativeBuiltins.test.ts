import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { loadRuntime } from "../runtime/testing/harness";
import { nativeExportName } from "../wasm/calls";
import { allBuiltins, lookupBuiltin } from "./builtins";
import { NATIVE_ONLY_DECLS } from "./nativeBuiltins";
import { SUITE_DIR, suitePresent } from "../conformance/suite";

const GOLDEN_PLANS = join(SUITE_DIR, "plans/v1");

/** `builtin_*` export name → parameter count (a wasm function's JS `length` is its parameter count). */
let nativeExports: Map<string, number>;

beforeAll(async () => {
  const runtime = await loadRuntime();
  nativeExports = new Map(
    Object.entries(runtime.exports)
      .filter(([name]) => name.startsWith("builtin_"))
      .map(([name, f]) => [name, f.length]),
  );
}, 180_000);

describe("the builtin table and the runtime's native builtins cannot drift apart", () => {
  test("every builtin_* export of runtime.wasm is declared, with its arity", () => {
    const declared = new Map(allBuiltins().map((b) => [nativeExportName(b.name), b.arity]));
    const undeclared = [...nativeExports.keys()].filter((name) => !declared.has(name));
    expect(undeclared).toEqual([]);
    const arityMismatches = [...nativeExports]
      .filter(([name, params]) => declared.get(name) !== params)
      .map(([name, params]) => `${name}: runtime takes ${params}, declared ${declared.get(name)}`);
    expect(arityMismatches).toEqual([]);
  });

  test("every native-only declaration names a runtime export", () => {
    const missing = [...NATIVE_ONLY_DECLS.keys()].filter(
      (name) => !nativeExports.has(nativeExportName(name)),
    );
    expect(missing).toEqual([]);
  });

  test("no native-only declaration duplicates one from the SDK's capabilities", () => {
    const capabilities = join(
      require.resolve("@open-policy-agent/opa-wasm"),
      "..",
      "..",
      "capabilities.json",
    );
    const sdk = JSON.parse(readFileSync(capabilities, "utf8")) as { builtins: { name: string }[] };
    const sdkNames = new Set(sdk.builtins.map((b) => b.name));
    expect([...NATIVE_ONLY_DECLS.keys()].filter((name) => sdkNames.has(name))).toEqual([]);
  });
});

describe("native-only builtins are known to the checker", () => {
  test.each([
    ["units.parse", 1],
    ["units.parse_bytes", 1],
    ["strings.any_prefix_match", 2],
    ["object.subset", 2],
    ["regex.template_match", 4],
    ["json.patch", 2],
    ["net.cidr_overlap", 2],
  ])("%s has arity %i and is a plain function", (name, arity) => {
    const builtin = lookupBuiltin(name);
    expect(builtin?.arity).toBe(arity);
    expect(builtin?.relation).toBe(false);
    expect(builtin?.void).toBe(false);
  });
});

/** A declaration without OPA's documentation fields (`name`, `description`), which we do not copy. */
function typesOnly(decl: unknown): unknown {
  if (Array.isArray(decl)) return decl.map(typesOnly);
  if (typeof decl !== "object" || decl === null) return decl;
  return Object.fromEntries(
    Object.entries(decl)
      .filter(([key]) => key !== "name" && key !== "description")
      .map(([key, value]) => [key, typesOnly(value)]),
  );
}

interface PlanCase {
  plan?: { static?: { builtin_funcs?: { name: string; decl: unknown }[] } };
}

/** The declarations OPA's planner printed for `names` in the golden plans, by name. */
function goldenDecls(names: ReadonlySet<string>): Map<string, unknown> {
  const found = new Map<string, unknown>();
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      if (!entry.name.endsWith(".json")) continue;
      const text = readFileSync(path, "utf8");
      if (![...names].some((name) => text.includes(`"${name}"`))) continue;
      const parsed = JSON.parse(text) as { cases?: PlanCase[] } | PlanCase[];
      for (const c of Array.isArray(parsed) ? parsed : (parsed.cases ?? [])) {
        for (const builtin of c.plan?.static?.builtin_funcs ?? []) {
          if (names.has(builtin.name)) found.set(builtin.name, typesOnly(builtin.decl));
        }
      }
    }
  };
  visit(GOLDEN_PLANS);
  return found;
}

// The golden plans are read-only shared data; CI has them, a bare checkout may not.
const describeWithPlans = suitePresent("native-only declarations against golden plans")
  ? describe
  : describe.skip;

/** Native-only builtins no golden plan calls (print's and trace's are as `opa build -t plan` prints them). */
const UNDECLARED_IN_GOLDEN_PLANS = ["internal.print", "net.cidr_overlap", "trace"];

describeWithPlans("native-only declarations agree with OPA's golden plans", () => {
  const golden = goldenDecls(new Set(NATIVE_ONLY_DECLS.keys()));

  test("the plans declare all but the few no golden plan calls", () => {
    const undeclared = [...NATIVE_ONLY_DECLS.keys()].filter((name) => !golden.has(name));
    expect(undeclared.sort()).toEqual(UNDECLARED_IN_GOLDEN_PLANS);
  });

  test.each([...NATIVE_ONLY_DECLS].filter(([name]) => golden.has(name)))("%s", (name, decl) => {
    expect(JSON.stringify(decl)).toBe(JSON.stringify(golden.get(name)));
  });
});
