import { loadRuntime, Runtime } from "../testing/harness";

let rt: Runtime;
beforeAll(async () => {
  rt = await loadRuntime();
}, 120_000);

// Rego string literal of a JS string (JSON escaping is valid Rego).
const s = (text: string) => JSON.stringify(text);

// The dumped result in canonical JSON (the dump prints no spaces), or "undefined".
const canonical = (text: string) => (text === "undefined" ? text : JSON.stringify(JSON.parse(text)));

// [pattern, input, regex.match result]: Go regexp semantics (RE2 syntax, leftmost-first).
const matches: [string, string, string][] = [
  ["^[a-z]+\\[[0-9]+\\]$", "foo[1]", "true"],
  ["^$", "", "true"],
  ["", "", "true"],
  ["", "x", "true"],
  ["^$", "something", "false"],
  ["$^[[[", "something", "undefined"], // an invalid pattern makes regex.match undefined (OPA's wasm)
  ["(?i)ARN:AWS:EC2", "arn:aws:ec2", "true"],
  ["(?i)[k-m]", "K", "true"],
  ["(?i)k", "\u212a", "true"], // Kelvin sign folds to k, as in Go
  ["(?i)^łódź$", "ŁÓDŹ", "true"],
  ["(?i)^[ą-ć]+$", "ĄĆ", "true"],
  ["(?i)^ΣΟΦΊΑ$", "σοφία", "true"],
  ["(?i)^ПРИВЕТ$", "привет", "true"],
  ["(?i)^[^k]$", "\u212a", "false"],
  ["^vpce-[0-9a-f]{17}$", "vpce-0123456789abcdef0", "true"],
  ["^vpce-[0-9a-f]{17}$", "vpce-0123456789abcdef", "false"],
  ["a.c", "a\nc", "false"],
  ["(?s)a.c", "a\nc", "true"],
  ["^b$", "a\nb", "false"],
  ["(?m)^b$", "a\nb\nc", "true"],
  ["a$", "a\n", "false"], // $ is \z without (?m), unlike Perl
  ["^.$", "é", "true"],
  ["^..$", "é", "false"],
  ["^[^a]$", "\n", "true"],
  ["\\bfoo\\b", "a foo b", "true"],
  ["\\bfoo\\b", "afoob", "false"],
  ["\\Bfoo\\B", "afoob", "true"],
  ["^a{2,3}$", "aaa", "true"],
  ["^a{2,3}$", "aaaa", "false"],
  ["^a{2,}$", "aaaaaaa", "true"],
  ["^a{2}$", "a", "false"],
  ["a{,5}", "a{,5}", "true"], // not a repetition: literal text
  ["\\d+", "abc", "false"],
  ["^\\D+$", "abc", "true"],
  ["\\s", "a b", "true"],
  ["^\\w+$", "snake_case9", "true"],
  ["^\\W$", "_", "false"],
  ["^[[:alpha:]]+$", "abc", "true"],
  ["[[:^alpha:]]", "abc", "false"],
  ["^[\\d\\-]+$", "12-34", "true"],
  ["^[^\\D]+$", "123", "true"],
  ["^\\x{41}\\x42\\101$", "ABA", "true"],
  ["^\\Q*.+\\E$", "*.+", "true"],
  ["^(?P<a>x)(?<b>y)$", "xy", "true"],
  ["^(?:ab)+$", "ababab", "true"],
  ["^(?i:A)a$", "aa", "true"],
  ["^(?i:A)A$", "aa", "false"],
  ["^[]a]+$", "]a]", "true"],
  ["^[a-]+$", "a-", "true"],
  ["^\\.\\*$", ".*", "true"],
  ["^é+$", "ééé", "true"],
  ["^[à-ÿ]$", "é", "true"],
  ["(a*)*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaac", "false"],
  ["^(a?){40}a{40}$", "a".repeat(40), "true"],
  ["^(a?){40}a{40}$", "a".repeat(81), "false"],
];

// [pattern, regex.is_valid]: Go's regexp/syntax decides what compiles.
const validity: [string, boolean][] = [
  [".+", true],
  ["++", false],
  ["a**", false],
  ["a*+", false],
  ["a{2}{3}", false],
  ["a*?", true],
  ["*a", false],
  ["a|*", false],
  ["(", false],
  [")", false],
  ["(a))", false],
  ["[a", false],
  ["[]", false],
  ["[z-a]", false],
  ["a{1001}", false],
  ["a{1000}", true],
  ["a{3,2}", false],
  ["\\1", false],
  ["\\8", false],
  ["\\", false],
  ["\\q", false],
  ["(?P<n>a)(?P<n>b)", false],
  ["(?P<>a)", false],
  ["(?P<a-b>a)", false],
  ["(?=a)", false],
  ["(?!a)", false],
  ["(?<=a)", false],
  ["(?i)", true],
  ["(?i-s:a)", true],
  ["(?-)", false],
  ["(?x)", false],
  ["[[:foo:]]", false],
  ["{", true],
  ["a{", true],
  ["}", true],
  ["]", true],
  ["^*", true],
  ["\\x{110000}", false],
  ["\\xZZ", false],
  ["\\Q*\\E", true],
  ["((((((((((a))))))))))", true],
];

describe("regex.match and re_match", () => {
  test.each(matches)("regex.match(%j, %j) = %s", (pattern, input, want) => {
    expect(rt.call("builtin_regex_match", s(pattern), s(input))).toBe(want);
    expect(rt.call("builtin_re_match", s(pattern), s(input))).toBe(want);
  });

  test("operands must be strings", () => {
    expect(() => rt.call("builtin_regex_match", "1", '"a"')).toThrow(
      "regex.match: operand 1 must be string but got number",
    );
    expect(() => rt.call("builtin_re_match", '"a"', "[]")).toThrow(
      "re_match: operand 2 must be string but got array",
    );
  });
});

describe("regex.is_valid", () => {
  test.each(validity)("regex.is_valid(%j) = %s", (pattern, want) => {
    expect(rt.call("builtin_regex_is_valid", s(pattern))).toBe(String(want));
  });

  test("a non-string operand is not a valid pattern", () => {
    expect(rt.call("builtin_regex_is_valid", "10")).toBe("false");
  });
});

// [export, arguments in Rego syntax, result in Rego syntax]
const results: [string, string[], string][] = [
  ["builtin_regex_find_n", ['"a."', '"paranormal"', "-1"], '["ar", "an", "al"]'],
  ["builtin_regex_find_n", ['"a."', '"paranormal"', "2"], '["ar", "an"]'],
  ["builtin_regex_find_n", ['"a."', '"paranormal"', "0"], "[]"],
  ["builtin_regex_find_n", ['"^a."', '"abacadaeaf"', "-1"], '["ab"]'],
  ["builtin_regex_find_n", ['".$"', '"abacadaeaf"', "-1"], '["f"]'],
  ["builtin_regex_find_n", ['"[abcdef]{2}"', '"abacadaeaf"', "-1"], '["ab", "ac", "ad", "ae", "af"]'],
  ["builtin_regex_find_n", ['"bork"', '"paranormal"', "-1"], "[]"],
  ["builtin_regex_find_n", ['"a*"', '"baaab"', "-1"], '["", "aaa", ""]'], // no empty match right after a match
  ["builtin_regex_find_n", ['""', '"ab"', "-1"], '["", "", ""]'],
  ["builtin_regex_find_n", ['"."', '"héé"', "-1"], '["h", "é", "é"]'],
  ["builtin_regex_find_n", ['"a|ab"', '"ab"', "-1"], '["a"]'], // leftmost-first, not leftmost-longest
  ["builtin_regex_find_n", ['"x{2,3}?"', '"xxxxxxx"', "-1"], '["xx", "xx", "xx"]'],
  ["builtin_regex_find_n", ['"["', '"x"', "-1"], "undefined"],
  ["builtin_regex_find_all_string_submatch_n", ['"a(x*)b"', '"-"', "-1"], "[]"],
  ["builtin_regex_find_all_string_submatch_n", ['"a(x*)b"', '"-ab-"', "-1"], '[["ab", ""]]'],
  ["builtin_regex_find_all_string_submatch_n", ['"a(x*)b"', '"-axxb-"', "-1"], '[["axxb", "xx"]]'],
  [
    "builtin_regex_find_all_string_submatch_n",
    ['"a(x*)b"', '"-ab-axb-"', "-1"],
    '[["ab", ""], ["axb", "x"]]',
  ],
  [
    "builtin_regex_find_all_string_submatch_n",
    ['"a(x*)b"', '"-axxb-ab-"', "-1"],
    '[["axxb", "xx"], ["ab", ""]]',
  ],
  [
    "builtin_regex_find_all_string_submatch_n",
    ['"[^aouiye]([aouiye])([^aouiye])?"', '"somestri"', "-1"],
    '[["som", "o", "m"], ["ri", "i", ""]]',
  ],
  [
    "builtin_regex_find_all_string_submatch_n",
    ['"[^aouiye]([aouiye])([^aouiye])?"', '"somestri"', "1"],
    '[["som", "o", "m"]]',
  ],
  [
    "builtin_regex_find_all_string_submatch_n",
    [
      '"^arn:aws:([a-z0-9-]+):([a-z0-9-]*):(\\\\d{12}):(.*)$"',
      '"arn:aws:execute-api:us-east-1:123456789012:abc/*"',
      "-1",
    ],
    '[["arn:aws:execute-api:us-east-1:123456789012:abc/*", "execute-api", "us-east-1", "123456789012", "abc/*"]]',
  ],
  [
    "builtin_regex_find_all_string_submatch_n",
    ['"(a|ab)(c|bcd)(d*)"', '"abcd"', "-1"],
    '[["abcd", "a", "bcd", ""]]',
  ],
  ["builtin_regex_find_all_string_submatch_n", ['"(a*)+"', '"b"', "-1"], '[["", ""], ["", ""]]'],
  ["builtin_regex_replace", ['"-wy-wxxy-"', '"w(x*)y"', '"0"'], '"-0-0-"'],
  ["builtin_regex_replace", ['"foo"', '"(foo)"', '"$1$1"'], '"foofoo"'],
  ["builtin_regex_replace", ['"foo"', '"["', '"$1"'], "undefined"],
  ["builtin_regex_replace", ['"foo"', '"^[a-z]"', '"F"'], '"Foo"'],
  ["builtin_regex_replace", ['"foo"', '"^[a-z]$"', '"F"'], '"foo"'],
  ["builtin_regex_replace", ['"foo"', '"^[a-z]+$"', '"M"'], '"M"'],
  ["builtin_regex_replace", ['"foo"', '"[a-z]$"', '"F"'], '"foF"'],
  ["builtin_regex_replace", ['"foo"', '"x[a-z]$"', '"F"'], '"foo"'],
  ["builtin_regex_replace", ['"foo bar"', '"[a-z]"', '"_"'], '"___ ___"'],
  ["builtin_regex_replace", ['"foo barx"', '"[a-z]{3}"', '"_"'], '"_ _x"'],
  ["builtin_regex_replace", ['"foo barx"', '"[a-z]{2}"', '"_"'], '"_o __"'],
  ["builtin_regex_replace", ['"abc-def"', '"(\\\\w+)-(\\\\w+)"', '"$2-$1"'], '"def-abc"'],
  ["builtin_regex_replace", ['"abc-def"', '"(?P<first>\\\\w+)-(\\\\w+)"', '"${2}_${first}"'], '"def_abc"'],
  ["builtin_regex_replace", ['"ab"', '"(a)"', '"$1x"'], '"b"'], // $1x names group "1x", which does not exist
  ["builtin_regex_replace", ['"ab"', '"(a)"', '"$$1 $ ${1"'], '"$1 $ ${1b"'],
  ["builtin_regex_replace", ['"abc"', '"x*"', '"-"'], '"-a-b-c-"'],
  ["builtin_regex_replace", ['"baaac"', '"a*"', '"-"'], '"-b-c-"'],
  ["builtin_regex_replace", ['"héllo"', '""', '"."'], '".h.é.l.l.o."'],
  ["builtin_regex_split", ['"^[a-z]+\\\\[[0-9]+\\\\]$"', '""'], '[""]'],
  ["builtin_regex_split", ['"^[a-z]+"', '"foobar baz"'], '["", " baz"]'],
  ["builtin_regex_split", ['"[a-z]+$"', '"foobar baz"'], '["foobar ", ""]'],
  ["builtin_regex_split", ['"^[a-z]+$"', '"foobar baz"'], '["foobar baz"]'],
  ["builtin_regex_split", ['"^[a-z ]+$"', '"foobar baz"'], '["", ""]'],
  ["builtin_regex_split", ['"a"', '"banana"'], '["b", "n", "n", ""]'],
  ["builtin_regex_split", ['"z+"', '"pizza"'], '["pi", "a"]'],
  ["builtin_regex_split", ['""', '"abc"'], '["a", "b", "c"]'],
  ["builtin_regex_split", ['""', '""'], "[]"],
  ["builtin_regex_split", ['"["', '"a"'], "undefined"],
  ["builtin_regex_template_match", ['"urn:foo:{.*}"', '"urn:foo:bar:baz"', '"{"', '"}"'], "true"],
  ["builtin_regex_template_match", ['"urn:foo:<.*>"', '"urn:foo:bar:baz"', '"<"', '">"'], "true"],
  ["builtin_regex_template_match", ['"urn:foo.{[a-z]+}"', '"urn:fooXbar"', '"{"', '"}"'], "false"],
  ["builtin_regex_template_match", ['"{[0-9]{3}}-{a|b}"', '"123-b"', '"{"', '"}"'], "true"],
  // regex.globs_match: OPA's conformance cases, then the glob syntax of yashtewari/glob-intersection
  ["builtin_regex_globs_match", ['"a.a.[0-9]+z"', '".b.b2359825792*594823z"'], "true"],
  ["builtin_regex_globs_match", ['"[a-z]+"', '"[0-9]*"'], "false"],
  ["builtin_regex_globs_match", ['"b.*"', '"bar"'], "true"],
  ["builtin_regex_globs_match", ['"b.*"', '"baz"'], "true"],
  ["builtin_regex_globs_match", [s("[a-z]+\\[[0-9]+\\]"), s("foo\\[1\\]")], "true"],
  ["builtin_regex_globs_match", [s("[a-z]+\\[[0-9]+\\]"), s('foo["bar"]')], "false"],
  ["builtin_regex_globs_match", ['""', '""'], "true"],
  ["builtin_regex_globs_match", ['""', '"a*"'], "true"],
  ["builtin_regex_globs_match", ['""', '"a+"'], "false"],
  ["builtin_regex_globs_match", ['"a*b*"', '"b+a"'], "false"],
  ["builtin_regex_globs_match", ['"a*b*"', '"a+b+"'], "true"],
  ["builtin_regex_globs_match", ['"a.c"', '"[xa]bc+"'], "true"],
  ["builtin_regex_globs_match", ['"[]"', '"."'], "false"], // an empty set matches nothing
  ["builtin_regex_globs_match", [s("\\.+"), s("[a-z]*")], "false"],
  ["builtin_regex_globs_match", ['"é+"', '"[à-ë]*"'], "true"],
];

// [export, arguments, error message]
const errors: [string, string[], string][] = [
  ["builtin_regex_find_n", ['"a"', '"a"', "1.5"], "regex.find_n: operand 3 must be integer number"],
  ["builtin_regex_find_all_string_submatch_n", ['"a"', "1", "1"], "operand 2 must be string but got number"],
  ["builtin_regex_replace", ["1", '"a"', '"b"'], "regex.replace: operand 1 must be string but got number"],
  ["builtin_regex_split", ['"a"', "null"], "regex.split: operand 2 must be string but got null"],
  [
    "builtin_regex_template_match",
    ['"urn:{.*"', '"x"', '"{"', '"}"'],
    'regex.template_match: unbalanced braces in "urn:{.*"',
  ],
  [
    "builtin_regex_template_match",
    ['"urn:{[}"', '"x"', '"{"', '"}"'],
    "regex.template_match: error parsing regexp: missing closing ]: `[)$`",
  ],
  [
    "builtin_regex_template_match",
    ['"urn:{(}"', '"x"', '"{"', '"}"'],
    "regex.template_match: error parsing regexp: missing closing ): `^urn:(()$`",
  ],
  [
    "builtin_regex_template_match",
    ['"a"', '"a"', '"{{"', '"}"'],
    "regex.template_match: start delimiter has to be exactly one character long but is 2 long",
  ],
  [
    "builtin_regex_globs_match",
    ['"pqrs]"', '"[a-b]+"'],
    "input:pqrs], pos:5, set-close ']' with no preceding '[': the input provided is invalid",
  ],
  ["builtin_regex_globs_match", ['"a"', '"*a"'], "flag '*' must be preceded by a non-flag"],
  ["builtin_regex_globs_match", ['"a++"', '"a"'], "flag '+' must be preceded by a non-flag"],
  ["builtin_regex_globs_match", ['"[ab"', '"a"'], "found [ without matching ]"],
  ["builtin_regex_globs_match", ['"[z-a]"', '"a"'], "range is out of order"],
  [
    "builtin_regex_globs_match",
    ['"[-a]"', '"a"'],
    "range character '-' must be preceded by a Unicode character",
  ],
  ["builtin_regex_globs_match", ['"a\\\\"', '"a"'], "input ends with a \\ (escape) character"],
  ["builtin_regex_globs_match", ["1", '"a"'], "regex.globs_match: operand 1 must be string but got number"],
];

describe("find, replace, split, template_match", () => {
  test.each(results)("%s(%j) = %s", (name, args, want) => {
    expect(canonical(rt.call(name, ...args))).toBe(canonical(want));
  });

  test.each(errors)("%s(%j) fails with %j", (name, args, message) => {
    expect(() => rt.call(name, ...args)).toThrow(message);
  });

  test("long and deeply nested patterns compile without exhausting the stack", () => {
    expect(rt.call("builtin_regex_match", s("a".repeat(20000)), s("xa"))).toBe("false");
    const branches = Array.from({ length: 5000 }, (_, i) => `k${i}`).join("|");
    expect(rt.call("builtin_regex_match", s(`^(?:${branches})$`), s("k4999"))).toBe("true");
    expect(rt.call("builtin_regex_is_valid", s("(".repeat(1000) + "a" + ")".repeat(1000)))).toBe("true");
    expect(rt.call("builtin_regex_is_valid", s("(".repeat(1001) + "a" + ")".repeat(1001)))).toBe("false");
    expect(rt.call("builtin_glob_match", s("a".repeat(20000)), "[]", s("a".repeat(20000)))).toBe("true");
  });

  test("find_n on a long input returns every match", () => {
    const input = "ab".repeat(5000);
    const found = rt.call("builtin_regex_find_n", '"b"', s(input), "-1");
    expect(found.split(",").length).toBe(5000);
  });
});

describe("matching stays linear on pathological patterns", () => {
  const steps = () => Number((rt.exports.regex_vm_steps as unknown as () => bigint)());
  const cost = (pattern: string, input: string) => {
    const before = steps();
    expect(rt.call("builtin_regex_match", s(pattern), s(input))).toBe("false");
    return steps() - before;
  };

  // Exponential for a backtracking matcher; the Pike VM visits each instruction at most once per rune.
  test.each([
    ["(a*)*b", "a"],
    ["(a|aa)*c", "a"],
    ["(x+x+)+y", "x"],
    ["^(a?){40}a{40}$", "a"],
    ["(.*)*,(.*)*,(.*)*=", "a,"],
  ])("%s on a long run of %j", (pattern, unit) => {
    const small = cost(pattern, unit.repeat(400));
    const large = cost(pattern, unit.repeat(1600));
    // Four times the input costs about four times the work, and at most a few hundred steps a byte.
    expect(large).toBeLessThan(small * 4.5);
    expect(large).toBeLessThan(1600 * unit.length * 400);
  });
});
