/**
 * Run: starts the program with the SDK's run script in a node process of its own, its output going straight
 * to the host's (the engine shows it), and answers once the process ends. The exit status becomes the
 * RunResponse the engine expects: 0 is success; 32 is the SDK's "already told the user" status, a bail with
 * no further message; any other status, or a signal, is an error saying so.
 */
import { spawn } from "node:child_process";
import { track } from "./children";
import { programCommand, type ProgramRun } from "./programCommand";
import { locateSdkModule } from "./sdkModule";

/** The SDK's exit status after it has printed an actionable message itself. */
const bailStatus = 32;

export interface RunOutcome {
  error: string;
  bail: boolean;
}

export async function runProgram(run: ProgramRun, cwd: string): Promise<RunOutcome> {
  let command;
  try {
    const runScript = locateSdkModule("@pulumi/pulumi/cmd/run", run.programDirectory, "pulumi install");
    command = programCommand(run, runScript);
  } catch (error) {
    return { error: (error as Error).message, bail: false };
  }
  return new Promise((resolve) => {
    const child = track(
      spawn(process.execPath, command.args, {
        cwd,
        env: { ...process.env, ...command.env },
        stdio: ["ignore", "inherit", "inherit"],
      }),
    );
    child.once("error", (error) =>
      resolve({
        error: `Problem executing program (could not run language executor): ${error.message}`,
        bail: false,
      }),
    );
    child.once("exit", (code, signal) => {
      if (code === 0) resolve({ error: "", bail: false });
      else if (code === bailStatus) resolve({ error: "", bail: true });
      else if (code !== null)
        resolve({ error: `Program exited with non-zero exit code: ${code}`, bail: false });
      else resolve({ error: `Program exited unexpectedly: signal ${signal}`, bail: false });
    });
  });
}
