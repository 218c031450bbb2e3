import { parseRuntimeOptions, runtimeOptionsEnvironment, splitShellWords } from "./runtimeOptions";

describe("parseRuntimeOptions", () => {
  test.each<[string, Record<string, unknown>, ReturnType<typeof parseRuntimeOptions>]>([
    ["no options: TypeScript on", {}, { typescript: true, nodeArguments: [] }],
    ["typescript off", { typescript: false }, { typescript: false, nodeArguments: [] }],
    [
      "tsconfig and nodeargs",
      { tsconfig: "tsconfig.build.json", nodeargs: "--max-old-space-size=4096 --trace-warnings" },
      {
        typescript: true,
        tsconfig: "tsconfig.build.json",
        nodeArguments: ["--max-old-space-size=4096", "--trace-warnings"],
      },
    ],
    [
      "install-only options accepted",
      { packagemanager: "npm", production: true },
      { typescript: true, nodeArguments: [] },
    ],
  ])("%s", (_, options, expected) => {
    expect(parseRuntimeOptions(options)).toEqual(expected);
  });

  test.each<[Record<string, unknown>, string]>([
    [{ typescript: "yes" }, "typescript option must be a boolean"],
    [{ tsconfig: 1 }, "tsconfig option must be a string"],
    [{ nodeargs: ["--inspect"] }, "nodeargs option must be a string"],
    [{ production: "true" }, "production option must be a boolean"],
  ])("%j is refused", (options, message) => {
    expect(() => parseRuntimeOptions(options)).toThrow(message);
  });
});

test("environment for the SDK's scripts", () => {
  expect(runtimeOptionsEnvironment({ typescript: true, tsconfig: "t.json", nodeArguments: [] })).toEqual({
    PULUMI_NODEJS_TYPESCRIPT: "true",
    PULUMI_NODEJS_TSCONFIG_PATH: "t.json",
  });
  expect(runtimeOptionsEnvironment({ typescript: false, nodeArguments: [] })).toEqual({});
});

describe("splitShellWords", () => {
  test.each<[string, string[]]>([
    ["", []],
    ["  a   b ", ["a", "b"]],
    ["--title='two words'", ["--title=two words"]],
    ['"a \\"quoted\\" \\n"', ['a "quoted" \\n']],
    ["a\\ b c", ["a b", "c"]],
    ["''", [""]],
  ])("%j", (text, words) => {
    expect(splitShellWords(text)).toEqual(words);
  });

  test.each(["'open", '"open', "end\\"])("%j is refused", (text) => {
    expect(() => splitShellWords(text)).toThrow(/nodeargs/);
  });
});
