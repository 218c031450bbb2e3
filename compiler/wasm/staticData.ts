/**
 * The plan's static data: UTF-8 bytes of strings and number literals, laid out in one data segment
 * placed after the runtime's own data. The first free byte after it becomes `plan.heap_start`.
 */
const encoder = new TextEncoder();

export interface Bytes {
  ptr: number;
  len: number;
}

export class StaticData {
  private readonly chunks: Uint8Array[] = [];
  private readonly placed = new Map<string, Bytes>();
  private size = 0;

  constructor(readonly base: number) {}

  /** Address and length of `text` as UTF-8; equal texts share one copy. */
  utf8(text: string): Bytes {
    return this.place(`u:${text}`, encoder.encode(text));
  }

  /** Address of `text` as a NUL-terminated UTF-8 string, the form opa_abort expects. */
  cString(text: string): number {
    const bytes = encoder.encode(text);
    const terminated = new Uint8Array(bytes.length + 1);
    terminated.set(bytes);
    return this.place(`c:${text}`, terminated).ptr;
  }

  /** Address of `bytes`, placed as they are (shared with nothing). */
  append(bytes: Uint8Array): number {
    const ptr = this.base + this.size;
    this.chunks.push(bytes);
    this.size += bytes.length;
    return ptr;
  }

  /**
   * Address of `size` zero bytes, 8-aligned, for state kept across evaluations below the heap. They
   * cost nothing in the module: zero bytes are left out of its data.
   */
  reserve(size: number): number {
    const padding = alignTo8(this.base + this.size) - (this.base + this.size);
    this.chunks.push(new Uint8Array(padding + size));
    this.size += padding + size;
    return this.base + this.size - size;
  }

  /** All placed bytes, contiguous from `base`. */
  bytes(): Uint8Array {
    const out = new Uint8Array(this.size);
    let offset = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, offset);
      offset += chunk.length;
    }
    return out;
  }

  /** First 8-aligned address after the static data: where the heap may start. */
  end(): number {
    return alignTo8(this.base + this.size);
  }

  private place(key: string, bytes: Uint8Array): Bytes {
    const known = this.placed.get(key);
    if (known) return known;
    const placed = { ptr: this.base + this.size, len: bytes.length };
    this.chunks.push(bytes);
    this.size += bytes.length;
    this.placed.set(key, placed);
    return placed;
  }
}

export function alignTo8(address: number): number {
  return (address + 7) & ~7;
}
