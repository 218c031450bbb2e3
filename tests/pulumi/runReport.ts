/**
 * A CLI run as a test failure shows it: the exit code with the whole transcript, so an unexpected exit code
 * explains itself (`expect(describeRun(result)).toMatchObject({ code: 0 })`).
 */
import type { CommandResult } from "./workspace";

export function describeRun(result: CommandResult): { code: number | null; transcript: string } {
  return { code: result.code, transcript: result.output };
}
