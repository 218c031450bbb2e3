/**
 * `every` as the back end emits it (functionEmitter.ts): the domain test as one runtime call, and the
 * scan left at the first element that fails. Expected values are `opa eval --strict-builtin-errors`'s.
 */
import { loadPolicy } from "@open-policy-agent/opa-wasm";
import { compileRego } from "../compile";

jest.setTimeout(180_000);

const source = `package rows

arr if every x in [1, 2] { x > 0 }
arr_fails if every x in [1, -2, 3] { x > 0 }
obj if every k, v in {"a": 1, "b": 2} { v > 0; k != "" }
set_fails if every x in {1, 2, 3} { x < 3 }
empty if every x in [] { x > 0 }
str if every x in "abc" { x }
num if every x in 3 { x }
undef if every x in input.missing { x }

# 10 / 0 would be an error: OPA never gets there, since the first element already fails.
stops := "stopped" if not stops_inner
stops_inner if every x in [1, 0] { 10 / x > 20 }
`;

test("every: collections, other domains and the first failing element, as OPA evaluates them", async () => {
  const { wasm } = await compileRego({
    sources: [{ file: "rows.rego", source }],
    entrypoints: ["rows"],
    strictBuiltinErrors: true,
  });
  const policy = await loadPolicy(wasm);
  expect(policy.evaluate({}, "rows")).toEqual([
    { result: { arr: true, empty: true, obj: true, stops: "stopped" } },
  ]);
});
