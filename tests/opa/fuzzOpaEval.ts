/**
 * OPA made to evaluate every body: `opa eval --disable-indexing --disable-early-exit` on one module.
 * OPA's rule index skips a rule whose body refers to an input value that is undefined, and its early
 * exit stops at the first body of a complete rule whose value is constant, so a call that would fail
 * in a skipped body (a builtin error, a conflict in a rule it reads) is never evaluated, while our
 * module evaluates every body in order and fails. Asked only to confirm such a pair, so one process
 * per program. Its trace also tells whether OPA calls a builtin at all.
 */
import { execFile } from "node:child_process";
import type { Outcome } from "./fuzzOutcome";

export function evaluateEveryBody(
  opa: string,
  file: string,
  path: string[],
  inputText: string,
  strictBuiltinErrors: boolean,
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
  if (strictBuiltinErrors) args.push("--strict-builtin-errors");
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

/** Whether OPA, evaluating every body, calls the builtin `name` (its trace has `Eval name(`). */
export function callsBuiltin(
  opa: string,
  file: string,
  path: string[],
  inputText: string,
  name: string,
): Promise<boolean> {
  const args = [
    "eval",
    "--format",
    "pretty",
    "--explain",
    "full",
    "--disable-indexing",
    "--disable-early-exit",
  ];
  args.push("--stdin-input", "-d", file, `data.${path.join(".")}`);
  return new Promise((resolve) => {
    const child = execFile(opa, args, { maxBuffer: 256 << 20 }, (_error, stdout) =>
      resolve(stdout.split("\n").some((line) => line.includes(`Eval ${name}(`))),
    );
    child.stdin?.end(inputText);
  });
}
