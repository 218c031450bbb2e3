/** Runs guard's main() in-process with captured streams; the pack and programs still run as child processes. */
import * as path from "node:path";
import { main } from "../../guard/cli";

export const repoRoot = path.resolve(__dirname, "..", "..");
export const fixtures = path.join(__dirname, "fixtures");
export const fixturePack = path.join(fixtures, "pack");
export const exportsDir = path.join(fixtures, "exports");

export interface GuardRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function guard(
  args: string[],
  options: { stdin?: string; tty?: boolean; cwd?: string } = {},
): Promise<GuardRun> {
  let stdout = "";
  let stderr = "";
  const code = await main(args, {
    stdout: { write: (text: string) => (stdout += text), isTTY: options.tty },
    stderr: { write: (text: string) => (stderr += text), isTTY: options.tty },
    readStdin: async () => options.stdin ?? "",
    cwd: options.cwd ?? repoRoot,
    env: {},
  });
  return { code, stdout, stderr };
}

interface JsonViolation {
  enforcementLevel: string;
  policyName: string;
  message: string;
  resource?: { name: string; type: string };
}

/** "target: resource name" for each mandatory violation of a JSON report, sorted. */
export function mandatoryBlame(jsonReport: string): string[] {
  const report = JSON.parse(jsonReport) as { targets: Array<{ path: string; violations: JsonViolation[] }> };
  const blamed = report.targets.flatMap((target) =>
    target.violations
      .filter((violation) => violation.enforcementLevel === "mandatory")
      .map((violation) => `${target.path}: ${violation.resource?.name ?? "(stack)"}`),
  );
  return [...new Set(blamed)].sort();
}
