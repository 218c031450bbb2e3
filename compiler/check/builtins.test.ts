import { allBuiltins, lookupBuiltin } from "./builtins";

describe("builtin table: the SDK's capabilities.json and the runtime's own builtins", () => {
  test.each([
    ["count", 1, undefined],
    ["plus", 2, "+"],
    ["assign", 2, ":="],
    ["internal.member_2", 2, "in"],
    ["internal.member_3", 3, "in"],
    ["strings.replace_n", 2, undefined],
    ["object.get", 3, undefined],
    ["sprintf", 2, undefined],
    ["units.parse_bytes", 1, undefined],
    ["regex.replace", 3, undefined],
    ["crypto.hmac.sha256", 2, undefined],
  ])("%s has arity %i", (name, arity, infix) => {
    const builtin = lookupBuiltin(name);
    expect(builtin?.arity).toBe(arity);
    expect(builtin?.infix).toBe(infix);
    expect(builtin?.decl.type).toBe("function");
  });

  test("walk is a relation", () => {
    expect(lookupBuiltin("walk")?.relation).toBe(true);
    expect(lookupBuiltin("count")?.relation).toBe(false);
  });

  test.each(["http.send", "time.now_ns", "nosuch", "opa.runtime", "net.lookup_ip_addr"])(
    "%s is runnable neither by the SDK nor by our runtime",
    (name) => {
      expect(lookupBuiltin(name)).toBeUndefined();
    },
  );

  test("the table is the whole capabilities file and the runtime's own builtins", () => {
    expect(allBuiltins().length).toBeGreaterThan(130);
    expect(allBuiltins().every((b) => b.void === (b.decl.result === undefined))).toBe(true);
  });
});
