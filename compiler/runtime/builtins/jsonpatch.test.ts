import { loadRuntime, Runtime } from "../testing/harness";

let rt: Runtime;
beforeAll(async () => {
  rt = await loadRuntime();
}, 120_000);

// [document, patches, result or "undefined"] in Rego syntax; cases from RFC 6902 and OPA's suite.
const results: [string, string, string][] = [
  ['{"foo": "bar"}', '[{"op": "add", "path": "/baz", "value": "qux"}]', '{"baz": "qux", "foo": "bar"}'],
  [
    '{"foo": ["bar", "baz"]}',
    '[{"op": "add", "path": "/foo/1", "value": "qux"}]',
    '{"foo": ["bar", "qux", "baz"]}',
  ],
  ['{"baz": "qux", "foo": "bar"}', '[{"op": "remove", "path": "/baz"}]', '{"foo": "bar"}'],
  ['{"foo": ["bar", "qux", "baz"]}', '[{"op": "remove", "path": "/foo/1"}]', '{"foo": ["bar", "baz"]}'],
  ['{"baz": "qux"}', '[{"op": "replace", "path": "/baz", "value": "boo"}]', '{"baz": "boo"}'],
  [
    '{"foo": {"bar": "baz", "waldo": "fred"}, "qux": {"corge": "grault"}}',
    '[{"op": "move", "from": "/foo/waldo", "path": "/qux/thud"}]',
    '{"foo": {"bar": "baz"}, "qux": {"corge": "grault", "thud": "fred"}}',
  ],
  [
    '{"foo": ["all", "grass", "cows", "eat"]}',
    '[{"op": "move", "from": "/foo/1", "path": "/foo/3"}]',
    '{"foo": ["all", "cows", "eat", "grass"]}',
  ],
  ['{"foo": 1}', '[{"op": "move", "from": "/foo", "path": "/foo"}]', '{"foo": 1}'],
  [
    '{"baz": [{"qux": "hello"}]}',
    '[{"op": "copy", "from": "/baz/0", "path": "/boo"}]',
    '{"baz": [{"qux": "hello"}], "boo": {"qux": "hello"}}',
  ],
  [
    '{"baz": "qux", "foo": ["a", 2]}',
    '[{"op": "test", "path": "/foo/1", "value": 2}]',
    '{"baz": "qux", "foo": ["a", 2]}',
  ],
  ['{"/": 9, "~1": 10}', '[{"op": "test", "path": "/~01", "value": 10}]', '{"/": 9, "~1": 10}'],
  ['{"foo": ["bar"]}', '[{"op": "add", "path": "/foo/-", "value": ["abc"]}]', '{"foo": ["bar", ["abc"]]}'],
  ["{}", '[{"op": "add", "path": "/", "value": 1}]', '{"": 1}'],
  ['{"foo": "bar"}', '[{"op": "replace", "path": "", "value": {"baz": "qux"}}]', '{"baz": "qux"}'],
  ["[1, 2, 3, 4]", '[{"op": "remove", "path": "/1"}, {"op": "remove", "path": "/2"}]', "[1, 3]"],
  ['{"foo": {"a", "b", "c"}}', '[{"op": "remove", "path": "foo/b"}]', '{"foo": {"a", "c"}}'],
  ['{"foo": {"a", "b"}}', '[{"op": "add", "path": "foo/d", "value": "d"}]', '{"foo": {"a", "b", "d"}}'],
  ["{[1]}", '[{"op": "add", "path": [[1], 1], "value": 2}]', "{[1, 2]}"],
  // patches that cannot apply leave the result undefined
  ['{"baz": "qux"}', '[{"op": "test", "path": "/baz", "value": "bar"}]', "undefined"],
  ['{"bar": [1, 2]}', '[{"op": "add", "path": "/bar/8", "value": "5"}]', "undefined"],
  ['{"bar": [1, 2]}', '[{"op": "add", "path": "/bar/-1", "value": "5"}]', "undefined"],
  ['["foo", "bar"]', '[{"op": "test", "path": "/01", "value": "bar"}]', "undefined"],
  ['["foo", "bar"]', '[{"op": "test", "path": "/1e0", "value": "bar"}]', "undefined"],
  ['{"foo": "bar"}', '[{"op": "remove", "path": "/baz"}]', "undefined"],
  ['{"foo": "bar"}', '[{"op": "add", "path": "/baz/bat", "value": "qux"}]', "undefined"],
  ['{"foo": {"a"}}', '[{"op": "add", "path": "foo/d", "value": "e"}]', "undefined"],
  ['{"foo": 1}', '[{"op": "spam", "path": "/foo", "value": 1}]', "undefined"],
  ["{}", '[{"op": "add", "value": "bar"}]', "undefined"],
  ["[1]", '[{"op": "replace", "path": "/0"}]', "undefined"],
  ['{"foo": 1}', '[{"op": "move", "from": "/bar", "path": "/foo"}]', "undefined"],
];

test.each(results)("json.patch(%s, %s) = %s", (doc, patches, want) => {
  const got = rt.call("builtin_json_patch", doc, patches);
  expect(got).toBe(want === "undefined" ? want : rt.dump(rt.value(want)));
});

test("json.patch needs an array of patch objects", () => {
  expect(() => rt.call("builtin_json_patch", "{}", "1")).toThrow(
    "json.patch: operand 2 must be array but got number",
  );
  expect(() => rt.call("builtin_json_patch", "{}", "[1]")).toThrow(
    "json.patch: operand 2 must be array of objects but got array containing number",
  );
});
