/**
 * Runs one Pulumi program offline against its stack's configuration and returns the resources it registered
 * and what guard could not judge. Node.js programs run in a child process (runner.ts) under the SDK's mocks;
 * TypeScript is compiled by ts-node, as Pulumi does, and dependencies resolve from the program's directory
 * first and then from the pack's node_modules (NODE_PATH). YAML programs are evaluated in-process (guard/yaml).
 */
import { fork } from "node:child_process";
import * as path from "node:path";
import { UsageError } from "../errors";
import type { PulumiProject } from "./project";
import type { LocatedResource } from "../resource";
import type { RunnerReply, RunnerRequest } from "./runner";
import { chooseStack, readStackConfig, undecryptedPlaceholder, type StackConfig } from "./stackConfig";
import { uniqueUnchecked, type Unchecked } from "./unchecked";
import { runYamlProgram } from "../yaml/run";

export interface RunOptions {
  packDir: string;
  /** `--stack`; by default the project's only stack file, else dev (stackConfig.ts). */
  stack?: string;
  timeoutMs?: number;
}

export interface ProgramRun {
  stack: StackConfig;
  resources: LocatedResource[];
  unchecked: Unchecked[];
}

export { defaultStack } from "./stackConfig";
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

/** The resources a program registers (what tests comparing guard with the engine need). */
export async function runProgram(project: PulumiProject, options: RunOptions): Promise<LocatedResource[]> {
  return (await checkProgram(project, options)).resources;
}

export async function checkProgram(project: PulumiProject, options: RunOptions): Promise<ProgramRun> {
  const stackName = chooseStack(project.dir, options.stack, project.stackConfigDir);
  const stack = readStackConfig(project.dir, project.name, project.config, stackName, project.stackConfigDir);
  const notes: Unchecked[] = stack.secretKeys.map((key) => ({
    reason: `configuration "${key}" is a secure value guard cannot decrypt: a YAML program reads it as an unknown secret, a Node.js program as the text "${undecryptedPlaceholder}"`,
  }));
  if (project.runtime === "yaml") {
    const run = runYamlProgram(project, stack);
    return { stack, resources: run.resources, unchecked: uniqueUnchecked([...notes, ...run.unchecked]) };
  }
  const run = await runNodeProgram(project, stack, options);
  return { stack, resources: run.resources, unchecked: uniqueUnchecked([...notes, ...run.unchecked]) };
}

function runNodeProgram(
  project: PulumiProject,
  stack: StackConfig,
  options: RunOptions,
): Promise<{ resources: LocatedResource[]; unchecked: Unchecked[] }> {
  const request: RunnerRequest = {
    entry: project.entry,
    dir: project.dir,
    project: project.name,
    stack: stack.stack,
    config: stack.config,
  };
  const nodePath = [...fallbackModuleDirs(options.packDir), process.env.NODE_PATH ?? ""].filter(Boolean);
  const child = fork(path.join(__dirname, "runner.ts"), [JSON.stringify(request)], {
    cwd: project.dir,
    execArgv: ["--require", require.resolve("ts-node/register/transpile-only")],
    env: {
      ...process.env,
      NODE_PATH: nodePath.join(path.delimiter),
      PULUMI_CONFIG: JSON.stringify(stack.config),
      PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(stack.secretKeys),
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
      if (reply?.ok) resolve({ resources: reply.resources, unchecked: reply.unchecked });
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
