/**
 * Values of the plan's string constants and number literals, made once per module instance.
 *
 * Each is held in an i32 global, filled by the module's start function, which runs before the SDK
 * records its base heap pointer, so the values sit below every heap reset and survive all
 * evaluations. Values are immutable once shared, so every use may share one.
 *
 * Strings are many, so they cost the least per value: their bytes lie back to back in the static
 * data with a table of their lengths (LEB128), and one loop writes each string value, in the
 * runtime's layout (value.ts: tag, byte length, bytes pointer), into a slot of reserved static memory
 * whose address its global holds from the start. Numbers keep one rt_number_ref call each, the
 * runtime's parse of the literal.
 */
import type { Binaryen, BinaryenModule, ExpressionRef } from "./binaryen";
import type { StaticData } from "./staticData";

type Runtime = (name: string, args: ExpressionRef[]) => ExpressionRef;

/** value.ts's string: [tag u32][byte length u32][bytes pointer u32], in an 8-aligned block. */
const T_STRING = 3;
const STRING_SLOT = 16;

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
  private readonly strings = new Map<string, string>();
  private readonly numbers = new Map<string, string>();

  constructor(
    private readonly b: Binaryen,
    private readonly m: BinaryenModule,
    private readonly runtime: Runtime,
  ) {}

  string(text: string): ExpressionRef {
    return this.global(this.strings, "static.string", text);
  }

  /** A number from its literal text, kept at full precision by rt_number_ref. */
  number(literal: string): ExpressionRef {
    return this.global(this.numbers, "static.number", literal);
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

  /** Points each string's global at its slot and returns the loop that fills the slots. */
  private makeStrings(data: StaticData): ExpressionRef {
    const { m, b } = this;
    const texts = [...this.strings.keys()].map((text) => encoder.encode(text));
    const slots = data.reserve(texts.length * STRING_SLOT);
    [...this.strings.values()].forEach((global, index) => {
      m.removeGlobal(global);
      m.addGlobal(global, b.i32, true, m.i32.const(slots + index * STRING_SLOT));
    });
    const bytes = data.append(concat(texts));
    const table = concat(texts.map((text) => leb128(text.length)));
    const lengths = data.append(table);
    const [cursor, next, slot, length, byte, shift] = [0, 1, 2, 3, 4, 5];
    const get = (local: number) => m.local.get(local, b.i32);
    const add = (local: number, value: ExpressionRef) => m.local.set(local, m.i32.add(get(local), value));
    return m.block(null, [
      m.local.set(cursor, m.i32.const(lengths)),
      m.local.set(next, m.i32.const(bytes)),
      m.local.set(slot, m.i32.const(slots)),
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

  private global(globals: Map<string, string>, prefix: string, text: string): ExpressionRef {
    let name = globals.get(text);
    if (name === undefined) {
      name = `${prefix}.${globals.size}`;
      this.m.addGlobal(name, this.b.i32, true, this.m.i32.const(0));
      globals.set(text, name);
    }
    return this.m.global.get(name, this.b.i32);
  }
}
