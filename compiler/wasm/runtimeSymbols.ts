/**
 * What the back end needs to know about runtime.wasm: the internal names and signatures of its
 * exported helpers (rt_*, builtin_*) and of the imports it expects the plan to define (plan.*).
 */
import type { Binaryen, BinaryenModule } from "./binaryen";

export interface FunctionSymbol {
  /** Internal (binaryen) name, the one `call` uses. */
  internal: string;
  paramCount: number;
  /** binaryen result type, `none` for helpers that return nothing. */
  result: number;
  paramTypes: number[];
}

export class RuntimeSymbols {
  private readonly exportedFunctions = new Map<string, FunctionSymbol>();
  private readonly importedFunctions = new Map<string, FunctionSymbol>();
  private readonly importedGlobals = new Map<string, { internal: string; type: number }>();

  constructor(
    private readonly b: Binaryen,
    m: BinaryenModule,
  ) {
    for (let i = 0; i < m.getNumFunctions(); i++) {
      const info = b.getFunctionInfo(m.getFunctionByIndex(i));
      if (info.module) this.importedFunctions.set(`${info.module}.${info.base}`, this.symbol(info));
    }
    for (let i = 0; i < m.getNumExports(); i++) {
      const info = b.getExportInfo(m.getExportByIndex(i));
      if (info.kind !== b.ExternalFunction) continue;
      this.exportedFunctions.set(info.name, this.symbol(b.getFunctionInfo(m.getFunction(info.value))));
    }
    for (let i = 0; i < m.getNumGlobals(); i++) {
      const info = b.getGlobalInfo(m.getGlobalByIndex(i));
      if (info.module)
        this.importedGlobals.set(`${info.module}.${info.base}`, { internal: info.name, type: info.type });
    }
  }

  exported(name: string): FunctionSymbol | undefined {
    return this.exportedFunctions.get(name);
  }

  /** An exported helper the generated code cannot do without. */
  requireExported(name: string): FunctionSymbol {
    const symbol = this.exportedFunctions.get(name);
    if (!symbol) throw new Error(`runtime.wasm does not export ${name}`);
    return symbol;
  }

  importedFunction(module: string, base: string): FunctionSymbol | undefined {
    return this.importedFunctions.get(`${module}.${base}`);
  }

  importedGlobal(module: string, base: string): { internal: string; type: number } | undefined {
    return this.importedGlobals.get(`${module}.${base}`);
  }

  /** Imports of a module (e.g. "plan"), by base name. */
  functionImportsOf(module: string): Map<string, FunctionSymbol> {
    const found = new Map<string, FunctionSymbol>();
    for (const [key, symbol] of this.importedFunctions) {
      if (key.startsWith(`${module}.`)) found.set(key.slice(module.length + 1), symbol);
    }
    return found;
  }

  exportNames(): string[] {
    return [...this.exportedFunctions.keys()];
  }

  private symbol(info: { name: string; params: number; results: number }): FunctionSymbol {
    const paramTypes = this.b.expandType(info.params);
    return { internal: info.name, paramCount: paramTypes.length, result: info.results, paramTypes };
  }
}
