/**
 * The record of what the stand-in created: one JSON line per Create, appended to the file named by
 * AWS_STANDIN_LOG, so a test can prove which resources reached the provider (and that a blocked one did not).
 */
import { appendFileSync } from "node:fs";

export const createLogVariable = "AWS_STANDIN_LOG";

export interface CreateRecord {
  type: string;
  name: string;
  urn: string;
  id: string;
  /** The inputs as the engine sent them (secrets stay wrapped in Pulumi's wire form). */
  inputs: Record<string, unknown>;
}

/** Appends one record; without AWS_STANDIN_LOG nothing is written. Appends of one line do not interleave. */
export function recordCreate(record: CreateRecord, logFile = process.env[createLogVariable]): void {
  if (!logFile) return;
  appendFileSync(logFile, `${JSON.stringify(record)}\n`);
}
