/**
 * The Pulumi tier runs the real CLI from .tools/bin (built by `npm run tools`). Each test file asks for the
 * tools first: when one is missing, CI fails the file, and elsewhere the file registers one skipped test and
 * says why in one line.
 */
import { existsSync } from "node:fs";
import * as path from "node:path";

export const repoDir = path.resolve(__dirname, "..", "..");
export const binDir = path.join(repoDir, ".tools", "bin");

/** What every test of the tier needs: the CLI, the Node.js language host and the AWS provider stand-in. */
export const coreTools = ["pulumi", "pulumi-language-nodejs", "pulumi-resource-aws"];

/** True when every tool is installed; otherwise registers the failing (CI) or skipped test and returns false. */
export function requireTools(tools: string[] = coreTools): boolean {
  const missing = tools.filter((tool) => !existsSync(path.join(binDir, tool)));
  if (missing.length === 0) return true;
  const reason = `${missing.join(", ")} not in .tools/bin (npm run tools builds them)`;
  if (process.env.CI === "true") {
    test("the Pulumi tools are installed", () => {
      throw new Error(reason);
    });
  } else {
    // One plain line: jest decorates console.log with a stack location.
    process.stdout.write(`tests/pulumi: tier skipped, ${reason}\n`);
    test.skip(`Pulumi tier (${reason})`, () => undefined);
  }
  return false;
}
