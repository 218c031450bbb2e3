// Aggregates, arrays, sets, membership, types and comparison builtins, table-driven through the exports.
import { loadRuntime, Runtime } from "../testing/harness";

let rt: Runtime;
beforeAll(async () => {
  rt = await loadRuntime();
}, 120_000);

const cases: [string, string[], string][] = [
  // aggregates
  ["builtin_count", ['"héllo"'], "5"],
  ["builtin_count", ['""'], "0"],
  ["builtin_count", ["[1,2,3]"], "3"],
  ["builtin_count", ['{"a":1}'], "1"],
  ["builtin_count", ["{1,2}"], "2"],
  ["builtin_sum", ["[1,2,3]"], "6"],
  ["builtin_sum", ["{1.5,2.5}"], "4"],
  ["builtin_sum", ["[]"], "0"],
  ["builtin_sum", ["[18446744073709551617, 1]"], "18446744073709551618"],
  ["builtin_sum", ["[9223372036854775807, 1]"], "9223372036854775808"],
  ["builtin_sum", ["[-9223372036854775808, -1]"], "-9223372036854775809"],
  ["builtin_product", ["[2,3,4]"], "24"],
  ["builtin_product", ["[]"], "1"],
  ["builtin_product", ["[1.5, 2]"], "3"],
  ["builtin_product", ["[18446744073709551617, 2]"], "36893488147419103234"],
  ["builtin_max", ["[3, 3.5, 3.25, 3.4999]"], "3.5"],
  ["builtin_max", ['[1, "a", null]'], '"a"'],
  ["builtin_max", ["[]"], "undefined"],
  ["builtin_min", ["[3, 3.5, 2.75, 2.7499]"], "2.7499"],
  ["builtin_min", ["{2, 1}"], "1"],
  ["builtin_sort", ["[3.5, 3, 3.25, -2.5, 3.50, 1e0, 0.5]"], "[-2.5,0.5,1e0,3,3.25,3.5,3.50]"],
  ["builtin_sort", ['{"b", "a", 1}'], '[1,"a","b"]'],
  ["builtin_sort", ['[[2], [1, 2], {"a": 1}, null]'], '[null,[1,2],[2],{"a":1}]'],
  ["builtin_all", ["[true, true]"], "true"],
  ["builtin_all", ["[true, 1]"], "false"],
  ["builtin_all", ["set()"], "true"],
  ["builtin_any", ["{false, true}"], "true"],
  ["builtin_any", ["[]"], "false"],
  // arrays
  ["builtin_array_concat", ["[1,2]", "[2,3]"], "[1,2,2,3]"],
  ["builtin_array_concat", ["[]", "[]"], "[]"],
  ["builtin_array_slice", ["[1,2,3,4]", "1", "3"], "[2,3]"],
  ["builtin_array_slice", ["[1,2,3,4]", "-5", "10"], "[1,2,3,4]"],
  ["builtin_array_slice", ["[1,2,3,4]", "3", "1"], "[]"],
  ["builtin_array_slice", ["[1,2,3,4]", "4", "4"], "[]"],
  ["builtin_array_slice", ["[1,2,3,4]", "1.0", "18446744073709551616"], "[2,3,4]"],
  ["builtin_array_reverse", ["[1,[2],3]"], "[3,[2],1]"],
  ["builtin_array_reverse", ["[]"], "[]"],
  ["builtin_array_flatten", ["[[1,2],[3],4,[]]"], "[1,2,3,4]"],
  ["builtin_array_flatten", ["[[[1],[2,[]]],[{3}]]"], "[[1],[2,[]],{3}]"],
  // sets
  ["builtin_and", ["{1,2,3}", "{2,3,4}"], "{2,3}"],
  ["builtin_and", ["{1}", "set()"], "set()"],
  ["builtin_or", ["{1,3}", "{2,3,4}"], "{1,2,3,4}"],
  ["builtin_or", ["set()", "set()"], "set()"],
  ["builtin_intersection", ["{{1,2,3},{2,3,4},{3,2}}"], "{2,3}"],
  ["builtin_intersection", ["set()"], "set()"],
  ["builtin_union", ["{{1},{2,3},{3,4}}"], "{1,2,3,4}"],
  ["builtin_union", ["set()"], "set()"],
  // membership
  ["builtin_internal_member_2", ["2", "[1,2]"], "true"],
  ["builtin_internal_member_2", ["2.0", "{1,2}"], "true"],
  ["builtin_internal_member_2", ['"v"', '{"k":"v"}'], "true"],
  ["builtin_internal_member_2", ['"k"', '{"k":"v"}'], "false"],
  ["builtin_internal_member_2", ["1", "1"], "false"],
  ["builtin_internal_member_3", ["1", '"b"', '["a","b"]'], "true"],
  ["builtin_internal_member_3", ["1.0", '"b"', '["a","b"]'], "true"],
  ["builtin_internal_member_3", ["2", '"b"', '["a","b"]'], "false"],
  ["builtin_internal_member_3", ['"k"', '"v"', '{"k":"v"}'], "true"],
  ["builtin_internal_member_3", ['"k"', '"w"', '{"k":"v"}'], "false"],
  ["builtin_internal_member_3", ["1", "1", "{1}"], "false"],
  // types
  ["builtin_is_number", ["-42.0"], "true"],
  ["builtin_is_number", ["false"], "false"],
  ["builtin_is_string", ['""'], "true"],
  ["builtin_is_string", ["[]"], "false"],
  ["builtin_is_boolean", ["false"], "true"],
  ["builtin_is_boolean", ["null"], "false"],
  ["builtin_is_array", ["[]"], "true"],
  ["builtin_is_array", ["set()"], "false"],
  ["builtin_is_set", ["set()"], "true"],
  ["builtin_is_set", ["{}"], "false"],
  ["builtin_is_object", ["{}"], "true"],
  ["builtin_is_object", ["[]"], "false"],
  ["builtin_is_null", ["null"], "true"],
  ["builtin_is_null", ["0"], "false"],
  ["builtin_type_name", ["null"], '"null"'],
  ["builtin_type_name", ["true"], '"boolean"'],
  ["builtin_type_name", ["1.5"], '"number"'],
  ["builtin_type_name", ['"s"'], '"string"'],
  ["builtin_type_name", ["[]"], '"array"'],
  ["builtin_type_name", ["{}"], '"object"'],
  ["builtin_type_name", ["set()"], '"set"'],
  // comparison
  ["builtin_equal", ["1", "1.0"], "true"],
  ["builtin_equal", ["{1}", "[1]"], "false"],
  ["builtin_neq", ['"a"', '"b"'], "true"],
  ["builtin_lt", ["null", "false"], "true"],
  ["builtin_lt", ["[1]", "[1,0]"], "true"],
  ["builtin_lte", ["2", "2.0"], "true"],
  ["builtin_gt", ['"b"', '"a"'], "true"],
  ["builtin_gt", ["{}", "[]"], "true"],
  ["builtin_gte", ["1", "2"], "false"],
];

test.each(cases)("%s(%j) = %s", (name, args, expected) => {
  expect(rt.call(name, ...args)).toBe(expected);
});

test.each([
  ["builtin_count", ["null"], "count: operand 1 must be one of {array, object, set, string} but got null"],
  ["builtin_count", ["5"], "count: operand 1 must be one of {array, object, set, string} but got number"],
  ["builtin_sum", ['"x"'], "sum: operand 1 must be one of {array, set} but got string"],
  ["builtin_sum", ['[1, "x"]'], "sum: operand 1 must be collection of numbers but got string"],
  ["builtin_max", ["{}"], "max: operand 1 must be one of {array, set} but got object"],
  ["builtin_sort", ["1"], "sort: operand 1 must be one of {array, set} but got number"],
  ["builtin_array_concat", ["{}", "[]"], "array.concat: operand 1 must be array but got object"],
  ["builtin_array_concat", ["[]", "{}"], "array.concat: operand 2 must be array but got object"],
  ["builtin_array_reverse", ["{}"], "array.reverse: operand 1 must be array but got object"],
  ["builtin_array_flatten", ["1"], "array.flatten: operand 1 must be array but got number"],
  ["builtin_array_slice", ["[]", '"1"', "2"], "array.slice: operand 2 must be number but got string"],
  [
    "builtin_array_slice",
    ["[1]", "0", "0.5"],
    "array.slice: operand 3 must be integer number but got floating-point number",
  ],
  ["builtin_and", ["[]", "{1}"], "and: operand 1 must be set but got array"],
  ["builtin_or", ["{1}", "1"], "or: operand 2 must be set but got number"],
  ["builtin_union", ["{1}"], "union: operand 1 must be set of sets but got number"],
  ["builtin_intersection", ["[]"], "intersection: operand 1 must be set of sets but got array"],
])("%s(%j) aborts: %s", (name, args, message) => {
  expect(() => rt.call(name, ...args)).toThrow(message);
});
