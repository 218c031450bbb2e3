/**
 * Resolves the callee of a CallStmt: a planned func (direct call), a builtin the runtime implements
 * (`builtin_<name with '.' as '_'>` export), or a builtin left to the host, called through the
 * `env.opa_builtinN(id, ctx, args...)` import with an id that `builtins()` publishes.
 */
import type { Binaryen, BinaryenModule, ExpressionRef } from "./binaryen";
import type { RuntimeSymbols } from "./runtimeSymbols";

/** The SDK dispatches host builtins with at most four arguments (opa_builtin0..4). */
const MAX_HOST_ARITY = 4;

export interface PlannedFunc {
  wasmName: string;
  arity: number;
}

export class CallResolver {
  private readonly hostIds = new Map<string, number>();
  private readonly hostImports = new Set<number>();

  constructor(
    private readonly b: Binaryen,
    private readonly m: BinaryenModule,
    private readonly symbols: RuntimeSymbols,
    private readonly planned: Map<string, PlannedFunc>,
  ) {}

  call(name: string, args: ExpressionRef[]): ExpressionRef {
    const { m, b } = this;
    const func = this.planned.get(name);
    if (func) {
      if (func.arity !== args.length) {
        throw new Error(`call of ${name} with ${args.length} arguments, but it takes ${func.arity}`);
      }
      return m.call(func.wasmName, args, b.i32);
    }
    const native = this.symbols.exported(nativeExportName(name));
    if (native && native.paramCount === args.length) return m.call(native.internal, args, b.i32);
    if (args.length > MAX_HOST_ARITY) {
      throw new Error(
        `builtin ${name} is not in the runtime and takes ${args.length} arguments: too many for the host`,
      );
    }
    return m.call(
      this.hostImport(args.length),
      [m.i32.const(this.hostId(name)), m.i32.const(0), ...args],
      b.i32,
    );
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
