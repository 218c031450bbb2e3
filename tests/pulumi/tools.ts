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
 * What every test of the tier needs: the CLI, the language hosts that run Node.js programs and policy packs
 * (tools/nodejs-host) and YAML programs, and the AWS provider stand-in (tools/aws-standin).
 */
export const tools = ["pulumi", "pulumi-language-nodejs", "pulumi-language-yaml", "pulumi-resource-aws"];

const installed = (tool: string) => existsSync(path.join(binDir, tool));

/** True when every tool is installed; otherwise registers the failing (CI) or skipped test and returns false. */
export function requireTools(): boolean {
  const missing = tools.filter((tool) => !installed(tool));
  if (missing.length === 0) return true;
  const reason = `${missing.join(", ")} not in .tools/bin (npm run tools builds them)`;
  if (process.env.CI === "true") {
    test("the Pulumi tools are installed", () => {
      throw new Error(reason);
    });
  } else {
    // One plain line: jest decorates console.log with a stack location.
    process.stdout.write(`tests/pulumi: skipped, ${reason}\n`);
    test.skip(`Pulumi tier (${reason})`, () => undefined);
  }
  return false;
}
