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

/** Ends of the static data: the heap of a bare runtime starts after the memory's initial pages. */
async function initialPages(binary: Uint8Array): Promise<number> {
  const binaryen = (await import("binaryen")).default;
  const module = binaryen.readBinary(binary);
  try {
    return module.getMemoryInfo().initial;
  } finally {
    module.dispose();
  }
}

let cached: { module: WebAssembly.Module; pages: number } | undefined;

export async function loadRuntime(plan: PlanImports = {}): Promise<Runtime> {
  if (!cached) {
    const binary = await runtimeWasm();
    cached = { module: new WebAssembly.Module(binary), pages: await initialPages(binary) };
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
