/**
 * How a source-mode case is run: `data.<path> = <var>` through the entrypoint `<path>`, any other
 * query shape and a Rego `input_term` through the compiled query, whose whole result set must match.
 */
import { compileQuery, compileRego } from "../compile";
import type { ConformanceCase } from "./cases";
import { runCase } from "./runCase";

jest.setTimeout(180_000);

const MODULE = `package test

p := 7

q contains x if some x in input.xs

r[k] := v if some k, v in {"a": 1, "b": 2}
`;

function sourceCase(fields: Partial<ConformanceCase>): ConformanceCase {
  return { file: "t/t.yaml", group: "t", note: "t", query: "data.test.p = x", modules: [MODULE], ...fields };
}

const compilers = { entrypoints: compileRego, query: compileQuery };

interface Row {
  shape: string;
  fields: Partial<ConformanceCase>;
  status: string;
  reason?: string;
}

describe("source-mode cases", () => {
  test.each<Row>([
    { shape: "rule p", fields: { want_result: [{ x: 7 }] }, status: "pass" },
    {
      shape: "rule p, wrong value",
      fields: { want_result: [{ x: 8 }] },
      status: "fail",
      reason: 'want [{"result":8}]',
    },
    {
      shape: "rule p, another variable",
      fields: { query: "data.test.p = y", want_result: [{ y: 7 }] },
      status: "pass",
    },
    {
      shape: "a rule other than p, sorted",
      fields: {
        query: "data.test.q = x",
        input: { xs: [2, 1] },
        want_result: [{ x: [1, 2] }],
        sort_bindings: true,
      },
      status: "pass",
    },
    {
      shape: "a document compared with input",
      fields: { query: "data.test.p = input", input: 7, want_result: [{}] },
      status: "pass",
    },
    {
      shape: "a document unequal to input",
      fields: { query: "data.test.p = input", input: 8, want_result: [] },
      status: "pass",
    },
    {
      shape: "undefined document",
      fields: { query: "data.test.missing = x", want_result: [] },
      status: "pass",
    },
    {
      shape: "several results",
      fields: {
        query: "data.test.r[k] = v",
        want_result: [
          { k: "b", v: 2 },
          { k: "a", v: 1 },
        ],
      },
      status: "pass",
    },
    {
      shape: "several results, one missing",
      fields: { query: "data.test.r[k] = v", want_result: [{ k: "a", v: 1 }] },
      status: "fail",
      reason: 'want [{"k":"a","v":1}]',
    },
    {
      shape: "several expressions and variables",
      fields: { query: "x = data.test.p; y = x + 1", want_result: [{ x: 7, y: 8 }] },
      status: "pass",
    },
    { shape: "builtin call", fields: { query: "count([1, 2], n)", want_result: [{ n: 2 }] }, status: "pass" },
    {
      shape: "Rego input_term (a set)",
      fields: {
        query: "data.test.q = x",
        input_term: '{"xs": {3, 1}}',
        want_result: [{ x: [1, 3] }],
        sort_bindings: true,
      },
      status: "pass",
    },
    {
      shape: "expected error, strict builtin errors",
      fields: { query: "x = 1 / 0", want_error_code: "eval_builtin_error", strict_error: true },
      status: "pass",
    },
    {
      shape: "builtin error in the default mode: undefined",
      fields: { query: "x = 1 / 0", want_result: [] },
      status: "pass",
    },
    { shape: "error expected, none raised", fields: { want_error_code: "eval_type_error" }, status: "fail" },
  ])("$shape → $status", async ({ fields, status, reason }: Row) => {
    const outcome = await runCase(sourceCase(fields), "source", compilers);
    expect(outcome.status).toBe(status);
    // A failure's reason shows which way the case ran: an entrypoint's `result`, or the query's bindings.
    if (reason !== undefined) expect(outcome.reason).toContain(reason);
  });
});
