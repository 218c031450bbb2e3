/**
 * The limits of the memory a Wasm module imports, read from its import section. The SDK creates the memory
 * the module imports; an instance whose memory starts below the module's declared minimum fails to link, and
 * OPA's module declares a different minimum from ours. WebAssembly.Module.imports() names the import but
 * not its limits (the type reflection proposal is not in Node 20), so the section is parsed here.
 */

export interface MemoryLimits {
  /** 64 KiB pages. */
  minimum: number;
  maximum?: number;
}

const importSectionId = 2;
const externalKinds = { function: 0, table: 1, memory: 2, global: 3, tag: 4 };

/** A cursor over the module's bytes. */
class Reader {
  constructor(
    private readonly bytes: Uint8Array,
    public offset = 0,
  ) {}

  byte(): number {
    if (this.offset >= this.bytes.length) throw new Error("the module ends inside its import section");
    return this.bytes[this.offset++];
  }

  /** Unsigned LEB128; memory64 limits need more than 32 bits, so the value is built as a double. */
  unsigned(): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      const next = this.byte();
      value += (next & 0x7f) * scale;
      if ((next & 0x80) === 0) return value;
      scale *= 128;
    }
  }

  skipName(): void {
    const length = this.unsigned(); // read first: `offset += unsigned()` would add to the offset before it
    this.offset += length;
  }

  limits(): MemoryLimits {
    const flags = this.byte();
    const minimum = this.unsigned();
    return flags & 1 ? { minimum, maximum: this.unsigned() } : { minimum };
  }
}

/** The limits of the memory `wasm` imports; an error when it imports none (the SDK could not run it). */
export function importedMemoryLimits(wasm: Uint8Array): MemoryLimits {
  const reader = new Reader(wasm, 8); // after the magic number and the version
  while (reader.offset < wasm.length) {
    const id = reader.byte();
    const size = reader.unsigned();
    const end = reader.offset + size;
    if (id !== importSectionId) {
      reader.offset = end;
      continue;
    }
    for (let remaining = reader.unsigned(); remaining > 0; remaining--) {
      reader.skipName(); // module
      reader.skipName(); // field
      const kind = reader.byte();
      if (kind === externalKinds.memory) return reader.limits();
      if (kind === externalKinds.function) reader.unsigned();
      else if (kind === externalKinds.table) {
        reader.byte(); // element type
        reader.limits();
      } else if (kind === externalKinds.global)
        reader.offset += 2; // value type, mutability
      else if (kind === externalKinds.tag) {
        reader.byte(); // attribute
        reader.unsigned();
      } else throw new Error(`unknown import kind ${kind} at byte ${reader.offset - 1}`);
    }
    break;
  }
  throw new Error("the module imports no memory");
}
