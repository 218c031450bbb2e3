import { loadRuntime, Runtime } from "../testing/harness";

let rt: Runtime;
beforeAll(async () => {
  rt = await loadRuntime();
}, 120_000);

// [builtin export, arguments in Rego syntax, result in Rego syntax]; mostly OPA's conformance cases.
const results: [string, string[], string][] = [
  ["builtin_object_get", ['{"a": "b"}', '"a"', '"c"'], '"b"'],
  ["builtin_object_get", ['{"a": "b"}', '"c"', '"c"'], '"c"'],
  ["builtin_object_get", ["{1: 2}", "1", "3"], "2"],
  ["builtin_object_get", ["{1: 2}", "2", "3"], "3"],
  ["builtin_object_get", ['{"a": {"b": "c"}}', '"a"', "true"], '{"b": "c"}'],
  ["builtin_object_get", ['{"a": 1}', "[]", "2"], '{"a": 1}'],
  ["builtin_object_get", ['{"a": {"b": {"c": 1}}}', '["a", "b", "c"]', "2"], "1"],
  ["builtin_object_get", ['{"a": {"b": {"c": 1}}}', '["a", "b", "a"]', "2"], "2"],
  ["builtin_object_get", ['{1: {"b": {[1, 2, 3]: 1}}}', '[1, "b", [1, 2, 3]]', "2"], "1"],
  ["builtin_object_get", ['{"a": {"b": [1, 2, 3]}}', '["a", "b", "a"]', "2"], "2"],
  ["builtin_object_get", ['{"a": {"b": [{"c": 1}]}}', '["a", "b", 0, "c"]', "2"], "1"],
  ["builtin_object_get", ['{"a": {"s"}}', '["a", "s"]', "2"], '"s"'],
  ["builtin_object_remove", ['{"a": 1, "b": {"c": 3}}', '{"a"}'], '{"b": {"c": 3}}'],
  ["builtin_object_remove", ['{"a": 1, "b": {"c": 3}, "d": 4}', '["d", "b"]'], '{"a": 1}'],
  ["builtin_object_remove", ['{"a": 1, "b": {"c": 3}, "d": 4}', '{"b": 1, "d": ""}'], '{"a": 1}'],
  [
    "builtin_object_remove",
    ['{"a": {"b": {"c": 2}}, "x": 123}', '{"a": {"b": {"foo": "bar"}}}'],
    '{"x": 123}',
  ],
  ["builtin_object_remove", ["{}", '{"a", "b"}'], "{}"],
  ["builtin_object_remove", ['{"a": 1}', "set()"], '{"a": 1}'],
  ["builtin_object_remove", ['{"a": 1, [[7]]: 2}', "{[[7]]}"], '{"a": 1}'],
  [
    "builtin_object_filter",
    ['{"a": {"b": {"c": 7, "d": 8}}, "e": 9}', '{"a"}'],
    '{"a": {"b": {"c": 7, "d": 8}}}',
  ],
  ["builtin_object_filter", ['{"a": 1, "b": 2, "c": 3, "e": 9}', '["a", "e"]'], '{"a": 1, "e": 9}'],
  [
    "builtin_object_filter",
    ['{"a": 1, "b": 2, "c": 3, "e": 9}', '{"a": "foo", "e": ""}'],
    '{"a": 1, "e": 9}',
  ],
  ["builtin_object_filter", ['{"a": 7}', "set()"], "{}"],
  ["builtin_object_filter", ['{"a": 1, [[7]]: 2}', "{[[7]]}"], "{[[7]]: 2}"],
  ["builtin_object_union", ["{}", "{}"], "{}"],
  ["builtin_object_union", ['{"a": {"b": {"c": 1}}}', '{"b": 2}'], '{"a": {"b": {"c": 1}}, "b": 2}'],
  ["builtin_object_union", ['{"a": 1}', '{"a": 2}'], '{"a": 2}'],
  ["builtin_object_union", ['{"a": 1}', '{"a": {"b": {"c": 1}}, "d": 7}'], '{"a": {"b": {"c": 1}}, "d": 7}'],
  [
    "builtin_object_union",
    ['{"a": {"b": {"c": 1}}, "e": 1}', '{"a": {"b": "foo", "b1": "bar"}, "d": 7, "e": 17}'],
    '{"a": {"b": "foo", "b1": "bar"}, "d": 7, "e": 17}',
  ],
  ["builtin_object_union", ['{"a": {"x": 1}}', '{"a": {"y": 2}}'], '{"a": {"x": 1, "y": 2}}'],
  ["builtin_object_union_n", ["[{}]"], "{}"],
  ["builtin_object_union_n", ["[]"], "{}"],
  ["builtin_object_union_n", ['[{"foo": "bar"}, {"foo": "baz"}]'], '{"foo": "baz"}'],
  [
    "builtin_object_union_n",
    ['[{"a": 1, "b": 2, "c": 3}, {"foo": "baz", "a": "a", "b": 2, "d": 4}, {"a": "final A!", "e": 5.0}]'],
    '{"a": "final A!", "b": 2, "c": 3, "d": 4, "e": 5.0, "foo": "baz"}',
  ],
  ["builtin_object_keys", ['{"a": 1, "b": 2}'], '{"a", "b"}'],
  ["builtin_object_keys", ['{{"a": 1}: 1, {"b": 2}: 2}'], '{{"a": 1}, {"b": 2}}'],
  ["builtin_object_keys", ["{}"], "set()"],
  ["builtin_object_subset", ['{"a": 5, "b": 7, "c": 15}', '{"a": 5}'], "true"],
  ["builtin_object_subset", ['{"a": 5}', '{"a": 5, "b": 7, "c": 15}'], "false"],
  ["builtin_object_subset", ['{"a": 5, "b": 7}', '{"a": 5, "b": 10}'], "false"],
  [
    "builtin_object_subset",
    [
      '{"a": 5, "n": {"x": 10, "s": {1, 2, 3, 4}, "r": [6, 7, 8, 9]}}',
      '{"a": 5, "n": {"s": {4, 1}, "r": [6, 7]}}',
    ],
    "true",
  ],
  ["builtin_object_subset", ["{1, 2, 3}", "{3, 2}"], "true"],
  ["builtin_object_subset", ['{1, 2, 3, {"a", "b", "c"}}', '{3, 2, {"a", "b"}}'], "false"],
  ["builtin_object_subset", ["[1, 2, 3, 4, 5, 6]", "[3, 4, 5]"], "true"],
  ["builtin_object_subset", ["[1, 2, 3, 4, 5, 6]", "[1, 2, 3, 4, 5, 6]"], "true"],
  ["builtin_object_subset", ["[1, 2, 3, 4, 5, 6]", "[4, 5, 6, 8]"], "false"],
  ["builtin_object_subset", ["[1, 2, 3, 4, 5, 6]", "[1, 3]"], "false"],
  ["builtin_object_subset", ["[1, 2, 3, 4, 5, 6]", "{4, 3, 2}"], "true"],
  ["builtin_object_subset", ["[1, 2, 3, 4, 5, 6]", "{9, 8, 7}"], "false"],
  // no subset relation between a set and an array (in that order): undefined, as non-strict OPA
  ["builtin_object_subset", ["{4, 3, 2}", "[1, 2, 3]"], "undefined"],
];

// Expected values go through the runtime's own parser and dumper, so any Rego spelling compares.
test.each(results)("%s(%j) = %s", (fn, args, want) => {
  expect(rt.call(fn, ...args)).toBe(want === "undefined" ? want : rt.dump(rt.value(want)));
});

// [builtin export, arguments, OPA's error message]
const errors: [string, string[], string][] = [
  ["builtin_object_get", ['"x"', '["a"]', "2"], "object.get: operand 1 must be object but got string"],
  ["builtin_object_remove", ["[]", '{"a"}'], "object.remove: operand 1 must be object but got array"],
  ["builtin_object_remove", ["null", '{"a"}'], "object.remove: operand 1 must be object but got null"],
  [
    "builtin_object_remove",
    ['{"a": 1}', '"a"'],
    "object.remove: operand 2 must be one of {object, set, array} but got string",
  ],
  ["builtin_object_filter", ["true", '{"a"}'], "object.filter: operand 1 must be object but got boolean"],
  [
    "builtin_object_filter",
    ['{"a": 1}', "1"],
    "object.filter: operand 2 must be one of {object, set, array} but got number",
  ],
  ["builtin_object_union", ["[]", '{"b": 2}'], "object.union: operand 1 must be object but got array"],
  ["builtin_object_union", ['{"a": 1}', "[]"], "object.union: operand 2 must be object but got array"],
  ["builtin_object_union_n", ['{"a": 1}'], "object.union_n: operand 1 must be array but got object"],
  [
    "builtin_object_union_n",
    ["[{}, 1]"],
    "object.union_n: operand 1 must be array of objects but got array containing number",
  ],
  ["builtin_object_keys", ['"x"'], "object.keys: operand 1 must be object but got string"],
];

test.each(errors)("%s(%j) fails: %s", (fn, args, message) => {
  expect(() => rt.call(fn, ...args)).toThrow(message);
});
