/**
 * Memoization of rules (funcs taking only input and data), as OPA's wasm back end does: a rule is
 * evaluated at most once per evaluation. Validity is an epoch that plan.eval bumps, so nothing has
 * to be cleared between evaluations (the heap reset invalidates cached pointers). Inside `with`
 * blocks input or data differ, so the cache is neither read nor written there.
 */
import type { Binaryen, BinaryenModule } from "./binaryen";

export const MEMO_EPOCH = "memo.epoch";
export const WITH_DEPTH = "memo.with_depth";

export function addMemoGlobals(b: Binaryen, m: BinaryenModule): void {
  m.addGlobal(MEMO_EPOCH, b.i32, true, m.i32.const(0));
  m.addGlobal(WITH_DEPTH, b.i32, true, m.i32.const(0));
}

/** Defines `name(input, data)` as a memoizing wrapper around the already defined `body`. */
export function addMemoizedRule(
  b: Binaryen,
  m: BinaryenModule,
  name: string,
  body: string,
  slot: number,
): void {
  const value = `memo.value.${slot}`;
  const epoch = `memo.epoch.${slot}`;
  m.addGlobal(value, b.i32, true, m.i32.const(0));
  m.addGlobal(epoch, b.i32, true, m.i32.const(0));
  const get = (global: string) => m.global.get(global, b.i32);
  const outsideWith = () => m.i32.eqz(get(WITH_DEPTH));
  const result = 2;
  m.addFunction(
    name,
    b.createType([b.i32, b.i32]),
    b.i32,
    [b.i32],
    m.block(
      null,
      [
        m.if(m.i32.and(outsideWith(), m.i32.eq(get(epoch), get(MEMO_EPOCH))), m.return(get(value))),
        m.local.set(result, m.call(body, [m.local.get(0, b.i32), m.local.get(1, b.i32)], b.i32)),
        m.if(
          outsideWith(),
          m.block(null, [
            m.global.set(value, m.local.get(result, b.i32)),
            m.global.set(epoch, get(MEMO_EPOCH)),
          ]),
        ),
        m.local.get(result, b.i32),
      ],
      b.i32,
    ),
  );
}
