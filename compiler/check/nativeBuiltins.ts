/**
 * Declarations of the builtins our runtime implements natively although the npm SDK's
 * capabilities.json does not list them. A call to one of these never reaches the host (the back end
 * calls the runtime's `builtin_<name>` export), so the SDK's support does not matter; the checker
 * only needs each one's arity and types.
 *
 * Types follow OPA's policy reference, written in OPA's declaration shape (the JSON `opa build -t
 * plan` prints in `static.builtin_funcs`), with keys in the order OPA prints them. The drift test
 * beside this file keeps the list equal to the runtime's exports.
 */
import type { BuiltinDecl } from "./builtins";

type DeclType = Record<string, unknown>;

const ANY: DeclType = { type: "any" };
const BOOLEAN: DeclType = { type: "boolean" };
const NUMBER: DeclType = { type: "number" };
const STRING: DeclType = { type: "string" };

/** An array of any length whose elements all have `element`'s type. */
function arrayOf(element: DeclType): DeclType {
  return { dynamic: element, type: "array" };
}

/** A fixed-length array, e.g. a pair. */
function tuple(...elements: DeclType[]): DeclType {
  return { static: elements, type: "array" };
}

function setOf(element: DeclType): DeclType {
  return { of: element, type: "set" };
}

function objectOf(key: DeclType, value: DeclType): DeclType {
  return { dynamic: { key, value }, type: "object" };
}

/** An object with some known keys, and any other keys of the dynamic types. */
function objectWith(known: [string, DeclType][], key: DeclType, value: DeclType): DeclType {
  return {
    dynamic: { key, value },
    static: known.map(([name, type]) => ({ key: name, value: type })),
    type: "object",
  };
}

/** A value of any one of the given types. */
function oneOf(...alternatives: DeclType[]): DeclType {
  return { of: alternatives, type: "any" };
}

function fn(args: DeclType[], result: DeclType): BuiltinDecl {
  return { args, result, type: "function" };
}

const ANY_ARRAY = arrayOf(ANY);
const ANY_SET = setOf(ANY);
const ANY_OBJECT = objectOf(ANY, ANY);
const STRING_ARRAY = arrayOf(STRING);
const STRING_SET = setOf(STRING);
/** strings.any_prefix_match and friends take one string or a collection of them. */
const STRING_OR_STRINGS = oneOf(STRING, STRING_ARRAY, STRING_SET);
const STRING_TO_STRING = fn([STRING], STRING);

/** json.match_schema and json.verify_schema take a schema or document as a value or as JSON text. */
const SCHEMA_OPERAND = oneOf(STRING, ANY_OBJECT);

/** A graph is an object from node to the array or set of its neighbours. */
const NEIGHBOURS = oneOf(ANY_ARRAY, ANY_SET);

/** Nanoseconds since the epoch, or such a number paired with a time zone name. */
const TIME_OPERAND = oneOf(NUMBER, tuple(NUMBER, STRING));

/** A CIDR or IP, or such a string paired with extra data (net.cidr_contains_matches keeps the pair). */
const CIDR_ENTRY = oneOf(STRING, ANY_ARRAY);
const CIDR_COLLECTION = oneOf(STRING, arrayOf(CIDR_ENTRY), objectOf(STRING, CIDR_ENTRY), setOf(CIDR_ENTRY));

export const NATIVE_ONLY_DECLS: ReadonlyMap<string, BuiltinDecl> = new Map([
  // arrays
  ["array.flatten", fn([ANY_ARRAY], ANY_ARRAY)],
  ["array.reverse", fn([ANY_ARRAY], ANY_ARRAY)],

  // digests
  ["crypto.md5", STRING_TO_STRING],
  ["crypto.sha1", STRING_TO_STRING],
  ["crypto.sha256", STRING_TO_STRING],
  ["crypto.hmac.md5", fn([STRING, STRING], STRING)],
  ["crypto.hmac.sha1", fn([STRING, STRING], STRING)],
  ["crypto.hmac.sha256", fn([STRING, STRING], STRING)],
  ["crypto.hmac.sha512", fn([STRING, STRING], STRING)],
  ["crypto.hmac.equal", fn([STRING, STRING], BOOLEAN)],

  // encoding
  ["base64url.encode_no_pad", STRING_TO_STRING],
  ["hex.decode", STRING_TO_STRING],
  ["hex.encode", STRING_TO_STRING],
  ["urlquery.decode", STRING_TO_STRING],
  ["urlquery.encode", STRING_TO_STRING],
  ["urlquery.decode_object", fn([STRING], objectOf(STRING, STRING_ARRAY))],
  ["urlquery.encode_object", fn([objectOf(STRING, STRING_OR_STRINGS)], STRING)],
  [
    "json.marshal_with_options",
    fn(
      [
        ANY,
        objectWith(
          [
            ["indent", STRING],
            ["prefix", STRING],
            ["pretty", BOOLEAN],
          ],
          STRING,
          ANY,
        ),
      ],
      STRING,
    ),
  ],
  [
    "json.patch",
    fn(
      [
        ANY,
        arrayOf(
          objectWith(
            [
              ["op", STRING],
              ["path", ANY],
            ],
            ANY,
            ANY,
          ),
        ),
      ],
      ANY,
    ),
  ],

  // JSON Schema
  [
    "json.match_schema",
    fn(
      [SCHEMA_OPERAND, SCHEMA_OPERAND],
      tuple(
        BOOLEAN,
        arrayOf({
          static: ["desc", "error", "field", "type"].map((key) => ({ key, value: STRING })),
          type: "object",
        }),
      ),
    ),
  ],
  ["json.verify_schema", fn([SCHEMA_OPERAND], tuple(BOOLEAN, oneOf({ type: "null" }, STRING)))],

  // debugging: print(a, b) is rewritten into internal.print([{a}, {b}]) (check/print.ts); like OPA's,
  // its declaration has no result, so the call is a statement whose value is not tested.
  ["internal.print", { args: [arrayOf(setOf(ANY))], type: "function" }],
  [
    "trace",
    fn([{ description: "the note to include", name: "note", type: "string" }], {
      description: "always `true`",
      name: "result",
      type: "boolean",
    }),
  ],

  // graphs
  ["graph.reachable_paths", fn([objectOf(ANY, NEIGHBOURS), NEIGHBOURS], setOf(ANY_ARRAY))],

  // networks
  ["net.cidr_overlap", fn([STRING, STRING], BOOLEAN)],
  ["net.cidr_is_valid", fn([STRING], BOOLEAN)],
  ["net.cidr_expand", fn([STRING], STRING_SET)],
  ["net.cidr_merge", fn([oneOf(arrayOf(oneOf(STRING)), STRING_SET)], STRING_SET)],
  ["net.cidr_contains_matches", fn([CIDR_COLLECTION, CIDR_COLLECTION], setOf(tuple(ANY, ANY)))],

  // numbers and units
  ["numbers.range_step", fn([NUMBER, NUMBER, NUMBER], arrayOf(NUMBER))],
  ["units.parse", fn([STRING], NUMBER)],
  ["units.parse_bytes", fn([STRING], NUMBER)],

  // objects
  ["object.keys", fn([ANY_OBJECT], ANY_SET)],
  ["object.subset", fn([oneOf(ANY_ARRAY, ANY_OBJECT, ANY_SET), oneOf(ANY_ARRAY, ANY_OBJECT, ANY_SET)], ANY)],
  ["object.union_n", fn([arrayOf(ANY_OBJECT)], ANY)],

  // providers
  ["providers.aws.sign_req", fn([objectOf(STRING, ANY), objectOf(STRING, ANY), NUMBER], ANY_OBJECT)],

  // regular expressions and globs
  ["glob.quote_meta", STRING_TO_STRING],
  ["regex.find_n", fn([STRING, STRING, NUMBER], STRING_ARRAY)],
  ["regex.globs_match", fn([STRING, STRING], BOOLEAN)],
  ["regex.replace", fn([STRING, STRING, STRING], STRING)],
  ["regex.split", fn([STRING, STRING], STRING_ARRAY)],
  ["regex.template_match", fn([STRING, STRING, STRING, STRING], BOOLEAN)],

  // semantic versions
  ["semver.compare", fn([STRING, STRING], NUMBER)],
  ["semver.is_valid", fn([ANY], BOOLEAN)],

  // opa: no OPA runtime around a compiled module (runtime/builtins/opa.ts); OPA declares no args
  ["opa.runtime", { result: objectOf(STRING, ANY), type: "function" }],

  // strings
  ["indexof_n", fn([STRING, STRING], arrayOf(NUMBER))],
  ["strings.any_prefix_match", fn([STRING_OR_STRINGS, STRING_OR_STRINGS], BOOLEAN)],
  ["strings.any_suffix_match", fn([STRING_OR_STRINGS, STRING_OR_STRINGS], BOOLEAN)],
  ["strings.count", fn([STRING, STRING], NUMBER)],
  ["strings.reverse", STRING_TO_STRING],

  // time (time.diff is in the SDK's capabilities; time.now_ns needs the host's clock)
  ["time.add_date", fn([NUMBER, NUMBER, NUMBER, NUMBER], NUMBER)],
  ["time.clock", fn([TIME_OPERAND], tuple(NUMBER, NUMBER, NUMBER))],
  ["time.date", fn([TIME_OPERAND], tuple(NUMBER, NUMBER, NUMBER))],
  ["time.format", fn([oneOf(NUMBER, tuple(NUMBER, STRING), tuple(NUMBER, STRING, STRING))], STRING)],
  ["time.parse_duration_ns", fn([STRING], NUMBER)],
  ["time.parse_ns", fn([STRING, STRING], NUMBER)],
  ["time.parse_rfc3339_ns", fn([STRING], NUMBER)],
  ["time.weekday", fn([TIME_OPERAND], STRING)],

  // template strings: $"a{x}b" is internal.template_string(["a", {x}, "b"]) (syntax/expressions.ts)
  ["internal.template_string", fn([ANY_ARRAY], STRING)],

  // UUIDs
  ["uuid.parse", fn([STRING], objectOf(STRING, ANY))],
]);
