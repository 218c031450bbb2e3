/**
 * guard against the real engine, where IDs are known on both sides: each example is deployed (`pulumi up` with
 * every policy advisory, so nothing stops it; the stand-in provider gives AWS-shaped IDs), then previewed with
 * the pack at its defaults. The violations the engine lists — policy, resource, enforcement level — must be
 * exactly those `guard check` reports for the same program, whose mocks give placeholder IDs of the same
 * shapes. A difference means guard judged the program differently from the engine: guard is wrong.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { guard } from "../guard/cliHarness";
import { listedViolations } from "./runReport";
import { repoDir, requireTools } from "./tools";
import { cliTestTimeoutMs, fileWorkspace } from "./workspace";

interface GuardReport {
  targets: Array<{
    violations: Array<{ enforcementLevel: string; policyName: string; resource?: { name: string } }>;
  }>;
}

const examples = fs
  .readdirSync(path.join(repoDir, "examples"), { withFileTypes: true })
  .filter(
    (entry) => entry.isDirectory() && fs.existsSync(path.join(repoDir, "examples", entry.name, "index.ts")),
  )
  .map((entry) => entry.name)
  .sort();

const line = (level: string, policy: string, resource: string | undefined) =>
  `[${level}] ${policy} on ${resource ?? "the stack"}`;

async function guardViolations(example: string): Promise<string[]> {
  const run = await guard(["check", `examples/${example}`, "--format", "json"]);
  if (run.code !== 0 && run.code !== 1) throw new Error(`guard check exited ${run.code}:\n${run.stderr}`);
  const report = JSON.parse(run.stdout) as GuardReport;
  return report.targets
    .flatMap((target) => target.violations)
    .map((violation) => line(violation.enforcementLevel, violation.policyName, violation.resource?.name))
    .sort();
}

if (requireTools()) {
  const workspace = fileWorkspace();

  test("every example program takes part", () => {
    expect(examples.length).toBeGreaterThanOrEqual(6);
  });

  test.each(examples)(
    "%s: the engine on the deployed stack and guard check list the same violations",
    async (example) => {
      const program = await workspace().program(`examples/${example}`);
      const deployed = await program.up({ policyConfigFile: path.join(repoDir, "config", "dev.json") });
      expect({ code: deployed.code, output: deployed.output }).toMatchObject({ code: 0 });
      const preview = await program.preview();
      const engine = listedViolations(preview.output)
        .map((violation) => line(violation.level, violation.policy, violation.resource))
        .sort();
      expect(engine).toEqual(await guardViolations(example));
    },
    cliTestTimeoutMs * 2,
  );
}
