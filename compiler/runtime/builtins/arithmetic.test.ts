import { loadRuntime, Runtime } from "../testing/harness";

let rt: Runtime;
beforeAll(async () => {
  rt = await loadRuntime();
}, 120_000);

describe("arithmetic builtins", () => {
  test.each([
    ["builtin_plus", ["1", "2"], "3"],
    ["builtin_plus", ["1.5", "2.5"], "4"],
    ["builtin_plus", ["1", "2.5"], "3.5"],
    ["builtin_plus", ["0.1", "0.2"], "0.3"],
    ["builtin_plus", ["0.1234567890123456789", "1"], "1.1234567890123456789"],
    ["builtin_plus", ["1e-20", "1"], "1.00000000000000000001"],
    ["builtin_plus", ["-0.5", "0.5"], "0"],
    ["builtin_plus", ["2147483647", "1"], "2147483648"],
    ["builtin_plus", ["9223372036854775807", "1"], "9223372036854775808"],
    ["builtin_plus", ["18446744073709551617", "1"], "18446744073709551618"],
    ["builtin_plus", ["123456789012345678901234567890", "1"], "123456789012345678901234567891"],
    ["builtin_plus", ["1e30", "1"], "1000000000000000000000000000001"],
    ["builtin_plus", ["10.00", "5"], "15"],
    ["builtin_plus", ["-9223372036854775808", "-1"], "-9223372036854775809"],
    ["builtin_minus", ["5", "7"], "-2"],
    ["builtin_minus", ["1.1", "1"], "0.1"],
    ["builtin_minus", ["0.3", "0.1"], "0.2"],
    ["builtin_minus", ["18446744073709551617", "1"], "18446744073709551616"],
    ["builtin_minus", ["-18446744073709551617", "1"], "-18446744073709551618"],
    ["builtin_minus", ["1", "18446744073709551617"], "-18446744073709551616"],
    ["builtin_minus", ["18446744073709551617", "18446744073709551617"], "0"],
    ["builtin_minus", ["-2147483648", "1"], "-2147483649"],
    ["builtin_minus", ["{1,2,3}", "{2,4}"], "{1,3}"],
    ["builtin_minus", ["{1}", "set()"], "{1}"],
    ["builtin_mul", ["6", "7"], "42"],
    ["builtin_mul", ["2.5", "2"], "5"],
    ["builtin_mul", ["0.1", "3"], "0.3"],
    ["builtin_mul", ["-1.5", "1.5"], "-2.25"],
    ["builtin_mul", ["2147483647", "2147483647"], "4611686014132420609"],
    ["builtin_mul", ["-2147483648", "-2147483648"], "4611686018427387904"],
    ["builtin_mul", ["18446744073709551617", "2"], "36893488147419103234"],
    ["builtin_mul", ["9223372036854775807", "-1"], "-9223372036854775807"],
    ["builtin_mul", ["-9223372036854775808", "-1"], "9223372036854775808"],
    ["builtin_mul", ["4294967296", "4294967296"], "18446744073709551616"],
    ["builtin_div", ["6", "3"], "2"],
    ["builtin_div", ["-6", "3"], "-2"],
    ["builtin_div", ["1", "4"], "0.25"],
    ["builtin_div", ["0", "5"], "0"],
    ["builtin_div", ["1", "3"], "0.3333333333333333"],
    ["builtin_rem", ["-17", "5"], "-2"],
    ["builtin_rem", ["17", "-5"], "2"],
    ["builtin_rem", ["4.0", "3"], "1"],
    ["builtin_rem", ["10", "18446744073709551616"], "10"],
    ["builtin_rem", ["100", "-18446744073709551616"], "100"],
    ["builtin_rem", ["18446744073709551617", "18446744073709551616"], "1"],
    ["builtin_rem", ["-18446744073709551617", "10"], "-7"],
    ["builtin_rem", ["-9223372036854775808", "-1"], "0"],
    ["builtin_abs", ["-5"], "5"],
    ["builtin_abs", ["-2.5"], "2.5"],
    ["builtin_abs", ["-9223372036854775808"], "9223372036854775808"],
    ["builtin_abs", ["-18446744073709551617"], "18446744073709551617"],
    ["builtin_round", ["2.5"], "3"],
    ["builtin_round", ["-2.5"], "-3"],
    ["builtin_round", ["2.4"], "2"],
    ["builtin_round", ["0.49999999999999994"], "0"],
    ["builtin_round", ["-5"], "-5"],
    ["builtin_round", ["10.00"], "10"],
    ["builtin_ceil", ["1.2"], "2"],
    ["builtin_ceil", ["-1.2"], "-1"],
    ["builtin_floor", ["1.8"], "1"],
    ["builtin_floor", ["-1.2"], "-2"],
    ["builtin_floor", ["7"], "7"],
    ["builtin_ceil", ["2.0"], "2"],
    ["builtin_floor", ["1e2"], "100"],
  ])("%s(%j) = %s", (name, args, expected) => {
    expect(rt.call(name, ...args)).toBe(expected);
  });

  test.each([
    ["builtin_plus", ['"a"', "1"], "plus: operand 1 must be number but got string"],
    ["builtin_plus", ["1", "null"], "plus: operand 2 must be number but got null"],
    ["builtin_minus", ["{1}", "1"], "minus: operand 2 must be set but got number"],
    ["builtin_minus", ["1", "{1}"], "minus: operand 2 must be number but got set"],
    ["builtin_minus", ['"a"', "1"], "minus: operand 1 must be one of {number, set} but got string"],
    ["builtin_mul", ["[]", "1"], "mul: operand 1 must be number but got array"],
    ["builtin_div", ["1", "0"], "div: divide by zero"],
    ["builtin_div", ["1", "0.0"], "div: divide by zero"],
    ["builtin_rem", ["7", "0"], "rem: modulo by zero"],
    ["builtin_rem", ["1.1", "1"], "rem: modulo on floating-point number"],
    ["builtin_abs", ["true"], "abs: operand 1 must be number but got boolean"],
    ["builtin_round", ["{}"], "round: operand 1 must be number but got object"],
  ])("%s(%j) aborts: %s", (name, args, message) => {
    expect(() => rt.call(name, ...args)).toThrow(message);
  });
});
