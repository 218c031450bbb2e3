import { allBuiltins, builtinTable, lookupBuiltin, parseCapabilities, withBuiltinTable } from "./builtins";

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

  test.each(["http.send", "nosuch", "net.lookup_ip_addr", "crypto.x509.parse_certificates"])(
    "%s is runnable neither by the SDK, nor by our runtime, nor by our host builtins",
    (name) => {
      expect(lookupBuiltin(name)).toBeUndefined();
    },
  );

  test("the table is the whole capabilities file and the runtime's own builtins", () => {
    expect(allBuiltins().length).toBeGreaterThan(130);
    expect(allBuiltins().every((b) => b.void === (b.decl.result === undefined))).toBe(true);
  });
});

describe("a capabilities file replaces the table while the front end runs", () => {
  const FILE = JSON.stringify({
    builtins: [
      {
        name: "custom.pair",
        decl: { args: [{ type: "any" }, { type: "any" }], result: { type: "array" }, type: "function" },
      },
      {
        name: "equal",
        decl: { args: [{ type: "any" }, { type: "any" }], result: { type: "boolean" }, type: "function" },
        infix: "==",
      },
    ],
    future_keywords: ["in"],
  });

  test("only its builtins are looked up inside withBuiltinTable, the default again after", () => {
    const table = builtinTable(parseCapabilities(FILE));
    withBuiltinTable(table, () => {
      expect(lookupBuiltin("custom.pair")).toMatchObject({ arity: 2, relation: false, void: false });
      expect(lookupBuiltin("equal")?.infix).toBe("==");
      expect(lookupBuiltin("count")).toBeUndefined();
      expect(allBuiltins().map((b) => b.name)).toEqual(["custom.pair", "equal"]);
    });
    expect(lookupBuiltin("custom.pair")).toBeUndefined();
    expect(lookupBuiltin("count")?.arity).toBe(1);
  });

  test("the table is restored when the work throws", () => {
    const table = builtinTable(parseCapabilities(FILE));
    expect(() =>
      withBuiltinTable(table, () => {
        throw new Error("boom");
      }),
    ).toThrow("boom");
    expect(lookupBuiltin("count")?.arity).toBe(1);
  });

  test.each([
    ["[]", 'no "builtins" array'],
    ['{"builtins": {}}', 'no "builtins" array'],
    ['{"builtins": [{"name": "", "decl": {"type": "function"}}]}', "builtins[0] has no name"],
    ['{"builtins": [{"name": "f"}]}', "builtin f has no function decl"],
    [
      '{"builtins": [{"name": "f", "decl": {"type": "function", "args": {}}}]}',
      "builtin f has no function decl",
    ],
  ])("%s is refused: %s", (text, message) => {
    expect(() => parseCapabilities(text)).toThrow(message);
  });
});
