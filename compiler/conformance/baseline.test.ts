import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkBaseline, readBaseline, writeBaseline } from "./baseline";

const known = [
  { file: "g/a.yaml", note: "g/one", reason: "got 1\twant 2" },
  { file: "g/a.yaml", note: "g/two", reason: "timeout" },
];

test("a written baseline reads back, reasons flattened to one line", () => {
  const path = join(mkdtempSync(join(tmpdir(), "baseline-")), "b.tsv");
  writeBaseline(path, known);
  expect([...readBaseline(path).values()]).toEqual([
    { file: "g/a.yaml", note: "g/one", reason: "got 1 want 2" },
    { file: "g/a.yaml", note: "g/two", reason: "timeout" },
  ]);
});

test.each([
  { name: "no change", failures: known, passed: [], regressions: 0, fixed: 0 },
  {
    name: "a new failure is a regression",
    failures: [...known, { file: "g/b.yaml", note: "g/new", reason: "x" }],
    passed: [],
    regressions: 1,
    fixed: 0,
  },
  {
    name: "a known failure that passes is reported fixed",
    failures: [known[0]],
    passed: ["g/a.yaml\tg/two"],
    regressions: 0,
    fixed: 1,
  },
  {
    name: "a known failure that did not run is neither",
    failures: [known[0]],
    passed: [],
    regressions: 0,
    fixed: 0,
  },
  {
    name: "a repeated note that both passes and fails is not fixed",
    failures: known,
    passed: ["g/a.yaml\tg/two"],
    regressions: 0,
    fixed: 0,
  },
])("$name", ({ failures, passed, regressions, fixed }) => {
  const baseline = new Map(known.map((k) => [`${k.file}\t${k.note}`, k]));
  const check = checkBaseline(baseline, failures, new Set(passed));
  expect(check.regressions).toHaveLength(regressions);
  expect(check.fixed).toHaveLength(fixed);
});
