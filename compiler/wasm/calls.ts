/**
 * Resolves the callee of a CallStmt: a planned func (direct call), a builtin the runtime implements
 * (`builtin_<name with '.' as '_'>` export), or a builtin left to the host, called through the
 * `env.opa_builtinN(id, ctx, args...)` import with an id that `builtins()` publishes.
 *
 * A builtin's error aborts through the host's opa_abort, a JavaScript exception. Without strict
 * builtin errors (OPA's default mode) each builtin is called through a function whose wasm
 * try/catch_all makes the call undefined instead, unless the runtime says the abort was fatal (out of
 * memory), which is rethrown; builtins that cannot fail are called directly. Builtins OPA fixes for
 * one evaluation are cached per evaluation (builtinMemo.ts).
 */
import type { Binaryen, BinaryenModule, ExpressionRef } from "./binaryen";
import { PER_EVALUATION_BUILTINS, addBuiltinMemo } from "./builtinMemo";
import type { RuntimeSymbols } from "./runtimeSymbols";

/**
 * Builtins of the runtime that raise no builtin error whatever their operands (type tests, the
 * comparisons, membership, JSON text of a value and its check): their only abort is running out of
 * memory, which is fatal in either mode, so they are called directly, without the wrapper's
 * try/catch_all (calls.test.ts tries every type).
 */
export const INFALLIBLE_BUILTINS = new Set([
  "is_number",
  "is_string",
  "is_boolean",
  "is_array",
  "is_set",
  "is_object",
  "is_null",
  "type_name",
  "equal",
  "neq",
  "lt",
  "lte",
  "gt",
  "gte",
  "internal.member_2",
  "json.marshal",
  "json.is_valid",
]);

/** The SDK dispatches host builtins with at most four arguments (opa_builtin0..4). */
const MAX_HOST_ARITY = 4;

export interface PlannedFunc {
  /** Wasm params: the func's arguments, without input and data. */
  arity: number;
  call(args: ExpressionRef[]): ExpressionRef;
  memoized: boolean;
  /** Its value is true or undefined (localFacts.onlyTrueWritten of its return local). */
  onlyTrue: boolean;
}

export class CallResolver {
  private readonly hostIds = new Map<string, number>();
  private readonly hostImports = new Set<number>();
  private readonly guardedNames = new Set<string>();
  private readonly memoNames = new Set<string>();

  constructor(
    private readonly b: Binaryen,
    private readonly m: BinaryenModule,
    private readonly symbols: RuntimeSymbols,
    private readonly planned: Map<string, PlannedFunc>,
    private readonly strictBuiltinErrors: boolean,
  ) {}

  call(name: string, args: ExpressionRef[]): ExpressionRef {
    const { m, b } = this;
    const func = this.planned.get(name);
    if (func) {
      if (func.arity !== args.length) {
        throw new Error(`call of ${name} with ${args.length} arguments, but it takes ${func.arity}`);
      }
      return func.call(args);
    }
    const native = this.symbols.exported(nativeExportName(name));
    if (native && native.paramCount === args.length) {
      // With strict builtin errors, or for a builtin that cannot fail, a wrapper would only forward the call.
      if (this.strictBuiltinErrors || INFALLIBLE_BUILTINS.has(name))
        return m.call(native.internal, args, b.i32);
      return m.call(
        this.guarded(name, args.length, (params) => m.call(native.internal, params, b.i32)),
        args,
        b.i32,
      );
    }
    if (args.length > MAX_HOST_ARITY) {
      throw new Error(
        `builtin ${name} is not in the runtime and takes ${args.length} arguments: too many for the host`,
      );
    }
    const host = (params: ExpressionRef[]) =>
      m.call(
        this.hostImport(args.length),
        [m.i32.const(this.hostId(name)), m.i32.const(0), ...params],
        b.i32,
      );
    return m.call(this.memoized(name, args.length, this.guarded(name, args.length, host)), args, b.i32);
  }

  isFunc(name: string): boolean {
    return this.planned.has(name);
  }

  /** Whether `name` is a planned func whose value is true or undefined. */
  isOnlyTrue(name: string): boolean {
    return this.planned.get(name)?.onlyTrue ?? false;
  }

  isMemoized(name: string): boolean {
    return this.planned.get(name)?.memoized ?? false;
  }

  /** `guarded` itself, or for a builtin OPA fixes per evaluation, a function that caches its values. */
  private memoized(name: string, arity: number, guarded: string): string {
    if (!PER_EVALUATION_BUILTINS.has(name)) return guarded;
    const wasmName = `memo.${guarded}`;
    if (!this.memoNames.has(wasmName)) {
      addBuiltinMemo(this.b, this.m, this.symbols, wasmName, arity, guarded);
      this.memoNames.add(wasmName);
    }
    return wasmName;
  }

  /**
   * The function called for builtin `name`: one per builtin, so that the try/catch_all is emitted once
   * rather than at every call site. With strict builtin errors it calls the builtin, nothing more (so
   * a builtin of the runtime is called directly instead).
   */
  private guarded(name: string, arity: number, callee: (params: ExpressionRef[]) => ExpressionRef): string {
    const wasmName = `builtin.${name}/${arity}`;
    if (this.guardedNames.has(wasmName)) return wasmName;
    const { m, b } = this;
    const call = callee(Array.from({ length: arity }, (_, i) => m.local.get(i, b.i32)));
    const params = b.createType(new Array<number>(arity).fill(b.i32));
    m.addFunction(wasmName, params, b.i32, [], this.strictBuiltinErrors ? call : this.undefinedOnError(call));
    this.guardedNames.add(wasmName);
    return wasmName;
  }

  /** The call's value, or undefined (0) when it aborts, unless the runtime says the abort was fatal. */
  private undefinedOnError(call: ExpressionRef): ExpressionRef {
    const { m, b } = this;
    const recoverable = this.symbols.requireExported("rt_builtin_error_recoverable");
    const undefinedUnlessFatal = m.if(
      m.call(recoverable.internal, [], b.i32),
      m.i32.const(0),
      m.rethrow("try"),
    );
    // No tags: the one catch body is catch_all, which also catches the host's JavaScript exceptions.
    return m.try("try", call, [], [undefinedUnlessFatal]);
  }

  /** The wrapper functions made so far (optimized with the generated code). */
  wrappers(): string[] {
    return [...this.guardedNames, ...this.memoNames];
  }

  /** Host builtins used by the plan, `[name, id]`, ids in order of first use. */
  hostBuiltins(): [string, number][] {
    return [...this.hostIds];
  }

  private hostId(name: string): number {
    let id = this.hostIds.get(name);
    if (id === undefined) {
      id = this.hostIds.size;
      this.hostIds.set(name, id);
    }
    return id;
  }

  private hostImport(arity: number): string {
    const base = `opa_builtin${arity}`;
    const existing = this.symbols.importedFunction("env", base);
    if (existing) return existing.internal;
    const internal = `env.${base}`;
    if (!this.hostImports.has(arity)) {
      const params = this.b.createType(new Array<number>(arity + 2).fill(this.b.i32));
      this.m.addFunctionImport(internal, "env", base, params, this.b.i32);
      this.hostImports.add(arity);
    }
    return internal;
  }
}

export function nativeExportName(builtin: string): string {
  return `builtin_${builtin.replace(/\./g, "_")}`;
}
