import { loadRuntime, Runtime } from "../testing/harness";

type Fn = (...args: number[]) => number;

let rt: Runtime;
beforeAll(async () => {
  rt = await loadRuntime();
}, 120_000);

const fn = (name: string) => rt.exports[name] as unknown as Fn;
const heapPointer = () => fn("opa_heap_ptr_get")();
/** What a host does before each evaluation: set the heap pointer (here, where it already is). */
const newEvaluation = () => fn("opa_heap_ptr_set")(heapPointer());

/** Calls a builtin on already parsed arguments; returns its result and the heap bytes it allocated. */
function callMeasured(name: string, args: number[]): { result: string; allocated: number } {
  const before = heapPointer();
  const result = rt.dump(fn(name)(...args));
  return { result, allocated: heapPointer() - before };
}

const s = (text: string) => JSON.stringify(text);

// [builtin, arguments (Rego), result]: a pattern worth compiling, so a cache hit shows in the heap.
const calls: [string, string[], string][] = [
  [
    "builtin_glob_match",
    [s("arn:aws:execute-api:*:*:*/*"), '[":"]', s("arn:aws:execute-api:r:1:a/p/GET/x")],
    "true",
  ],
  ["builtin_regex_match", [s("^vpce-[0-9a-f]{8,17}$"), s("vpce-0abc1234")], "true"],
  ["builtin_regex_find_n", [s("[a-z]+[0-9]"), s("ab1 cd2 e"), "-1"], '["ab1","cd2"]'],
];

describe.each(calls)("%s(%j)", (name, argTexts, want) => {
  test("opa_heap_ptr_set drops the cache: memory above the new pointer may be rewritten", () => {
    newEvaluation();
    const mark = heapPointer();
    const first = callMeasured(
      name,
      argTexts.map((text) => rt.value(text)),
    );
    fn("opa_heap_ptr_set")(mark);
    // What a host's next evaluation does: write over the heap above the pointer, then parse again.
    new Uint8Array(rt.memory.buffer).fill(0xff, mark, heapPointer() + first.allocated + 4096);
    const again = callMeasured(
      name,
      argTexts.map((text) => rt.value(text)),
    );
    expect(again).toEqual(first);
  });

  test("a second call in the same evaluation reuses the compiled pattern", () => {
    newEvaluation();
    const args = argTexts.map(rt.value);
    const first = callMeasured(name, args);
    const second = callMeasured(name, args);
    expect([first.result, second.result]).toEqual([want, want]);
    expect(second.allocated).toBeLessThan(first.allocated / 2);
  });
});

describe("cache keys", () => {
  test.each([
    // [pattern, delimiters, input, result]: the same glob text with other delimiters is another glob
    ["*", '["."]', "a.b", "false"],
    ["*", "null", "a.b", "true"],
    ["*", "[]", "a.b", "false"],
    ["*", '[":"]', "a.b", "true"],
    ["*", '["."]', "a.b", "false"],
  ])("glob.match(%j, %s, %j) = %s after the other rows", (pattern, delimiters, input, want) => {
    expect(rt.call("builtin_glob_match", s(pattern), delimiters, s(input))).toBe(want);
  });

  test("a glob and a regex with the same text are compiled apart", () => {
    expect(rt.call("builtin_regex_match", s("a.c"), s("abc"))).toBe("true");
    expect(rt.call("builtin_glob_match", s("a.c"), "null", s("abc"))).toBe("false");
    expect(rt.call("builtin_regex_match", s("a.c"), s("abc"))).toBe("true");
  });

  test("an invalid pattern is reported on every call, not cached", () => {
    const message = "regex.template_match: error parsing regexp: missing closing ): `^((a)$`";
    for (let i = 0; i < 2; i++) {
      expect(() => rt.call("builtin_regex_template_match", s("{(a}"), s("a"), s("{"), s("}"))).toThrow(
        message,
      );
    }
  });
});
