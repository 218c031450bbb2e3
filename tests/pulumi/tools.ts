/**
 * The Pulumi tier runs the real CLI from .tools/bin (built by `npm run tools`). Each test file asks for the
 * tools first: when one is missing, CI fails the file, and elsewhere the file registers one skipped test and
 * says why in one line.
 */
import { existsSync } from "node:fs";
import * as path from "node:path";

export const repoDir = path.resolve(__dirname, "..", "..");
export const binDir = path.join(repoDir, ".tools", "bin");

/**
 * What every test of the tier needs: the CLI, the AWS provider stand-in, and this pack as a binary analyzer
 * plugin (tools/policy-analyzer), which the CLI starts without the Node.js language host.
 */
export const coreTools = ["pulumi", "pulumi-resource-aws", "private-api-guard-analyzer"];

/**
 * The Node.js language host runs Node.js programs (and, when present, starts the pack from its folder). It cannot be built here: the Go module proxy refuses its module
 * (tools/README.md). So its absence is said, never hidden, but it does not fail CI the way a tool that
 * `npm run tools` can build does.
 */
export const nodejsHost = "pulumi-language-nodejs";

const installed = (tool: string) => existsSync(path.join(binDir, tool));

/**
 * What `--policy-pack` names: this repository, started from PulumiPolicy.yaml through the Node.js language
 * host, where the host is installed; else the same pack through its binary analyzer plugin.
 */
export function policyPackPath(): string {
  return installed(nodejsHost) ? repoDir : path.join(binDir, "private-api-guard-analyzer");
}

/** True when every tool is installed; otherwise registers the failing (CI) or skipped test and returns false. */
export function requireTools(tools: string[] = coreTools): boolean {
  const missing = tools.filter((tool) => !installed(tool));
  if (missing.length === 0) return true;
  const reason = `${missing.join(", ")} not in .tools/bin (npm run tools builds them)`;
  if (process.env.CI === "true") {
    test("the Pulumi tools are installed", () => {
      throw new Error(reason);
    });
  } else {
    skip(reason);
  }
  return false;
}

/** For Node.js programs: the tools above and the Node.js language host, whose absence skips with its reason. */
export function requireNodejsPrograms(): boolean {
  if (!requireTools()) return false;
  if (installed(nodejsHost)) return true;
  skip(
    `${nodejsHost} is not in .tools/bin: the Go module proxy refuses its module, so Node.js programs cannot run under the real CLI here`,
  );
  return false;
}

function skip(reason: string): void {
  // One plain line: jest decorates console.log with a stack location.
  process.stdout.write(`tests/pulumi: skipped, ${reason}\n`);
  test.skip(`Pulumi tier (${reason})`, () => undefined);
}
