/**
 * Values of the plan's string constants and number literals, made once per module instance.
 *
 * The module's start function makes them, before the SDK records its base heap pointer, so the values
 * sit below every heap reset and survive all evaluations. Values are immutable once shared, so every
 * use may share one.
 *
 * Strings are many, so they cost the least per value: their bytes lie back to back in the static
 * data with a table of their lengths (LEB128), and one loop writes each string value, in the
 * runtime's layout (value.ts: tag, byte length, bytes pointer), into its slot of static memory
 * reserved before anything else, so its address is known at every use. A string used often is read
 * from a global holding that address; one used a few times is the address itself. Numbers are globals set
 * by one rt_number_ref call each, the runtime's parse of the literal.
 */
import type { Block, Policy } from "../plan/ir";
import type { Binaryen, BinaryenModule, ExpressionRef } from "./binaryen";
import { allStmts } from "./irWalk";
import type { StaticData } from "./staticData";

type Runtime = (name: string, args: ExpressionRef[]) => ExpressionRef;

/** value.ts's string: [tag u32][byte length u32][bytes pointer u32], in an 8-aligned block. */
const T_STRING = 3;
const STRING_SLOT = 16;

/**
 * Uses from which a string is cheaper read from a global than written as its address (global.get
 * is 2 or 3 bytes, i32.const of an address 4, a global 7): the best threshold on the pack's module.
 */
const GLOBAL_FROM_USES = 6;

/** Locals of the start function: the string loop's cursors, length and LEB128 state. */
const STRING_LOOP_LOCALS = 6;

const encoder = new TextEncoder();

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((size, part) => size + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Unsigned LEB128: seven bits a byte, low first, the high bit set on all but the last. */
function leb128(value: number): Uint8Array {
  const out: number[] = [];
  do {
    const low = value & 0x7f;
    value >>>= 7;
    out.push(value === 0 ? low : low | 0x80);
  } while (value !== 0);
  return Uint8Array.from(out);
}

export class StaticValues {
  /** Slot addresses of the strings used so far, in slot order. */
  private readonly strings = new Map<string, number>();
  private readonly stringGlobals = new Map<string, string>();
  private readonly numbers = new Map<string, string>();
  private readonly slots: number;

  /** `uses`: how often emission may ask for each string (string() throws for any other). */
  constructor(
    private readonly b: Binaryen,
    private readonly m: BinaryenModule,
    private readonly runtime: Runtime,
    data: StaticData,
    private readonly uses: Map<string, number>,
  ) {
    this.slots = data.reserve(uses.size * STRING_SLOT);
  }

  string(text: string): ExpressionRef {
    const { m, b } = this;
    const uses = this.uses.get(text);
    if (uses === undefined) throw new Error(`internal: string ${JSON.stringify(text)} was not counted`);
    let slot = this.strings.get(text);
    if (slot === undefined) {
      slot = this.slots + this.strings.size * STRING_SLOT;
      this.strings.set(text, slot);
      if (uses >= GLOBAL_FROM_USES) {
        const name = `static.string.${this.stringGlobals.size}`;
        // Mutable though never set: binaryen would write an immutable global's value at every use.
        m.addGlobal(name, b.i32, true, m.i32.const(slot));
        this.stringGlobals.set(text, name);
      }
    }
    const global = this.stringGlobals.get(text);
    return global ? m.global.get(global, b.i32) : m.i32.const(slot);
  }

  /** A number from its literal text, kept at full precision by rt_number_ref. */
  number(literal: string): ExpressionRef {
    let name = this.numbers.get(literal);
    if (name === undefined) {
      name = `static.number.${this.numbers.size}`;
      this.m.addGlobal(name, this.b.i32, true, this.m.i32.const(0));
      this.numbers.set(literal, name);
    }
    return this.m.global.get(name, this.b.i32);
  }

  /**
   * Places the bytes of every value in `data` and makes the start function create the values,
   * after the runtime's own start function if it has one.
   */
  install(data: StaticData): void {
    const { m, b } = this;
    const body: ExpressionRef[] = [];
    const previousStart = m.getStart();
    if (previousStart) body.push(m.call(b.getFunctionInfo(previousStart).name, [], b.none));
    if (this.strings.size > 0) body.push(this.makeStrings(data));
    for (const [literal, global] of this.numbers) {
      const bytes = data.utf8(literal);
      body.push(
        m.global.set(global, this.runtime("rt_number_ref", [m.i32.const(bytes.ptr), m.i32.const(bytes.len)])),
      );
    }
    if (body.length === 0) return;
    const locals = new Array<number>(STRING_LOOP_LOCALS).fill(b.i32);
    const start = m.addFunction("static.init", b.none, b.none, locals, m.block(null, body));
    m.setStart(start);
  }

  /** The loop that fills the slots of the strings used. */
  private makeStrings(data: StaticData): ExpressionRef {
    const { m, b } = this;
    const texts = [...this.strings.keys()].map((text) => encoder.encode(text));
    const bytes = data.append(concat(texts));
    const table = concat(texts.map((text) => leb128(text.length)));
    const lengths = data.append(table);
    const [cursor, next, slot, length, byte, shift] = [0, 1, 2, 3, 4, 5];
    const get = (local: number) => m.local.get(local, b.i32);
    const add = (local: number, value: ExpressionRef) => m.local.set(local, m.i32.add(get(local), value));
    return m.block(null, [
      m.local.set(cursor, m.i32.const(lengths)),
      m.local.set(next, m.i32.const(bytes)),
      m.local.set(slot, m.i32.const(this.slots)),
      m.loop(
        "static.strings",
        m.block(null, [
          m.local.set(length, m.i32.const(0)),
          m.local.set(shift, m.i32.const(0)),
          m.loop(
            "static.length",
            m.block(null, [
              m.local.set(byte, m.i32.load8_u(0, 1, get(cursor))),
              add(cursor, m.i32.const(1)),
              m.local.set(
                length,
                m.i32.or(get(length), m.i32.shl(m.i32.and(get(byte), m.i32.const(0x7f)), get(shift))),
              ),
              add(shift, m.i32.const(7)),
              m.br("static.length", m.i32.and(get(byte), m.i32.const(0x80))),
            ]),
          ),
          m.i32.store(0, 4, get(slot), m.i32.const(T_STRING)),
          m.i32.store(4, 4, get(slot), get(length)),
          m.i32.store(8, 4, get(slot), get(next)),
          add(next, get(length)),
          add(slot, m.i32.const(STRING_SLOT)),
          m.br("static.strings", m.i32.lt_u(get(cursor), m.i32.const(lengths + table.length))),
        ]),
      ),
    ]);
  }
}

/**
 * How often emission may ask for each string value: string operands, `with` path segments, and
 * the path segments of funcs (which CallDynamicStmt compares with).
 */
export function stringUses(policy: Policy): Map<string, number> {
  const uses = new Map<string, number>();
  const use = (text: string | undefined) => {
    if (text === undefined) throw new Error("internal: a string index outside static.strings");
    uses.set(text, (uses.get(text) ?? 0) + 1);
  };
  const strings = policy.static.strings.map((s) => s.value);
  const funcs = policy.funcs?.funcs ?? [];
  const blocks: Block[] = [
    ...funcs.flatMap((func) => func.blocks),
    ...policy.plans.plans.flatMap((plan) => plan.blocks),
  ];
  for (const stmt of allStmts(blocks)) {
    for (const value of Object.values(stmt.stmt)) {
      for (const operand of Array.isArray(value) ? value : [value]) {
        if (isStringOperand(operand)) use(strings[operand.value]);
      }
    }
    if (stmt.type === "WithStmt") for (const index of stmt.stmt.path ?? []) use(strings[index]);
  }
  for (const func of funcs) for (const segment of func.path ?? []) use(segment);
  return uses;
}

function isStringOperand(value: unknown): value is { type: "string_index"; value: number } {
  return typeof value === "object" && value !== null && (value as { type?: unknown }).type === "string_index";
}
