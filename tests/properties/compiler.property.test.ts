/**
 * Property (issue 5, c): random Rego-like source never crashes the compiler. The front end (parseModule,
 * then the checks and the planner through planSources) either succeeds or throws an error that names a
 * position, `file:row:col`; never a TypeError, a RangeError or another bare exception, and never a hang.
 * Sources are token soup after a package line, and the pack's own Rego with random edits.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { CompileErrors } from "../../compiler/check/errors";
import { compileRego, planSources, regoFilesUnder } from "../../compiler/compile";
import { PlanError } from "../../compiler/plan/state";
import { RegoSyntaxError } from "../../compiler/syntax/errors";
import { parseModule } from "../../compiler/syntax/parser";
import { propertyRuns } from "./settings";

const file = "fuzz.rego";
const boundMs = 5_000;

const tokens = [
  ...["package", "import", "default", "not", "some", "every", "in", "if", "contains", "else", "with", "as"],
  ...["true", "false", "null", "input", "data", "rego.v1", "future.keywords", "x", "p", "q", "f", "_"],
  ...[":=", "==", "!=", "<=", ">=", "=", "<", ">", "+", "-", "*", "/", "%", "&", "|", ":", ";", ",", "."],
  ...["{", "}", "[", "]", "(", ")", "\n", " ", "\t", "#", "# METADATA\n# title: t\n", "\\"],
  ...["0", "1.5e3", "-7", "1e400", "99999999999999999999", '"s"', '"\\u00e9"', '"\\ud800"', "`raw`"],
  ...['"unterminated', "`open", "\u0000", "é", "😀", "count", "sprintf", "x.y[z]", "f(x)", "{x | x := 1}"],
];

const tokenSoup = fc
  .array(fc.constantFrom(...tokens), { maxLength: 60 })
  .map((parts) => `package x\n${parts.join(" ")}`);

/** The pack's Rego, so that edits start from realistic modules. */
const packRego = regoFilesUnder(path.join(__dirname, "..", "..", "rego")).map((f) => readFileSync(f, "utf8"));

const edits = fc.record({
  at: fc.nat(),
  length: fc.nat({ max: 40 }),
  insert: fc.oneof(fc.constantFrom(...tokens), fc.string({ maxLength: 4 }), fc.constant("")),
});

const editedRego = fc
  .tuple(fc.constantFrom(...packRego), fc.array(edits, { minLength: 1, maxLength: 4 }))
  .map(([source, list]) =>
    list.reduce((text, { at, length, insert }) => {
      const position = at % (text.length + 1);
      return text.slice(0, position) + insert + text.slice(position + length);
    }, source),
  );

/** Well-formed Rego from a small grammar: most modules parse, many pass the checks, some plan. */
const terms: fc.Arbitrary<string> = fc.letrec<{ term: string }>((tie) => ({
  term: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constantFrom("a", "b", "v", "input.xs", "input.n", "input.o.k", "data.x.p", "data.x.q", "q"),
    fc.constantFrom("1", "2.5", "-3", '"s"', "true", "null", "[1, 2]", '{"k": 1}', "{1, 2}", "set()"),
    tie("term").map((t) => `count(${t})`),
    fc.tuple(tie("term"), tie("term")).map(([l, r]) => `${l} + ${r}`),
    fc.tuple(tie("term"), tie("term")).map(([l, r]) => `object.get(${l}, ${r}, 0)`),
    tie("term").map((t) => `[v | some v in ${t}]`),
    tie("term").map((t) => `{k: v | some k, v in ${t}}`),
    tie("term").map((t) => `${t}[0]`),
  ),
})).term;

const bodyLiterals = fc.oneof(
  fc.tuple(fc.constantFrom("a", "b"), terms).map(([v, t]) => `${v} := ${t}`),
  fc.tuple(terms, fc.constantFrom("==", "!=", ">", "<="), terms).map(([l, op, r]) => `${l} ${op} ${r}`),
  terms.map((t) => `some v in ${t}`),
  terms.map((t) => `not ${t}`),
  terms.map((t) => `every v in ${t} { v > 0 }`),
  fc.tuple(terms, terms).map(([t, value]) => `${t} with input.n as ${value}`),
);

const body = fc.array(bodyLiterals, { minLength: 1, maxLength: 3 }).map((lits) => lits.join("\n\t"));

const rules = fc.oneof(
  fc.tuple(fc.constantFrom("p", "q"), terms, body).map(([name, t, b]) => `${name} := ${t} if {\n\t${b}\n}`),
  fc.tuple(terms, body).map(([t, b]) => `s contains ${t} if {\n\t${b}\n}`),
  fc.tuple(terms, body).map(([t, b]) => `o[a] := ${t} if {\n\t${b}\n}`),
  fc.tuple(terms, body).map(([t, b]) => `f(a) := ${t} if {\n\t${b}\n}`),
  terms.map((t) => `default p := ${t}`),
);

const grammarModules = fc
  .array(rules, { minLength: 1, maxLength: 4 })
  .map((list) => `package x\n\nimport rego.v1\n\n${list.join("\n\n")}\n`);

const positioned = /^fuzz\.rego:[1-9][0-9]*:[1-9][0-9]*: /m;

/** Throws unless the error is one the compiler raises on purpose, with a position in the source. */
function expectPositioned(error: unknown): void {
  if (error instanceof RegoSyntaxError) {
    expect([error.file, error.row >= 1, error.col >= 1]).toEqual([file, true, true]);
  } else if (error instanceof CompileErrors) {
    for (const e of error.errors)
      expect([e.loc.file, e.loc.row >= 1, e.loc.col >= 1]).toEqual([file, true, true]);
  } else if (error instanceof PlanError && error.loc) {
    expect(error.message).toMatch(positioned);
  } else {
    throw error;
  }
}

function compileFrontEnd(source: string): void {
  const started = performance.now();
  try {
    // The whole package as the entrypoint, so that the planner meets every rule of the module.
    const { package: packagePath } = parseModule(source, file);
    planSources({ sources: [{ file, source }], entrypoints: [packagePath.join("/")] });
  } catch (error) {
    expectPositioned(error);
  }
  expect(performance.now() - started).toBeLessThan(boundMs);
}

describe("the compiler's front end on random source", () => {
  test("token soup", () => {
    fc.assert(fc.property(tokenSoup, compileFrontEnd), propertyRuns(400));
  });

  test("the pack's Rego with random edits", () => {
    fc.assert(fc.property(editedRego, compileFrontEnd), propertyRuns(120));
  });

  test("modules from a small Rego grammar", () => {
    fc.assert(fc.property(grammarModules, compileFrontEnd), propertyRuns(300));
  });

  // The back end links with binaryen (a fraction of a second per module), so it sees few modules.
  test("modules the front end accepts also link", async () => {
    const planned = grammarModules.filter((source) => {
      try {
        planSources({ sources: [{ file, source }], entrypoints: ["x"] });
        return true;
      } catch {
        return false;
      }
    });
    await fc.assert(
      fc.asyncProperty(planned, async (source) => {
        const { wasm } = await compileRego({ sources: [{ file, source }], entrypoints: ["x"], optimize: 0 });
        expect(wasm.length).toBeGreaterThan(0);
      }),
      propertyRuns(5),
    );
  }, 60_000);
});
