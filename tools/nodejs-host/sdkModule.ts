/**
 * Finds an SDK script (`@pulumi/pulumi/cmd/run`, `…/run-policy-pack`) the way node would from the program's
 * own folder, so a program runs with the SDK it installed, whatever SDK the host itself came with.
 */
import { createRequire } from "node:module";
import * as path from "node:path";

export function locateSdkModule(module: string, programDir: string, installHint: string): string {
  try {
    return createRequire(path.join(path.resolve(programDir), "__pulumi_program__.js")).resolve(module);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "MODULE_NOT_FOUND")
      throw new Error(`It looks like the Pulumi SDK has not been installed. Have you run ${installHint}?`);
    throw error;
  }
}
