/**
 * The addresses of the runtime's two boolean values. value.ts makes every boolean one of two static
 * singletons, so the generated code can name `true` as a constant and test for `false` by comparing
 * addresses instead of calling the runtime (hundreds of calls per evaluation of the pack).
 * The addresses are read from what asc compiled rt_true and rt_false to — a function returning a
 * constant — so a runtime that stops keeping the singletons fails linking here instead of miscompiling.
 */
import type { Binaryen, BinaryenModule } from "./binaryen";

type ConstInfo = ReturnType<Binaryen["getExpressionInfo"]> & { value: unknown };
import type { RuntimeSymbols } from "./runtimeSymbols";

export interface StaticBooleans {
  trueAddress: number;
  falseAddress: number;
}

export function staticBooleans(b: Binaryen, m: BinaryenModule, symbols: RuntimeSymbols): StaticBooleans {
  return {
    trueAddress: constantResult(b, m, symbols, "rt_true"),
    falseAddress: constantResult(b, m, symbols, "rt_false"),
  };
}

function constantResult(b: Binaryen, m: BinaryenModule, symbols: RuntimeSymbols, name: string): number {
  const body = b.getFunctionInfo(m.getFunction(symbols.requireExported(name).internal)).body;
  const info = b.getExpressionInfo(body);
  const value = info.id === b.ConstId && info.type === b.i32 ? (info as ConstInfo).value : undefined;
  if (typeof value !== "number") throw new Error(`runtime.wasm's ${name} does not return a static address`);
  return value;
}
