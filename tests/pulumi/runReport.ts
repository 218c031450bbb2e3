/**
 * Reading a CLI run: the exit code with the whole transcript (so an unexpected exit code explains itself in a
 * failed expectation), and the policy violations the CLI's "Policies:" section lists, e.g.
 *
 *     - [mandatory] [severity: high]  apigateway-rest-api-private  (aws:apigateway:RestApi: inventory-api)
 *       API Gateway REST APIs must use the PRIVATE endpoint type, …
 *       the endpoint type is REGIONAL; it must be PRIVATE
 */
import type { CommandResult } from "./workspace";

export interface ListedViolation {
  level: string;
  policy: string;
  /** The blamed resource's name; absent when a stack policy blames no resource. */
  resource?: string;
  /** The description and message lines under the violation. */
  text: string;
}

export function describeRun(result: CommandResult): { code: number | null; transcript: string } {
  return { code: result.code, transcript: result.output };
}

const violationLine = /^\s+- \[(\w+)\](?: \[severity: \w+\])?\s+(\S+)(?:\s+\((.+): ([^)]+)\))?\s*$/;

export function listedViolations(output: string): ListedViolation[] {
  const violations: ListedViolation[] = [];
  let current: ListedViolation | undefined;
  for (const line of output.split("\n")) {
    const match = violationLine.exec(line);
    if (match) {
      current = { level: match[1], policy: match[2], resource: match[4], text: "" };
      violations.push(current);
    } else if (current && /^\s{10}\S/.test(line)) {
      current.text += `${line.trim()}\n`;
    } else {
      current = undefined;
    }
  }
  return violations;
}

/** The violations of one level, as "policy on resource" lines that read well in a failed expectation. */
export function violationsAt(output: string, level: string): string[] {
  return listedViolations(output)
    .filter((violation) => violation.level === level)
    .map((violation) => `${violation.policy} on ${violation.resource ?? "the stack"}`);
}
