import { loadRuntime, Runtime } from "../testing/harness";

let rt: Runtime;
beforeAll(async () => {
  rt = await loadRuntime();
}, 120_000);

// [parts as the compiler builds them, the string]; each from `opa eval 'internal.template_string(<parts>)'`.
const joined: [string, string][] = [
  ["[]", ""],
  ['[""]', ""],
  ['["a", 1, true, null, 1.5, "b"]', "a1truenull1.5b"],
  // an empty set is an undefined expression
  ['[set(), " ", {"x"}, " ", {1}, " ", {null}]', "<undefined> x 1 null"],
  // strings raw, other values as Rego text
  [
    '[{["s", 1]}, {{"k": {1}}}, {set()}, {{}}, {"q\\"t"}, {["q\\"t"]}]',
    '["s", 1]{"k": {1}}set(){}q"t["q\\"t"]',
  ],
  ['[{{"b": 1, "a": [2.5, "é\\u0001"]}}]', '{"a": [2.5, "é\\x01"], "b": 1}'],
  ['[{{3, 1, "2"}}]', '{1, 3, "2"}'],
];

test.each(joined)("internal.template_string(%s) = %j", (parts, want) => {
  expect(JSON.parse(rt.call("builtin_internal_template_string", parts))).toBe(want);
});

const errors: [string, string][] = [
  ['[{"a", "b"}]', "template-strings must not produce multiple outputs"],
  ["[{1, 2}, [1]]", "illegal argument type: array"],
  ["[{}]", "illegal argument type: object"],
  ['{"a"}', "internal.template_string: operand 1 must be array but got set"],
];

test.each(errors)("internal.template_string(%s) fails: %s", (parts, message) => {
  expect(() => rt.call("builtin_internal_template_string", parts)).toThrow(message);
});
