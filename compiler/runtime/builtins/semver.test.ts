import { loadRuntime, Runtime } from "../testing/harness";

let rt: Runtime;
beforeAll(async () => {
  rt = await loadRuntime();
}, 120_000);

// [builtin export, arguments in Rego syntax, result]; OPA's conformance cases and semver.org's precedence list.
const results: [string, string[], string][] = [
  ["builtin_semver_is_valid", ['"1.0.0"'], "true"],
  ["builtin_semver_is_valid", ['"1.2.3-alpha.1+build.5"'], "true"],
  ["builtin_semver_is_valid", ['"1"'], "false"],
  ["builtin_semver_is_valid", ["1"], "false"],
  ["builtin_semver_is_valid", ['"1.2.3.4"'], "false"],
  ["builtin_semver_is_valid", ['"v1.2.3"'], "false"],
  ["builtin_semver_is_valid", ['"1.2.3-alpha..1"'], "false"],
  // empty pre-release or metadata passes, as in the Go package OPA uses
  ["builtin_semver_is_valid", ['"1.2.3+"'], "true"],
  ["builtin_semver_compare", ['"1.0.0"', '"2.0.0"'], "-1"],
  ["builtin_semver_compare", ['"2.0.0"', '"1.0.0"'], "1"],
  ["builtin_semver_compare", ['"1.0.0"', '"1.0.0"'], "0"],
  ["builtin_semver_compare", ['"10.2.3"', '"9.20.30"'], "1"],
  ["builtin_semver_compare", ['"1.0.0-alpha"', '"1.0.0"'], "-1"],
  ["builtin_semver_compare", ['"1.0.0-alpha"', '"1.0.0-alpha.1"'], "-1"],
  ["builtin_semver_compare", ['"1.0.0-alpha.1"', '"1.0.0-alpha.beta"'], "-1"],
  ["builtin_semver_compare", ['"1.0.0-alpha.beta"', '"1.0.0-beta"'], "-1"],
  ["builtin_semver_compare", ['"1.0.0-beta.2"', '"1.0.0-beta.11"'], "-1"],
  ["builtin_semver_compare", ['"1.0.0-rc.1"', '"1.0.0-beta.11"'], "1"],
  ["builtin_semver_compare", ['"1.0.0-alpha.1"', '"1.0.0-alpha.1"'], "0"],
  ["builtin_semver_compare", ['"1.0.0+a"', '"1.0.0+b"'], "0"],
];

test.each(results)("%s(%j) = %s", (fn, args, want) => {
  expect(rt.call(fn, ...args)).toBe(want);
});

// [builtin export, arguments, OPA's error message]
const errors: [string, string[], string][] = [
  [
    "builtin_semver_compare",
    ['"1"', '"1.0.0"'],
    'semver.compare: operand 1: string "1" is not a valid SemVer',
  ],
  [
    "builtin_semver_compare",
    ['"1.0.0"', '"1"'],
    'semver.compare: operand 2: string "1" is not a valid SemVer',
  ],
  ["builtin_semver_compare", ["1", '"1.0.0"'], "semver.compare: operand 1 must be string but got number"],
];

test.each(errors)("%s(%j) fails: %s", (fn, args, message) => {
  expect(() => rt.call(fn, ...args)).toThrow(message);
});
