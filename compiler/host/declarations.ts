/**
 * Declarations of the project's host builtins, as `opa capabilities --current` (OPA v1.22.4) lists
 * them, kept in capabilities.json beside this file: the checker accepts calls of these builtins, and
 * the back end dispatches them to the host, which must be given index.ts's HOST_BUILTINS.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type CapabilityEntry, parseCapabilities } from "../check/capabilities";

export const HOST_CAPABILITIES: readonly CapabilityEntry[] = parseCapabilities(
  readFileSync(join(__dirname, "capabilities.json"), "utf8"),
);
