/**
 * The digest of the Rego sources the shipped module was compiled from (test files excluded), recorded next
 * to the module by `npm run build:rego` so that a test can tell when rego/ changed without a rebuild.
 * Usage: tsx policies/regoDigest.ts [--write]
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";

export const projectDir = path.join(__dirname, "..");
export const digestPath = path.join(projectDir, "policies", "generated", "rego.sha256");

function regoFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return regoFiles(full);
    return entry.name.endsWith(".rego") && !entry.name.endsWith("_test.rego") ? [full] : [];
  });
}

export function regoDigest(regoDir = path.join(projectDir, "rego")): string {
  const hash = createHash("sha256");
  for (const file of regoFiles(regoDir).sort()) {
    hash.update(`${path.relative(regoDir, file)}\0${readFileSync(file, "utf8")}\0`);
  }
  return hash.digest("hex");
}

if (require.main === module) {
  const digest = regoDigest();
  if (process.argv.includes("--write")) writeFileSync(digestPath, `${digest}\n`);
  console.log(digest);
}
