import { loadRuntime, Runtime } from "../testing/harness";

let rt: Runtime;
beforeAll(async () => {
  rt = await loadRuntime();
}, 120_000);

const cycle = '{"a": {"b"}, "b": {"c"}, "c": {"a"}}';
const components =
  '{"a": {"b", "c"}, "b": {"d"}, "c": {"d"}, "d": set(), "e": {"f"}, "f": {"e"}, "x": {"x"}}';
// OPA issue 1022's graphs: "" is not a node, so an edge to it ends a path
const numbers = (six: string, eight: string) =>
  `{"one": ["two", "five"], "two": ["four"], "three": [""], "four": ["three"], "five": ["seven", "six"],
    "six": ${six}, "seven": ["eight"], "eight": ${eight}, "nine": [""]}`;

// [builtin export, arguments in Rego syntax, result in Rego syntax]; mostly OPA's conformance cases.
const results: [string, string[], string][] = [
  ["builtin_walk", ["1"], "[[[], 1]]"],
  ["builtin_walk", ["[1, 2]"], "[[[], [1, 2]], [[0], 1], [[1], 2]]"],
  [
    "builtin_walk",
    ['{"v1": "hello", "v2": "goodbye"}'],
    '[[[], {"v1": "hello", "v2": "goodbye"}], [["v1"], "hello"], [["v2"], "goodbye"]]',
  ],
  ["builtin_walk", ["{{1, 2}}"], "[[[], {{1, 2}}], [[{1, 2}], {1, 2}], [[{1, 2}, 1], 1], [[{1, 2}, 2], 2]]"],
  [
    "builtin_walk",
    ['{"a": [{"b": null}]}'],
    '[[[], {"a": [{"b": null}]}], [["a"], [{"b": null}]], [["a", 0], {"b": null}], [["a", 0, "b"], null]]',
  ],
  ["builtin_graph_reachable", ["{}", '{"a"}'], "set()"],
  ["builtin_graph_reachable", [cycle, '{"a"}'], '{"a", "b", "c"}'],
  ["builtin_graph_reachable", [components, '{"b", "e"}'], '{"b", "d", "e", "f"}'],
  ["builtin_graph_reachable", ['{"a": ["b"], "b": ["c"], "c": ["a"]}', '["a"]'], '{"a", "b", "c"}'],
  ["builtin_graph_reachable", ['{"a": null}', '["a"]'], '{"a"}'],
  ["builtin_graph_reachable", ['{"a": ["b", "missing"], "b": []}', '["a"]'], '{"a", "b"}'],
  ["builtin_graph_reachable_paths", ["{}", '{"a"}'], "set()"],
  ["builtin_graph_reachable_paths", [cycle, '{"a"}'], '{["a", "b", "c"]}'],
  ["builtin_graph_reachable_paths", [components, '{"b", "e"}'], '{["b", "d"], ["e", "f"]}'],
  ["builtin_graph_reachable_paths", ['{"a": ["b"], "b": ["c"], "c": ["a"]}', '["a"]'], '{["a", "b", "c"]}'],
  ["builtin_graph_reachable_paths", ['{"a": null}', '["a"]'], '{["a"]}'],
  [
    "builtin_graph_reachable_paths",
    ['{"a": ["b", "c"], "b": ["c"], "c": []}', '{"a"}'],
    '{["a", "b", "c"], ["a", "c"]}',
  ],
  [
    "builtin_graph_reachable_paths",
    ['{"a": ["b"], "b": ["nonexistent"]}', '{"a", "b"}'],
    '{["a", "b"], ["b"]}',
  ],
  [
    "builtin_graph_reachable_paths",
    [numbers('["nine"]', '[""]'), '{"one"}'],
    '{["one", "five", "seven", "eight"], ["one", "five", "six", "nine"], ["one", "two", "four", "three"]}',
  ],
  [
    "builtin_graph_reachable_paths",
    [numbers('["nine", "seven"]', '["three"]'), '{"one"}'],
    '{["one", "five", "seven", "eight", "three"], ["one", "five", "six"], ["one", "five", "six", "nine"], ["one", "two", "four", "three"]}',
  ],
];

// Expected values go through the runtime's own parser and dumper, so any Rego spelling compares.
test.each(results)("%s(%j) = %s", (fn, args, want) => {
  expect(rt.call(fn, ...args)).toBe(rt.dump(rt.value(want)));
});

// [builtin export, arguments, OPA's error message]
const errors: [string, string[], string][] = [
  ["builtin_graph_reachable", ["1", "[1]"], "graph.reachable: operand 1 must be object but got number"],
  [
    "builtin_graph_reachable",
    ['{"a": []}', '"a"'],
    "graph.reachable: operand 2 must be one of {array, set} but got string",
  ],
  [
    "builtin_graph_reachable_paths",
    ["1", "[1]"],
    "graph.reachable_paths: operand 1 must be object but got number",
  ],
  [
    "builtin_graph_reachable_paths",
    ['{"a": []}', '"a"'],
    "graph.reachable_paths: operand 2 must be one of {array, set} but got string",
  ],
];

test.each(errors)("%s(%j) fails: %s", (fn, args, message) => {
  expect(() => rt.call(fn, ...args)).toThrow(message);
});
