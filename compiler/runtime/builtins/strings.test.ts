import { loadRuntime, Runtime } from "../testing/harness";

let rt: Runtime;
beforeAll(async () => {
  rt = await loadRuntime();
}, 120_000);

// [builtin export, arguments in Rego syntax, result in Rego syntax]; mostly OPA's conformance cases.
const results: [string, string[], string][] = [
  ["builtin_concat", ['"/"', '["", "foo", "bar", "0", "baz"]'], '"/foo/bar/0/baz"'],
  ["builtin_concat", ['","', '{"1", "2", "3"}'], '"1,2,3"'],
  ["builtin_concat", ['","', "[]"], '""'],
  ["builtin_contains", ['"abcdefgh"', '"defg"'], "true"],
  ["builtin_contains", ['"abcdefgh"', '"ac"'], "false"],
  ["builtin_contains", ['"abc"', '""'], "true"],
  // findBytes looks for the needle's first byte eight bytes at a time: candidates in and across words,
  // a candidate that is not the needle, the last place the needle fits, bytes above 0x7f.
  ["builtin_indexof", ['"0123456789abcdefXY"', '"8"'], "8"],
  ["builtin_indexof", ['"0123456789abcdefXY"', '"789a"'], "7"],
  ["builtin_indexof", ['"0123456789abcdefXY"', '"XY"'], "16"],
  ["builtin_indexof", ['"0123456789abcdefXY"', '"XYZ"'], "-1"],
  ["builtin_indexof", ['"aXbXcXdXeXfXgXhXY"', '"XY"'], "15"],
  ["builtin_indexof", ['"ääääääääääx"', '"x"'], "10"],
  ["builtin_contains", ['"arn:aws:execute-api:us-east-1:1:a/*"', '"*"'], "true"],
  ["builtin_contains", ['"vpce-0a1b2c3d4e5f67890"', '"?"'], "false"],
  ["builtin_strings_count", ['"arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/*"', '":"'], "5"],
  ["builtin_startswith", ['"abcdefgh"', '"abcd"'], "true"],
  ["builtin_startswith", ['"abcdefgh"', '"bcd"'], "false"],
  ["builtin_endswith", ['"abcdefgh"', '"fgh"'], "true"],
  ["builtin_endswith", ['"abcdefgh"', '"fg"'], "false"],
  ["builtin_lower", ['"AbCdEf"'], '"abcdef"'],
  ["builtin_lower", ['"ÅÄÖ ΣΩ ДЖ Ё ŁŹ"'], '"åäö σω дж ё łź"'],
  ["builtin_upper", ['"AbCdEf"'], '"ABCDEF"'],
  ["builtin_upper", ['"åäöÿ σς дж ё łź"'], '"ÅÄÖŸ ΣΣ ДЖ Ё ŁŹ"'],
  // ASCII scan: neighbours of the letter ranges stay, unchanged strings come back as they are
  ["builtin_lower", ['"@AZ[`az{"'], '"@az[`az{"'],
  ["builtin_upper", ['"@AZ[`az{"'], '"@AZ[`AZ{"'],
  ["builtin_lower", ['"execute-api:invoke"'], '"execute-api:invoke"'],
  ["builtin_lower", ['"ab-ÄÖ-CD"'], '"ab-äö-cd"'],
  ["builtin_upper", ['""'], '""'],
  // A word at a time: letters in the first word, only in the last (overlapping) one, at both ends of a
  // word, all 26 and their neighbours; a string of whole words; non-ASCII after a word of ASCII.
  ["builtin_lower", ['"Aws:sourcevpce"'], '"aws:sourcevpce"'],
  ["builtin_lower", ['"stringnotequalS"'], '"stringnotequals"'],
  ["builtin_lower", ['"abcdefgHIjklmnop"'], '"abcdefghijklmnop"'],
  ["builtin_lower", ['"@ABCDEFGHIJKLMNOPQRSTUVWXYZ[`{"'], '"@abcdefghijklmnopqrstuvwxyz[`{"'],
  ["builtin_upper", ['"@abcdefghijklmnopqrstuvwxyz{`[~"'], '"@ABCDEFGHIJKLMNOPQRSTUVWXYZ{`[~"'],
  ["builtin_upper", ['"arn:aws:execute-api:us-east-1"'], '"ARN:AWS:EXECUTE-API:US-EAST-1"'],
  ["builtin_upper", ['"ARN:AWS:EXECUTE-API:US-EAST-1"'], '"ARN:AWS:EXECUTE-API:US-EAST-1"'],
  ["builtin_lower", ['"ABCDEFGHijklmnopÄÖ-XYZ"'], '"abcdefghijklmnopäö-xyz"'],
  ["builtin_lower", ['"abcdefghijklmnopä"'], '"abcdefghijklmnopä"'],
  ["builtin_split", ['""', '"."'], '[""]'],
  ["builtin_split", ['"test"', '""'], '["t", "e", "s", "t"]'],
  ["builtin_split", ['"åä"', '""'], '["å", "ä"]'],
  ["builtin_split", ['""', '""'], "[]"],
  ["builtin_split", ['"foo.bar.baz"', '"."'], '["foo", "bar", "baz"]'],
  ["builtin_split", ['"a..b."', '"."'], '["a", "", "b", ""]'],
  // A one-byte delimiter is found a word at a time: an ARN's six parts, delimiters at both ends of a word
  // and next to each other, a byte one bit away from the delimiter (";" beside ":"), multi-byte characters.
  [
    "builtin_split",
    ['"arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/*"', '":"'],
    '["arn", "aws", "execute-api", "us-east-1", "123456789012", "a1b2c3d4e5/*"]',
  ],
  ["builtin_split", ['":abcdef::ghijklm:"', '":"'], '["", "abcdef", "", "ghijklm", ""]'],
  ["builtin_split", ['";:;:;;;;::;"', '":"'], '[";", ";", ";;;;", "", ";"]'],
  ["builtin_split", ['"åäö/ÅÄÖ/ñ/"', '"/"'], '["åäö", "ÅÄÖ", "ñ", ""]'],
  ["builtin_split", ['"no delimiter at all"', '":"'], '["no delimiter at all"]'],
  ["builtin_replace", ['""', '"hi"', '"bye"'], '""'],
  ["builtin_replace", ['"foo.bar.baz"', '"."', '","'], '"foo,bar,baz"'],
  ["builtin_replace", ['"foo...bar"', '".."', '",,"'], '"foo,,.bar"'],
  ["builtin_replace", ['"ab"', '""', '"-"'], '"-a-b-"'],
  ["builtin_strings_replace_n", ['{"<": "[", ">": "]"}', '"This is <b>HTML</b>!"'], '"This is [b]HTML[/b]!"'],
  ["builtin_strings_replace_n", ['{"f": "x", "foo": "xxx"}', '"foobar"'], '"xoobar"'],
  ["builtin_strings_replace_n", ['{"foo": "xxx", "f": "x"}', '"foo"'], '"xoo"'],
  ["builtin_strings_replace_n", ['{"old1": "new1"}', '"Everything is new1"'], '"Everything is new1"'],
  ["builtin_strings_reverse", ['"bar"'], '"rab"'],
  ["builtin_strings_reverse", ['"2️⃣"'], '"⃣️2"'],
  ["builtin_strings_reverse", ['"1😀𝛾"'], '"𝛾😀1"'],
  ["builtin_strings_reverse", ['""'], '""'],
  ["builtin_trim", ['""', '"."'], '""'],
  ["builtin_trim", ['"...foo.bar..."', '"."'], '"foo.bar"'],
  ["builtin_trim", ['"...foo.bar..."', '".fr"'], '"oo.ba"'],
  ["builtin_trim", ['"¡¡¡foo, bar!!!"', '"!¡"'], '"foo, bar"'],
  ["builtin_trim", ['"¡¡¡foo, bar!!!"', '"i"'], '"¡¡¡foo, bar!!!"'],
  ["builtin_trim", ['"..."', '"."'], '""'],
  ["builtin_trim_left", ['"¡¡¡foo, bar!!!"', '"!¡"'], '"foo, bar!!!"'],
  ["builtin_trim_left", ['"!!!foo, bar¡¡¡"', '"¡"'], '"!!!foo, bar¡¡¡"'],
  ["builtin_trim_right", ['"¡¡¡foo, bar!!!"', '"!¡"'], '"¡¡¡foo, bar"'],
  ["builtin_trim_right", ['"!!!foo, bar¡¡¡"', '"!"'], '"!!!foo, bar¡¡¡"'],
  ["builtin_trim_prefix", ['"¡¡¡foo, bar!!!"', '"¡¡¡foo"'], '", bar!!!"'],
  ["builtin_trim_prefix", ['"¡¡¡foo, bar!!!"', '"¡¡¡bar"'], '"¡¡¡foo, bar!!!"'],
  ["builtin_trim_suffix", ['"¡¡¡foo, bar!!!"', '", bar!!!"'], '"¡¡¡foo"'],
  ["builtin_trim_suffix", ['"¡¡¡foo, bar!!!"', '", foo!!!"'], '"¡¡¡foo, bar!!!"'],
  ["builtin_trim_space", ['" \\t\\n foo, bar \\n\\t\\r\\n"'], '"foo, bar"'],
  ["builtin_trim_space", ['"\u00a0\u3000x\u2028"'], '"x"'],
  ["builtin_trim_space", ['"  "'], '""'],
  ["builtin_indexof", ['"abcdefgh"', '"cde"'], "2"],
  ["builtin_indexof", ['"abcabcabcdefgh"', '"cde"'], "8"],
  ["builtin_indexof", ['"abcdefgh"', '"xyz"'], "-1"],
  ["builtin_indexof", ['"μx"', '"x"'], "1"],
  ["builtin_indexof", ['"μ"', '"μμ"'], "-1"],
  ["builtin_indexof", ['"skön var våren"', '"vår"'], "9"],
  ["builtin_indexof", ['"🍧🍨🧁🍰🍮"', '"🍮"'], "4"],
  ["builtin_indexof", ['"🍧🍨🧁🍰🍮"', '"🍧🍨🧁🍰🍮"'], "0"],
  ["builtin_indexof_n", ['"dogcat"', '"cat"'], "[3]"],
  ["builtin_indexof_n", ['"dogcatdogcat"', '"cat"'], "[3, 9]"],
  ["builtin_indexof_n", ['"dogcat"', '"rabbit"'], "[]"],
  ["builtin_indexof_n", ['"😇😀😇😀😇😀"', '"😀"'], "[1, 3, 5]"],
  ["builtin_indexof_n", ['"aaa"', '"aa"'], "[0, 1]"],
  ["builtin_substring", ['"abcdefgh"', "2", "3"], '"cde"'],
  ["builtin_substring", ['"åäö"', "0", "2"], '"åä"'],
  ["builtin_substring", ['"abcdefgh"', "2", "-1"], '"cdefgh"'],
  ["builtin_substring", ['"aåäö"', "2", "-1"], '"äö"'],
  ["builtin_substring", ['"abcdefghåäö"', "2", "10000"], '"cdefghåäö"'],
  ["builtin_substring", ['"aaa"', "3", "-1"], '""'],
  ["builtin_substring", ['"åäö"', "4", "-1"], '""'],
  ["builtin_substring", ['"åäö"', "1", "0"], '""'],
  ["builtin_format_int", ["15.5", "16"], '"f"'],
  ["builtin_format_int", ["-15.5", "16"], '"-f"'],
  ["builtin_format_int", ["3.1", "10"], '"3"'],
  ["builtin_format_int", ["255", "2"], '"11111111"'],
  ["builtin_format_int", ["8", "8"], '"10"'],
  ["builtin_format_int", ["-9223372036854775808", "10"], '"-9223372036854775808"'],
  ["builtin_format_int", ["-0.5", "10"], '"0"'],
  ["builtin_strings_count", ['"cheese"', '"e"'], "3"],
  ["builtin_strings_count", ['"hello hello hello world"', '"hello"'], "3"],
  ["builtin_strings_count", ['"dummy"', '"x"'], "0"],
  ["builtin_strings_count", ['"dummy"', '""'], "6"],
  ["builtin_strings_count", ['""', '""'], "1"],
  ["builtin_strings_count", ['"11111"', '"11"'], "2"],
  ["builtin_strings_count", ['"åäö"', '""'], "4"],
  ["builtin_strings_any_prefix_match", ['["a/b/c", "e/f/g"]', '["a/", "d/"]'], "true"],
  ["builtin_strings_any_prefix_match", ['["a/b/c", "e/f/g"]', '["f/", "d/"]'], "false"],
  ["builtin_strings_any_prefix_match", ['{"a/b/c"}', '{"a/b/"}'], "true"],
  ["builtin_strings_any_prefix_match", ['"a/b/c"', '"a/"'], "true"],
  ["builtin_strings_any_prefix_match", ["[]", "[]"], "false"],
  ["builtin_strings_any_suffix_match", ['["a/b/c", "e/f/g"]', '["/c", "/a"]'], "true"],
  ["builtin_strings_any_suffix_match", ['["aa/bb/cc"]', '["b/c"]'], "false"],
  ["builtin_strings_any_suffix_match", ['"a/b/c"', '{"/c"}'], "true"],
];

// Expected values go through the runtime's own parser and dumper, so any Rego spelling compares.
test.each(results)("%s(%j) = %s", (fn, args, want) => {
  expect(rt.call(fn, ...args)).toBe(rt.dump(rt.value(want)));
});

// [builtin export, arguments, OPA's error message]
const errors: [string, string[], string][] = [
  [
    "builtin_concat",
    ['","', "[1]"],
    "concat: operand 2 must be array of strings but got array containing number",
  ],
  ["builtin_concat", ['","', '"a"'], "concat: operand 2 must be one of {set, array} but got string"],
  ["builtin_contains", ["1", '"a"'], "contains: operand 1 must be string but got number"],
  // OPA 1.22 names the builtin in full (the suite's want_error "reverse: ..." is matched as a substring).
  ["builtin_strings_reverse", ["123"], "strings.reverse: operand 1 must be string but got number"],
  ["builtin_strings_reverse", ['{"bar": "baz"}'], "strings.reverse: operand 1 must be string but got object"],
  [
    "builtin_strings_replace_n",
    ['{2: "x"}', '"foo"'],
    "strings.replace_n: operand 1 non-string key found in pattern object",
  ],
  [
    "builtin_strings_replace_n",
    ['{"f": 100}', '"foo"'],
    "strings.replace_n: operand 1 non-string value found in pattern object",
  ],
  [
    "builtin_strings_replace_n",
    ['{"foo": "baz"}', "100"],
    "strings.replace_n: operand 2 must be string but got number",
  ],
  ["builtin_substring", ['"aaa"', "-1", "-1"], "substring: negative offset"],
  ["builtin_substring", ['"åäö"', "-1", "-1"], "substring: negative offset"],
  [
    "builtin_substring",
    ['"abc"', "1.5", "1"],
    "substring: operand 2 must be integer number but got floating-point number",
  ],
  ["builtin_format_int", ["4.1", "199"], "format_int: operand 2 must be one of {2, 8, 10, 16}"],
  ["builtin_indexof", ['"abc"', '""'], "indexof: empty search character"],
  ["builtin_indexof_n", ['"abc"', '""'], "indexof_n: empty search character"],
  [
    "builtin_strings_any_prefix_match",
    ["[1, 2, 3]", '["f/"]'],
    "strings.any_prefix_match: operand 1 must be array of strings but got array containing number",
  ],
  [
    "builtin_strings_any_prefix_match",
    ["1", '["f/"]'],
    "strings.any_prefix_match: operand 1 must be one of {string, set, array} but got number",
  ],
  [
    "builtin_strings_any_suffix_match",
    ['["a"]', "[1, 2]"],
    "strings.any_suffix_match: operand 2 must be array of strings but got array containing number",
  ],
  [
    "builtin_strings_any_suffix_match",
    ['["a"]', "{1}"],
    "strings.any_suffix_match: operand 2 must be set of strings but got set containing number",
  ],
];

test.each(errors)("%s(%j) fails: %s", (fn, args, message) => {
  expect(() => rt.call(fn, ...args)).toThrow(message);
});

// lower/upper map ASCII a word at a time: every ASCII byte, at every position of strings of 1 to 24
// bytes (short, one word, overlapping last words), against JavaScript's mapping of the same text (both
// dumped by the runtime, which escapes as OPA does).
test("lower and upper of ASCII text agree with JavaScript for every byte at every position", () => {
  const mismatches: string[] = [];
  for (let len = 1; len <= 24; len++) {
    for (let at = 0; at < len; at++) {
      for (let c = 0x20; c < 0x7f; c++) {
        const text = "x".repeat(at) + String.fromCharCode(c) + "Y".repeat(len - at - 1);
        const arg = JSON.stringify(text);
        for (const [fn, js] of [
          ["builtin_lower", text.toLowerCase()],
          ["builtin_upper", text.toUpperCase()],
        ]) {
          if (rt.call(fn, arg) !== rt.dump(rt.value(JSON.stringify(js)))) mismatches.push(`${fn}(${arg})`);
        }
      }
    }
  }
  expect(mismatches).toEqual([]);
});

// split by one byte reads a word at a time: every string of up to 12 bytes over a small alphabet (the
// delimiter, its neighbours one bit away, a multi-byte character) at every length, against JavaScript.
test("split by one byte agrees with JavaScript on every short string over a small alphabet", () => {
  const alphabet = [":", ";", "8", "é"];
  const mismatches: string[] = [];
  const texts = [""];
  for (let length = 1, level = [""]; length <= 12; length++) {
    // Every string of up to 6 characters, then a deterministic sample of longer ones.
    level =
      length <= 6
        ? level.flatMap((t) => alphabet.map((c) => t + c))
        : level.map((t, i) => t + alphabet[(i * 7 + length) % 4]);
    texts.push(...level);
  }
  for (const text of texts) {
    const want = rt.dump(rt.value(JSON.stringify(text.split(":"))));
    if (rt.call("builtin_split", JSON.stringify(text), '":"') !== want) mismatches.push(text);
  }
  expect(texts.length).toBeGreaterThan(5000);
  expect(mismatches).toEqual([]);
});
