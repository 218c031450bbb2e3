/**
 * Property (issue 5, a): the runtime's opa_json_parse and opa_json_dump agree with JSON.parse and
 * JSON.stringify. Values are compared as parsed structures (the runtime sorts object keys and escapes
 * HTML characters as Go does, so texts differ); numbers by value.
 */
import fc from "fast-check";
import { loadRuntime, type Runtime } from "../../compiler/runtime/testing/harness";
import { propertyRuns } from "./settings";

let rt: Runtime;

beforeAll(async () => {
  rt = await loadRuntime();
}, 120_000);

/** Parses JSON text in the runtime and reads its dump back with JSON.parse; undefined when refused. */
function throughRuntime(text: string): unknown {
  const value = rt.json(text);
  return value === 0 ? undefined : JSON.parse(rt.dumpJson(value));
}

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const wellFormed = (text: string) => text.replace(loneSurrogate, "\uFFFD");

/** OPA (Go) decodes a lone surrogate escape to U+FFFD, where JavaScript keeps the lone code unit. */
function withLoneSurrogatesReplaced(value: unknown): unknown {
  if (typeof value === "string") return wellFormed(value);
  if (Array.isArray(value)) return value.map(withLoneSurrogatesReplaced);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [wellFormed(k), withLoneSurrogatesReplaced(v)]),
    );
  }
  return value;
}

/** Each run starts from an empty heap, so thousands of runs cannot exhaust the instance's memory. */
function freshHeap<T>(run: () => T): T {
  const heap = rt.exports.opa_heap_ptr_get as unknown as () => number;
  const setHeap = rt.exports.opa_heap_ptr_set as unknown as (address: number) => void;
  const start = heap();
  try {
    return run();
  } finally {
    setHeap(start);
  }
}

const jsonValues = fc.jsonValue({ maxDepth: 4, stringUnit: "binary" });

/** JSON number literals as people and programs write them: signs, fractions, exponents, many digits. */
const numberLiterals = fc
  .tuple(
    fc.boolean(),
    fc.oneof(fc.constant("0"), fc.stringMatching(/^[1-9][0-9]{0,30}$/)),
    fc.option(fc.stringMatching(/^[0-9]{1,25}$/), { nil: undefined }),
    fc.option(fc.tuple(fc.constantFrom("e", "E", "e+", "e-", "E-"), fc.integer({ min: 0, max: 330 })), {
      nil: undefined,
    }),
  )
  .map(
    ([negative, integer, fraction, exponent]) =>
      `${negative ? "-" : ""}${integer}${fraction === undefined ? "" : `.${fraction}`}` +
      (exponent === undefined ? "" : `${exponent[0]}${exponent[1]}`),
  );

describe("runtime JSON agrees with JSON.parse / JSON.stringify", () => {
  test("any JSON value survives JSON.stringify → opa_json_parse → opa_json_dump → JSON.parse", () => {
    fc.assert(
      fc.property(jsonValues, (value) =>
        freshHeap(() => {
          const text = JSON.stringify(value);
          expect(throughRuntime(text)).toEqual(withLoneSurrogatesReplaced(JSON.parse(text)));
        }),
      ),
      propertyRuns(400),
    );
  });

  test("number literals keep their value", () => {
    fc.assert(
      fc.property(numberLiterals, (literal) =>
        freshHeap(() => {
          // Compare as doubles: the runtime keeps literals beyond i64 and doubles as exact text, which
          // JSON.parse then reads to the same double as the original literal.
          expect(throughRuntime(`[${literal}]`)).toEqual([JSON.parse(literal)]);
        }),
      ),
      propertyRuns(400),
    );
  });

  test("text JSON.parse refuses, the runtime refuses too", () => {
    const mangled = fc
      .tuple(
        jsonValues,
        fc.nat(),
        fc.constantFrom("", "}", "]", ",", ":", '"', "\\", "\u0000", "x", "-", "."),
      )
      .map(([value, at, insert]) => {
        const text = JSON.stringify(value);
        const position = at % (text.length + 1);
        return text.slice(0, position) + insert + text.slice(position + (insert === "" ? 1 : 0));
      })
      .filter((text) => {
        try {
          JSON.parse(text);
          return false;
        } catch {
          return true;
        }
      });
    fc.assert(
      fc.property(mangled, (text) => freshHeap(() => expect(rt.json(text)).toBe(0))),
      propertyRuns(400),
    );
  });
});
