/**
 * The numbers each function body of a wasm binary may use as a memory address: the non-negative
 * `i32.const` values and the non-zero offsets of loads and stores (what binaryen's text shows as
 * `i32.const N` and `offset=N`). Read straight from the code section: printing the runtime's
 * functions as text and searching that took about 300 ms per process, this a few milliseconds.
 *
 * The decoder knows the instructions of the features the back end enables (the MVP, sign
 * extension, non-trapping float-to-int, bulk memory, exception handling, reference types); any
 * other opcode is an error, never skipped, since a misread immediate would misread everything after.
 */

const CODE_SECTION = 10;

/** The constants of each function body, in code section order (defined functions, imports excluded). */
export function functionBodyConstants(wasm: Uint8Array): number[][] {
  const reader = new Reader(wasm);
  reader.offset = 8; // magic and version
  while (!reader.done()) {
    const id = reader.byte();
    const size = reader.u32();
    const end = reader.offset + size;
    if (id === CODE_SECTION) {
      const bodies: number[][] = [];
      for (let count = reader.u32(); count > 0; count--) {
        const bodySize = reader.u32();
        const bodyEnd = reader.offset + bodySize;
        bodies.push(bodyConstants(reader, bodyEnd));
        reader.offset = bodyEnd;
      }
      return bodies;
    }
    reader.offset = end;
  }
  return [];
}

function bodyConstants(reader: Reader, end: number): number[] {
  for (let groups = reader.u32(); groups > 0; groups--) {
    reader.u32(); // how many locals
    reader.valueType();
  }
  const found: number[] = [];
  while (reader.offset < end) {
    const opcode = reader.byte();
    if (opcode === 0x41) {
      const value = reader.s32();
      if (value >= 0 && !consumedAsNumber(reader.peek())) found.push(value);
    } else if (opcode >= 0x28 && opcode <= 0x3e) {
      const offset = reader.memarg();
      if (offset !== 0) found.push(offset);
    } else {
      skipImmediates(reader, opcode);
    }
  }
  return found;
}

/**
 * Whether the instruction right after an i32.const treats it as a plain number: a comparison (`x < 10000`),
 * a product, quotient or remainder, a bitwise operation or a shift. A constant such an instruction takes
 * as its second operand addresses nothing; one it takes first is not next to it and stays counted.
 */
function consumedAsNumber(opcode: number | undefined): boolean {
  if (opcode === undefined) return false;
  const comparison = opcode >= 0x46 && opcode <= 0x4f; // i32.eq … i32.ge_u
  const arithmetic = opcode >= 0x6c && opcode <= 0x78; // i32.mul … i32.rotr
  return comparison || arithmetic;
}

function skipImmediates(reader: Reader, opcode: number): void {
  switch (opcode) {
    case 0x00: // unreachable
    case 0x01: // nop
    case 0x05: // else
    case 0x0a: // throw_ref
    case 0x0b: // end
    case 0x0f: // return
    case 0x19: // catch_all
    case 0x1a: // drop
    case 0x1b: // select
    case 0xd1: // ref.is_null
      return;
    case 0x02: // block
    case 0x03: // loop
    case 0x04: // if
    case 0x06: // try
      return reader.blockType();
    case 0x07: // catch
    case 0x08: // throw
    case 0x09: // rethrow
    case 0x0c: // br
    case 0x0d: // br_if
    case 0x10: // call
    case 0x12: // return_call
    case 0x18: // delegate
    case 0x20: // local.get
    case 0x21: // local.set
    case 0x22: // local.tee
    case 0x23: // global.get
    case 0x24: // global.set
    case 0x25: // table.get
    case 0x26: // table.set
    case 0x3f: // memory.size
    case 0x40: // memory.grow
    case 0xd2: // ref.func
      reader.u32();
      return;
    case 0x0e: // br_table: the targets, then the default
      for (let targets = reader.u32(); targets > 0; targets--) reader.u32();
      reader.u32();
      return;
    case 0x11: // call_indirect: type, table
    case 0x13: // return_call_indirect
      reader.u32();
      reader.u32();
      return;
    case 0x1c: // select with its types
      for (let types = reader.u32(); types > 0; types--) reader.valueType();
      return;
    case 0x1f: // try_table: block type, then each catch clause
      reader.blockType();
      for (let clauses = reader.u32(); clauses > 0; clauses--) {
        const kind = reader.byte();
        if (kind === 0x00 || kind === 0x01) reader.u32(); // the tag of catch and catch_ref
        reader.u32(); // the label
      }
      return;
    case 0x42: // i64.const
      reader.s64();
      return;
    case 0x43: // f32.const
      reader.offset += 4;
      return;
    case 0x44: // f64.const
      reader.offset += 8;
      return;
    case 0xd0: // ref.null
      reader.heapType();
      return;
    case 0xfc:
      return skipPrefixed(reader, reader.u32());
    default:
      // Numeric instructions take no immediates: MVP comparisons and arithmetic, sign extension.
      if (opcode >= 0x45 && opcode <= 0xc4) return;
      throw new Error(`wasm decoder: unknown opcode 0x${opcode.toString(16)} at ${reader.offset - 1}`);
  }
}

/** The 0xFC instructions: non-trapping float-to-int, bulk memory and table operations. */
function skipPrefixed(reader: Reader, op: number): void {
  if (op <= 7) return; // trunc_sat
  const immediates: Record<number, number> = {
    8: 2, // memory.init: data segment, memory
    9: 1, // data.drop
    10: 2, // memory.copy: two memories
    11: 1, // memory.fill
    12: 2, // table.init
    13: 1, // elem.drop
    14: 2, // table.copy
    15: 1, // table.grow
    16: 1, // table.size
    17: 1, // table.fill
  };
  const count = immediates[op];
  if (count === undefined) throw new Error(`wasm decoder: unknown opcode 0xfc ${op}`);
  for (let i = 0; i < count; i++) reader.u32();
}

class Reader {
  offset = 0;

  constructor(private readonly bytes: Uint8Array) {}

  done(): boolean {
    return this.offset >= this.bytes.length;
  }

  /** The next byte, not consumed; undefined at the end. */
  peek(): number | undefined {
    return this.bytes[this.offset];
  }

  byte(): number {
    if (this.offset >= this.bytes.length) throw new Error("wasm decoder: unexpected end of the binary");
    return this.bytes[this.offset++];
  }

  u32(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      const byte = this.byte();
      result += (byte & 0x7f) * 2 ** shift;
      shift += 7;
      if ((byte & 0x80) === 0) return result;
    }
  }

  s32(): number {
    let result = 0;
    let shift = 0;
    let byte: number;
    do {
      byte = this.byte();
      result |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80);
    // Sign-extend from the last byte read; at 35 bits the value is complete.
    if (shift < 32 && byte & 0x40) result |= -1 << shift;
    return result;
  }

  s64(): void {
    while (this.byte() & 0x80);
  }

  /** The alignment (with the memory index when bit 6 says one follows), then the offset. */
  memarg(): number {
    const align = this.u32();
    if (align & 0x40) this.u32();
    return this.u32();
  }

  /** Empty (0x40), one value type, or a type index (a positive signed LEB128). */
  blockType(): void {
    const first = this.bytes[this.offset];
    if (first === 0x40 || isValueType(first)) this.offset++;
    else this.s64();
  }

  valueType(): void {
    const type = this.byte();
    if (!isValueType(type)) throw new Error(`wasm decoder: unknown value type 0x${type.toString(16)}`);
  }

  heapType(): void {
    this.s64();
  }
}

/** i32, i64, f32, f64, v128, funcref, externref, exnref. */
function isValueType(byte: number): boolean {
  return (byte >= 0x7b && byte <= 0x7f) || byte === 0x70 || byte === 0x6f || byte === 0x69;
}
