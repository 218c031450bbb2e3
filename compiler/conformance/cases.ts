/**
 * OPA's compliance cases, read from YAML (source mode, `cases/v1`) or from the JSON golden plans
 * (plan mode, `plans/v1`). A case is named by `group/file.yaml` and its note, the key
 * sdk-capable.tsv and the baseline use; golden-plan files map onto the same key.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { parse as parseYaml } from "yaml";
import type { Policy } from "../plan/ir";

export type Mode = "source" | "plans";

export interface ConformanceCase {
  /** `group/file.yaml`, as in sdk-capable.tsv. */
  file: string;
  group: string;
  note: string;
  query: string;
  modules: string[];
  data?: unknown;
  input?: unknown;
  input_term?: string;
  want_result?: Record<string, unknown>[];
  want_error_code?: string;
  want_error?: string;
  strict_error?: boolean;
  sort_bindings?: boolean;
  /** Plan mode only. */
  plan?: Policy;
  want_plan_result?: Record<string, unknown>[] | null;
}

export function loadCases(dir: string, mode: Mode): ConformanceCase[] {
  const extension = mode === "plans" ? ".json" : ".yaml";
  const cases: ConformanceCase[] = [];
  for (const path of filesUnder(dir, extension)) {
    const document = (
      mode === "plans" ? JSON.parse(readFileSync(path, "utf8")) : parseYaml(readFileSync(path, "utf8"))
    ) as {
      cases?: Omit<ConformanceCase, "file" | "group">[];
    };
    const group = basename(dirname(path));
    const file = `${group}/${basename(path, extension)}.yaml`;
    for (const c of document.cases ?? []) cases.push({ ...c, modules: c.modules ?? [], file, group });
  }
  return cases;
}

/** `file<TAB>note` keys from a TSV with a header line whose first two columns are file and note. */
export function readCaseList(path: string): Set<string> {
  const keys = new Set<string>();
  for (const line of readFileSync(path, "utf8").split("\n").slice(1)) {
    const [file, note] = line.split("\t");
    if (file && note) keys.add(caseKey({ file, note }));
  }
  return keys;
}

export function caseKey(c: { file: string; note: string }): string {
  return `${c.file}\t${c.note}`;
}

function filesUnder(dir: string, extension: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) found.push(...filesUnder(path, extension));
    else if (entry.endsWith(extension)) found.push(path);
  }
  return found;
}
