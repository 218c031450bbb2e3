/**
 * Runs one Pulumi program offline in a child process (runner.ts) and returns the resources it registered.
 * TypeScript programs are compiled by ts-node, as Pulumi does; their dependencies resolve from the program's
 * directory first and then from the pack's node_modules (NODE_PATH).
 */
import { fork } from "node:child_process";
import * as path from "node:path";
import { UsageError } from "../errors";
import type { PulumiProject } from "./project";
import type { LocatedResource } from "../resource";
import type { RunnerReply, RunnerRequest } from "./runner";

export interface RunOptions {
  packDir: string;
  stack?: string;
  timeoutMs?: number;
}

/** The stack name programs run as; a preview needs one, and offline there is no real stack. */
export const defaultStack = "dev";
const defaultTimeoutMs = 180_000;
const keptOutputChars = 16 * 1024;

/** Where the pack's dependencies live, including a hoisted layout (the pack installed inside a project). */
function fallbackModuleDirs(packDir: string): string[] {
  const dirs = [path.join(packDir, "node_modules")];
  try {
    const sdk = require.resolve("@pulumi/pulumi/package.json", { paths: [packDir] });
    dirs.push(path.resolve(sdk, "..", "..", ".."));
  } catch {
    // The pack has no SDK of its own; the program must bring one.
  }
  return [...new Set(dirs)];
}

export function runProgram(project: PulumiProject, options: RunOptions): Promise<LocatedResource[]> {
  const request: RunnerRequest = {
    entry: project.entry,
    dir: project.dir,
    project: project.name,
    stack: options.stack ?? defaultStack,
    config: project.config,
  };
  const nodePath = [...fallbackModuleDirs(options.packDir), process.env.NODE_PATH ?? ""].filter(Boolean);
  const child = fork(path.join(__dirname, "runner.ts"), [JSON.stringify(request)], {
    cwd: project.dir,
    execArgv: ["--require", require.resolve("ts-node/register/transpile-only")],
    env: {
      ...process.env,
      NODE_PATH: nodePath.join(path.delimiter),
      PULUMI_CONFIG: JSON.stringify(project.config),
      // ts-node compiles the runner and the program alike; the runner sits in node_modules once this package
      // is installed, which ts-node skips by default. Only .ts files are compiled either way.
      TS_NODE_SKIP_IGNORE: "true",
      TS_NODE_SKIP_PROJECT: "true",
      TS_NODE_COMPILER_OPTIONS: JSON.stringify({
        module: "commonjs",
        target: "es2020",
        esModuleInterop: true,
      }),
    },
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-keptOutputChars);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);

  return new Promise((resolve, reject) => {
    let reply: RunnerReply | undefined;
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(
        new UsageError(
          `program ${project.dir} did not finish within ${options.timeoutMs ?? defaultTimeoutMs} ms`,
        ),
      );
    }, options.timeoutMs ?? defaultTimeoutMs);
    child.on("message", (message: RunnerReply) => {
      reply = message;
    });
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      const printed = output.trim() ? `\n${output.trim()}` : "";
      if (reply?.ok) resolve(reply.resources);
      else if (reply) reject(new UsageError(`program ${project.dir} failed:\n${reply.error}${printed}`));
      else
        reject(
          new UsageError(
            `program ${project.dir} exited (${signal ?? `code ${code}`}) without a result${printed}`,
          ),
        );
    });
  });
}
