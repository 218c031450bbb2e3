/**
 * Links runtime.wasm with a hand-written stand-in for a compiled plan, so the unmodified npm SDK can
 * load it: one entrypoint "echo" (id 0) whose result is the input, no host builtins. The `plan.*`
 * imports are replaced the way the back end does it (found by module/base name), with binaryen.
 */
import { runtimeWasm } from "../build";

/** The low and high i32 halves of a little-endian i64 holding up to 8 ASCII bytes. */
function asciiI64(text: string): [number, number] {
  let v = 0n;
  for (let i = text.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(text.charCodeAt(i));
  return [Number(v & 0xffffffffn) | 0, Number(v >> 32n) | 0];
}

export async function echoPolicyWasm(): Promise<Uint8Array> {
  const binaryen = (await import("binaryen")).default;
  const module = binaryen.readBinary(await runtimeWasm());
  try {
    // AssemblyScript emits bulk-memory (memory.copy/fill), sign-extension and similar post-MVP ops
    module.setFeatures(binaryen.Features.All);
    const { i32 } = binaryen;
    const exported = (name: string) => binaryen.getExportInfo(module.getExport(name)).value;
    const call = (name: string, args: number[], result = i32) => module.call(exported(name), args, result);
    const get = (local: number) => module.local.get(local, i32);
    /** Parses a JSON text of at most 8 bytes, stored into a fresh heap block at run time (no data segment). */
    const parseShort = (scratch: number, text: string) =>
      module.block(
        null,
        [
          module.local.set(scratch, call("opa_malloc", [module.i32.const(8)])),
          module.i64.store(0, 8, get(scratch), module.i64.const(...asciiI64(text))),
          call("opa_json_parse", [get(scratch), module.i32.const(text.length)]),
        ],
        i32,
      );
    const planImports = new Map<string, string>();
    for (let i = 0; i < module.getNumFunctions(); i++) {
      const info = binaryen.getFunctionInfo(module.getFunctionByIndex(i));
      if (info.module === "plan") planImports.set(info.base, info.name);
    }
    const define = (base: string, params: number, vars: number[], body: number) => {
      const name = planImports.get(base)!;
      module.removeFunction(name);
      module.addFunction(name, params, i32, vars, body);
    };

    // eval(entrypoint 0, input 1, data 2; scratch 3, results 4, binding 5): [{"result": input}] or []
    define(
      "eval",
      binaryen.createType([i32, i32, i32]),
      [i32, i32, i32],
      module.block(
        null,
        [
          module.local.set(4, call("rt_result_set_new", [])),
          module.if(
            get(1),
            module.block(null, [
              module.local.set(5, call("rt_object_new", [])),
              call("rt_object_insert", [get(5), parseShort(3, '"result"'), get(1)], binaryen.none),
              call("rt_set_add", [get(4), get(5)], binaryen.none),
            ]),
          ),
          get(4),
        ],
        i32,
      ),
    );
    // entrypoints(scratch 0, object 1): {"echo": 0}
    define(
      "entrypoints",
      binaryen.none,
      [i32, i32],
      module.block(
        null,
        [
          module.local.set(1, call("rt_object_new", [])),
          call(
            "rt_object_insert",
            [get(1), parseShort(0, '"echo"'), call("rt_number_int", [module.i64.const(0, 0)])],
            binaryen.none,
          ),
          get(1),
        ],
        i32,
      ),
    );
    define("builtins", binaryen.none, [i32], parseShort(0, "{}"));

    for (let i = 0; i < module.getNumGlobals(); i++) {
      const info = binaryen.getGlobalInfo(module.getGlobalByIndex(i));
      if (info.module !== "plan" || info.base !== "heap_start") continue;
      module.removeGlobal(info.name);
      // the runtime's static data lies within its initial pages; the heap starts after them
      module.addGlobal(info.name, i32, false, module.i32.const(module.getMemoryInfo().initial * 65536));
      break;
    }
    if (!module.validate()) throw new Error("the linked echo policy does not validate");
    return module.emitBinary();
  } finally {
    module.dispose();
  }
}
