/**
 * Calls in linked modules: planned funcs, runtime (native) builtins, host builtins through
 * opa_builtinN, dynamic dispatch, rule memoization, and entrypoint dispatch.
 */
import { loadPolicy } from "@open-policy-agent/opa-wasm";
import { loadRuntime } from "./runtime";
import type { Func, Stmt } from "../plan/ir";
import { INFALLIBLE_BUILTINS } from "./calls";
import { allStmts } from "./irWalk";
import { linkPolicy } from "./link";
import { RESULT, block, evaluatePlan, failureOf, local, planBinding, stmt, str } from "./testing";

jest.setTimeout(180_000);

const int = (target: number, value: number): Stmt => stmt("MakeNumberIntStmt", { value, target });

/** `g0.data.t.<name>(input, data, ...args)` returning `body`'s local 2. */
function func(name: string, extraParams: number[], stmts: Stmt[], path = ["g0", "t", name]): Func {
  return {
    name: `g0.data.t.${name}`,
    params: [0, 1, ...extraParams],
    return: 2,
    blocks: [block(...stmts), block(stmt("ReturnLocalStmt", { source: 2 }))],
    path,
  };
}

const hostCall = (target: number, name: string, args: number[]): Stmt =>
  stmt("CallStmt", { func: name, args: args.map(local), result: target });

describe("calls", () => {
  test("a planned func with arguments", async () => {
    const identity = func("id", [7], [stmt("AssignVarStmt", { source: local(7), target: 2 })]);
    const plan = planBinding(
      [
        int(3, 42),
        stmt("CallStmt", { func: identity.name, args: [local(0), local(1), local(3)], result: RESULT }),
      ],
      [],
      [identity],
    );
    expect(await evaluatePlan(plan)).toEqual([{ x: 42 }]);
  });

  test("an undefined func result makes the call undefined", async () => {
    const nothing = func("nothing", [], [stmt("IsDefinedStmt", { source: 9 }), int(2, 1)]);
    const guarded = stmt("BlockStmt", { blocks: [block(hostCall(3, nothing.name, [0, 1]), int(RESULT, 2))] });
    const plan = planBinding([int(RESULT, 1), guarded], [], [nothing]);
    expect(await evaluatePlan(plan)).toEqual([{ x: 1 }]);
  });

  test("a builtin the runtime lacks goes to the host, listed by builtins()", async () => {
    const plan = planBinding([int(2, 20), hostCall(RESULT, "custom.double", [2])]);
    const customBuiltins = { "custom.double": (n: unknown) => (n as number) * 2 };
    expect(await evaluatePlan(plan, { customBuiltins })).toEqual([{ x: 40 }]);
  });

  test("host builtins with several arities share one id table", async () => {
    const plan = planBinding([
      int(2, 3),
      int(3, 4),
      hostCall(4, "custom.neg", [2]),
      hostCall(RESULT, "custom.add", [4, 3]),
    ]);
    const customBuiltins = {
      "custom.neg": (n: unknown) => -(n as number),
      "custom.add": (a: unknown, b: unknown) => (a as number) + (b as number),
    };
    expect(await evaluatePlan(plan, { customBuiltins })).toEqual([{ x: 1 }]);
  });

  test("CallDynamic picks the func whose path matches", async () => {
    const p = func("p", [], [int(2, 1)]);
    const q = func("q", [], [int(2, 2)]);
    const plan = planBinding(
      [
        stmt("AssignVarStmt", { source: str(3), target: 3 }),
        stmt("CallDynamicStmt", { args: [0, 1], result: RESULT, path: [str(1), str(2), local(3)] }),
      ],
      ["g0", "t", "q"],
      [p, q],
    );
    expect(await evaluatePlan(plan)).toEqual([{ x: 2 }]);
  });

  test("CallDynamic with no matching func is undefined", async () => {
    const p = func("p", [], [int(2, 1)]);
    const plan = planBinding(
      [
        int(RESULT, 0),
        stmt("AssignVarStmt", { source: str(3), target: 3 }),
        stmt("BlockStmt", {
          blocks: [
            block(
              stmt("CallDynamicStmt", { args: [0, 1], result: 4, path: [str(1), str(2), local(3)] }),
              int(RESULT, 1),
            ),
          ],
        }),
      ],
      ["g0", "t", "zzz"],
      [p],
    );
    expect(await evaluatePlan(plan)).toEqual([{ x: 0 }]);
  });
});

describe("builtin errors", () => {
  /** `x` is 1 unless the call (the last statement) is undefined, then 0; an error ends evaluation. */
  const guardedCall = (...stmts: Stmt[]) =>
    planBinding([int(RESULT, 0), stmt("BlockStmt", { blocks: [block(...stmts, int(RESULT, 1))] })]);
  const divideByZero = guardedCall(int(2, 1), int(3, 0), hostCall(4, "div", [2, 3]));
  const hostFailure = guardedCall(hostCall(4, "custom.fail", []));
  const customBuiltins = {
    "custom.fail": () => {
      throw new Error("custom.fail: no");
    },
  };

  test.each([
    { what: "a runtime builtin's error", policy: divideByZero, strict: false, outcome: [{ x: 0 }] },
    { what: "a runtime builtin's error", policy: divideByZero, strict: true, outcome: "div: divide by zero" },
    { what: "a host builtin's error", policy: hostFailure, strict: false, outcome: [{ x: 0 }] },
    { what: "a host builtin's error", policy: hostFailure, strict: true, outcome: "custom.fail: no" },
  ])("$what with strictBuiltinErrors=$strict", async ({ policy, strict, outcome }) => {
    const run = evaluatePlan(policy, { customBuiltins, options: { strictBuiltinErrors: strict } });
    if (typeof outcome === "string") expect(await failureOf(run)).toContain(outcome);
    else expect(await run).toEqual(outcome);
  });

  test("out of memory inside a builtin still ends evaluation", async () => {
    // numbers.range(1, 50,000,000) needs far more than the 6 pages the memory may grow to.
    const policy = guardedCall(int(2, 1), int(3, 50_000_000), hostCall(4, "numbers.range", [2, 3]));
    const wasm = await linkPolicy(policy, await loadRuntime(), { optimize: 0 });
    const loaded = await loadPolicy(wasm, { initial: 5, maximum: 6 });
    expect(await failureOf(Promise.resolve().then(() => loaded.evaluate(undefined, "t")))).toMatch(
      /out of memory/,
    );
  });

  test("a fatal abort that ended one evaluation does not make the next one's builtin error fatal", async () => {
    // Plan "t" fails with a conflict outside any builtin; plan "u" meets a host builtin's error.
    const policy = planBinding([
      int(2, 1),
      int(3, 2),
      stmt("AssignVarOnceStmt", { source: local(3), target: 2 }),
    ]);
    policy.plans.plans.push({ ...hostFailure.plans.plans[0], name: "u" });
    const wasm = await linkPolicy(policy, await loadRuntime(), { optimize: 0 });
    const loaded = await loadPolicy(wasm, undefined, customBuiltins as never);
    expect(await failureOf(Promise.resolve().then(() => loaded.evaluate(undefined, "t")))).toMatch(
      /conflict/,
    );
    expect(loaded.evaluate(undefined, "u")).toEqual([{ x: 0 }]);
  });
});

describe("memoization of rules", () => {
  /** A rule counting its evaluations through a host builtin, called twice, then twice inside `with`. */
  function countingPolicy() {
    const rule = func("r", [], [hostCall(2, "custom.tick", [])]);
    return planBinding(
      [
        hostCall(3, rule.name, [0, 1]),
        hostCall(4, rule.name, [0, 1]),
        stmt("WithStmt", {
          local: 0,
          path: [],
          value: local(3),
          block: block(hostCall(5, rule.name, [0, 1]), hostCall(6, rule.name, [0, 1])),
        }),
        stmt("AssignVarStmt", { source: local(6), target: RESULT }),
      ],
      [],
      [rule],
    );
  }

  test.each([
    { memoize: true, calls: 3 },
    { memoize: false, calls: 4 },
  ])("memoize=$memoize evaluates the rule $calls times", async ({ memoize, calls }) => {
    let ticks = 0;
    const customBuiltins = { "custom.tick": () => ++ticks };
    const result = await evaluatePlan(countingPolicy(), { customBuiltins, options: { memoize } });
    expect(ticks).toBe(calls);
    expect(result).toEqual([{ x: calls }]);
  });

  test("the memo does not outlive an evaluation", async () => {
    let ticks = 0;
    const wasm = await linkPolicy(countingPolicy(), await loadRuntime(), { optimize: 0 });
    const policy = await loadPolicy(wasm, undefined, { "custom.tick": () => ++ticks } as never);
    policy.evaluate(undefined, "t");
    expect(policy.evaluate(undefined, "t")).toEqual([{ x: 6 }]);
  });
});

describe("builtins OPA fixes for one evaluation", () => {
  /** Four calls of `name`: twice with argument "a", once with "b", once more with "a" inside `with`. */
  function policyCalling(name: string) {
    return planBinding(
      [
        stmt("AssignVarStmt", { source: str(1), target: 2 }),
        stmt("AssignVarStmt", { source: str(2), target: 3 }),
        hostCall(4, name, [2]),
        hostCall(5, name, [2]),
        hostCall(6, name, [3]),
        stmt("WithStmt", { local: 0, path: [], value: local(3), block: block(hostCall(7, name, [2])) }),
        stmt("MakeArrayStmt", { capacity: 4, target: RESULT }),
        ...[4, 5, 6, 7].map((value) => stmt("ArrayAppendStmt", { value: local(value), array: RESULT })),
      ],
      ["a", "b"],
    );
  }

  test.each(["uuid.rfc4122", "rand.intn"])(
    "%s is called once per distinct arguments and evaluation, with or without `with`",
    async (name) => {
      const calls: unknown[] = [];
      const wasm = await linkPolicy(policyCalling(name), await loadRuntime(), { optimize: 0 });
      const policy = await loadPolicy(wasm, undefined, {
        [name]: (seed: string) => (calls.push(seed), `${seed}${calls.length}`),
      } as never);
      expect(policy.evaluate(undefined, "t")).toEqual([{ x: ["a1", "a1", "b2", "a1"] }]);
      expect(policy.evaluate(undefined, "t")).toEqual([{ x: ["a3", "a3", "b4", "a3"] }]);
      expect(calls).toEqual(["a", "b", "a", "b"]);
    },
  );

  test("any other host builtin is called every time", async () => {
    let calls = 0;
    const result = await evaluatePlan(policyCalling("custom.tick"), {
      customBuiltins: { "custom.tick": () => ++calls },
    });
    expect(result).toEqual([{ x: [1, 2, 3, 4] }]);
  });

  test("an undefined value is not kept: the next call asks again", async () => {
    let calls = 0;
    const fails = () => {
      calls++;
      throw new Error("no");
    };
    expect(
      await evaluatePlan(policyCalling("uuid.rfc4122"), { customBuiltins: { "uuid.rfc4122": fails } }),
    ).toEqual([]);
    expect(calls).toBe(1);
  });
});

describe("entrypoints", () => {
  test("each plan is an entrypoint, by name or id", async () => {
    const policy = planBinding([int(RESULT, 1)]);
    policy.plans.plans.push({
      name: "u",
      blocks: [
        block(
          int(RESULT, 2),
          stmt("MakeObjectStmt", { target: 3 }),
          stmt("ObjectInsertStmt", { key: str(0), value: local(RESULT), object: 3 }),
          stmt("ResultSetAddStmt", { value: 3 }),
        ),
      ],
    });
    const loaded = await loadPolicy(await linkPolicy(policy, await loadRuntime(), { optimize: 0 }));
    expect(loaded.entrypoints).toEqual({ t: 0, u: 1 });
    expect(loaded.evaluate(undefined, "u")).toEqual([{ x: 2 }]);
    expect(loaded.evaluate(undefined, 0)).toEqual([{ x: 1 }]);
  });

  test("an unknown entrypoint id aborts", async () => {
    const loaded = await loadPolicy(
      await linkPolicy(planBinding([int(RESULT, 1)]), await loadRuntime(), { optimize: 0 }),
    );
    expect(await failureOf(Promise.resolve().then(() => loaded.evaluate(undefined, 7)))).toMatch(
      /illegal entrypoint id/,
    );
  });
});

describe("builtins called without a wrapper", () => {
  // Every builtin in INFALLIBLE_BUILTINS, on operands of every type: with strict builtin errors any
  // builtin error would end the evaluation, so none may be raised.
  const source = `package t

values := [null, true, 1, "s", [1], {"a": 1}, {1}]

unary := [[is_number(a), is_string(a), is_boolean(a), is_array(a), is_set(a), is_object(a), is_null(a), type_name(a), json.marshal(a), json.is_valid(a)] |
	some a in values
]

binary := [[a == b, a != b, a < b, a <= b, a > b, a >= b, a in b] |
	some a in values
	some b in values
]
`;
  test("raise no builtin error on any operand types", async () => {
    const { compileRego } = await import("../compile");
    const { wasm, plan } = await compileRego({
      sources: [{ file: "t.rego", source }],
      entrypoints: ["t"],
      strictBuiltinErrors: true,
    });
    const [{ result }] = (await loadPolicy(wasm)).evaluate({}, "t") as [
      { result: Record<string, unknown[]> },
    ];
    expect(result.unary).toHaveLength(7);
    expect(result.binary).toHaveLength(49);
    // The source above calls each of them: a builtin added to the list must be added there too.
    const blocks = [...(plan.funcs?.funcs ?? []), ...plan.plans.plans].flatMap((planned) => planned.blocks);
    const called = new Set(
      [...allStmts(blocks)].flatMap((each) => (each.type === "CallStmt" ? [each.stmt.func] : [])),
    );
    expect([...INFALLIBLE_BUILTINS].filter((name) => !called.has(name))).toEqual([]);
  });
});
