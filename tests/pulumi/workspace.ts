/**
 * A throw-away Pulumi installation for one test file: its own PULUMI_HOME, a local file backend, a passphrase
 * for secrets, the Go-built tools first on PATH (the engine takes the AWS stand-in from there and never
 * downloads a plugin), and copies of the programs under test, each with a fresh stack.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse } from "yaml";
import type { CreateRecord } from "../../tools/aws-standin/createLog";
import { binDir, repoDir } from "./tools";

export interface CommandResult {
  code: number | null;
  /** stdout and stderr as they arrived, interleaved. */
  output: string;
  durationMs: number;
}

export interface PolicyRunOptions {
  /** Pulumi's policy-pack configuration (policy name or "all" → level or settings), written to a file. */
  policyConfig?: unknown;
  /** A policy-pack configuration file to pass as it is. */
  policyConfigFile?: string;
  /** Extra environment for this command. */
  env?: Record<string, string>;
}

const commandTimeoutMs = 300_000;

/** The inherited variables that would point the CLI elsewhere (another backend, home, plugin policy). */
function inheritedEnvironment(): Record<string, string> {
  const inherited: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    // NODE_OPTIONS carries jest's --experimental-vm-modules, which the programs and the pack must not get.
    if (value !== undefined && !key.startsWith("PULUMI_") && key !== "NODE_OPTIONS") inherited[key] = value;
  }
  return inherited;
}

export class PulumiWorkspace {
  private programCount = 0;

  private constructor(
    readonly root: string,
    readonly env: Record<string, string>,
  ) {}

  static create(): PulumiWorkspace {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "private-api-guard-pulumi-"));
    const home = path.join(root, "home");
    const state = path.join(root, "state");
    fs.mkdirSync(home);
    fs.mkdirSync(state);
    return new PulumiWorkspace(root, {
      ...inheritedEnvironment(),
      PATH: `${binDir}${path.delimiter}${process.env.PATH ?? ""}`,
      PULUMI_HOME: home,
      PULUMI_BACKEND_URL: `file://${state}`,
      PULUMI_CONFIG_PASSPHRASE: "private-api-guard-tests",
      PULUMI_SKIP_UPDATE_CHECK: "true",
      // The stand-in on PATH is an ambient plugin; nothing may be downloaded (and nothing could be).
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      // ts-node would type-check each program against all of @pulumi/aws (tens of seconds per run); the pack is
      // still type-checked, as run-policy-pack always does.
      PULUMI_NODEJS_TRANSPILE_ONLY: "true",
    });
  }

  /** Copies a program (a directory holding Pulumi.yaml) into the workspace and creates a new stack for it. */
  async program(source: string): Promise<PulumiProgram> {
    const sourceDir = path.resolve(repoDir, source);
    const dir = path.join(this.root, "programs", `${path.basename(sourceDir)}-${++this.programCount}`);
    fs.cpSync(sourceDir, dir, { recursive: true });
    const manifest = parse(fs.readFileSync(path.join(dir, "Pulumi.yaml"), "utf8")) as { runtime?: unknown };
    if (manifest.runtime === "nodejs") this.linkNodeModules(dir);
    const stack = `test${this.programCount}`;
    const program = new PulumiProgram(this, dir, stack);
    const init = await this.run(["stack", "init", stack, "--non-interactive"], dir);
    if (init.code !== 0) throw new Error(`pulumi stack init ${stack} failed:\n${init.output}`);
    return program;
  }

  /**
   * Outside the repository the copy resolves its packages through a link to the repository's node_modules.
   * Inside it, the SDK's program runner would find the repository's package.json and run its `main` — the
   * policy pack's index.ts — instead of the program; the copy gets a package.json of its own.
   */
  private linkNodeModules(dir: string): void {
    fs.symlinkSync(path.join(repoDir, "node_modules"), path.join(dir, "node_modules"), "dir");
    const packageFile = path.join(dir, "package.json");
    if (!fs.existsSync(packageFile)) {
      const version = (name: string) =>
        (
          JSON.parse(fs.readFileSync(path.join(repoDir, "node_modules", name, "package.json"), "utf8")) as {
            version: string;
          }
        ).version;
      const dependencies = {
        "@pulumi/aws": version("@pulumi/aws"),
        "@pulumi/pulumi": version("@pulumi/pulumi"),
      };
      fs.writeFileSync(
        packageFile,
        JSON.stringify({ name: path.basename(dir), private: true, dependencies }),
      );
    }
  }

  /** Runs the CLI; never rejects on a non-zero exit (the tests judge exit codes). */
  run(args: string[], cwd: string, env: Record<string, string> = {}): Promise<CommandResult> {
    const started = Date.now();
    return new Promise((resolve, reject) => {
      const child = spawn(path.join(binDir, "pulumi"), args, {
        cwd,
        env: { ...this.env, ...env },
        stdio: ["ignore", "pipe", "pipe"],
        // Its own process group, so a hung command is killed with the plugins it started.
        detached: true,
      });
      let output = "";
      const append = (chunk: Buffer) => (output += chunk.toString("utf8"));
      child.stdout.on("data", append);
      child.stderr.on("data", append);
      const timer = setTimeout(() => process.kill(-child.pid!, "SIGKILL"), commandTimeoutMs);
      child.on("error", (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.on("close", (code) => {
        clearTimeout(timer);
        resolve({ code, output, durationMs: Date.now() - started });
      });
    });
  }

  dispose(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}

export class PulumiProgram {
  private runs = 0;

  constructor(
    private readonly workspace: PulumiWorkspace,
    readonly dir: string,
    readonly stack: string,
  ) {}

  /** Where the stand-in records what it created for this program's stack (AWS_STANDIN_LOG). */
  get createLog(): string {
    return path.join(this.dir, "standin-creates.jsonl");
  }

  preview(options: PolicyRunOptions = {}): Promise<CommandResult> {
    return this.runWithPolicies(["preview"], options);
  }

  up(options: PolicyRunOptions & { skipPreview?: boolean } = {}): Promise<CommandResult> {
    return this.runWithPolicies(["up", "--yes", ...(options.skipPreview ? ["--skip-preview"] : [])], options);
  }

  /** Every Create the stand-in received for this program so far. */
  creates(): CreateRecord[] {
    if (!fs.existsSync(this.createLog)) return [];
    return fs
      .readFileSync(this.createLog, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as CreateRecord);
  }

  private runWithPolicies(command: string[], options: PolicyRunOptions): Promise<CommandResult> {
    const args = [...command, "--stack", this.stack, "--non-interactive", "--color", "never"];
    args.push("--policy-pack", repoDir);
    let configFile = options.policyConfigFile;
    if (options.policyConfig !== undefined) {
      configFile = path.join(this.dir, `policy-config-${++this.runs}.json`);
      fs.writeFileSync(configFile, JSON.stringify(options.policyConfig));
    }
    if (configFile) args.push("--policy-pack-config", configFile);
    return this.workspace.run(args, this.dir, { AWS_STANDIN_LOG: this.createLog, ...options.env });
  }
}

/** A CLI run takes minutes on a busy two-core machine. */
export const cliTestTimeoutMs = 400_000;

/** One workspace per test file: made before its tests, removed after them. */
export function fileWorkspace(): () => PulumiWorkspace {
  let workspace: PulumiWorkspace | undefined;
  beforeAll(() => {
    workspace = PulumiWorkspace.create();
  });
  afterAll(() => workspace?.dispose());
  return () => {
    if (!workspace) throw new Error("the workspace is made in beforeAll");
    return workspace;
  };
}
