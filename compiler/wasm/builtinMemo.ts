/**
 * Builtins whose value OPA fixes for one evaluation: `time.now_ns` is the query's start time, and
 * `uuid.rfc4122` and `rand.intn` are cached by their arguments in the query's builtin cache, so two
 * calls with the same arguments in one evaluation agree. These are host builtins, and the SDK never
 * tells the host when an evaluation starts, so the compiled module keeps the cache: per builtin, an
 * object from the call's argument array to its value, valid while the memo epoch is the one
 * plan.eval set (the heap is reset between evaluations, the epoch says the object is gone). An
 * undefined value (an error) is not kept: the next call tries again.
 */
import type { Binaryen, BinaryenModule } from "./binaryen";
import { MEMO_EPOCH } from "./memo";
import type { RuntimeSymbols } from "./runtimeSymbols";

export const PER_EVALUATION_BUILTINS: ReadonlySet<string> = new Set([
  "time.now_ns",
  "uuid.rfc4122",
  "rand.intn",
]);

/**
 * Defines `wasmName(args...)`, which answers from this evaluation's cache or calls `callee` (the
 * builtin's guarded call) and keeps its value.
 */
export function addBuiltinMemo(
  b: Binaryen,
  m: BinaryenModule,
  symbols: RuntimeSymbols,
  wasmName: string,
  arity: number,
  callee: string,
): void {
  const cache = `${wasmName}.cache`;
  const epoch = `${wasmName}.epoch`;
  m.addGlobal(cache, b.i32, true, m.i32.const(0));
  m.addGlobal(epoch, b.i32, true, m.i32.const(0));
  const runtime = (name: string) => symbols.requireExported(name).internal;
  const param = (i: number) => m.local.get(i, b.i32);
  const key = arity;
  const value = arity + 1;
  const body = m.block(
    null,
    [
      m.if(
        m.i32.ne(m.global.get(epoch, b.i32), m.global.get(MEMO_EPOCH, b.i32)),
        m.block(null, [
          m.global.set(cache, m.call(runtime("rt_object_new"), [], b.i32)),
          m.global.set(epoch, m.global.get(MEMO_EPOCH, b.i32)),
        ]),
      ),
      m.local.set(key, m.call(runtime("rt_array_new"), [m.i32.const(arity)], b.i32)),
      ...Array.from({ length: arity }, (_, i) =>
        m.call(runtime("rt_array_append"), [m.local.get(key, b.i32), param(i)], b.none),
      ),
      m.local.set(
        value,
        m.call(runtime("rt_dot"), [m.global.get(cache, b.i32), m.local.get(key, b.i32)], b.i32),
      ),
      m.if(m.local.get(value, b.i32), m.return(m.local.get(value, b.i32))),
      m.local.set(
        value,
        m.call(
          callee,
          Array.from({ length: arity }, (_, i) => param(i)),
          b.i32,
        ),
      ),
      m.if(
        m.local.get(value, b.i32),
        m.call(
          runtime("rt_object_insert"),
          [m.global.get(cache, b.i32), m.local.get(key, b.i32), m.local.get(value, b.i32)],
          b.none,
        ),
      ),
      m.local.get(value, b.i32),
    ],
    b.i32,
  );
  m.addFunction(wasmName, b.createType(new Array<number>(arity).fill(b.i32)), b.i32, [b.i32, b.i32], body);
}
