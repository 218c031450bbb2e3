// The ABI as the unmodified npm SDK uses it: runtime.wasm linked with a stand-in plan that echoes
// its input, loaded with @open-policy-agent/opa-wasm's loadPolicy.
import { echoPolicyWasm } from "./testing/echoPlan";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { loadPolicy } = require("@open-policy-agent/opa-wasm") as {
  loadPolicy(
    wasm: Uint8Array,
    memory?: WebAssembly.MemoryDescriptor,
  ): Promise<{
    setData(data: unknown): void;
    evaluate(input?: unknown, entrypoint?: string | number): { result: unknown }[];
    entrypoints: Record<string, number>;
    mem: WebAssembly.Memory;
    wasmInstance: WebAssembly.Instance;
  }>;
};

let policy: Awaited<ReturnType<typeof loadPolicy>>;
beforeAll(async () => {
  policy = await loadPolicy(await echoPolicyWasm());
}, 120_000);

test("the SDK reads the entrypoints", () => {
  expect(policy.entrypoints).toEqual({ echo: 0 });
});

test.each([
  ["object", { b: [1, 2.5, "é😀"], a: { nested: null } }],
  ["scalar", 42],
  ["string with escapes", 'quote " backslash \\ newline \n <tag> & \u0001'],
  ["empty array", []],
])("evaluate echoes %s through the fast path", (_name, input) => {
  expect(policy.evaluate(input, "echo")).toEqual([{ result: input }]);
});

test("no input: the result set is empty", () => {
  expect(policy.evaluate(undefined, "echo")).toEqual([]);
});

test("setData and 2,000 evaluations of a 200-element input: the heap does not creep", () => {
  policy.setData({ big: Array.from({ length: 1000 }, (_, i) => ({ i })) });
  const input = { items: Array.from({ length: 200 }, (_, i) => ({ id: `r${i}`, tags: { n: i } })) };
  const heapPointer = policy.wasmInstance.exports.opa_heap_ptr_get as () => number;
  policy.evaluate(input, 0);
  const heapAfterFirst = heapPointer();
  const memoryAfterFirst = policy.mem.buffer.byteLength;
  for (let i = 0; i < 2000; i++) policy.evaluate(input, 0);
  expect(heapPointer()).toBe(heapAfterFirst);
  expect(policy.mem.buffer.byteLength).toBe(memoryAfterFirst);
  expect(policy.evaluate(input, 0)).toEqual([{ result: input }]);
});

describe("memory exhaustion", () => {
  // 8 pages (512 KiB): the input text fits, the values parsed from it do not.
  const memory = { initial: 5, maximum: 8 };
  const bigInput = { items: Array.from({ length: 12_000 }, (_, i) => ({ i })) };

  test("an evaluation that needs more memory than the maximum fails with out of memory", async () => {
    const small = await loadPolicy(await echoPolicyWasm(), memory);
    // Before the allocator's abort stopped allocating, this overflowed the JS stack instead.
    expect(() => small.evaluate(bigInput, 0)).toThrow(/^out of memory$/);
    expect(small.mem.buffer.byteLength).toBe(8 * 65536);
    // The next evaluation starts from a reset heap and succeeds.
    expect(small.evaluate({ ok: true }, 0)).toEqual([{ result: { ok: true } }]);
  });
});
