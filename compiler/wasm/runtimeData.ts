/**
 * The runtime's static data (error messages, tables, static values) that the linked module still
 * needs. binaryen removes unreachable functions, but active data segments are roots to it, so every
 * builtin's messages would stay after its code is gone. Data is addressed by constants, not by name:
 * a segment is kept when a constant or a memory offset in the linked module's code or globals
 * falls inside it (or at its end), or when a kept segment holds such a pointer as an aligned word
 * (AssemblyScript's static arrays point at their buffers). A constant an i32 comparison, product,
 * quotient, mask or shift consumes at once is no address (`x < 10000`, `i * 1000`): comparing a
 * pointer with an address needs no bytes there (`codeConstants.ts`). This over-approximates — any
 * other number that happens to equal an address keeps that segment — but never drops a segment code
 * can address.
 */
import type { Binaryen, BinaryenModule } from "./binaryen";
import { functionBodyConstants } from "./codeConstants";

export interface Segment {
  offset: number;
  data: Uint8Array;
  passive: boolean;
}

const NUMBER = /(?:i32\.const |offset=)(\d+)/g;

/**
 * The numbers the linked module's code and globals may use as addresses, read from the module as it
 * is after optimization: what binaryen removed (unreachable code, the arguments of the silenced
 * message builders, builtinMessages.ts) no longer keeps data alive.
 */
export function linkedConstants(b: Binaryen, m: BinaryenModule): number[] {
  const found = functionBodyConstants(m.emitBinary()).flat();
  for (let i = 0; i < m.getNumGlobals(); i++) {
    const info = b.getGlobalInfo(m.getGlobalByIndex(i));
    if (info.module || !info.init) continue;
    const init = b.getExpressionInfo(info.init);
    // Almost every initializer is one i32.const; print only the others.
    if (init.id === b.ConstId && init.type === b.i32)
      found.push((init as unknown as { value: number }).value);
    else found.push(...[...b.emitText(info.init).matchAll(NUMBER)].map((match) => Number(match[1])));
  }
  return found.filter((value) => value >= 0);
}

/**
 * The runtime segments still addressed by `constants` (linkedConstants, after binaryen removed the
 * unreachable functions and globals). Passive segments are kept: they are named, not addressed.
 * `generatedAddresses` are runtime data the generated code addresses directly (the static booleans).
 */
export function liveRuntimeSegments(
  constants: number[],
  segments: Segment[],
  generatedAddresses: number[] = [],
): Segment[] {
  const pending: number[] = [...generatedAddresses, ...constants];
  const live = new Set<Segment>(segments.filter((segment) => segment.passive));
  const active = new ActiveSegments(segments.filter((segment) => !segment.passive));
  const seen = new Set<number>();
  while (pending.length > 0) {
    const address = pending.pop()!;
    if (seen.has(address)) continue;
    seen.add(address);
    for (const segment of active.containing(address)) {
      if (live.has(segment)) continue;
      live.add(segment);
      const words = new DataView(segment.data.buffer, segment.data.byteOffset, segment.data.byteLength);
      for (let at = 0; at + 4 <= segment.data.length; at += 4) pending.push(words.getUint32(at, true));
    }
  }
  return segments.filter((segment) => live.has(segment));
}

/**
 * The active segments sorted by offset, to find those an address falls in (or at the end of) by
 * binary search: the runtime has hundreds of segments and the scan tens of thousands of candidate
 * addresses, and comparing each address with every segment was most of the scan's time.
 */
class ActiveSegments {
  private readonly sorted: Segment[];
  /** The largest segment end among sorted[0..i], so the search back stops as soon as none can reach. */
  private readonly reach: number[] = [];

  constructor(segments: Segment[]) {
    this.sorted = [...segments].sort((a, b) => a.offset - b.offset);
    let reach = -1;
    for (const segment of this.sorted) {
      reach = Math.max(reach, segment.offset + segment.data.length);
      this.reach.push(reach);
    }
  }

  containing(address: number): Segment[] {
    // The last segment starting at or before the address, then back while one may still reach it.
    let low = 0;
    let high = this.sorted.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.sorted[middle].offset <= address) low = middle + 1;
      else high = middle;
    }
    const found: Segment[] = [];
    for (let i = low - 1; i >= 0 && this.reach[i] >= address; i--) {
      const segment = this.sorted[i];
      if (address <= segment.offset + segment.data.length) found.push(segment);
    }
    return found;
  }
}
