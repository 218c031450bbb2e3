/**
 * RunPlugin: starts a plugin written in Node.js — here, a policy pack — and streams its output back to the
 * engine, which reads the pack's port from the first line of stdout. A pack (kind "analyzer") runs the SDK's
 * run-policy-pack script from the pack's folder with the engine's arguments and then that folder; any other
 * plugin runs the SDK's run-plugin script on its folder, then its arguments. The environment is exactly the
 * one the engine sends, plus the pack's runtime options. The call ends when the process does: an exit status
 * other than 0 is an error, and a call the engine abandons stops the process.
 *
 * The real host also holds a pack back until the engine's ConfigureStack has arrived, so that the pack's
 * process starts with the stack's configuration in its environment; this host starts it at once, and the
 * pack gets the same configuration from ConfigureStack (a pack that reads `pulumi.Config` at import time
 * would see none: this pack does not).
 */
import { spawn } from "node:child_process";
import { track } from "./children";
import { parseRuntimeOptions, runtimeOptionsEnvironment } from "./runtimeOptions";
import { locateSdkModule } from "./sdkModule";

export interface PluginRun {
  kind: string;
  programDirectory: string;
  pwd: string;
  args: string[];
  /** "KEY=value" entries, as the engine sends them. */
  env: string[];
  options: Record<string, unknown>;
}

export interface PluginOutput {
  stdout(chunk: Buffer): void;
  stderr(chunk: Buffer): void;
}

export interface PluginProcess {
  /** Resolves on exit 0, rejects with the reason otherwise. */
  done: Promise<void>;
  stop(): void;
}

export function startPlugin(run: PluginRun, output: PluginOutput): PluginProcess {
  const options = parseRuntimeOptions(run.options);
  const analyzer = run.kind === "analyzer";
  const script = locateSdkModule(
    analyzer ? "@pulumi/pulumi/cmd/run-policy-pack" : "@pulumi/pulumi/cmd/run-plugin",
    run.programDirectory,
    `npm install in ${run.programDirectory}`,
  );
  const args = analyzer
    ? [...options.nodeArguments, script, ...run.args, run.programDirectory]
    : [...options.nodeArguments, script, run.programDirectory, ...run.args];
  const env = { ...environment(run.env), ...runtimeOptionsEnvironment(options) };
  const child = track(
    spawn(process.execPath, args, {
      // Policy packs have always run from their own folder.
      cwd: analyzer ? run.programDirectory : run.pwd || run.programDirectory,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    }),
  );
  child.stdout!.on("data", output.stdout);
  child.stderr!.on("data", output.stderr);
  const done = new Promise<void>((resolve, reject) => {
    child.once("error", (error) =>
      reject(
        new Error(`Problem executing plugin program (could not run language executor): ${error.message}`),
      ),
    );
    // "close", not "exit": every byte of output has been passed on by then.
    child.once("close", (code, signal) => {
      if (code === 0) resolve();
      else if (code !== null) reject(new Error(`Program exited with non-zero exit code: ${code}`));
      else reject(new Error(`Program exited unexpectedly: signal ${signal}`));
    });
  });
  return { done, stop: () => child.kill("SIGKILL") };
}

function environment(entries: string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const entry of entries) {
    const equals = entry.indexOf("=");
    if (equals > 0) env[entry.slice(0, equals)] = entry.slice(equals + 1);
  }
  return env;
}
