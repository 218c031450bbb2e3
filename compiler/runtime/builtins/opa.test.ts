import { loadRuntime, Runtime } from "../testing/harness";

let rt: Runtime;
beforeAll(async () => {
  rt = await loadRuntime();
}, 120_000);

test("opa.runtime() is the empty object: a compiled module has no OPA runtime to describe", () => {
  expect(rt.call("builtin_opa_runtime")).toBe("{}");
});
