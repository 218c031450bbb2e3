/**
 * The committed list of known failing cases (`file<TAB>note<TAB>reason`). A run checked against it
 * fails on any other failure (a regression) and reports entries that now pass, so they can go.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { caseKey } from "./cases";

export interface KnownFailure {
  file: string;
  note: string;
  reason: string;
}

const HEADER = "file\tnote\treason";

export function readBaseline(path: string): Map<string, KnownFailure> {
  const known = new Map<string, KnownFailure>();
  for (const line of readFileSync(path, "utf8").split("\n").slice(1)) {
    const [file, note, reason = ""] = line.split("\t");
    if (file && note) known.set(caseKey({ file, note }), { file, note, reason });
  }
  return known;
}

export function writeBaseline(path: string, failures: KnownFailure[]): void {
  const rows = [...failures]
    .sort((a, b) => caseKey(a).localeCompare(caseKey(b)))
    .map((f) => [f.file, f.note, oneLine(f.reason)].join("\t"));
  writeFileSync(path, `${[HEADER, ...rows].join("\n")}\n`);
}

export interface BaselineCheck {
  /** Failures the baseline does not list. */
  regressions: KnownFailure[];
  /** Baseline entries that ran and passed. */
  fixed: KnownFailure[];
}

/**
 * Compares a run with the baseline; only cases that ran count (a filtered run checks its part). A few
 * files repeat a note, so an entry is fixed only when no case under its key failed.
 */
export function checkBaseline(
  known: Map<string, KnownFailure>,
  failures: KnownFailure[],
  passedKeys: Set<string>,
): BaselineCheck {
  const failedKeys = new Set(failures.map(caseKey));
  return {
    regressions: failures.filter((f) => !known.has(caseKey(f))),
    fixed: [...known.values()].filter((k) => passedKeys.has(caseKey(k)) && !failedKeys.has(caseKey(k))),
  };
}

function oneLine(text: string): string {
  return text.replace(/[\t\r\n]+/g, " ").slice(0, 200);
}
