/**
 * Test harness: instantiates runtime.wasm on its own, with the `plan.*` imports supplied from
 * JavaScript, and wraps the exports in text-in/text-out helpers (values are written in Rego syntax,
 * read back with opa_value_dump) so table-driven tests stay short.
 */
import { runtimeWasm } from "../build";

export interface PlanImports {
  eval?: (entrypoint: number, input: number, data: number) => number;
  entrypoints?: () => number;
  builtins?: () => number;
}

export interface Runtime {
  exports: Record<string, (...args: never[]) => unknown>;
  memory: WebAssembly.Memory;
  heapStart: number;
  /** Parses Rego-syntax text (JSON plus sets) into a value address; 0 when malformed. */
  value(text: string): number;
  /** Parses JSON text with opa_json_parse. */
  json(text: string): number;
  /** opa_json_dump of a value, as text. */
  dumpJson(addr: number): string;
  /** opa_value_dump of a value, as text ("undefined" for address 0). */
  dump(addr: number): string;
  /** Copies UTF-8 bytes of `text` to the heap; returns [address, byte length]. */
  write(text: string): [number, number];
  readCString(addr: number): string;
  /** Calls an export with Rego-syntax arguments; the result dumped in Rego syntax, or "undefined". */
  call(name: string, ...args: string[]): string;
}

/** Initial pages of the imported memory, read from the binary's import section. The static data
 *  lies within them, so a bare runtime's heap can start right after. */
function initialPages(binary: Uint8Array): number {
  let pos = 8;
  const leb = (): number => {
    let result = 0;
    let shift = 0;
    for (;;) {
      const byte = binary[pos++];
      result |= (byte & 0x7f) << shift;
      if (byte < 0x80) return result >>> 0;
      shift += 7;
    }
  };
  const name = () => {
    const len = leb();
    pos += len;
  };
  while (pos < binary.length) {
    const id = binary[pos++];
    const size = leb();
    const next = pos + size;
    if (id === 2) {
      for (let count = leb(); count > 0; count--) {
        name();
        name();
        const kind = binary[pos++];
        if (kind === 0) leb();
        else if (kind === 1) {
          pos++; // element type
          const hasMax = leb() & 1;
          leb();
          if (hasMax) leb();
        } else if (kind === 2) {
          leb(); // limits flags
          return leb();
        } else pos += 2; // global: value type, mutability
      }
    }
    pos = next;
  }
  throw new Error("runtime.wasm imports no memory");
}

let cached: { module: WebAssembly.Module; pages: number } | undefined;

export async function loadRuntime(plan: PlanImports = {}): Promise<Runtime> {
  if (!cached) {
    const binary = await runtimeWasm();
    cached = { module: new WebAssembly.Module(binary), pages: initialPages(binary) };
  }
  const memory = new WebAssembly.Memory({ initial: 5 });
  const heapStart = cached.pages * 65536;
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  const readCString = (addr: number): string => {
    const bytes = new Uint8Array(memory.buffer);
    let end = addr;
    while (bytes[end] !== 0) end++;
    return decoder.decode(bytes.subarray(addr, end));
  };
  const instance = new WebAssembly.Instance(cached.module, {
    env: {
      memory,
      opa_abort: (addr: number) => {
        throw new Error(readCString(addr));
      },
      opa_println: (addr: number) => console.log(readCString(addr)),
    },
    plan: {
      eval: plan.eval ?? (() => 0),
      entrypoints: plan.entrypoints ?? (() => 0),
      builtins: plan.builtins ?? (() => 0),
      heap_start: new WebAssembly.Global({ value: "i32", mutable: false }, heapStart),
    },
  });
  const exports = instance.exports as unknown as Runtime["exports"];
  const fn = (name: string) => {
    const f = exports[name] as unknown as ((...args: number[]) => number) | undefined;
    if (!f) throw new Error(`runtime has no export ${name}`);
    return f;
  };
  const write = (text: string): [number, number] => {
    const bytes = encoder.encode(text);
    const addr = fn("opa_malloc")(bytes.length);
    new Uint8Array(memory.buffer).set(bytes, addr);
    return [addr, bytes.length];
  };
  const dump = (addr: number) => (addr === 0 ? "undefined" : readCString(fn("opa_value_dump")(addr)));
  const value = (text: string) => fn("opa_value_parse")(...write(text));
  return {
    exports,
    memory,
    heapStart,
    value,
    json: (text) => fn("opa_json_parse")(...write(text)),
    dumpJson: (addr) => readCString(fn("opa_json_dump")(addr)),
    dump,
    write,
    readCString,
    call(name, ...args) {
      const addrs = args.map((text) => {
        const addr = value(text);
        if (addr === 0) throw new Error(`test argument is not a value: ${text}`);
        return addr;
      });
      return dump(fn(name)(...addrs));
    },
  };
}
