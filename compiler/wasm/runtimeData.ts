/**
 * The runtime's static data (error messages, tables, static values) that the linked module still
 * needs. binaryen removes unreachable functions, but active data segments are roots to it, so every
 * builtin's messages would stay after its code is gone. Data is addressed by constants, not by name:
 * a segment is kept when a constant or a memory offset in a surviving runtime function or global
 * falls inside it (or at its end), or when a kept segment holds such a pointer as an aligned word
 * (AssemblyScript's static arrays point at their buffers). A constant only compared with, or scaled,
 * masked or shifted, is no address (`x < 10000`, `i * 1000`): comparing a pointer with an address
 * needs no bytes there. This over-approximates — any other number that happens to equal an address
 * keeps that segment — but never drops a segment code can address.
 */
import type { Binaryen, BinaryenModule } from "./binaryen";

export interface Segment {
  offset: number;
  data: Uint8Array;
  passive: boolean;
}

/** The constants each runtime function and global mentions, read once per runtime binary. */
export interface RuntimeConstants {
  byFunction: Map<string, number[]>;
  byGlobal: Map<string, number[]>;
}

const cache = new WeakMap<Uint8Array, RuntimeConstants>();

/** In binaryen's folded text: an opening `(op`, with the number of an `i32.const`, an offset, or a `)`. */
const TOKEN = /\((\S+?)(?: (\d+))?(?=[\s)])|offset=(\d+)|\)/g;

/** Operators whose constant operands are not addresses. */
const NOT_ADDRESS = /^i32\.(?:eq|ne|[lg][te]_[su]|mul|div_[su]|rem_[su]|and|or|xor|shl|shr_[su]|rotl|rotr)$/;

/** The constants of a function body or global init (its folded text) that may be addresses. */
export function constantsIn(text: string): number[] {
  const constants: number[] = [];
  const open: string[] = [];
  for (const [token, op, number, offset] of text.matchAll(TOKEN)) {
    if (token === ")") open.pop();
    else if (offset !== undefined) constants.push(Number(offset));
    else {
      if (op === "i32.const" && number !== undefined && !NOT_ADDRESS.test(open[open.length - 1] ?? "")) {
        constants.push(Number(number));
      }
      open.push(op);
    }
  }
  return constants;
}

/** Must be called on the runtime module as read, before the linker adds anything to it. */
export function runtimeConstants(b: Binaryen, m: BinaryenModule, runtime: Uint8Array): RuntimeConstants {
  const cached = cache.get(runtime);
  if (cached) return cached;
  const byFunction = new Map<string, number[]>();
  for (let i = 0; i < m.getNumFunctions(); i++) {
    const info = b.getFunctionInfo(m.getFunctionByIndex(i));
    if (!info.module && info.body) byFunction.set(info.name, constantsIn(b.emitText(info.body)));
  }
  const byGlobal = new Map<string, number[]>();
  for (let i = 0; i < m.getNumGlobals(); i++) {
    const info = b.getGlobalInfo(m.getGlobalByIndex(i));
    if (!info.module && info.init) byGlobal.set(info.name, constantsIn(b.emitText(info.init)));
  }
  const constants = { byFunction, byGlobal };
  cache.set(runtime, constants);
  return constants;
}

/**
 * The runtime segments still addressed by what is left of the runtime in `m` (after binaryen removed
 * the unreachable functions and globals). Passive segments are kept: they are named, not addressed.
 */
export function liveRuntimeSegments(
  m: BinaryenModule,
  constants: RuntimeConstants,
  segments: Segment[],
): Segment[] {
  const pending: number[] = [];
  for (const [name, values] of constants.byFunction) if (m.getFunction(name) !== 0) pending.push(...values);
  for (const [name, values] of constants.byGlobal) if (m.getGlobal(name) !== 0) pending.push(...values);
  const live = new Set<Segment>(segments.filter((segment) => segment.passive));
  const active = segments.filter((segment) => !segment.passive);
  while (pending.length > 0) {
    const address = pending.pop()!;
    for (const segment of active) {
      if (live.has(segment) || address < segment.offset || address > segment.offset + segment.data.length)
        continue;
      live.add(segment);
      const words = new DataView(segment.data.buffer, segment.data.byteOffset, segment.data.byteLength);
      for (let at = 0; at + 4 <= segment.data.length; at += 4) pending.push(words.getUint32(at, true));
    }
  }
  return segments.filter((segment) => live.has(segment));
}
