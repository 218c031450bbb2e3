/**
 * OPA made to evaluate every body: `opa eval --disable-indexing --disable-early-exit` on one module.
 * OPA's rule index skips a rule whose body refers to an input value that is undefined, and its early
 * exit stops at the first body of a complete rule whose value is constant, so a call that would fail
 * in a skipped body (a builtin error, a conflict in a rule it reads) is never evaluated, while our
 * module evaluates every body in order and fails. Asked only to confirm such a pair, so one process
 * per program.
 */
import { execFile } from "node:child_process";
import type { Outcome } from "./fuzzOutcome";

export function evaluateEveryBody(
  opa: string,
  file: string,
  path: string[],
  inputText: string,
): Promise<Outcome> {
  const args = [
    "eval",
    "--format",
    "json",
    "--disable-indexing",
    "--disable-early-exit",
    "--stdin-input",
    "-d",
    file,
  ];
  args.push(`data.${path.join(".")}`);
  return new Promise((resolve, reject) => {
    const child = execFile(opa, args, { maxBuffer: 64 << 20 }, (error, stdout) => {
      // A failed evaluation exits non-zero with its errors in the JSON report.
      let report: { result?: { expressions: { value: unknown }[] }[]; errors?: { message: string }[] };
      try {
        report = JSON.parse(stdout);
      } catch {
        reject(error ?? new Error(`opa eval printed no JSON: ${stdout}`));
        return;
      }
      if (report.errors) resolve({ kind: "error", message: report.errors.map((e) => e.message).join("; ") });
      else if (!report.result || report.result.length === 0) resolve({ kind: "undefined" });
      else resolve({ kind: "value", value: report.result[0].expressions[0].value });
    });
    child.stdin?.end(inputText);
  });
}
