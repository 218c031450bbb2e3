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
];

describe("glob.match", () => {
  test.each(matches)("glob.match(%j, %s, %j) = %s", (pattern, delimiters, input, want) => {
    expect(rt.call("builtin_glob_match", s(pattern), delimiters, s(input))).toBe(String(want));
  });

  test.each([
    [['"[a"', "[]", '"a"'], "glob.match: unexpected end of input"],
    [['"{a,b"', "[]", '"a"'], "glob.match: unexpected end of input"],
    [['"a\\\\"', "[]", '"a"'], "glob.match: unexpected end of input"],
    [['"[a-cx]"', "[]", '"a"'], "glob.match: expected close range character"],
    [['"[c-a]"', "[]", '"a"'], "glob.match: hi character should be greater than lo character"],
    [['"[]"', "[]", '"a"'], "glob.match: could not parse range"],
    [["1", "[]", '"a"'], "glob.match: operand 1 must be string but got number"],
    [['"*"', '"."', '"a"'], "glob.match: operand 2 must be one of {array, null} but got string"],
    [['"*"', "[1]", '"a"'], "glob.match: operand 2 must be array of strings but got array containing number"],
    [['"*"', "[]", "{}"], "glob.match: operand 3 must be string but got object"],
  ])("glob.match(%j) fails with %j", (args, message) => {
    expect(() => rt.call("builtin_glob_match", ...args)).toThrow(message);
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
