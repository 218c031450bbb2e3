/**
 * Test support: the cases of OPA's compliance suite, read in place (never
 * copied into the project), with whether the npm SDK can run each (sdk-capable.tsv).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parse as parseYaml } from "yaml";

import { SUITE_DIR, suitePresent } from "../conformance/suite";

export interface ComplianceCase {
  /** Path under cases/v1, e.g. `aggregates/test-aggregates-0001.yaml`. */
  file: string;
  note: string;
  modules: string[];
  /** From sdk-capable.tsv: the SDK can run it and it expects a result or an error; else undefined. */
  sdk?: "result" | "error";
}

export function complianceSuiteAvailable(): boolean {
  return suitePresent("compliance-suite cases");
}

export function loadComplianceCases(): ComplianceCase[] {
  const casesDir = path.join(SUITE_DIR, "cases", "v1");
  const sdkKinds = new Map(
    fs
      .readFileSync(path.join(SUITE_DIR, "sdk-capable.tsv"), "utf8")
      .trim()
      .split("\n")
      .slice(1)
      .map((line) => line.split("\t"))
      .map(([file, note, kind]) => [`${file}\t${note}`, kind as "result" | "error"]),
  );
  return yamlFiles(casesDir).flatMap((full) => {
    const file = path.relative(casesDir, full);
    const doc = parseYaml(fs.readFileSync(full, "utf8")) as {
      cases?: { note: string; modules?: string[] }[];
    };
    return (doc.cases ?? []).map((c) => ({
      file,
      note: c.note,
      modules: c.modules ?? [],
      sdk: sdkKinds.get(`${file}\t${c.note}`),
    }));
  });
}

function yamlFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return yamlFiles(full);
    return full.endsWith(".yaml") ? [full] : [];
  });
}
