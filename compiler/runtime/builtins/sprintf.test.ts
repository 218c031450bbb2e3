import { loadRuntime, Runtime } from "../testing/harness";

let rt: Runtime;
beforeAll(async () => {
  rt = await loadRuntime();
}, 120_000);

// [format, arguments, result], all in Rego syntax; the results are OPA 1.22's (`opa eval`).
const results: [string, string, string][] = [
  // sprintf/big_int in OPA's compliance cases
  ['"%s"', "[123456789123456789123]", '"123456789123456789123"'],
  ['"%v"', "[18446744073709551617]", '"18446744073709551617"'],
  ['"%d"', "[123456789123456789123]", '"123456789123456789123"'],
  ['"%v %v %v"', '[1, 2.5, "s"]', '"1 2.5 s"'],
  ['"hi %v"', '[["there", 5, 3.14]]', '"hi [\\"there\\", 5, 3.14]"'],
  ['"%v"', '[{"a": 1, "b": [true, null]}]', '"{\\"a\\": 1, \\"b\\": [true, null]}"'],
  ['"%v"', "[{1, 2}]", '"{1, 2}"'],
  ['"%v"', "[set()]", '"set()"'],
  ['"%s"', "[1]", '"%!s(int64=1)"'],
  ['"%d"', '["a"]', '"%!d(string=a)"'],
  ['"%02d|%5d|%-5d|%+d|% d|%05d"', "[7, 42, 42, 42, 42, -42]", '"07|   42|42   |+42| 42|-0042"'],
  ['"%x %X %o %b %#x %#o %O"', "[255, 255, 8, 5, 255, 8, 8]", '"ff FF 10 101 0xff 010 0o10"'],
  ['"%02X"', "[10]", '"0A"'],
  [
    '"%.2f %f %e %E %g %G"',
    "[3.14159, 2.5, 123456.789, 0.000123, 1e-7, 1e21]",
    '"3.14 2.500000 1.234568e+05 1.230000E-04 1e-07 1E+21"',
  ],
  ['"%v %v %v %v"', "[1e21, 1e20, 0.1, 100000000.5]", '"1e+21 1e+20 0.1 1.000000005e+08"'],
  ['"%.0f %.1f %.2f %.3e"', "[2.5, 0.25, 2.675, 1.0005]", '"2 0.2 2.67 1.000e+00"'],
  [
    '"%8.3f|%-8.2f|%08.3f|%+.1e"',
    "[3.14159, 2.5, -3.14159, 12345.678]",
    '"   3.142|2.50    |-003.142|+1.2e+04"',
  ],
  ['"%q %q"', '["a\\"b\\n", "h\u00e9llo\\u0001"]', '"\\"a\\\\\\"b\\\\n\\" \\"h\\u00e9llo\\\\x01\\""'],
  ['"%x % x %X"', '["hi", "hi", "hi"]', '"6869 68 69 6869"'],
  ['"%5s|%-5s|%.2s|%5.1s"', '["ab", "ab", "h\u00e9llo", "xyz"]', '"   ab|ab   |h\\u00e9|    x"'],
  ['"%t %v"', "[true, false]", '"%!t(string=true) false"'],
  ['"%T %T %T %T %T"', '[1, 2.5, "s", [1], 18446744073709551617]', '"int64 float64 string string *big.Int"'],
  ['"%v %v"', "[1]", '"1 %!v(MISSING)"'],
  ['"%v"', "[1, 2]", '"1%!(EXTRA int64=2)"'],
  ['"100%%"', "[]", '"100%"'],
  ['"%"', "[]", '"%!(NOVERB)"'],
  ['"%z"', "[1]", '"%!z(int64=1)"'],
  ['"%c %U %q"', "[65, 9731, 66]", "\"A U+2603 'B'\""],
  ['"%v"', "[1e400]", '"1e400"'],
  ['"%v"', "[2e308]", '"2e308"'],
  ['"%v %v"', "[1e3, -0.0]", '"1000 -0"'],
  ['"%x"', "[-255]", '"-ff"'],
  ['"%v"', "[-9223372036854775808]", '"-9223372036854775808"'],
  [
    '"%x %b"',
    "[18446744073709551617, 36893488147419103232]",
    '"10000000000000001 100000000000000000000000000000000000000000000000000000000000000000"',
  ],
  ['"%s"', "[null]", '"null"'],
  ['"%e"', "[0]", '"%!e(int64=0)"'],
  ['"%f"', "[1]", '"%!f(int64=1)"'],
  ['"%5.2f%%"', "[99.5]", '"99.50%"'],
  // a number written with a point or an exponent goes as a float64, as OPA keeps its text
  ['"%d|%v|%T|%T"', "[3.0, 2.50, 1e2, 3]", '"%!d(float64=3)|2.5|float64|int64"'],
  // `*` widths and precisions from the arguments
  ['"%*d|%-*s|%*.*f|"', '[5, 3, 4, "ab", 8, 2, 3.14159]', '"    3|ab  |    3.14|"'],
  ['"%*d|%0*d|"', "[-5, 3, -5, 3]", '"3    |3    |"'],
  ['"%*d|%*d|"', "[2.5, 3, 10000000, 3]", '"%!(BADWIDTH)3|%!(BADWIDTH)3|"'],
  ['"%.*f|%.*s|"', '[-2, 3.14159, "a", "abc"]', '"%!(BADPREC)3.141590|%!(BADPREC)abc|"'],
  ['"%*d|"', "[5]", '"%!d(MISSING)|"'],
];

test.each(results)("sprintf(%s, %s) = %s", (format, args, want) => {
  expect(rt.call("builtin_sprintf", format, args)).toBe(rt.dump(rt.value(want)));
});

test.each([
  ["1", "[]", "sprintf: operand 1 must be string but got number"],
  ['"%v"', "{1}", "sprintf: operand 2 must be array but got set"],
])("sprintf(%s, %s) fails: %s", (format, args, message) => {
  expect(() => rt.call("builtin_sprintf", format, args)).toThrow(message);
});
