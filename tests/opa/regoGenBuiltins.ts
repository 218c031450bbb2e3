/**
 * Builtin calls and operators the program generator can write, grouped by the runtime's builtin
 * families (compiler/runtime/builtins/). Each production says which static type it yields and writes a
 * call whose arguments have the declared types, so OPA's type checker accepts it; the argument pools
 * (STRINGS, NUMBERS) and `any`-typed input terms make many calls fail at run time (invalid JSON, regex,
 * semver, CIDR, base64, division by zero, wrong operand types).
 */
import type { Choices } from "./regoGenChoices";
import { ANY, BOOLEAN, NUMBER, STRING, type Ty, arrayOf, objectOf, sameTy, setOf } from "./regoGenTypes";

/** What a production needs from the generator: terms one level shallower, and random decisions. */
export interface TermSource {
  readonly choices: Choices;
  term(ty: Ty): string;
  /** A random type for an argument declared `any`. */
  someTy(): Ty;
  /** A random scalar type, for collection elements. */
  scalarTy(): Ty;
  /** Two terms OPA's checker lets `==` compare (it unifies their static types). */
  comparable(): [string, string];
}

export interface Production {
  yields(ty: Ty): boolean;
  write(source: TermSource, ty: Ty): string;
}

/** Strings that are valid or invalid arguments of many builtins. */
export const STRINGS = [
  ...["", "a", "b", "ab", "abc", "a.b", "A", " x ", "x/y", "héllo", "a,b", "b,a,"],
  ...["1", "2.5", "-3", "0x1f", "2.5e-1", "true", "null", '{"a":1}', "[1,2]", '"q"', "not json", "{"],
  ...["10KB", "1.5Mi", "3G", "7m", "1.2.3", "1.0.0-rc.1", "2.0.0", "1.2", "v1.0.0"],
  ...["10.0.0.0/8", "10.1.2.3", "192.168.0.0/16", "10.0.0.0/33", "::1", "2001:db8::/32", "300.1.1.1"],
  ...["(", "a.*", "^a", "[a-c]+", "a|b", "\\d+", "*.b", "?", "{a,b}", "[", "YWI=", "YWI", "%zz", "61"],
];

/**
 * No integer written with an exponent (1e3), here or in STRINGS (to_number): OPA does not take it as
 * an integer operand (compiler/README.md, OPA bugs); 2.5e-1 still exercises the notation.
 */
export const NUMBERS = ["0", "1", "2", "3", "-1", "10", "0.5", "2.5", "-7", "100", "2.5e-1", "0.1", "3.0"];

/** Mostly valid JSON texts, as string literals, for json.unmarshal. */
const JSON_TEXTS = ['{"a": 1}', "[1, 2]", '"q"', "1", "2.5", "true", "null", '{"a": [true]}', "not json"].map(
  (text) => JSON.stringify(text),
);

const GLOB_DELIMITERS = ["null", "[]", '["."]', '[".", "/"]'];
const FORMAT_BASES = ["2", "8", "10", "16", "3"];

function call(name: string, ...args: string[]): string {
  return `${name}(${args.join(", ")})`;
}

/** Operators are parenthesized so that they nest anywhere (`{(a | b), c}` is no comprehension). */
function infix(left: string, operator: string, right: string): string {
  return `(${left} ${operator} ${right})`;
}

/** A production yielding exactly `result`. */
function fixed(result: Ty, write: (g: TermSource) => string): Production {
  return { yields: (ty) => sameTy(ty, result), write: (g) => write(g) };
}

/** A production for every collection type of a kind, e.g. array.reverse on array<T>. */
function generic(kind: "array" | "set" | "object", write: (g: TermSource, ty: Ty) => string): Production {
  return { yields: (ty) => ty.kind === kind, write };
}

const num = (g: TermSource) => g.term(NUMBER);
const str = (g: TermSource) => g.term(STRING);
const anything = (g: TermSource) => g.term(g.someTy());
const strings = (g: TermSource) => g.term(g.choices.oneOf([arrayOf(STRING), setOf(STRING)]));
const numbers = (g: TermSource) => g.term(g.choices.oneOf([arrayOf(NUMBER), setOf(NUMBER)]));
const countable = (g: TermSource) =>
  g.term(g.choices.oneOf([STRING, arrayOf(g.scalarTy()), setOf(g.scalarTy()), objectOf(g.scalarTy())]));
const anyObject = (g: TermSource) => g.term(objectOf(g.scalarTy()));
const smallShift = (g: TermSource) => g.choices.oneOf(["0", "1", "3", "31", "64", "-1"]);

const aggregates: Production[] = [
  fixed(NUMBER, (g) => call("count", countable(g))),
  fixed(NUMBER, (g) => call(g.choices.oneOf(["sum", "product", "max", "min"]), numbers(g))),
  generic("array", (g, ty) => call("sort", g.term(g.choices.oneOf([ty, setOf((ty as { of: Ty }).of)])))),
];

const arithmetic: Production[] = [
  fixed(NUMBER, (g) => infix(num(g), g.choices.oneOf(["+", "-", "*", "/", "%"]), num(g))),
  fixed(NUMBER, (g) => call(g.choices.oneOf(["abs", "round"]), num(g))),
  // OPA rounds a number between -1 and 0 the wrong way (compiler/README.md, OPA bugs): ceil and floor
  // get a number that is not there.
  fixed(NUMBER, (g) => call(g.choices.oneOf(["ceil", "floor"]), call("abs", num(g)))),
];

const numbersFamily: Production[] = [
  fixed(NUMBER, (g) => call("to_number", g.term(g.choices.oneOf([STRING, NUMBER, BOOLEAN])))),
  fixed(arrayOf(NUMBER), (g) =>
    call("numbers.range", g.choices.oneOf(NUMBERS.slice(0, 6)), g.choices.oneOf(NUMBERS.slice(0, 6))),
  ),
];

const bits: Production[] = [
  fixed(NUMBER, (g) => call(g.choices.oneOf(["bits.and", "bits.or", "bits.xor"]), num(g), num(g))),
  fixed(NUMBER, (g) => call("bits.negate", num(g))),
  fixed(NUMBER, (g) => call(g.choices.oneOf(["bits.lsh", "bits.rsh"]), num(g), smallShift(g))),
];

const comparison: Production[] = [
  fixed(BOOLEAN, (g) => {
    const [left, right] = g.comparable();
    return infix(left, g.choices.oneOf(["==", "!=", "<", "<=", ">", ">="]), right);
  }),
  // OPA checks that the element's type is the collection's element type.
  fixed(BOOLEAN, (g) => {
    const element = g.scalarTy();
    return infix(g.term(element), "in", g.term(g.choices.oneOf([arrayOf(element), setOf(element)])));
  }),
];

const stringsFamily: Production[] = [
  fixed(STRING, (g) => call("concat", str(g), strings(g))),
  fixed(STRING, (g) => call(g.choices.oneOf(["lower", "upper", "trim_space", "strings.reverse"]), str(g))),
  fixed(STRING, (g) =>
    call(g.choices.oneOf(["trim", "trim_left", "trim_right", "trim_prefix", "trim_suffix"]), str(g), str(g)),
  ),
  fixed(STRING, (g) => call("replace", str(g), str(g), str(g))),
  fixed(STRING, (g) => call("substring", str(g), num(g), num(g))),
  fixed(STRING, (g) => call("format_int", num(g), g.choices.oneOf(FORMAT_BASES))),
  fixed(STRING, (g) => call("strings.replace_n", g.term(objectOf(STRING)), str(g))),
  fixed(NUMBER, (g) => call(g.choices.oneOf(["indexof", "strings.count"]), str(g), str(g))),
  fixed(BOOLEAN, (g) => call(g.choices.oneOf(["startswith", "endswith", "contains"]), str(g), str(g))),
  fixed(BOOLEAN, (g) =>
    call(
      g.choices.oneOf(["strings.any_prefix_match", "strings.any_suffix_match"]),
      g.term(g.choices.oneOf([STRING, arrayOf(STRING)])),
      g.term(g.choices.oneOf([STRING, setOf(STRING)])),
    ),
  ),
  fixed(arrayOf(STRING), (g) => call("split", str(g), str(g))),
  fixed(STRING, (g) => call("type_name", anything(g))),
];

const types: Production[] = [
  fixed(BOOLEAN, (g) =>
    call(
      g.choices.oneOf(["is_number", "is_string", "is_boolean", "is_array", "is_set", "is_object", "is_null"]),
      anything(g),
    ),
  ),
];

const objects: Production[] = [
  fixed(ANY, (g) =>
    call("object.get", anyObject(g), g.term(g.choices.oneOf([STRING, arrayOf(STRING)])), anything(g)),
  ),
  generic("object", (g, ty) => call("object.union", g.term(ty), g.term(ty))),
  generic("object", (g, ty) => call("object.union_n", `[${g.term(ty)}, ${g.term(ty)}]`)),
  generic("object", (g, ty) =>
    call(g.choices.oneOf(["object.remove", "object.filter"]), g.term(ty), strings(g)),
  ),
  fixed(setOf(STRING), (g) => call("object.keys", anyObject(g))),
  fixed(BOOLEAN, (g) => call("object.subset", anyObject(g), anyObject(g))),
];

const arrays: Production[] = [
  generic("array", (g, ty) => call("array.concat", g.term(ty), g.term(ty))),
  generic("array", (g, ty) => call("array.slice", g.term(ty), num(g), num(g))),
  generic("array", (g, ty) => call("array.reverse", g.term(ty))),
];

const sets: Production[] = [
  generic("set", (g, ty) => infix(g.term(ty), g.choices.oneOf(["|", "&", "-"]), g.term(ty))),
  generic("set", (g, ty) =>
    call(g.choices.oneOf(["intersection", "union"]), `{${g.term(ty)}, ${g.term(ty)}}`),
  ),
];

const json: Production[] = [
  fixed(ANY, (g) => call("json.unmarshal", g.choices.chance(70) ? g.choices.oneOf(JSON_TEXTS) : str(g))),
  fixed(STRING, (g) => call("json.marshal", anything(g))),
  fixed(BOOLEAN, (g) => call("json.is_valid", str(g))),
  generic("object", (g, ty) => call(g.choices.oneOf(["json.filter", "json.remove"]), g.term(ty), strings(g))),
];

const encoding: Production[] = [
  fixed(STRING, (g) =>
    call(
      g.choices.oneOf([
        ...[
          "base64.encode",
          "base64.decode",
          "base64url.encode",
          "base64url.decode",
          "base64url.encode_no_pad",
        ],
        ...["hex.encode", "hex.decode", "urlquery.encode", "urlquery.decode"],
      ]),
      str(g),
    ),
  ),
  fixed(BOOLEAN, (g) => call("base64.is_valid", str(g))),
];

const regex: Production[] = [
  fixed(BOOLEAN, (g) => call("regex.match", str(g), str(g))),
  fixed(BOOLEAN, (g) => call("regex.is_valid", str(g))),
  fixed(STRING, (g) => call("regex.replace", str(g), str(g), str(g))),
  fixed(arrayOf(STRING), (g) => call("regex.split", str(g), str(g))),
  fixed(arrayOf(STRING), (g) => call("regex.find_n", str(g), str(g), g.choices.oneOf(["-1", "0", "1", "2"]))),
];

const glob: Production[] = [
  fixed(BOOLEAN, (g) => call("glob.match", str(g), g.choices.oneOf(GLOB_DELIMITERS), str(g))),
  fixed(STRING, (g) => call("glob.quote_meta", str(g))),
];

const net: Production[] = [
  fixed(BOOLEAN, (g) => call(g.choices.oneOf(["net.cidr_contains", "net.cidr_intersects"]), str(g), str(g))),
  fixed(BOOLEAN, (g) => call("net.cidr_is_valid", str(g))),
  fixed(setOf(STRING), (g) => call("net.cidr_merge", g.term(arrayOf(STRING)))),
];

const semver: Production[] = [
  fixed(NUMBER, (g) => call("semver.compare", str(g), str(g))),
  fixed(BOOLEAN, (g) => call("semver.is_valid", anything(g))),
];

const units: Production[] = [
  fixed(NUMBER, (g) => call(g.choices.oneOf(["units.parse", "units.parse_bytes"]), str(g))),
];

export const PRODUCTIONS: Production[] = [
  ...aggregates,
  ...arithmetic,
  ...numbersFamily,
  ...bits,
  ...comparison,
  ...stringsFamily,
  ...types,
  ...objects,
  ...arrays,
  ...sets,
  ...json,
  ...encoding,
  ...regex,
  ...glob,
  ...net,
  ...semver,
  ...units,
];
