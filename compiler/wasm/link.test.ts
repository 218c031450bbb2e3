/**
 * The back end on hand-written IR: one table row per statement kind (and per way a statement can
 * be undefined), evaluated through the unmodified npm SDK.
 */
import { loadPolicy } from "@open-policy-agent/opa-wasm";
import { loadRuntime } from "./runtime";
import type { Stmt } from "../plan/ir";
import { ABI_EXPORTS } from "./abi";
import { linkPolicy } from "./link";
import { RESULT, block, bool, evaluatePlan, failureOf, local, planBinding, stmt, str } from "./testing";

jest.setTimeout(180_000);

interface Row {
  name: string;
  stmts: Stmt[];
  strings?: string[];
  input?: unknown;
  /** The value bound to x, or undefined when the plan must produce no result. */
  want: unknown;
}

const assign = (target: number, value: number): Stmt => stmt("MakeNumberIntStmt", { value, target });

const rows: Row[] = [
  { name: "MakeNumberInt", stmts: [assign(RESULT, 7)], want: 7 },
  { name: "AssignInt", stmts: [stmt("AssignIntStmt", { value: -3, target: RESULT })], want: -3 },
  {
    name: "MakeNumberRef keeps the literal",
    strings: ["3.25"],
    stmts: [stmt("MakeNumberRefStmt", { Index: 1, target: RESULT })],
    want: 3.25,
  },
  { name: "MakeNull", stmts: [stmt("MakeNullStmt", { target: RESULT })], want: null },
  {
    name: "AssignVar of a bool",
    stmts: [stmt("AssignVarStmt", { source: bool(false), target: RESULT })],
    want: false,
  },
  {
    name: "AssignVar of a string",
    strings: ["hi"],
    stmts: [stmt("AssignVarStmt", { source: str(1), target: RESULT })],
    want: "hi",
  },
  {
    name: "Dot on input",
    strings: ["a"],
    input: { a: [1, 2] },
    stmts: [stmt("DotStmt", { source: local(0), key: str(1), target: RESULT })],
    want: [1, 2],
  },
  {
    name: "Dot on a missing key is undefined",
    strings: ["b"],
    input: { a: 1 },
    stmts: [assign(RESULT, 1), stmt("DotStmt", { source: local(0), key: str(1), target: 2 })],
    want: undefined,
  },
  {
    name: "Equal passes on equal values",
    stmts: [assign(2, 1), assign(3, 1), stmt("EqualStmt", { a: local(2), b: local(3) }), assign(RESULT, 9)],
    want: 9,
  },
  {
    name: "Equal is undefined on different values",
    stmts: [assign(2, 1), assign(3, 2), stmt("EqualStmt", { a: local(2), b: local(3) }), assign(RESULT, 9)],
    want: undefined,
  },
  {
    name: "NotEqual is undefined on equal values",
    stmts: [
      assign(2, 1),
      assign(3, 1),
      stmt("NotEqualStmt", { a: local(2), b: local(3) }),
      assign(RESULT, 9),
    ],
    want: undefined,
  },
  {
    name: "IsArray / IsObject / IsSet on matching values",
    input: [1],
    stmts: [
      stmt("IsArrayStmt", { source: local(0) }),
      stmt("MakeObjectStmt", { target: 2 }),
      stmt("IsObjectStmt", { source: local(2) }),
      stmt("MakeSetStmt", { target: 3 }),
      stmt("IsSetStmt", { source: local(3) }),
      assign(RESULT, 1),
    ],
    want: 1,
  },
  {
    name: "IsObject on an array is undefined",
    input: [1],
    stmts: [stmt("IsObjectStmt", { source: local(0) }), assign(RESULT, 1)],
    want: undefined,
  },
  {
    name: "IsArray on an undefined local is undefined",
    stmts: [stmt("IsArrayStmt", { source: local(9) }), assign(RESULT, 1)],
    want: undefined,
  },
  {
    name: "IsDefined / IsUndefined",
    stmts: [
      assign(2, 1),
      stmt("IsDefinedStmt", { source: 2 }),
      stmt("IsUndefinedStmt", { source: 3 }),
      assign(RESULT, 1),
    ],
    want: 1,
  },
  {
    name: "IsUndefined on a defined local is undefined",
    stmts: [assign(2, 1), stmt("IsUndefinedStmt", { source: 2 }), assign(RESULT, 1)],
    want: undefined,
  },
  {
    name: "ResetLocal makes a local undefined",
    stmts: [
      assign(RESULT, 1),
      stmt("ResetLocalStmt", { target: RESULT }),
      stmt("IsDefinedStmt", { source: RESULT }),
    ],
    want: undefined,
  },
  {
    name: "Len",
    input: { a: 1, b: 2 },
    stmts: [stmt("LenStmt", { source: local(0), target: RESULT })],
    want: 2,
  },
  {
    name: "MakeArray and ArrayAppend",
    stmts: [
      stmt("MakeArrayStmt", { capacity: 1, target: RESULT }),
      assign(2, 1),
      stmt("ArrayAppendStmt", { value: local(2), array: RESULT }),
      stmt("ArrayAppendStmt", { value: bool(true), array: RESULT }),
    ],
    want: [1, true],
  },
  {
    name: "MakeObject and ObjectInsert (a later insert wins)",
    strings: ["k"],
    stmts: [
      stmt("MakeObjectStmt", { target: RESULT }),
      stmt("ObjectInsertStmt", { key: str(1), value: bool(false), object: RESULT }),
      stmt("ObjectInsertStmt", { key: str(1), value: bool(true), object: RESULT }),
    ],
    want: { k: true },
  },
  {
    name: "an object literal in any key order, a repeated key keeping its later value",
    strings: ["b", "a"],
    stmts: [
      stmt("MakeObjectStmt", { target: RESULT }),
      stmt("ObjectInsertStmt", { key: str(1), value: bool(false), object: RESULT }),
      stmt("ObjectInsertStmt", { key: str(2), value: bool(false), object: RESULT }),
      stmt("ObjectInsertStmt", { key: str(1), value: bool(true), object: RESULT }),
    ],
    want: { a: false, b: true },
  },
  {
    // Ten keys: looked up by bisection, which finds them only in order.
    name: "an object literal of distinct keys written out of order is in key order",
    strings: ["j", "i", "h", "g", "f", "e", "d", "c", "b", "a"],
    stmts: [
      stmt("MakeObjectStmt", { target: 2 }),
      ...Array.from({ length: 10 }, (_, i) =>
        stmt("ObjectInsertStmt", { key: str(i + 1), value: bool(i === 8), object: 2 }),
      ),
      stmt("DotStmt", { source: local(2), key: str(9), target: RESULT }),
    ],
    want: true,
  },
  {
    name: "ObjectInsertOnce of an equal value",
    strings: ["k"],
    stmts: [
      stmt("MakeObjectStmt", { target: RESULT }),
      stmt("ObjectInsertOnceStmt", { key: str(1), value: bool(true), object: RESULT }),
      stmt("ObjectInsertOnceStmt", { key: str(1), value: bool(true), object: RESULT }),
    ],
    want: { k: true },
  },
  {
    name: "MakeSet and SetAdd (duplicates collapse, sorted)",
    stmts: [
      stmt("MakeSetStmt", { target: RESULT }),
      assign(2, 2),
      assign(3, 1),
      stmt("SetAddStmt", { value: local(2), set: RESULT }),
      stmt("SetAddStmt", { value: local(3), set: RESULT }),
      stmt("SetAddStmt", { value: local(2), set: RESULT }),
    ],
    want: [1, 2],
  },
  {
    name: "ObjectMerge merges recursively, the first operand winning",
    strings: ["a", "b", "c"],
    stmts: [
      stmt("MakeObjectStmt", { target: 2 }),
      stmt("MakeObjectStmt", { target: 3 }),
      stmt("MakeObjectStmt", { target: 4 }),
      stmt("ObjectInsertStmt", { key: str(2), value: bool(true), object: 4 }),
      stmt("ObjectInsertStmt", { key: str(1), value: local(4), object: 2 }),
      stmt("MakeObjectStmt", { target: 5 }),
      stmt("ObjectInsertStmt", { key: str(3), value: bool(false), object: 5 }),
      stmt("ObjectInsertStmt", { key: str(1), value: local(5), object: 3 }),
      stmt("ObjectMergeStmt", { a: 2, b: 3, target: RESULT }),
    ],
    want: { a: { b: true, c: false } },
  },
  {
    name: "AssignVarOnce of an equal value",
    stmts: [
      assign(2, 1),
      assign(3, 1),
      stmt("AssignVarOnceStmt", { source: local(2), target: RESULT }),
      stmt("AssignVarOnceStmt", { source: local(3), target: RESULT }),
    ],
    want: 1,
  },
  {
    name: "an undefined statement leaves only its own block",
    stmts: [
      assign(RESULT, 1),
      stmt("BlockStmt", {
        blocks: [block(stmt("IsDefinedStmt", { source: 9 }), assign(RESULT, 2)), block(assign(2, 3))],
      }),
      stmt("IsDefinedStmt", { source: 2 }),
    ],
    want: 1,
  },
  {
    name: "Break 1 leaves the enclosing block too",
    stmts: [
      stmt("BlockStmt", {
        blocks: [
          block(stmt("BlockStmt", { blocks: [block(stmt("BreakStmt", { index: 1 }))] }), assign(RESULT, 2)),
        ],
      }),
      stmt("IsUndefinedStmt", { source: RESULT }),
      assign(RESULT, 3),
    ],
    want: 3,
  },
  {
    name: "Scan visits elements in order with keys",
    input: ["a", "b"],
    stmts: [
      stmt("MakeArrayStmt", { capacity: 0, target: RESULT }),
      stmt("ScanStmt", {
        source: 0,
        key: 2,
        value: 3,
        block: block(
          stmt("ArrayAppendStmt", { value: local(2), array: RESULT }),
          stmt("ArrayAppendStmt", { value: local(3), array: RESULT }),
        ),
      }),
    ],
    want: [0, "a", 1, "b"],
  },
  {
    name: "Scan of an object goes by sorted key; an undefined statement skips to the next element",
    strings: ["a"],
    input: { b: 2, a: 1, c: 3 },
    stmts: [
      stmt("MakeArrayStmt", { capacity: 0, target: RESULT }),
      stmt("ScanStmt", {
        source: 0,
        key: 2,
        value: 3,
        block: block(
          stmt("NotEqualStmt", { a: local(2), b: str(1) }),
          stmt("ArrayAppendStmt", { value: local(3), array: RESULT }),
        ),
      }),
    ],
    want: [2, 3],
  },
  {
    name: "string constants of any length (one, two and three LEB128 bytes of length)",
    strings: ["", "é".repeat(100), "ab".repeat(10_000)],
    stmts: [
      stmt("MakeArrayStmt", { capacity: 3, target: RESULT }),
      ...[1, 2, 3].map((index) => stmt("ArrayAppendStmt", { value: str(index), array: RESULT })),
    ],
    want: ["", "é".repeat(100), "ab".repeat(10_000)],
  },
  {
    name: "an array whose appends are not all next to its MakeArray",
    strings: ["a", "b"],
    stmts: [
      stmt("MakeArrayStmt", { capacity: 2, target: RESULT }),
      stmt("ArrayAppendStmt", { value: str(1), array: RESULT }),
      assign(2, 7),
      stmt("ArrayAppendStmt", { value: local(2), array: RESULT }),
      stmt("ArrayAppendStmt", { value: str(2), array: RESULT }),
    ],
    want: ["a", 7, "b"],
  },
  {
    name: "Scan whose key nothing reads",
    input: { b: 2, a: 1 },
    stmts: [
      stmt("MakeArrayStmt", { capacity: 0, target: RESULT }),
      stmt("ScanStmt", {
        source: 0,
        key: 2,
        value: 3,
        block: block(stmt("ArrayAppendStmt", { value: local(3), array: RESULT })),
      }),
    ],
    want: [1, 2],
  },
  // startswith("ab", input) != false, the call's result read by nothing else.
  ...[
    { name: "a call's result != false: true passes", input: "a", want: 1 },
    { name: "a call's result != false: false is undefined", input: "b", want: undefined },
    { name: "a call's result != false: an undefined call is undefined", input: 7, want: undefined },
  ].map(({ name, input, want }) => ({
    name,
    strings: ["ab"],
    input,
    stmts: [
      stmt("CallStmt", { func: "startswith", args: [str(1), local(0)], result: 2 }),
      stmt("NotEqualStmt", { a: local(2), b: bool(false) }),
      assign(RESULT, 1),
    ],
    want,
  })),
  // is_string(input.a) != false, tested in place.
  ...[
    { name: "a checked type test: a string passes", input: { a: "x" }, want: 1 },
    { name: "a checked type test: a number is undefined", input: { a: 1 }, want: undefined },
    { name: "a checked type test: a missing value is undefined", input: {}, want: undefined },
  ].map(({ name, input, want }) => ({
    name,
    strings: ["a"],
    input,
    stmts: [
      stmt("DotStmt", { source: local(0), key: str(1), target: 3 }),
      stmt("CallStmt", { func: "is_string", args: [local(3)], result: 2 }),
      stmt("NotEqualStmt", { a: local(2), b: bool(false) }),
      assign(RESULT, 1),
    ],
    want,
  })),
  {
    name: "Scan of a scalar runs zero times",
    input: 5,
    stmts: [
      assign(RESULT, 0),
      stmt("ScanStmt", { source: 0, key: 2, value: 3, block: block(assign(RESULT, 1)) }),
    ],
    want: 0,
  },
  {
    name: "Not of a completing block is undefined",
    stmts: [stmt("NotStmt", { block: block(assign(2, 1)) }), assign(RESULT, 1)],
    want: undefined,
  },
  {
    name: "Not of an undefined block passes",
    stmts: [stmt("NotStmt", { block: block(stmt("IsDefinedStmt", { source: 9 })) }), assign(RESULT, 1)],
    want: 1,
  },
  {
    name: "With upserts for the block and restores afterwards",
    strings: ["a", "b"],
    input: { a: 1 },
    stmts: [
      stmt("MakeArrayStmt", { capacity: 2, target: RESULT }),
      assign(2, 5),
      stmt("WithStmt", {
        local: 0,
        path: [2],
        value: local(2),
        block: block(
          stmt("DotStmt", { source: local(0), key: str(2), target: 3 }),
          stmt("ArrayAppendStmt", { value: local(3), array: RESULT }),
        ),
      }),
      stmt("NotStmt", { block: block(stmt("DotStmt", { source: local(0), key: str(2), target: 4 })) }),
      stmt("DotStmt", { source: local(0), key: str(1), target: 4 }),
      stmt("ArrayAppendStmt", { value: local(4), array: RESULT }),
    ],
    want: [5, 1],
  },
  {
    name: "With whose block is undefined is undefined, and still restores",
    input: 1,
    stmts: [
      stmt("MakeArrayStmt", { capacity: 2, target: RESULT }),
      assign(2, 5),
      stmt("BlockStmt", {
        blocks: [
          block(
            stmt("WithStmt", {
              local: 0,
              path: [],
              value: local(2),
              block: block(stmt("IsDefinedStmt", { source: 9 })),
            }),
            stmt("ArrayAppendStmt", { value: local(2), array: RESULT }),
          ),
        ],
      }),
      stmt("ArrayAppendStmt", { value: local(0), array: RESULT }),
    ],
    want: [1],
  },
  {
    name: "a Break that skips past a With still restores its local",
    input: 1,
    stmts: [
      stmt("MakeArrayStmt", { capacity: 2, target: RESULT }),
      assign(2, 5),
      stmt("BlockStmt", {
        blocks: [
          block(
            stmt("WithStmt", {
              local: 0,
              path: [],
              value: local(2),
              block: block(stmt("BlockStmt", { blocks: [block(stmt("BreakStmt", { index: 2 }))] })),
            }),
            stmt("ArrayAppendStmt", { value: local(2), array: RESULT }),
          ),
        ],
      }),
      stmt("ArrayAppendStmt", { value: local(0), array: RESULT }),
    ],
    want: [1],
  },
  {
    name: "NopStmt does nothing",
    stmts: [stmt("NopStmt", {}), assign(RESULT, 1)],
    want: 1,
  },
];

describe("statements", () => {
  test.each(rows)("$name", async ({ stmts, strings, input, want }) => {
    const result = await evaluatePlan(planBinding(stmts, strings), { input });
    expect(result).toEqual(want === undefined ? [] : [{ x: want }]);
  });
});

const failing: { name: string; stmts: Stmt[]; strings?: string[]; message: RegExp }[] = [
  {
    name: "AssignVarOnce of a different value",
    stmts: [
      assign(2, 1),
      assign(3, 2),
      stmt("AssignVarOnceStmt", { source: local(2), target: RESULT }),
      stmt("AssignVarOnceStmt", { source: local(3), target: RESULT }),
    ],
    message: /var assignment conflict/,
  },
  {
    name: "AssignVarOnce in a later block compares with the earlier block's value",
    stmts: [
      assign(2, 1),
      assign(3, 2),
      stmt("BlockStmt", {
        blocks: [
          block(stmt("AssignVarOnceStmt", { source: local(2), target: RESULT })),
          block(stmt("AssignVarOnceStmt", { source: local(3), target: RESULT })),
        ],
      }),
    ],
    message: /var assignment conflict/,
  },
  {
    name: "ObjectInsertOnce of a different value",
    strings: ["k"],
    stmts: [
      stmt("MakeObjectStmt", { target: RESULT }),
      stmt("ObjectInsertOnceStmt", { key: str(1), value: bool(true), object: RESULT }),
      stmt("ObjectInsertOnceStmt", { key: str(1), value: bool(false), object: RESULT }),
    ],
    message: /object insert conflict/,
  },
];

describe("runtime errors abort evaluation", () => {
  test.each(failing)("$name", async ({ stmts, strings, message }) => {
    expect(await failureOf(evaluatePlan(planBinding(stmts, strings)))).toMatch(message);
  });
});

/** The lib of tsconfig has no DOM, where the WebAssembly types live: the part used here. */
declare const WebAssembly: {
  Module: {
    new (bytes: Uint8Array): object;
    exports(module: object): { name: string }[];
    imports(module: object): { module: string; name: string }[];
  };
};

describe("the linked module's interface", () => {
  test("exports only OPA's ABI and imports only from env, the memory within the SDK's 5 pages", async () => {
    const policy = planBinding([stmt("CallStmt", { func: "custom.f", args: [], result: RESULT })]);
    const module = new WebAssembly.Module(await linkPolicy(policy, await loadRuntime(), { optimize: 2 }));
    const exports = WebAssembly.Module.exports(module).map((e) => e.name);
    expect(exports.filter((name) => !ABI_EXPORTS.has(name))).toEqual([]);
    expect(exports).toEqual(
      expect.arrayContaining(["memory", "opa_eval", "entrypoints", "builtins", "opa_wasm_abi_version"]),
    );
    const imports = WebAssembly.Module.imports(module);
    expect(imports.filter((i) => i.module !== "env")).toEqual([]);
    expect(imports.map((i) => i.name)).toEqual(
      expect.arrayContaining(["memory", "opa_abort", "opa_builtin0"]),
    );
    await expect(loadPolicy(await linkPolicy(policy, await loadRuntime()))).resolves.toBeDefined();
  });
});
