import { loadRuntime, Runtime } from "./testing/harness";

type Fn = (...args: number[]) => number;
const fn = (rt: Runtime, name: string) => rt.exports[name] as unknown as Fn;

/** A plan stand-in: entrypoint 0 returns {"result": input.x} when input.x is defined, else the empty set. */
async function runtimeWithPlan(): Promise<Runtime> {
  const holder: { rt?: Runtime } = {};
  const rt = await loadRuntime({
    eval: (entrypoint, input, data) => {
      const r = holder.rt!;
      if (entrypoint !== 0) throw new Error("internal: illegal entrypoint id");
      const results = fn(r, "rt_result_set_new")();
      const x = input === 0 ? 0 : fn(r, "rt_dot")(input, r.value('"x"'));
      if (x !== 0) {
        const binding = fn(r, "rt_object_new")();
        fn(r, "rt_object_insert")(binding, r.value('"result"'), x);
        fn(r, "rt_object_insert")(binding, r.value('"data"'), data);
        fn(r, "rt_set_add")(results, binding);
      }
      return results;
    },
    entrypoints: () => holder.rt!.value('{"test/p": 0}'),
    builtins: () => holder.rt!.value("{}"),
  });
  holder.rt = rt;
  return rt;
}

let rt: Runtime;
beforeAll(async () => {
  rt = await runtimeWithPlan();
}, 120_000);

describe("ABI exports", () => {
  test("ABI version globals are 1.2", () => {
    expect((rt.exports.opa_wasm_abi_version as unknown as WebAssembly.Global).value).toBe(1);
    expect((rt.exports.opa_wasm_abi_minor_version as unknown as WebAssembly.Global).value).toBe(2);
  });

  test("entrypoints and builtins come from the plan", () => {
    expect(rt.dumpJson(fn(rt, "entrypoints")())).toBe('{"test/p":0}');
    expect(rt.dumpJson(fn(rt, "builtins")())).toBe("{}");
  });

  test("opa_malloc returns 8-aligned, non-overlapping blocks", () => {
    const a = fn(rt, "opa_malloc")(3);
    const b = fn(rt, "opa_malloc")(10);
    expect(a % 8).toBe(0);
    expect(b % 8).toBe(0);
    expect(b).toBeGreaterThanOrEqual(a + 3);
  });

  test("the heap starts after the static data", () => {
    const fresh = fn(rt, "opa_heap_ptr_get")();
    expect(fresh).toBeGreaterThanOrEqual(rt.heapStart);
  });

  test("memory grows on demand past the initial pages", () => {
    const before = rt.memory.buffer.byteLength;
    const base = fn(rt, "opa_heap_ptr_get")();
    fn(rt, "opa_malloc")(before);
    expect(rt.memory.buffer.byteLength).toBeGreaterThan(before);
    fn(rt, "opa_heap_ptr_set")(base);
  });

  test("the context path: ctx_new, set_input/data/entrypoint, eval, get_result", () => {
    const ctx = fn(rt, "opa_eval_ctx_new")();
    fn(rt, "opa_eval_ctx_set_input")(ctx, rt.json('{"x": [1, 2]}'));
    fn(rt, "opa_eval_ctx_set_data")(ctx, rt.json('{"d": true}'));
    fn(rt, "opa_eval_ctx_set_entrypoint")(ctx, 0);
    expect(fn(rt, "eval")(ctx)).toBe(0);
    expect(rt.dumpJson(fn(rt, "opa_eval_ctx_get_result")(ctx))).toBe('[{"data":{"d":true},"result":[1,2]}]');
  });

  /** What the npm SDK does on each evaluate() with ABI >= 1.2. */
  function sdkEvaluate(dataAddr: number, dataHeapPtr: number, input: string | undefined, format = 0): string {
    const bytes = new TextEncoder().encode(input ?? "");
    new Uint8Array(rt.memory.buffer).set(bytes, dataHeapPtr);
    const inputAddr = input === undefined ? 0 : dataHeapPtr;
    const out = fn(rt, "opa_eval")(
      0,
      0,
      dataAddr,
      inputAddr,
      bytes.length,
      dataHeapPtr + bytes.length,
      format,
    );
    return rt.readCString(out);
  }

  test("opa_eval fast path: input parsed from the heap pointer, result set dumped", () => {
    const base = fn(rt, "opa_heap_ptr_get")();
    const data = rt.json('{"k":"v"}');
    const dataHeapPtr = fn(rt, "opa_heap_ptr_get")();
    expect(sdkEvaluate(data, dataHeapPtr, '{"x": {"b": 1, "a": 2}}')).toBe(
      '[{"data":{"k":"v"},"result":{"a":2,"b":1}}]',
    );
    expect(sdkEvaluate(data, dataHeapPtr, undefined)).toBe("[]");
    expect(sdkEvaluate(data, dataHeapPtr, '{"x": [1]}', 1)).toBe('{{"data":{"k":"v"},"result":[1]}}');
    expect(() => sdkEvaluate(data, dataHeapPtr, "{not json")).toThrow("opa_eval: invalid input json");
    fn(rt, "opa_heap_ptr_set")(base);
  });

  test("10,000 evaluations reuse the same heap: the pointer returns to its base", () => {
    const data = rt.json("{}");
    const dataHeapPtr = fn(rt, "opa_heap_ptr_get")();
    const input = JSON.stringify({ x: { list: Array.from({ length: 20 }, (_, i) => ({ i, s: `v${i}` })) } });
    const pages = rt.memory.buffer.byteLength;
    for (let i = 0; i < 10_000; i++) {
      sdkEvaluate(data, dataHeapPtr, input);
      fn(rt, "opa_heap_ptr_set")(dataHeapPtr);
      expect(fn(rt, "opa_heap_ptr_get")()).toBe(dataHeapPtr);
    }
    expect(rt.memory.buffer.byteLength).toBe(pages);
    expect(JSON.parse(sdkEvaluate(data, dataHeapPtr, input))[0].result).toEqual(JSON.parse(input).x);
  });

  test("opa_json_dump/opa_value_dump return NUL-terminated text", () => {
    const v = rt.value('{"a": {1, 2}}');
    expect(rt.readCString(fn(rt, "opa_json_dump")(v))).toBe('{"a":[1,2]}');
    expect(rt.readCString(fn(rt, "opa_value_dump")(v))).toBe('{"a":{1,2}}');
  });
});

describe("opa_value_add_path / opa_value_remove_path", () => {
  const addPath = (base: string, path: string, value: string) => {
    const b = rt.value(base);
    const code = fn(rt, "opa_value_add_path")(b, rt.value(path), rt.value(value));
    return [code, rt.dump(b)];
  };
  const removePath = (base: string, path: string) => {
    const b = rt.value(base);
    const code = fn(rt, "opa_value_remove_path")(b, rt.value(path));
    return [code, rt.dump(b)];
  };

  test.each([
    ["sets a top-level key", "{}", '["a"]', "1", 0, '{"a":1}'],
    ["replaces a key", '{"a":1}', '["a"]', "2", 0, '{"a":2}'],
    ["creates intermediate objects", '{"z":0}', '["a","b","c"]', "true", 0, '{"a":{"b":{"c":true}},"z":0}'],
    ["walks existing objects", '{"a":{"x":1}}', '["a","y"]', "2", 0, '{"a":{"x":1,"y":2}}'],
    ["path must be an array", "{}", '"a"', "1", 3, "{}"],
    ["path must not be empty", "{}", "[]", "1", 3, "{}"],
    ["intermediate keys must be strings", "{}", '[1,"a"]', "1", 3, "{}"],
    ["the last key may be any value", "{}", "[1]", "1", 0, "{1:1}"],
    ["cannot descend into a scalar", '{"a":1}', '["a","b"]', "1", 2, '{"a":1}'],
    ["the base must be an object", "[]", '["a"]', "1", 2, "[]"],
  ])("add: %s", (_name, base, path, value, code, after) => {
    expect(addPath(base, path, value)).toEqual([code, after]);
  });

  test.each([
    ["removes a key", '{"a":1,"b":2}', '["a"]', 0, '{"b":2}'],
    ["removes a nested key", '{"a":{"b":1,"c":2}}', '["a","b"]', 0, '{"a":{"c":2}}'],
    ["a missing key counts as deleted", '{"a":1}', '["b"]', 0, '{"a":1}'],
    ["a missing intermediate counts as deleted", '{"a":1}', '["x","y"]', 0, '{"a":1}'],
    ["a scalar on the way counts as deleted", '{"a":1}', '["a","b"]', 0, '{"a":1}'],
    ["path must be an array", '{"a":1}', "{}", 3, '{"a":1}'],
    ["path must not be empty", '{"a":1}', "[]", 3, '{"a":1}'],
  ])("remove: %s", (_name, base, path, code, after) => {
    expect(removePath(base, path)).toEqual([code, after]);
  });
});
