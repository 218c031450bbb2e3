/**
 * Where OPA's compliance suite lives: `shared/opa-conformance` beside the repository, as CI lays out a
 * fresh clone (`<repo>/../shared`), unless OPA_CONFORMANCE_DIR names another copy. Read in place, never
 * copied into the project.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";

export const SUITE_DIR =
  process.env.OPA_CONFORMANCE_DIR ?? resolve(__dirname, "../../../shared/opa-conformance");

/**
 * True when the suite is present. Tests that need it skip when it is not; `what` names them in the
 * console note saying so, so that a skip is never silent.
 */
export function suitePresent(what: string): boolean {
  if (existsSync(join(SUITE_DIR, "cases", "v1"))) return true;
  console.log(`${what}: skipped, OPA's compliance suite not found at ${SUITE_DIR} (set OPA_CONFORMANCE_DIR)`);
  return false;
}
