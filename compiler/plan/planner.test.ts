import { parseModule } from "../syntax/parser";
import type { Block, Policy, Stmt } from "./ir";
import { planPolicy, planQuery } from "./planner";

/**
 * A block as a one-line outline of statement types: blocks are separated by `|`, nested blocks
 * are written inside braces after the statement that holds them (`Scan{...}`, `Not{...}`).
 */
function outline(blocks: Block[]): string {
  return blocks.map((b) => b.stmts.map(outlineStmt).join(" ")).join(" | ");
}

function outlineStmt(stmt: Stmt): string {
  const name = stmt.type.replace(/Stmt$/, "");
  switch (stmt.type) {
    case "BlockStmt":
      return `${name}{${outline(stmt.stmt.blocks ?? [])}}`;
    case "ScanStmt":
    case "NotStmt":
    case "WithStmt":
      return `${name}{${outline([stmt.stmt.block])}}`;
    default:
      return name;
  }
}

function plan(source: string, entrypoint = "test/p"): Policy {
  return planPolicy([parseModule(`package test\n\n${source}`, "t.rego")], [entrypoint]);
}

function funcOutline(policy: Policy, name: string): string {
  const func = policy.funcs?.funcs?.find((f) => f.name === name);
  if (!func) throw new Error(`no func ${name} in ${policy.funcs?.funcs?.map((f) => f.name).join(", ")}`);
  return outline(func.blocks);
}

describe("planner: rule shapes", () => {
  test.each([
    [
      "complete rule",
      "p := 7 if input.x",
      "ResetLocal IsDefined Dot NotEqual MakeNumberRef AssignVarOnce | IsDefined AssignVarOnce | ReturnLocal",
    ],
    [
      "two bodies",
      "p := 1 if input.a\np := 1 if input.b",
      "ResetLocal IsDefined Dot NotEqual MakeNumberRef AssignVarOnce | IsDefined AssignVarOnce" +
        " | ResetLocal IsDefined Dot NotEqual MakeNumberRef AssignVarOnce | IsDefined AssignVarOnce | ReturnLocal",
    ],
    [
      "else chain",
      "p := 1 if input.a\nelse := 2",
      "Block{ResetLocal IsDefined Dot NotEqual MakeNumberRef AssignVarOnce | IsUndefined MakeNumberRef AssignVarOnce" +
        " | IsDefined AssignVarOnce} | ReturnLocal",
    ],
    [
      "default",
      "default p := false\np if input.a",
      "ResetLocal IsDefined Dot NotEqual AssignVarOnce | IsDefined AssignVarOnce | IsUndefined AssignVarOnce | ReturnLocal",
    ],
    [
      "partial set",
      "p contains x if some x in input.xs",
      "MakeSet | IsDefined Dot Scan{AssignVar AssignVar SetAdd} | ReturnLocal",
    ],
    [
      "partial object",
      "p[k] := v if some k, v in input.xs",
      "MakeObject | IsDefined Dot Scan{AssignVar AssignVar ObjectInsertOnce} | ReturnLocal",
    ],
    [
      "comprehension",
      "p := [x | some x in input.xs]",
      "ResetLocal MakeArray Block{IsDefined Dot Scan{AssignVar AssignVar ArrayAppend}} AssignVarOnce | IsDefined AssignVarOnce | ReturnLocal",
    ],
    [
      "negation",
      "p if not input.x",
      "ResetLocal Not{IsDefined Dot NotEqual} AssignVarOnce | IsDefined AssignVarOnce | ReturnLocal",
    ],
    [
      "every",
      "p if every x in input.xs { x > 0 }",
      "ResetLocal IsDefined Dot AssignVar ResetLocal Block{Block{IsArray Break | IsObject Break | IsSet Break} Break}" +
        " Scan{ResetLocal Block{AssignVar MakeNumberRef Call NotEqual AssignVar} IsUndefined AssignVar} IsUndefined AssignVarOnce" +
        " | IsDefined AssignVarOnce | ReturnLocal",
    ],
    [
      "with on input",
      "p if q with input.x as 1\nq if input.x == 1",
      "ResetLocal MakeNumberRef AssignVar With{Call NotEqual With{AssignVarOnce}} | IsDefined AssignVarOnce | ReturnLocal",
    ],
    [
      "array destructuring",
      "p := a if [a, 1] = input.pair",
      "ResetLocal IsDefined Dot IsArray Len MakeNumberInt Equal MakeNumberInt Dot AssignVar MakeNumberInt Dot MakeNumberRef Equal" +
        " AssignVarOnce | IsDefined AssignVarOnce | ReturnLocal",
    ],
    [
      "builtin with output",
      "p := n if count(input.xs, n)",
      "ResetLocal IsDefined Dot Call AssignVar AssignVarOnce | IsDefined AssignVarOnce | ReturnLocal",
    ],
  ])("%s", (_name, source, expected) => {
    expect(funcOutline(plan(source), "g0.data.test.p")).toBe(expected);
  });

  test("functions take their arguments after input and data", () => {
    const policy = plan("f(x) := y if y := x + 1\np := f(1)");
    const f = policy.funcs?.funcs?.find((fn) => fn.name === "g0.data.test.f");
    expect(f?.params).toEqual([0, 1, 3]);
    expect(outline(f?.blocks ?? [])).toBe(
      "ResetLocal AssignVar MakeNumberRef Call AssignVar AssignVarOnce | IsDefined AssignVarOnce | ReturnLocal",
    );
    expect(policy.static.builtin_funcs?.map((b) => b.name)).toEqual(["plus"]);
  });

  test("the entrypoint plan binds the rule value to `result`", () => {
    const policy = plan("p := 1");
    expect(policy.plans.plans.map((p) => p.name)).toEqual(["test/p"]);
    expect(outline(policy.plans.plans[0].blocks)).toBe("Call MakeObject ObjectInsert ResultSetAdd");
    expect(policy.static.strings.map((s) => s.value)).toContain("result");
  });

  test("a package entrypoint merges its rules with base data", () => {
    const policy = plan("p := 1\nq := 2", "test");
    expect(outline(policy.plans.plans[0].blocks)).toBe(
      "MakeObject Block{Call ObjectInsert} Block{Call ObjectInsert} Block{Block{Dot ObjectMerge Break} AssignVar}" +
        " MakeObject ObjectInsert ResultSetAdd",
    );
  });

  test("`data` alone is the whole document, rules included", () => {
    expect(funcOutline(plan("p := data.test.q\nq := data\n"), "g0.data.test.q")).toContain("ObjectMerge");
  });

  test("a variable key at a prefix with rules branches per rule and over base data", () => {
    const text = funcOutline(plan("p := data.test[k] if k := input.k\nq := 1\n"), "g0.data.test.p");
    expect(text).toContain("Block{Equal Call");
    expect(text).toContain("Not{Dot}");
  });

  test("rules below a rule's path build one object with it", () => {
    const policy = plan("p[k] := 1 if some k in input.ks\np.b contains 2\n");
    expect(policy.funcs?.funcs?.map((f) => f.name)).toEqual(["g0.data.test.p"]);
    expect(funcOutline(policy, "g0.data.test.p")).toContain("ObjectInsertOnce");
    expect(funcOutline(policy, "g0.data.test.p")).toContain("MakeSet ObjectInsert");
  });

  test("a function mocked by a function calls the replacement in a new generation", () => {
    const policy = plan("f(_) := 1\ng(_) := 2\np := y if y := f(1) with f as g\n");
    expect(policy.funcs?.funcs?.map((f) => f.name).sort()).toEqual(["g0.data.test.g", "g0.data.test.p"]);
    const rule = policy.funcs?.funcs?.find((f) => f.name === "g0.data.test.p");
    expect(JSON.stringify(rule)).toContain('"func":"g0.data.test.g"');
  });

  test("with data over a rule plans the rule's callers again, reading base data", () => {
    const policy = plan("q := 1\nr := q\np := x if x := r with data.test.q as 5\n");
    const names = policy.funcs?.funcs?.map((f) => f.name).sort();
    expect(names).toEqual(["g0.data.test.p", "g1.data.test.r"]);
  });
});

describe("planner: template strings", () => {
  // As in OPA's golden plans (stringinterpolation): a scalar is appended as it is, a variable or an
  // always-defined rule is a set literal, any other expression a set comprehension in a block of its
  // own (its `with` inside it), then internal.template_string is called on the array of parts.
  test.each([
    ["a scalar", 'p := $"{42}"', "ResetLocal MakeNumberRef MakeArray ArrayAppend Call AssignVarOnce"],
    [
      "a variable",
      'p if { x := 1; $"{x}" == "1" }',
      "ResetLocal MakeNumberRef AssignVar MakeSet SetAdd MakeArray ArrayAppend Call Equal AssignVarOnce",
    ],
    [
      "a constant rule",
      'a := "x"\np := $"{a}"',
      "ResetLocal Call MakeSet SetAdd MakeArray ArrayAppend Call AssignVarOnce",
    ],
    [
      "a ref that may be undefined",
      'p := $"a{input.x}"',
      "ResetLocal MakeSet Block{IsDefined Dot AssignVar SetAdd} MakeArray ArrayAppend ArrayAppend Call AssignVarOnce",
    ],
    [
      "with inside the expression",
      'p := $"{input.x with input as {"x": 1}}"',
      "ResetLocal MakeSet Block{MakeNumberRef MakeObject ObjectInsert AssignVar With{IsDefined Dot AssignVar With{SetAdd}}}" +
        " MakeArray ArrayAppend Call AssignVarOnce",
    ],
  ])("%s", (_name, source, expected) => {
    expect(funcOutline(plan(source), "g0.data.test.p")).toBe(
      `${expected} | IsDefined AssignVarOnce | ReturnLocal`,
    );
  });

  test("declares internal.template_string as OPA's plans do", () => {
    expect(plan('p := $"{input.x}"').static.builtin_funcs).toEqual([
      {
        name: "internal.template_string",
        decl: {
          args: [{ dynamic: { type: "any" }, type: "array" }],
          result: { type: "string" },
          type: "function",
        },
      },
    ]);
  });
});

describe("planner: queries", () => {
  test("a query binds its variables", () => {
    const policy = planQuery([parseModule("package test\n\np := 7\n", "t.rego")], "data.test.p = x");
    expect(policy.plans.plans[0].name).toBe("eval");
    expect(outline(policy.plans.plans[0].blocks)).toBe("Call AssignVar MakeObject ObjectInsert ResultSetAdd");
    expect(policy.static.files.map((f) => f.value)).toEqual(["t.rego", "<query>"]);
  });
});
