/**
 * Random JSON inputs for generated programs: an object whose keys n, s, b, xs and o (the ones
 * regoGenProgram.ts refers to) mostly hold a number, a string, a boolean, an array and an object, and
 * sometimes a value of another type, so that builtins meet wrong operand types at run time.
 */
import fc from "fast-check";
import { NUMBERS, STRINGS } from "./regoGenBuiltins";

const number = fc.constantFrom(...NUMBERS.map(Number));
const string = fc.constantFrom(...STRINGS);
const scalar = fc.oneof(number, string, fc.boolean(), fc.constant(null));
const array = fc.array(scalar, { maxLength: 4 });
const object = fc.dictionary(fc.constantFrom("a", "b", "k", "x"), scalar, { maxKeys: 3 });
const anyValue = fc.oneof(scalar, array, object);

/** Mostly `usual`, one time in five any JSON value, sometimes absent. */
function mostly<T>(usual: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 6, arbitrary: usual }, { weight: 2, arbitrary: anyValue });
}

export const inputs: fc.Arbitrary<Record<string, unknown>> = fc.record(
  { n: mostly(number), s: mostly(string), b: mostly(fc.boolean()), xs: mostly(array), o: mostly(object) },
  { requiredKeys: ["n", "s", "xs"] },
);
