/**
 * Links an IR policy with runtime.wasm into one module speaking OPA's Wasm ABI.
 *
 * The runtime imports `plan.*` (eval, entrypoints, builtins, heap_start); linking replaces those
 * imports with definitions generated from the plan, adds one function per IR func and plan, lays the
 * plan's static bytes after the runtime's data, drops the exports that only served linking, then
 * validates and optimizes. What is left of the runtime is only what the ABI exports and the plan
 * reach: binaryen removes the other functions and globals, `runtimeData.ts` the data only they used.
 */
import type { Func, Operand, Policy } from "../plan/ir";
import { ABI_EXPORTS } from "./abi";
import { type Binaryen, type BinaryenModule, type ExpressionRef, loadBinaryen } from "./binaryen";
import { CallResolver, type PlannedFunc } from "./calls";
import { DATA_GLOBAL, type EmitEnv, FunctionEmitter, INPUT_GLOBAL } from "./functionEmitter";
import { onlyTrueWritten } from "./localFacts";
import { MEMO_EPOCH, RuleMemo, WITH_DEPTH } from "./memo";
import { silenceBuiltinMessages } from "./builtinMessages";
import { type Segment, linkedConstants, liveRuntimeSegments } from "./runtimeData";
import { RuntimeSymbols } from "./runtimeSymbols";
import { type StaticBooleans, staticBooleans } from "./staticBooleans";
import { StaticData, alignTo8 } from "./staticData";
import { StaticValues, stringUses } from "./staticValues";

export interface LinkOptions {
  /**
   * binaryen optimization level for the generated functions (the runtime arrives optimized by asc
   * -O3, and re-optimizing all of it costs seconds per policy): 0 skips it; "s" favours size; 2 runs
   * a shorter list than binaryen's -O2 (GENERATED_FUNCTION_PASSES). Unreachable runtime code is
   * removed at every level. Default 2.
   */
  optimize?: 0 | 1 | 2 | 3 | "s";
  /** Memoize rules per evaluation as OPA does (default true). */
  memoize?: boolean;
  /**
   * Run binaryen's validator on the linked module (default true). It costs about as much as the
   * rest of linking; bulk runs may rely on WebAssembly.compile rejecting an invalid module instead.
   */
  validate?: boolean;
  /**
   * A builtin's error ends evaluation with its message, as OPA's `--strict-builtin-errors` does
   * (default false: the builtin call is undefined, as in OPA's default mode).
   */
  strictBuiltinErrors?: boolean;
}

const PAGE_SIZE = 65536;

export async function linkPolicy(
  policy: Policy,
  runtime: Uint8Array,
  options: LinkOptions = {},
): Promise<Uint8Array> {
  const b = await loadBinaryen();
  const m = b.readBinary(runtime);
  try {
    // What AssemblyScript emits by default, plus exception handling (try/catch_all around builtin
    // calls); the SDK's Node/V8 runs all of these.
    const F = b.Features;
    m.setFeatures(
      F.BulkMemory |
        F.BulkMemoryOpt |
        F.SignExt |
        F.MutableGlobals |
        F.NontrappingFPToInt |
        F.ExceptionHandling,
    );
    const linker = new Linker(b, m, policy, options);
    const generated = linker.link();
    if ((options.validate ?? true) && !m.validate()) {
      throw new Error("internal: the linked module does not validate");
    }
    optimize(b, m, options.optimize ?? 2, generated, !(options.strictBuiltinErrors ?? false));
    // The generated code addresses the static booleans by constant, not through a runtime function.
    const { trueAddress, falseAddress } = linker.booleans;
    linker.setMemory(
      liveRuntimeSegments(linkedConstants(b, m), runtimeSegments(m), [trueAddress, falseAddress]),
    );
    packZeros(b, m);
    return m.emitBinary();
  } finally {
    m.dispose();
  }
}

/**
 * What level 2 (the default) runs on each generated function: binaryen's -O2 function pipeline
 * (`addDefaultFunctionOptimizationPasses`) less the passes that found nothing left to do in the
 * emitter's output. Dropped: the early cleanup (dce, remove-unused-names, remove-unused-brs,
 * optimize-instructions, pick-load-signs, precompute: their later runs, or simplify-locals and
 * vacuum, do the same work), and the repeated reorder-locals, vacuum, remove-unused-names and
 * precompute between the later passes. Optimization is the back end's largest cost; measured on the
 * pack, the whole compile takes 18% less CPU time with this list (572 → 470 ms, best of 4), the
 * module is 211 bytes smaller and evaluates as fast, and on a sample of 172 OPA conformance cases
 * the modules total 48 bytes less. Other levels run binaryen's own pipeline for that level.
 */
const GENERATED_FUNCTION_PASSES = [
  "code-pushing",
  "simplify-locals-nostructure",
  "vacuum",
  "remove-unused-brs",
  "coalesce-locals",
  "simplify-locals",
  "coalesce-locals",
  "reorder-locals",
  "merge-blocks",
  "remove-unused-brs",
  "merge-blocks",
  "optimize-instructions",
  "rse",
  "vacuum",
  // Once more: what the last vacuum removes leaves blocks that merge and branches that go (−660 bytes
  // on the pack, no measurable compile time; a further round finds nothing).
  "merge-blocks",
  "remove-unused-brs",
  "vacuum",
];

function optimize(
  b: Binaryen,
  m: BinaryenModule,
  level: LinkOptions["optimize"],
  generated: string[],
  messagesSilenced: boolean,
): void {
  if (level !== 0) {
    // The passes read the level too (what code-pushing, simplify-locals and the binary writer try).
    b.setOptimizeLevel(level === "s" ? 2 : (level ?? 2));
    b.setShrinkLevel(level === "s" ? 1 : 0);
    for (const name of generated) {
      if (level === 2 || level === undefined) m.runPassesOnFunction(name, GENERATED_FUNCTION_PASSES);
      else m.optimizeFunction(name);
    }
  }
  // The module carries only the runtime code the plan (and the ABI exports) can reach. Then the most
  // called functions and most read globals get the lowest indices: an index below 128 is one LEB byte
  // at every call or global.get instead of two.
  m.runPasses(["remove-unused-module-elements"]);
  // Without their messages (builtinMessages.ts), the builders' arguments are dead at every call.
  if (messagesSilenced) m.runPasses(["dae-optimizing"]);
  // Functions that differ only in constants (OPA plans one function per rule, and rules alike in shape
  // are planned alike) become one that takes them as arguments: −860 bytes on the pack, none slower.
  m.runPasses(["merge-similar-functions"]);
  m.runPasses(["reorder-functions", "reorder-globals"]);
}

/**
 * Leaves the zero bytes out of the data segments (the runtime's zeroed tables and buffers, the
 * padding of its UTF-16 messages). Sound because the memory is zero when the module starts: it is
 * imported, and the SDK makes a new one for every instance (`new WebAssembly.Memory` in loadPolicy).
 */
function packZeros(b: Binaryen, m: BinaryenModule): void {
  const before = b.getZeroFilledMemory();
  b.setZeroFilledMemory(true);
  try {
    m.runPasses(["memory-packing"]);
  } finally {
    b.setZeroFilledMemory(before);
  }
}

/** The runtime helpers a literal's builder makes it with (given the count or not) and adds each element by. */
const LITERAL_HELPERS = {
  array: { create: "rt_array_new", withCount: true, add: "rt_array_append" },
  object: { create: "rt_object_new", withCount: false, add: "rt_object_insert" },
  ascending_object: { create: "rt_object_sized", withCount: true, add: "rt_object_append" },
};

class Linker {
  private readonly symbols: RuntimeSymbols;
  readonly booleans: StaticBooleans;
  private readonly data: StaticData;
  private readonly statics: StaticValues;
  private readonly calls: CallResolver;
  private readonly memo: RuleMemo;
  private readonly strings: string[];
  private readonly funcs: Func[];
  /** Names of the functions the linker added, the ones worth optimizing. */
  private readonly generated: string[] = [];

  constructor(
    private readonly b: Binaryen,
    private readonly m: BinaryenModule,
    private readonly policy: Policy,
    private readonly options: LinkOptions,
  ) {
    this.symbols = new RuntimeSymbols(b, m);
    this.booleans = staticBooleans(b, m, this.symbols);
    this.data = new StaticData(alignTo8(endOfData(m)));
    this.statics = new StaticValues(
      b,
      m,
      (name, args) => this.runtime(name, args),
      this.data,
      stringUses(policy),
    );
    this.strings = policy.static.strings.map((s) => s.value);
    this.funcs = policy.funcs?.funcs ?? [];
    this.memo = new RuleMemo(b, m);
    const planned = new Map<string, PlannedFunc>();
    for (const func of this.funcs) {
      // Wasm params leave out input and data (functionEmitter.ts); a rule taking nothing else is memoized.
      const arity = func.params.length - 2;
      const onlyTrue = onlyTrueWritten(func.params, func.blocks, func.return);
      if ((options.memoize ?? true) && arity === 0) {
        const slot = this.memo.add(bodyName(func));
        planned.set(func.name, { arity, call: () => this.memo.call(slot), memoized: true, onlyTrue });
      } else {
        const call = (args: ExpressionRef[]) => m.call(func.name, args, b.i32);
        planned.set(func.name, { arity, call, memoized: false, onlyTrue });
      }
    }
    this.calls = new CallResolver(b, m, this.symbols, planned, options.strictBuiltinErrors ?? false);
  }

  /** Links and returns the names of the generated functions. */
  link(): string[] {
    this.m.addGlobal(INPUT_GLOBAL, this.b.i32, true, this.m.i32.const(0));
    this.m.addGlobal(DATA_GLOBAL, this.b.i32, true, this.m.i32.const(0));
    this.emitFuncs();
    const plans = this.emitPlans();
    this.definePlanImports(plans);
    this.memo.install(this.data);
    this.statics.install(this.data);
    this.defineHeapStart();
    if (!(this.options.strictBuiltinErrors ?? false)) silenceBuiltinMessages(this.b, this.m, this.symbols);
    this.removeLinkOnlyExports();
    return [...this.generated, ...this.calls.wrappers()];
  }

  private env(): EmitEnv {
    return {
      b: this.b,
      m: this.m,
      runtime: (name, args) => this.runtime(name, args),
      isFunc: (name) => this.calls.isFunc(name),
      isOnlyTrue: (name) => this.calls.isOnlyTrue(name),
      undefinedOrFalse: (value) => this.m.call(this.undefinedOrFalse(), [value], this.b.i32),
      arrayOf: (values) => this.m.call(this.builder("array", values.length), values, this.b.i32),
      objectOf: (entries, ascending) =>
        this.m.call(
          this.builder(ascending ? "ascending_object" : "object", entries.length),
          entries.flat(),
          this.b.i32,
        ),
      stringValue: (index) => this.statics.string(this.string(index)),
      stringText: (index) => this.strings[index],
      numberRefValue: (index) => this.statics.number(this.string(index)),
      call: (name, args) => this.calls.call(name, args),
      callDynamic: (path, segment, args) => this.callDynamic(path, segment, args),
      withDepthGlobal: WITH_DEPTH,
      booleans: this.booleans,
    };
  }

  private emitFuncs(): void {
    const { b, m } = this;
    for (const func of this.funcs) {
      const emitter = new FunctionEmitter(this.env(), func.params, func.name);
      const body = emitter.funcBody(func.blocks, func.return);
      const params = b.createType(func.params.slice(2).map(() => b.i32));
      const name = this.calls.isMemoized(func.name) ? bodyName(func) : func.name;
      m.addFunction(name, params, b.i32, emitter.varTypes(), body);
      this.generated.push(name);
    }
  }

  /** One function `() -> result set` per plan (input and data in their globals), named after the plan's index. */
  private emitPlans(): { name: string; wasmName: string }[] {
    const { b, m } = this;
    return this.policy.plans.plans.map((plan, index) => {
      const wasmName = `plan.${index}`;
      const emitter = new FunctionEmitter(this.env(), [0, 1], `plan ${plan.name}`);
      const body = emitter.planBody(plan.blocks);
      m.addFunction(wasmName, b.none, b.i32, emitter.varTypes(), body);
      this.generated.push(wasmName);
      return { name: plan.name, wasmName };
    });
  }

  private definePlanImports(plans: { name: string; wasmName: string }[]): void {
    for (const [base, symbol] of this.symbols.functionImportsOf("plan")) {
      const { m, b } = this;
      let body: ExpressionRef;
      let vars: number[] = [];
      if (base === "eval") body = this.evalBody(plans);
      else if (base === "entrypoints" || base === "builtins") {
        const entries =
          base === "entrypoints"
            ? plans.map((plan, id): [string, number] => [plan.name, id])
            : this.calls.hostBuiltins();
        body = this.objectValue(entries, symbol.paramCount);
        vars = [b.i32];
      } else throw new Error(`runtime.wasm imports plan.${base}, which the back end does not define`);
      m.removeFunction(symbol.internal);
      m.addFunction(symbol.internal, b.createType(symbol.paramTypes), symbol.result, vars, body);
    }
  }

  /** Name of the function `(v) -> 1 when v is undefined or false`, added on first use. */
  private undefinedOrFalse(): string {
    const name = "plan.undefined_or_false";
    if (!this.generated.includes(name)) {
      const { m, b } = this;
      const value = () => m.local.get(0, b.i32);
      m.addFunction(
        name,
        b.i32,
        b.i32,
        [],
        m.if(value(), m.i32.eq(value(), m.i32.const(this.booleans.falseAddress)), m.i32.const(1)),
      );
      this.generated.push(name);
    }
    return name;
  }

  /**
   * Name of the function making an array of its `count` params, or an object of its `count` (key,
   * value) param pairs, added on first use: one call per literal instead of one per element. An
   * ascending object's keys are distinct and in order, so it is made with room for them and each is
   * appended.
   */
  private builder(kind: keyof typeof LITERAL_HELPERS, count: number): string {
    const name = `plan.${kind}.${count}`;
    if (!this.generated.includes(name)) {
      const { m, b } = this;
      const { create, add, withCount } = LITERAL_HELPERS[kind];
      const paramCount = kind === "array" ? count : count * 2;
      const result = paramCount;
      const get = (index: number) => m.local.get(index, b.i32);
      const fill: ExpressionRef[] = [];
      for (let i = 0; i < count; i++) {
        const element = kind === "array" ? [get(i)] : [get(2 * i), get(2 * i + 1)];
        const call = this.runtime(add, [get(result), ...element]);
        fill.push(b.getExpressionInfo(call).type === b.none ? call : m.drop(call));
      }
      const made = this.runtime(create, withCount ? [m.i32.const(count)] : []);
      const params = b.createType(new Array<number>(paramCount).fill(b.i32));
      m.addFunction(
        name,
        params,
        b.i32,
        [b.i32],
        m.block(null, [m.local.set(result, made), ...fill, get(result)], b.i32),
      );
      this.generated.push(name);
    }
    return name;
  }

  /** plan.eval(entrypoint, input, data): a fresh memo epoch, input and data, then the entrypoint's plan. */
  private evalBody(plans: { wasmName: string }[]): ExpressionRef {
    const { m, b } = this;
    const arg = (index: number) => m.local.get(index, b.i32);
    const abort = this.symbols.importedFunction("env", "opa_abort");
    if (!abort) throw new Error("runtime.wasm does not import env.opa_abort");
    const illegal = this.data.cString("internal: illegal entrypoint id");
    return m.block(
      null,
      [
        m.global.set(MEMO_EPOCH, m.i32.add(m.global.get(MEMO_EPOCH, b.i32), m.i32.const(1))),
        m.global.set(WITH_DEPTH, m.i32.const(0)),
        m.global.set(INPUT_GLOBAL, arg(1)),
        m.global.set(DATA_GLOBAL, arg(2)),
        ...plans.map((plan, id) =>
          m.if(m.i32.eq(arg(0), m.i32.const(id)), m.return(m.call(plan.wasmName, [], b.i32))),
        ),
        m.call(abort.internal, [m.i32.const(illegal)], b.none),
        m.unreachable(),
      ],
      b.i32,
    );
  }

  /** An object value `{name: id, ...}`, built at call time (entrypoints(), builtins()). */
  private objectValue(entries: [string, number][], objectLocal: number): ExpressionRef {
    const { m, b } = this;
    const object = objectLocal;
    const inserts = entries.map(([name, id]) => {
      const bytes = this.data.utf8(name);
      const key = this.runtime("rt_string", [m.i32.const(bytes.ptr), m.i32.const(bytes.len)]);
      const value = this.runtime("rt_number_int", [m.i64.const(id, 0)]);
      const insert = this.runtime("rt_object_insert", [m.local.get(object, b.i32), key, value]);
      return b.getExpressionInfo(insert).type === b.none ? insert : m.drop(insert);
    });
    return m.block(
      null,
      [m.local.set(object, this.runtime("rt_object_new", [])), ...inserts, m.local.get(object, b.i32)],
      b.i32,
    );
  }

  /** Calls the func whose path matches; candidates are narrowed by the path's constant segments. */
  private callDynamic(
    path: Operand[],
    segment: (index: number) => ExpressionRef,
    args: () => ExpressionRef[],
  ): ExpressionRef {
    const { m } = this;
    const argCount = args().length;
    const candidates = this.funcs.filter(
      (func) =>
        func.path !== undefined &&
        func.path.length === path.length &&
        func.params.length - 2 === argCount &&
        path.every((op, i) => op.type !== "string_index" || this.string(op.value) === func.path![i]),
    );
    let chain: ExpressionRef = m.i32.const(0);
    for (const func of candidates.reverse()) {
      const tests = path.flatMap((op, i) =>
        op.type === "string_index"
          ? []
          : [this.runtime("rt_equal", [segment(i), this.statics.string(func.path![i])])],
      );
      const matches = tests.reduce((all, test) => m.i32.and(all, test), m.i32.const(1));
      chain = m.if(matches, this.calls.call(func.name, args()), chain);
    }
    return chain;
  }

  private defineHeapStart(): void {
    const heapStart = this.symbols.importedGlobal("plan", "heap_start");
    if (!heapStart) throw new Error("runtime.wasm does not import plan.heap_start");
    this.m.removeGlobal(heapStart.internal);
    this.m.addGlobal(heapStart.internal, this.b.i32, false, this.m.i32.const(this.data.end()));
  }

  /**
   * Re-sets the memory with the given runtime segments plus ours; it stays imported from env and is
   * re-exported. Done last, once it is known which runtime segments are still addressed.
   */
  setMemory(runtime: Segment[]): void {
    const { m } = this;
    const segments = runtime.map((segment) => ({
      offset: segment.passive ? 0 : m.i32.const(segment.offset),
      data: segment.data,
      passive: segment.passive,
    }));
    segments.push({ offset: m.i32.const(this.data.base), data: this.data.bytes(), passive: false });
    const memory = memoryName(this.b, m);
    const info = m.getMemoryInfo(memory);
    const pages = Math.max(info.initial, Math.ceil(this.data.end() / PAGE_SIZE));
    const exported = m.getExport("memory") !== 0;
    m.setMemory(pages, -1, exported ? null : "memory", segments, false, false, memory);
    m.addMemoryImport(memory, info.module || "env", info.base || "memory");
  }

  private removeLinkOnlyExports(): void {
    const { m, b } = this;
    const names: string[] = [];
    for (let i = 0; i < m.getNumExports(); i++) names.push(b.getExportInfo(m.getExportByIndex(i)).name);
    for (const name of names) if (!ABI_EXPORTS.has(name)) m.removeExport(name);
  }

  private runtime(name: string, args: ExpressionRef[]): ExpressionRef {
    const symbol = this.symbols.requireExported(name);
    if (symbol.paramCount !== args.length) {
      throw new Error(
        `runtime helper ${name} takes ${symbol.paramCount} arguments, the back end passes ${args.length}`,
      );
    }
    return this.m.call(symbol.internal, args, symbol.result);
  }

  private string(index: number): string {
    const text = this.strings[index];
    if (text === undefined) throw new Error(`static string ${index} does not exist`);
    return text;
  }
}

/**
 * Internal name of the (single) memory. binaryen's JS API has no getter for it, and asking for a
 * wrong name is a fatal error, so it comes from the memory export or, failing that, the text form.
 */
function memoryName(b: Binaryen, m: BinaryenModule): string {
  for (let i = 0; i < m.getNumExports(); i++) {
    const info = b.getExportInfo(m.getExportByIndex(i));
    if (info.kind === b.ExternalMemory) return info.value;
  }
  const declared = /\(memory \$(\S+)/.exec(m.emitText());
  if (!declared) throw new Error("runtime.wasm has no memory");
  return declared[1];
}

function runtimeSegments(m: BinaryenModule): Segment[] {
  const segments: Segment[] = [];
  for (let i = 0; i < m.getNumMemorySegments(); i++) {
    const info = m.getMemorySegmentInfo(String(i));
    segments.push({ offset: Number(info.offset), data: new Uint8Array(info.data), passive: info.passive });
  }
  return segments;
}

/** The function holding a memoized rule's body, called by the memo on a miss. */
function bodyName(func: Func): string {
  return `${func.name}$body`;
}

function endOfData(m: BinaryenModule): number {
  let end = 0;
  for (const segment of runtimeSegments(m)) {
    if (!segment.passive) end = Math.max(end, segment.offset + segment.data.length);
  }
  return end;
}
