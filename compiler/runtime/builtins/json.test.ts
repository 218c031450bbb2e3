import { loadRuntime, Runtime } from "../testing/harness";

let rt: Runtime;
beforeAll(async () => {
  rt = await loadRuntime();
}, 120_000);

// JSON text (the builtins' string results) is compared as the JavaScript string it holds.
const jsonString = (text: string) => JSON.stringify(text);

// [builtin export, arguments in Rego syntax, result in Rego syntax]; mostly OPA's conformance cases.
const results: [string, string[], string][] = [
  ["builtin_json_marshal", ['[{"foo": {1, 2, 3}}]'], jsonString('[{"foo":[1,2,3]}]')],
  ["builtin_json_marshal", ["[1234567890, 2000000, 1e109]"], jsonString("[1234567890,2000000,1e109]")],
  ["builtin_json_marshal", ["[3.0, 2.50, 1E3, 0.0000001]"], jsonString("[3.0,2.50,1E3,0.0000001]")],
  ["builtin_json_unmarshal", [jsonString('[{"foo":[1,2,3]}]')], '[{"foo": [1, 2, 3]}]'],
  ["builtin_json_unmarshal", [jsonString(" 12345678901234567890 ")], "12345678901234567890"],
  ["builtin_json_is_valid", [jsonString('{"json": "ok"}')], "true"],
  ["builtin_json_is_valid", [jsonString("{")], "false"],
  ["builtin_json_is_valid", ['"plainstring"'], "false"],
  ["builtin_json_is_valid", ["1"], "false"],
  [
    "builtin_json_marshal_with_options",
    ["[1234567890, 2000000]", '{"indent": "  "}'],
    jsonString("[\n  1234567890,\n  2000000\n]"),
  ],
  ["builtin_json_marshal_with_options", ["[1, 2]", "{}"], jsonString("[1,2]")],
  ["builtin_json_marshal_with_options", ["[1, 2]", '{"pretty": true}'], jsonString("[\n\t1,\n\t2\n]")],
  [
    "builtin_json_marshal_with_options",
    ["[1, 2]", '{"pretty": false, "prefix": "NO!", "indent": "BAD!"}'],
    jsonString("[1,2]"),
  ],
  [
    "builtin_json_marshal_with_options",
    ['{"foo": "bar", "bar": "baz"}', '{"prefix": "JSON: "}'],
    jsonString('JSON: {\nJSON: \t"bar": "baz",\nJSON: \t"foo": "bar"\nJSON: }'),
  ],
  ["builtin_json_marshal_with_options", ["[]", '{"indent": "    ", "prefix": "---"}'], jsonString("---[]")],
  ["builtin_json_marshal_with_options", ["[[[]]]", '{"indent": " "}'], jsonString("[\n [\n  []\n ]\n]")],
  [
    "builtin_json_marshal_with_options",
    ['{1: {}, "s": {2}}', '{"indent": " "}'],
    jsonString('{\n "1": {},\n "s": [\n  2\n ]\n}'),
  ],
  ["builtin_json_filter", ['{"a": {"b": {"c": 7, "d": 8}}, "e": 9}', '{"a/b/c"}'], '{"a": {"b": {"c": 7}}}'],
  [
    "builtin_json_filter",
    ['{"a": {"b": {"c": 7, "d": 8}}, "e": 9}', '["a/b/c", "e"]'],
    '{"a": {"b": {"c": 7}}, "e": 9}',
  ],
  [
    "builtin_json_filter",
    ['{"a": {"b": {"c": 7, "d": 8}, "e": 9}}', '{"a/b/c", "a/e"}'],
    '{"a": {"b": {"c": 7}, "e": 9}}',
  ],
  ["builtin_json_filter", ['{"a": {"b": 7}}', '{"a", "a/b"}'], '{"a": {"b": 7}}'],
  ["builtin_json_filter", ['{"a": 7}', "set()"], "{}"],
  ["builtin_json_filter", ["{}", '{"a/b"}'], "{}"],
  [
    "builtin_json_filter",
    ['{"a": [{"b": 7, "c": 8}, {"d": 9}]}', '{"a/0/b", "a/1"}'],
    '{"a": [{"b": 7}, {"d": 9}]}',
  ],
  [
    "builtin_json_filter",
    ['{"a": [{"1": ["b", "c", "d"]}, {"x": "y"}]}', '{"a/0/1/2"}'],
    '{"a": [{"1": ["d"]}]}',
  ],
  [
    "builtin_json_filter",
    ['{"a": {"b": {"c": 7, "d": 8}}, "e": 9}', '{["a", "b", "c"], ["e"]}'],
    '{"a": {"b": {"c": 7}}, "e": 9}',
  ],
  [
    "builtin_json_filter",
    ['{"a": {"b": {"c": 7, "d": 8, "x": 0}}}', '{"a/b/d", ["a", "b", "c"]}'],
    '{"a": {"b": {"c": 7, "d": 8}}}',
  ],
  ["builtin_json_filter", ['{"a~b": 1, "c/d": 2, "e": 3}', '["a~0b", "/c~1d"]'], '{"a~b": 1, "c/d": 2}'],
  ["builtin_json_filter", ['{"a": {"x", "y"}}', '["a/x"]'], '{"a": {"x"}}'],
  [
    "builtin_json_remove",
    ['{"a": {"b": {"c": 7, "d": 8}}, "e": 9}', '{"a/b/c"}'],
    '{"a": {"b": {"d": 8}}, "e": 9}',
  ],
  [
    "builtin_json_remove",
    ['{"a": {"b": {"c": 7, "d": 8}}, "e": 9}', '["a/b/c", "e"]'],
    '{"a": {"b": {"d": 8}}}',
  ],
  [
    "builtin_json_remove",
    ['{"a": {"b": {"c": 7, "d": 8}, "e": 9}}', '{"a/b/c", "a/e"}'],
    '{"a": {"b": {"d": 8}}}',
  ],
  ["builtin_json_remove", ['{"a": {"b": 7}, "c": 1}', '{"a", "a/b"}'], '{"c": 1}'],
  ["builtin_json_remove", ['{"a": 7}', "set()"], '{"a": 7}'],
  ["builtin_json_remove", ['{"a": {"b": 7}, "c": 1}', '{"a", "c"}'], "{}"],
  ["builtin_json_remove", ['{"a": {"b": 7}, "c": 1}', '{"a/b", "c"}'], '{"a": {}}'],
  ["builtin_json_remove", ['{"a": [{"b": 7, "c": 8}, {"d": 9}]}', '{"a/0/b", "a/1"}'], '{"a": [{"c": 8}]}'],
  [
    "builtin_json_remove",
    ['{"a": [{"1": ["b", "c", "d"]}, {"x": "y"}]}', '{"a/0/1/2"}'],
    '{"a": [{"1": ["b", "c"]}, {"x": "y"}]}',
  ],
  [
    "builtin_json_remove",
    ['{"a": {"b": {"c": 7, "d": 8, "x": 0}}, "e": 9}', '{"a/b/d", ["a", "b", "c"]}'],
    '{"a": {"b": {"x": 0}}, "e": 9}',
  ],
];

// Expected values go through the runtime's own parser and dumper, so any Rego spelling compares.
test.each(results)("%s(%j) = %s", (fn, args, want) => {
  expect(rt.call(fn, ...args)).toBe(rt.dump(rt.value(want)));
});

// [builtin export, arguments, OPA's error message]
const errors: [string, string[], string][] = [
  ["builtin_json_unmarshal", ["1"], "json.unmarshal: operand 1 must be string but got number"],
  ["builtin_json_unmarshal", [jsonString("[1,2")], "json.unmarshal: invalid JSON"],
  [
    "builtin_json_marshal_with_options",
    ["[]", '{"indent": "    ", "include_winning_lottery_numbers": true}'],
    'json.marshal_with_options: object contained unknown key "include_winning_lottery_numbers"',
  ],
  [
    "builtin_json_marshal_with_options",
    ["[]", "[]"],
    "json.marshal_with_options: operand 2 must be object but got array",
  ],
  ["builtin_json_remove", ['"x"', '{"a/b/c"}'], "json.remove: operand 1 must be object but got string"],
  [
    "builtin_json_remove",
    ['{"a": 1}', '"a"'],
    "json.remove: operand 2 must be one of {set, array} but got string",
  ],
  [
    "builtin_json_remove",
    ['{"a": 1}', '{"a": 1}'],
    "json.remove: operand 2 must be one of {set, array} but got object",
  ],
  [
    "builtin_json_remove",
    ['{"a": 1}', "{1}"],
    "json.remove: operand 2 must be one of {set, array} containing string paths or array of path segments but got number",
  ],
  [
    "builtin_json_filter",
    ['{"a": 1}', "[{}]"],
    "json.filter: operand 2 must be one of {set, array} containing string paths or array of path segments but got object",
  ],
  ["builtin_json_filter", ["[]", "[]"], "json.filter: operand 1 must be object but got array"],
];

test.each(errors)("%s(%j) fails: %s", (fn, args, message) => {
  expect(() => rt.call(fn, ...args)).toThrow(message);
});
