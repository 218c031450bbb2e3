import { loadPolicy } from "@open-policy-agent/opa-wasm";
import { compileRego } from "../compile";

/**
 * A number written as a key into base data, as OPA's interpreter reads it (the compliance cases
 * data/toplevel integer, data/nested integer and data/negative case: nested integer): base documents
 * are read through string paths, so the key also finds the object key written the same; a number key
 * into a value bound to a variable stays a number.
 */
const data = { nested: { "2": "bar" }, "2": "top", arr: [5, 6], both: { "1": "text" } };
const rules: [string, string, unknown[]][] = [
  ["nested", "r := data.nested[2]", [{ result: "bar" }]],
  ["top_level", "r := data[2]", [{ result: "top" }]],
  ["array_index", "r := data.arr[1]", [{ result: 6 }]],
  ["missing", "r := data.nested[3]", []],
  ["bound_to_a_variable", "r := obj[2] if {\n\tobj := data.nested\n}", []],
];

describe("number keys into base data", () => {
  test.each(rules)("%s", async (name, rule, expected) => {
    const { wasm } = await compileRego({
      sources: [{ file: "t.rego", source: `package t.${name}\n\n${rule}\n` }],
      entrypoints: [`t/${name}/r`],
    });
    const policy = await loadPolicy(wasm);
    policy.setData(data);
    expect(policy.evaluate({}, `t/${name}/r`)).toEqual(expected);
  });
});
