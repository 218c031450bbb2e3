/** The Rego unit tests (rego/**\/*_test.rego) through the project's compiler: `regoc test rego`. */
import { spawnSync } from "node:child_process";
import * as path from "node:path";

const projectDir = path.join(__dirname, "..", "..");

test("every Rego unit test passes", () => {
  const run = spawnSync(process.execPath, [require.resolve("tsx/cli"), "compiler/cli.ts", "test", "rego"], {
    cwd: projectDir,
    encoding: "utf8",
    timeout: 600_000,
  });
  const lines = run.stdout.split("\n");
  const failures = lines.filter((line) => /: (FAIL|ERROR)/.test(line));
  expect({ failures, stderr: run.stderr.trim(), status: run.status }).toEqual({
    failures: [],
    stderr: "",
    status: 0,
  });
  expect(lines.filter((line) => line.endsWith(")") && line.includes(": PASS")).length).toBeGreaterThanOrEqual(
    62,
  );
}, 600_000);
