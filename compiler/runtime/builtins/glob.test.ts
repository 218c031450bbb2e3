import { loadRuntime, Runtime } from "../testing/harness";

let rt: Runtime;
beforeAll(async () => {
  rt = await loadRuntime();
}, 120_000);

const s = (text: string) => JSON.stringify(text);

// [pattern, delimiters (Rego), input, glob.match result]: gobwas/glob semantics as OPA uses them.
const matches: [string, string, string, boolean][] = [
  // OPA's conformance cases
  ["*.github.com", '["."]', "api.github.com", true],
  ["api.**.com", '["."]', "api.github.com", true],
  ["api.**.com", '["."]', "api.cdn.github.com", true],
  ["*:github:com", '[":"]', "api:github:com", true],
  ["*.github.com", '["."]', "api.not-github.com", false],
  ["[abc]at", "[]", "cat", true],
  ["[abc]at", "[]", "fat", false],
  ["[!abc]at", "[]", "fat", true],
  ["[!abc]at", "[]", "cat", false],
  ["[a-c]at", "[]", "bat", true],
  ["[a-c]at", "[]", "fat", false],
  ["[!a-c]at", "[]", "bat", false],
  ["[!a-c]at", "[]", "fat", true],
  ["?at", "[]", "fat", true],
  ["?at", "[]", "at", false],
  ["?at", '["f"]', "bat", true],
  ["?at", '["f"]', "fat", false],
  ["{cat,bat,[fr]at}", "[]", "cat", true],
  ["{cat,bat,[fr]at}", "[]", "bat", true],
  ["{cat,bat,[fr]at}", "[]", "fat", true],
  ["{cat,bat,[fr]at}", "[]", "rat", true],
  ["{cat,bat,[fr]at}", "[]", "at", false],
  ["*", '["."]', "foo", true],
  ["*", "[]", "foo", true],
  ["*", '["."]', "foo.bar", false],
  ["*", "[]", "foo.bar", false], // an empty list means the default delimiter "."
  ["*", "null", "foo.bar", true], // null means no delimiters at all
  ["foo*", "null", "foo.bar", true],
  ["*.github.com", '["."]', "api.example.com", false],
  // beyond the suite
  ["api.**.com", '["."]', "api.com", false],
  ["**", '["."]', "a.b.c", true],
  ["*.*", '["."]', "a.b.c", false],
  ["*:*", '[":", "."]', "a:b", true],
  ["*", '[":", "."]', "a:b", false],
  ["*", '[":", "."]', "a.b", false],
  ["?", '["."]', ".", false],
  ["?", "[]", "é", true],
  ["[!a-c]at", '["."]', ".at", true], // lists and ranges ignore delimiters
  ["[é-ï]", "[]", "ë", true],
  ["{a,b}*", "[]", "bcd", true],
  ["{a,{b,c}d}", "[]", "cd", true],
  ["{a,{b,c}d}", "[]", "c", false],
  ["{}", "[]", "", true],
  ["a,b", "[]", "a,b", true], // ',' outside braces is text
  ["a}", "[]", "a}", true],
  ["\\*", "[]", "*", true],
  ["\\*", "[]", "a", false],
  ["[\\]]", "[]", "]", true],
  ["a.b", "[]", "a.b", true],
  ["a+b(c)^$|", "[]", "a+b(c)^$|", true], // regex meta characters are plain text in a glob
  ["", "[]", "", true],
  ["", "[]", "a", false],
  ["arn:aws:execute-api:*:*:*/*", '[":"]', "arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/x", true],
  ["arn:aws:execute-api:*:*:*", '[":"]', "arn:aws:execute-api:us-east-1:123:x:y", false],
  ["vpce-*", "[]", "vpce-0abc", true],
  // plain ASCII text is compared as bytes: no case folding, no prefixes, delimiters play no part
  ["execute-api:Invoke", '[":"]', "execute-api:invoke", false],
  ["execute-api:invoke", '[":"]', "execute-api:invoke", true],
  ["abc", "[]", "abcd", false],
  ["abcd", "[]", "abc", false],
  ["a]", "[]", "a]", true],
  ["é", "[]", "\ufffd", false],
  ["*", "[]", "line1\nline2", true],
  // gobwas/glob v1.1 as OPA 1.22 links it
  ["***", '["."]', "a.b", true], // "**" then "*"
  ["*?*", '["."]', ".", false],
  ["{,a}b", "[]", "b", true],
  ["{a,}b", "[]", "ab", true],
  ["{a*,b}.c", '["."]', "axy.c", true],
  ["{a*,b}.c", '["."]', "a.x.c", false],
  ["*{*0,}", "[]", "x", true],
  ["[]-a]", "[]", "^", true], // a ']' first in a class is its range's low end
  ["[\\-a]", "[]", "[", false], // so is a backslash: [\-a] is the range from '\' to 'a'
  ["[!!]", "[]", "!", false],
  ["[a!]", "[]", "!", true],
  ["[--/]", "[]", ".", true],
  ["a-b!", "[]", "a-b!", true],
  ["[é-ï]", '["é"]', "é", true],
  ["?", '["é"]', "é", false],
  ["*", '["é"]', "aéb", false],
  ["é*", '["é"]', "éab", true],
  ["\u0000*", '["\\u0000"]', "\u0000a", true],
  // many stars or alternatives over a long text that does not match: no exponential backtracking
  ["*a*a*a*a*a*a*a*a*b", "[]", "a".repeat(83), false],
  ["**a**a**a**a**a**a**b", "[]", "a".repeat(83), false],
  ["{a,aa,aaa}{a,aa,aaa}{a,aa,aaa}{a,aa,aaa}{a,aa,aaa}b", "[]", "a".repeat(46), false],
];

describe("glob.match", () => {
  test.each(matches)("glob.match(%j, %s, %j) = %s", (pattern, delimiters, input, want) => {
    expect(rt.call("builtin_glob_match", s(pattern), delimiters, s(input))).toBe(String(want));
  });

  test.each([
    [['"[a"', "[]", '"a"'], "glob.match: glob: syntax error at 2: unexpected end of input"],
    [['"{a,b"', "[]", '"a"'], "glob.match: glob: syntax error at 4: unclosed `{`"],
    [['"{a,{b}"', "[]", '"a"'], "glob.match: glob: syntax error at 6: unclosed `{`"],
    [['"a\\\\"', "[]", '"a"'], "glob.match: glob: syntax error at 2: trailing backslash"],
    [['"[ab\\\\"', "[]", '"a"'], "glob.match: glob: syntax error at 4: unexpected end of input"],
    [['"[a-cx]"', "[]", '"a"'], "glob.match: glob: syntax error at 5: expected close range character"],
    [['"[a-]"', "[]", '"a"'], "glob.match: glob: syntax error at 4: unexpected end of input"],
    [['"[c-a]"', "[]", '"a"'], "glob.match: glob: syntax error at 5: range hi character is less than lo"],
    [['"[]"', "[]", '"a"'], "glob.match: glob: syntax error at 2: could not parse range"],
    [['"[!]a]"', "[]", '"a"'], "glob.match: glob: syntax error at 3: could not parse range"],
    [["1", "[]", '"a"'], "glob.match: operand 1 must be string but got number"],
    [['"*"', '"."', '"a"'], "glob.match: operand 2 must be one of {array, null} but got string"],
    [['"*"', '"."', "1"], "glob.match: operand 2 must be one of {array, null} but got string"],
    [['"*"', "[1]", '"a"'], "glob.match: operand 2 must be array of strings but got array containing number"],
    [
      ['"*"', '[1, "ab"]', '"a"'],
      "glob.match: operand 2 must be array of strings but got array containing number",
    ],
    [
      ['"*"', '["ab", 1]', '"a"'],
      "glob.match: operand 2 must be array of runes but got array containing string",
    ],
    [['"*"', '[""]', '"a"'], "glob.match: operand 2 must be array of runes but got array containing string"],
    [['"*"', "[]", "{}"], "glob.match: operand 3 must be string but got object"],
    [['"[a"', "[]", "1"], "glob.match: operand 3 must be string but got number"], // before the pattern is read
  ])("glob.match(%j) fails with %j", (args, message) => {
    expect(() => rt.call("builtin_glob_match", ...args)).toThrow(message);
  });
});

// Strings that are not UTF-8 (made by base64.decode, as in OPA): a pattern must be UTF-8, while an
// invalid byte elsewhere is one U+FFFD rune, as Go reads it.
describe("glob.match on invalid UTF-8", () => {
  type Fn = (...args: number[]) => number;
  const fn = (name: string) => rt.exports[name] as unknown as Fn;
  /** The string value holding `text` followed by the byte 0xff. */
  const withInvalidByte = (text: string): number => {
    const bytes = Buffer.concat([Buffer.from(text), Buffer.from([0xff])]);
    return fn("builtin_base64_decode")(rt.value(s(bytes.toString("base64"))));
  };
  const match = (pattern: number, delimiters: number, text: number) =>
    rt.dump(fn("builtin_glob_match")(pattern, delimiters, text));

  test.each([
    ["", "glob.match: glob: syntax error at 0: invalid UTF-8 sequence"],
    ["a", "glob.match: glob: syntax error at 1: invalid UTF-8 sequence"],
    ["*", "glob.match: glob: syntax error at 1: invalid UTF-8 sequence"],
    ["[a", "glob.match: glob: syntax error at 2: unexpected end of input"],
    ["a\\", "glob.match: glob: syntax error at 2: trailing backslash"],
  ])("the pattern %j then the byte 0xff fails with %j", (pattern, message) => {
    expect(() => match(withInvalidByte(pattern), rt.value("[]"), rt.value(s("a")))).toThrow(message);
  });

  test.each([
    ["?", "[]", true],
    ["\ufffd", "[]", false],
    ["[\ufffd]", "[]", true],
    ["*", '["\ufffd"]', false],
  ])("glob.match(%j, %s, the byte 0xff) = %s", (pattern, delimiters, want) => {
    expect(match(rt.value(s(pattern)), rt.value(delimiters), withInvalidByte(""))).toBe(String(want));
  });

  test('the delimiter 0xff is U+FFFD: glob.match("?", [the byte 0xff], "\ufffd") = false', () => {
    const delimiters = fn("rt_array_new")(1);
    fn("rt_array_append")(delimiters, withInvalidByte(""));
    expect(match(rt.value(s("?")), delimiters, rt.value(s("\ufffd")))).toBe("false");
  });
});

describe("glob.quote_meta", () => {
  test.each([
    ["*.github.com", "\\*.github.com"],
    ["{a,b}[c]?\\", "\\{a,b\\}\\[c\\]\\?\\\\"],
    // OPA 1.22 (gobwas/glob 1.1): a comma is no meta character. Found by tests/opa/fuzz.test.ts.
    ["b,a,", "b,a,"],
    ["plain-text.é", "plain-text.é"],
  ])("glob.quote_meta(%j) = %j", (input, want) => {
    expect(rt.call("builtin_glob_quote_meta", s(input))).toBe(s(want));
  });

  test("a quoted pattern matches only itself", () => {
    const text = "a*b?{c,d}[e]";
    const quoted = JSON.parse(rt.call("builtin_glob_quote_meta", s(text))) as string;
    expect(rt.call("builtin_glob_match", s(quoted), "[]", s(text))).toBe("true");
    expect(rt.call("builtin_glob_match", s(quoted), "[]", s("aXb?{c,d}[e]"))).toBe("false");
  });
});
