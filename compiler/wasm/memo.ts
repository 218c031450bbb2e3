/**
 * Memoization of rules (funcs taking only input and data), as OPA's wasm back end does: a rule is
 * evaluated at most once per evaluation. Validity is an epoch that plan.eval bumps, so nothing has
 * to be cleared between evaluations (the heap reset invalidates cached pointers). Inside `with`
 * blocks input or data differ, so the cache is neither read nor written there.
 *
 * One function serves every memoized rule, so a rule costs a table slot rather than a wrapper
 * function and two globals: `memo.call(slot)` looks up the slot's (epoch, value) entry in a table in
 * static memory and, when it is stale, calls the rule's body through the function table at `slot`.
 */
import type { Binaryen, BinaryenModule, ExpressionRef } from "./binaryen";
import type { StaticData } from "./staticData";

export const MEMO_EPOCH = "memo.epoch";
export const WITH_DEPTH = "memo.with_depth";

const MEMO_CALL = "memo.call";
const RULE_TABLE = "memo.rules";
/** Bytes of one entry: the epoch it was written in, then the value (0 for undefined). */
const ENTRY_SIZE = 8;

export class RuleMemo {
  private readonly bodies: string[] = [];

  constructor(
    private readonly b: Binaryen,
    private readonly m: BinaryenModule,
  ) {
    m.addGlobal(MEMO_EPOCH, b.i32, true, m.i32.const(0));
    m.addGlobal(WITH_DEPTH, b.i32, true, m.i32.const(0));
  }

  /** Registers the function `body` (no params, result i32) as a memoized rule; returns its slot. */
  add(body: string): number {
    this.bodies.push(body);
    return this.bodies.length - 1;
  }

  /** The memoized rule's value in the current evaluation. */
  call(slot: number): ExpressionRef {
    return this.m.call(MEMO_CALL, [this.m.i32.const(slot)], this.b.i32);
  }

  /**
   * Adds the function table of rule bodies and `memo.call`, with its entries in `data`: zero bytes,
   * which the module does not ship (its memory starts zeroed), so every entry starts stale.
   */
  install(data: StaticData): void {
    if (this.bodies.length === 0) return;
    const { m, b } = this;
    if (m.getNumTables() > 0)
      throw new Error("runtime.wasm has a table: the rule memo expects to add the only one");
    m.addTable(RULE_TABLE, this.bodies.length, this.bodies.length);
    m.addActiveElementSegment(RULE_TABLE, RULE_TABLE, this.bodies, m.i32.const(0));
    const entries = data.reserve(this.bodies.length * ENTRY_SIZE);
    const [slot, entry, value] = [0, 1, 2];
    const get = (local: number) => m.local.get(local, b.i32);
    const epoch = () => m.global.get(MEMO_EPOCH, b.i32);
    const body = () => m.call_indirect(RULE_TABLE, get(slot), [], b.none, b.i32);
    m.addFunction(
      MEMO_CALL,
      b.i32,
      b.i32,
      [b.i32, b.i32],
      m.block(
        null,
        [
          m.if(m.global.get(WITH_DEPTH, b.i32), m.return(body())),
          m.local.set(entry, m.i32.add(m.i32.const(entries), m.i32.mul(get(slot), m.i32.const(ENTRY_SIZE)))),
          m.if(m.i32.eq(m.i32.load(0, 4, get(entry)), epoch()), m.return(m.i32.load(4, 4, get(entry)))),
          m.local.set(value, body()),
          m.i32.store(0, 4, get(entry), epoch()),
          m.i32.store(4, 4, get(entry), get(value)),
          get(value),
        ],
        b.i32,
      ),
    );
  }
}
