/** The regoc command line, in process: exit codes, usage errors, build outputs and `test` output. */
import { existsSync, mkdtempSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "./cli";

jest.setTimeout(180_000);

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "regoc-cli-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

const POLICY = `# METADATA
# title: the decision
# description: allows admins
package app.authz

default allow := false

allow if input.role == "admin"
`;

const TESTS = `package app.authz_test

import data.app.authz

test_admin_allowed if authz.allow with input as {"role": "admin"}

test_guest_allowed if authz.allow with input as {"role": "guest"}
`;

describe("usage errors exit 2", () => {
  const dir = project({
    "policy.rego": POLICY,
    "policy_test.rego": TESTS,
    "empty.json": "{}",
    "nameless.json": '{"builtins": [{"decl": {"type": "function"}}]}',
    "declless.json": '{"builtins": [{"name": "f", "decl": {"type": "string"}}]}',
    "b.mjs": "export default {};\n",
    "numbers.mjs": "export default [1, 2];\n",
    "notfn.mjs": "export default { f: 1 };\n",
  });
  test.each([
    { argv: [], message: /no command given/ },
    { argv: ["frobnicate", dir], message: /unknown command frobnicate/ },
    { argv: ["build", "-o", "x.wasm", dir], message: /needs at least one -e/ },
    { argv: ["build", "-e", "app/authz/allow", dir], message: /needs -o/ },
    {
      argv: ["eval", "-e", "app/authz/allow", join(dir, "missing.rego")],
      message: /cannot read .*missing\.rego/,
    },
    {
      argv: ["eval", "-e", "app/authz/allow", "-i", join(dir, "none.json"), dir],
      message: /cannot read input file/,
    },
    { argv: ["build", "-e", "a/b", "-O", "9", "-o", "x.wasm", dir], message: /-O takes/ },
    { argv: ["plan", "-e", "a/b"], message: /no Rego files/ },
    { argv: ["plan", "-e", "a/b", "--strict-builtin-errors", dir], message: /plan takes no --strict/ },
    { argv: ["test", "--capabilities", dir], message: /--capabilities needs a value|no Rego files/ },
    {
      argv: ["test", "--capabilities", join(dir, "none.json"), dir],
      message: /cannot read --capabilities file .*none\.json/,
    },
    {
      argv: ["test", "--capabilities", join(dir, "policy.rego"), dir],
      message: /capabilities file .*: not JSON/,
    },
    { argv: ["test", "--capabilities", join(dir, "empty.json"), dir], message: /no "builtins" array/ },
    {
      argv: ["test", "--capabilities", join(dir, "nameless.json"), dir],
      message: /builtins\[0\] has no name/,
    },
    {
      argv: ["test", "--capabilities", join(dir, "declless.json"), dir],
      message: /builtin f has no function decl/,
    },
    {
      argv: ["build", "-e", "a/b", "-o", "x.wasm", "--builtins", join(dir, "b.mjs"), dir],
      message: /build takes no --builtins/,
    },
    {
      argv: ["plan", "-e", "a/b", "--builtins", join(dir, "b.mjs"), dir],
      message: /plan takes no --builtins/,
    },
    {
      argv: ["test", "--builtins", join(dir, "policy.rego"), dir],
      message: /--builtins takes a \.js, \.mjs or \.ts module/,
    },
    {
      argv: ["test", "--builtins", join(dir, "none.mjs"), dir],
      message: /cannot read --builtins file .*none\.mjs/,
    },
    { argv: ["test", "--builtins", join(dir, "numbers.mjs"), dir], message: /exports no record of builtins/ },
    { argv: ["test", "--builtins", join(dir, "notfn.mjs"), dir], message: /builtin f is not a function/ },
  ])("$argv", async ({ argv, message }) => {
    const { code, err } = await run(...argv);
    expect(code).toBe(2);
    expect(err).toMatch(message);
    expect(err).toMatch(/usage: regoc/);
  });
});

test("a syntax error prints a positioned message and exits 1", async () => {
  const dir = project({ "bad.rego": "package p\n\nallow if {\n" });
  const { code, err } = await run("build", "-e", "p/allow", "-o", join(dir, "p.wasm"), dir);
  expect(code).toBe(1);
  expect(err).toMatch(/bad\.rego:\d+:\d+: rego_parse_error/);
});

test("build writes the module and its METADATA, leaving tests out", async () => {
  const dir = project({ "policy.rego": POLICY, "policy_test.rego": "package broken\n\nthis is not rego\n" });
  const output = join(dir, "out.wasm");
  const { code, out } = await run("build", "-e", "app/authz/allow", "-o", output, dir);
  expect(code).toBe(0);
  expect(out).toMatch(/wrote .*out\.wasm/);
  expect(readFileSync(output).subarray(0, 4)).toEqual(Buffer.from([0, 0x61, 0x73, 0x6d]));
  const metadata = JSON.parse(readFileSync(`${output}.metadata.json`, "utf8"));
  expect(metadata).toEqual([
    expect.objectContaining({ path: "app/authz", title: "the decision", description: "allows admins" }),
  ]);
  expect(existsSync(`${output}.data.json`)).toBe(false);
});

test("eval prints the result set", async () => {
  const dir = project({ "policy.rego": POLICY, "input.json": '{"role": "admin"}' });
  const { code, out } = await run(
    "eval",
    "-e",
    "app.authz.allow",
    "-i",
    join(dir, "input.json"),
    join(dir, "policy.rego"),
  );
  expect(code).toBe(0);
  expect(JSON.parse(out)).toEqual([{ result: true }]);
});

test.each([
  { flags: [], code: 0, out: "[]" },
  { flags: ["--strict-builtin-errors"], code: 1, err: "json.unmarshal: " },
])("eval $flags of a failing builtin → exit $code", async ({ flags, code, out, err }) => {
  const dir = project({
    "p.rego": "package p\n\ndoc := json.unmarshal(input)\n",
    "input.json": '"not json"',
  });
  const result = await run(
    "eval",
    ...flags,
    "-e",
    "p/doc",
    "-i",
    join(dir, "input.json"),
    join(dir, "p.rego"),
  );
  expect(result.code).toBe(code);
  if (out !== undefined) expect(result.out).toBe(out);
  if (err !== undefined) expect(result.err).toContain(err);
});

test("plan prints OPA's IR with one plan per entrypoint", async () => {
  const dir = project({ "policy.rego": POLICY });
  const { code, out } = await run("plan", "-e", "app/authz/allow", dir);
  expect(code).toBe(0);
  expect(JSON.parse(out).plans.plans.map((p: { name: string }) => p.name)).toEqual(["app/authz/allow"]);
});

test("test reports each test_* rule and a summary, exiting 1 on a failure", async () => {
  const dir = project({ "policy.rego": POLICY, "policy_test.rego": TESTS });
  const { code, out } = await run("test", dir);
  expect(out).toMatch(/data\.app\.authz_test\.test_admin_allowed: PASS/);
  expect(out).toMatch(/data\.app\.authz_test\.test_guest_allowed: FAIL/);
  expect(out.split("\n").pop()).toBe("1 passed, 1 failed");
  expect(code).toBe(1);
});

test("test finds test_* rules in any file, as opa test does (test_policy.rego, not only *_test.rego)", async () => {
  const dir = project({ "policy.rego": POLICY, "test_policy.rego": TESTS });
  const { out } = await run("test", dir);
  expect(out).toMatch(/data\.app\.authz_test\.test_admin_allowed: PASS/);
  expect(out.split("\n").pop()).toBe("1 passed, 1 failed");
});

test("test exits 0 when every test passes", async () => {
  const dir = project({
    "policy.rego": POLICY,
    "policy_test.rego": TESTS.replace(/\ntest_guest_allowed.*\n/, "\n"),
  });
  const { code, out } = await run("test", dir);
  expect(out.split("\n").pop()).toBe("1 passed, 0 failed");
  expect(code).toBe(0);
});

test("test runs each definition of a test name on its own, reported as opa test does (name#01)", async () => {
  const dir = project({
    "x_test.rego": `package x_test

test_a if true

test_a if false

test_b if 1 == 1

test_a if 1 == 1
`,
  });
  const { out } = await run("test", dir);
  const verdicts = out
    .split("\n")
    .filter((line) => line.startsWith("data."))
    .map((line) => line.replace(/ \(.*\)$/, ""));
  expect(verdicts).toEqual([
    "data.x_test.test_a: PASS",
    "data.x_test.test_a#01: FAIL",
    "data.x_test.test_b: PASS",
    "data.x_test.test_a#02: PASS",
  ]);
});

test("test shows what a failed test printed, as opa test does", async () => {
  const dir = project({
    "x_test.rego": `package x_test

test_quiet if {
	print("not shown")
}

test_loud if {
	print("x is", input.x, [1])
	false
}
`,
  });
  const { out } = await run("test", dir);
  expect(out.split("\n").map((line) => line.replace(/ \(.*\)$/, ""))).toEqual([
    "data.x_test.test_quiet: PASS",
    "data.x_test.test_loud: FAIL",
    "",
    "  x is <undefined> [1]",
    "",
    "1 passed, 1 failed",
  ]);
});

test("eval writes what print prints to stderr, apart from the result, as opa eval does", async () => {
  const dir = project({ "p.rego": 'package p\n\nx := 1 if {\n\tprint("x is", 1)\n}\n' });
  const { code, out, err } = await run("eval", "-e", "p/x", dir);
  expect(code).toBe(0);
  expect(err).toBe("x is 1");
  expect(JSON.parse(out)).toEqual([{ result: 1 }]);
});

describe("--capabilities and --builtins: a library calling a builtin only its host implements", () => {
  const LIBRARY = `package lib

double(x) := custom.double(x)

test_double if double(21) == 42
`;
  // The made-up builtin, declared as OPA's capabilities.json declares one, with == (equal) beside it.
  const CAPABILITIES = JSON.stringify({
    builtins: [
      {
        name: "equal",
        decl: { args: [{ type: "any" }, { type: "any" }], result: { type: "boolean" }, type: "function" },
        infix: "==",
      },
      {
        name: "custom.double",
        decl: { args: [{ type: "number" }], result: { type: "number" }, type: "function" },
      },
    ],
  });

  test.each([
    ["an ES module's default export", "builtins.mjs", 'export default { "custom.double": (x) => 2 * x };\n'],
    [
      "an ES module's builtins export",
      "builtins.mjs",
      'export const builtins = { "custom.double": (x) => 2 * x };\n',
    ],
    ["a CommonJS module.exports", "builtins.cjs", 'module.exports = { "custom.double": (x) => 2 * x };\n'],
    [
      "a TypeScript module",
      "builtins.ts",
      'export default { "custom.double": (x: number): number => 2 * x };\n',
    ],
  ])("regoc test passes with the capabilities file and %s", async (_, name, module) => {
    const dir = project({ "lib.rego": LIBRARY, "capabilities.json": CAPABILITIES, [name]: module });
    const rego = join(dir, "lib.rego");
    const { code, out, err } = await run(
      "test",
      "--capabilities",
      join(dir, "capabilities.json"),
      "--builtins",
      join(dir, name),
      rego,
    );
    expect(err).toBe("");
    expect(out).toMatch(/data\.lib\.test_double: PASS/);
    expect(code).toBe(0);
  });

  test("without the capabilities file the builtin is an undefined function", async () => {
    const dir = project({ "lib.rego": LIBRARY });
    const { code, err } = await run("test", join(dir, "lib.rego"));
    expect(code).toBe(1);
    expect(err).toMatch(/lib\.rego:3:\d+: rego_type_error: undefined function custom\.double/);
  });

  test("a builtin the file leaves out is an undefined function, however common (count)", async () => {
    const dir = project({ "p.rego": "package p\n\nn := count([1])\n", "capabilities.json": CAPABILITIES });
    const { code, err } = await run(
      "eval",
      "--capabilities",
      join(dir, "capabilities.json"),
      "-e",
      "p/n",
      dir,
    );
    expect(code).toBe(1);
    expect(err).toMatch(/undefined function count/);
  });

  test("declared but not implemented by the host: the call is undefined, an error in strict mode", async () => {
    const dir = project({ "lib.rego": LIBRARY, "capabilities.json": CAPABILITIES });
    const capabilities = join(dir, "capabilities.json");
    const lenient = await run("test", "--capabilities", capabilities, dir);
    expect(lenient.out).toMatch(/test_double: FAIL/);
    const strict = await run("test", "--strict-builtin-errors", "--capabilities", capabilities, dir);
    expect(strict.out).toMatch(/test_double: ERROR: not implemented: built-in function \d+: custom\.double/);
  });

  test("a builtin the runtime implements is called natively, whatever the host's record says", async () => {
    const dir = project({
      "p.rego": "package p\n\nn := count([1, 2])\n",
      "capabilities.json": JSON.stringify({
        builtins: [
          { name: "count", decl: { args: [{ type: "any" }], result: { type: "number" }, type: "function" } },
        ],
      }),
      "builtins.mjs": "export default { count: () => 99 };\n",
    });
    const { code, out } = await run(
      "eval",
      "--capabilities",
      join(dir, "capabilities.json"),
      "--builtins",
      join(dir, "builtins.mjs"),
      "-e",
      "p/n",
      dir,
    );
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual([{ result: 2 }]);
  });
});

test("regoc test runs the project's host builtins without any flag (io.jwt.*, time.now_ns)", async () => {
  const dir = project({
    "t_test.rego": `package t_test

token := io.jwt.encode_sign({"alg": "HS256"}, {"sub": "0"}, {"kty": "oct", "k": "c2VjcmV0"})

test_round_trip if io.jwt.verify_hs256(token, "secret")

test_clock if time.now_ns() > 1700000000000000000
`,
  });
  const { code, out } = await run("test", dir);
  expect(out.split("\n").pop()).toBe("2 passed, 0 failed");
  expect(code).toBe(0);
});
