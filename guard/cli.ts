/**
 * guard: check a Pulumi program, or audit a deployed stack, against a policy pack — offline, through the
 * analyzer protocol, without a Pulumi CLI or cloud credentials.
 *
 * Exit codes: 0 passed, 1 mandatory violations, 2 usage or input errors, 3 something could not be judged.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { PolicyConfigError } from "../analyzer/config";
import { PolicyPackError } from "../analyzer/driver";
import { UsageError } from "./errors";
import { parseStackExport } from "./export";
import { bounded } from "./report/bounded";
import { exitCodeOf, exitCodes } from "./report/exitCode";
import { findProjects } from "./program/project";
import { checkProgram } from "./program/run";
import { chooseStack } from "./program/stackConfig";
import { summarize, type Report } from "./report/model";
import { renderJson } from "./report/json";
import { renderSarif } from "./report/sarif";
import { renderText } from "./report/text";
import { PackSession, type Target } from "./session";

export const usage = `usage: guard <command> [options]

commands:
  check <program-dir>            run a Pulumi TypeScript/JavaScript program offline under mocks, or evaluate a
                                 Pulumi YAML program, and check every resource it registers (a directory of
                                 programs checks each one)
  audit <export.json | dir | ->… judge deployed state from \`pulumi stack export\` files (deployment version 3
                                 or 4; a directory audits each .json file in it): outputs, drift from
                                 the program's inputs, what could not be read as unchecked

options:
  --policy-pack-config FILE      policy configuration, Pulumi's format: policy name or "all" →
                                 level, or {"enforcementLevel": …, …properties}
  --format text|json|sarif       report format (default: text; sarif is SARIF 2.1.0)
  --pack DIR                     the policy pack (default: this pack)
  --stack NAME                   check: the stack whose Pulumi.<stack>.yaml configures the program
                                 (default: the project's only stack file, else dev)
  --exit-zero                    exit 0 even with mandatory violations (a report, not a gate);
                                 usage and input errors still exit 2
  --allow-unchecked              exit 0 rather than 3 when something could not be judged
  --debug                        print the stack trace of an internal error
  -h, --help                     show this help

exit codes: 0 passed, 1 mandatory violations, 2 usage or input error,
            3 something could not be judged (unchecked)`;

const formats = ["text", "json", "sarif"] as const;
type Format = (typeof formats)[number];

export interface Io {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  /** Bytes as read (an export may be UTF-16), or text. */
  readStdin(): Promise<Uint8Array | string>;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

interface Options {
  command: "check" | "audit";
  target: string;
  format: Format;
  packDir: string;
  policyConfig?: unknown;
  exitZero: boolean;
  /** audit: every export named (target and those after it). */
  exports: string[];
  allowUnchecked: boolean;
  /** check: the stack whose configuration the programs read. */
  stack?: string;
}

const defaultPackDir = path.resolve(__dirname, "..");
/** Below this many resources an audit finishes too fast for a progress line to help. */
const progressThreshold = 200;

function parseOptions(argv: string[], cwd: string): Options | "help" {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        "policy-pack-config": { type: "string" },
        format: { type: "string", default: "text" },
        pack: { type: "string" },
        "exit-zero": { type: "boolean", default: false },
        stack: { type: "string" },
        "allow-unchecked": { type: "boolean", default: false },
        debug: { type: "boolean", default: false },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message, true);
  }
  const { values, positionals } = parsed;
  if (values.help) return "help";
  const [command, target, ...extra] = positionals;
  if (command !== "check" && command !== "audit") {
    throw new UsageError(command ? `unknown command "${command}"` : "no command given", true);
  }
  if (!target)
    throw new UsageError(
      `${command} needs ${command === "check" ? "a program directory" : "a stack export file or -"}`,
      true,
    );
  if (extra.length > 0 && command !== "audit")
    throw new UsageError(`unexpected argument "${extra[0]}"`, true);
  const format = values.format as Format;
  if (!formats.includes(format))
    throw new UsageError(`--format must be one of ${formats.join(", ")}, not "${format}"`, true);
  const packDir = values.pack ? path.resolve(cwd, values.pack) : defaultPackDir;
  if (!fs.existsSync(path.join(packDir, "PulumiPolicy.yaml"))) {
    throw new UsageError(`${values.pack ?? packDir} is not a policy pack (no PulumiPolicy.yaml)`);
  }
  const configFile = values["policy-pack-config"];
  return {
    command,
    target,
    format,
    packDir,
    policyConfig: configFile ? readJson(path.resolve(cwd, configFile), configFile) : undefined,
    exitZero: values["exit-zero"] ?? false,
    exports: [target, ...extra],
    allowUnchecked: values["allow-unchecked"] ?? false,
    stack: values.stack,
  };
}

function readJson(file: string, shownAs: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new UsageError(
      `cannot read ${shownAs}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${shownAs} is not valid JSON: ${(error as Error).message}`);
  }
}

async function mapLimited<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

async function checkTargets(options: Options, io: Io): Promise<Target[]> {
  const projects = findProjects(options.target, io.cwd);
  const status = io.stderr.isTTY ? (text: string) => io.stderr.write(text) : () => undefined;
  status(`running ${projects.length} program${projects.length === 1 ? "" : "s"} under mocks…\n`);
  return mapLimited(projects, Math.max(1, os.cpus().length), async (project): Promise<Target> => {
    const shown = path.relative(io.cwd, project.dir) || ".";
    const target = { kind: "program" as const, path: shown, project: project.name };
    try {
      const run = await checkProgram(project, { packDir: options.packDir, stack: options.stack });
      const { stack, config } = run.stack;
      return { ...target, stack, config, resources: run.resources, unchecked: run.unchecked };
    } catch (error) {
      // A failed program is reported with the others and fails the run (exit 2); it never passes.
      if (!(error instanceof UsageError)) throw error;
      io.stderr.write(`guard: ${bounded(error.message)}\n`);
      const reason = bounded(`the program failed, so none of its resources was judged: ${error.message}`);
      const stack = chooseStack(project.dir, options.stack, project.stackConfigDir);
      return { ...target, stack, resources: [], unchecked: [{ reason }], failed: true };
    }
  });
}

/** The files an audit names: each file as given, each directory's .json files in name order. */
function exportFiles(names: string[], cwd: string): string[] {
  return names.flatMap((name) => {
    if (name === "-") return [name];
    const file = path.resolve(cwd, name);
    if (!fs.existsSync(file) || !fs.statSync(file).isDirectory()) return [name];
    const found = fs
      .readdirSync(file)
      .filter((entry) => entry.endsWith(".json"))
      .sort();
    if (found.length === 0) throw new UsageError(`${name} holds no .json stack exports`);
    return found.map((entry) => path.join(name, entry));
  });
}

async function auditTargets(options: Options, io: Io): Promise<Target[]> {
  const targets: Target[] = [];
  const problems: string[] = [];
  for (const name of exportFiles(options.exports, io.cwd)) {
    const fromStdin = name === "-";
    const file = path.resolve(io.cwd, name);
    try {
      let bytes: Uint8Array | string;
      if (fromStdin) {
        bytes = await io.readStdin();
      } else {
        try {
          bytes = fs.readFileSync(file);
        } catch (error) {
          throw new UsageError(
            `cannot read ${name}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
          );
        }
      }
      const shown = fromStdin ? "<stdin>" : name;
      const parsed = parseStackExport(bytes, shown, fromStdin ? undefined : pathToFileURL(file).href);
      const { project, stack, resources } = parsed;
      targets.push({ kind: "stack-export", path: shown, project, stack, resources, stackExport: parsed });
    } catch (error) {
      // Every unreadable export is named, not only the first; none of them is judged.
      if (!(error instanceof UsageError)) throw error;
      problems.push(error.message);
    }
  }
  if (problems.length > 0) throw new UsageError(problems.join("\nguard: "));
  return targets;
}

function progressFor(io: Io) {
  if (!io.stderr.isTTY) return undefined;
  return (target: Target) => {
    if (target.resources.length < progressThreshold) return undefined;
    return (done: number, total: number) => {
      io.stderr.write(`\ranalyzing ${target.path}: ${done}/${total} resources`);
      if (done === total) io.stderr.write("\n");
    };
  };
}

function render(report: Report, format: Format, io: Io): string {
  if (format === "json") return renderJson(report);
  if (format === "sarif") return renderSarif(report);
  return renderText(report, Boolean(io.stdout.isTTY) && !io.env.NO_COLOR);
}

async function run(options: Options, io: Io): Promise<number> {
  // The pack (ts-node type-checks it) and the programs start together: both take seconds. If the programs or
  // the export fail first, the pack is not waited for.
  const abortPack = new AbortController();
  const packPromise = PackSession.open(options.packDir, options.policyConfig, abortPack.signal);
  let targets: Target[];
  try {
    targets = await (options.command === "check" ? checkTargets(options, io) : auditTargets(options, io));
  } catch (error) {
    abortPack.abort();
    await packPromise.then(
      (pack) => pack.stop(),
      () => undefined,
    );
    throw error;
  }
  const pack = await packPromise;
  try {
    const report = await pack.analyze(targets, {
      command: options.command,
      dryRun: options.command === "check",
      onProgress: progressFor(io),
    });
    io.stdout.write(render(report, options.format, io));
    if (targets.some((target) => target.failed)) return exitCodes.error;
    return exitCodeOf(summarize(report), options);
  } finally {
    await pack.stop();
  }
}

export async function main(argv: string[], io: Io): Promise<number> {
  try {
    const options = parseOptions(argv, io.cwd);
    if (options === "help") {
      io.stdout.write(`${usage}\n`);
      return 0;
    }
    return await run(options, io);
  } catch (error) {
    if (error instanceof UsageError || error instanceof PolicyConfigError) {
      io.stderr.write(`guard: ${bounded(error.message)}\n`);
      if (error instanceof UsageError && error.aboutCommandLine) {
        io.stderr.write(`run "guard --help" for usage\n`);
      }
      return 2;
    }
    if (error instanceof PolicyPackError) {
      io.stderr.write(`guard: the policy pack failed: ${bounded(error.message)}\n`);
      return 2;
    }
    throw error;
  }
}

function readProcessStdin(): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    process.stdin.on("data", (chunk: Buffer) => chunks.push(chunk));
    process.stdin.on("end", () => resolve(Buffer.concat(chunks)));
    process.stdin.on("error", reject);
  });
}

/** Runs guard on this process's arguments and streams, setting its exit code (used here and by bin.js). */
export function runFromProcess(): void {
  const io: Io = {
    stdout: process.stdout,
    stderr: process.stderr,
    readStdin: readProcessStdin,
    cwd: process.cwd(),
    env: process.env,
  };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      // A stack trace helps whoever debugs guard, not whoever runs it: only on request.
      const debug = process.argv.includes("--debug");
      const text = error instanceof Error ? (debug && error.stack) || error.message : String(error);
      const hint = debug ? "" : " (run with --debug for the stack trace)";
      process.stderr.write(`guard: internal error: ${bounded(text)}${hint}\n`);
      process.exitCode = 2;
    },
  );
}

if (require.main === module) runFromProcess();
