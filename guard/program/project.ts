/**
 * A Pulumi project on disk: its Pulumi.yaml (name, runtime, main, project-level config) and how a directory
 * of projects is found. guard runs Node.js programs (TypeScript or JavaScript) and evaluates Pulumi YAML ones.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { UsageError } from "../errors";
import { configValue } from "./stackConfig";

export const runtimes = ["nodejs", "yaml"] as const;
export type Runtime = (typeof runtimes)[number];

export interface PulumiProject {
  dir: string;
  name: string;
  runtime: Runtime;
  /** The program: the directory, or `main` from Pulumi.yaml resolved against it (a file or folder). */
  entry: string;
  /** Where Pulumi.<stack>.yaml files live, as Pulumi.yaml's `stackConfigDir` says (default: dir). */
  stackConfigDir?: string;
  /** Project-level configuration as PULUMI_CONFIG carries it: "namespace:key" → string value. */
  config: Record<string, string>;
}

const manifestName = "Pulumi.yaml";

/** Project config entries are `key: value` or `key: {default|value: …}`; keys without a namespace get the project's. */
function projectConfig(projectName: string, config: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (typeof config !== "object" || config === null) return result;
  for (const [key, entry] of Object.entries(config)) {
    const fullKey = key.includes(":") ? key : `${projectName}:${key}`;
    if (typeof entry === "object" && entry !== null && !Array.isArray(entry)) {
      const declared = entry as Record<string, unknown>;
      const value = "value" in declared ? declared.value : declared.default;
      if (value !== undefined) result[fullKey] = configValue(value);
    } else if (entry !== undefined && entry !== null) {
      result[fullKey] = configValue(entry);
    }
  }
  return result;
}

export function readProject(dir: string): PulumiProject {
  const manifestPath = path.join(dir, manifestName);
  let manifest: Record<string, unknown>;
  try {
    manifest = (parse(fs.readFileSync(manifestPath, "utf8")) ?? {}) as Record<string, unknown>;
  } catch (error) {
    // A YAML syntax error is positioned file:line:col, as every error in a YAML program is.
    const at = (error as { linePos?: Array<{ line: number; col: number }> }).linePos?.[0];
    const message = (error as Error).message.split("\n")[0];
    throw new UsageError(
      at ? `${manifestPath}:${at.line}:${at.col}: ${message}` : `cannot read ${manifestPath}: ${message}`,
    );
  }
  const name = manifest.name;
  if (typeof name !== "string" || name === "") throw new UsageError(`${manifestPath} has no project name`);
  const runtime = manifest.runtime;
  const runtimeName =
    typeof runtime === "object" && runtime !== null ? (runtime as { name?: unknown }).name : runtime;
  if (!runtimes.includes(runtimeName as Runtime)) {
    throw new UsageError(
      `${manifestPath}: runtime is ${JSON.stringify(runtimeName)}; only ${runtimes.join(" and ")} programs can be checked`,
    );
  }
  const entry = typeof manifest.main === "string" ? path.resolve(dir, manifest.main) : dir;
  return {
    dir,
    name,
    runtime: runtimeName as Runtime,
    entry,
    stackConfigDir: typeof manifest.stackConfigDir === "string" ? manifest.stackConfigDir : undefined,
    config: projectConfig(name, manifest.config),
  };
}

/**
 * A directory holding a Pulumi.yaml is one program; otherwise each immediate subdirectory that holds one is a
 * program (how `npm start` checks the bundled examples).
 */
export function findProjects(target: string, cwd = process.cwd()): PulumiProject[] {
  const dir = path.resolve(cwd, target);
  if (!fs.existsSync(dir)) throw new UsageError(`${target}: no such directory`);
  if (!fs.statSync(dir).isDirectory()) throw new UsageError(`${target} is not a directory`);
  if (fs.existsSync(path.join(dir, manifestName))) return [readProject(dir)];
  const programs = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(dir, entry.name, manifestName)))
    .map((entry) => readProject(path.join(dir, entry.name)))
    .sort((a, b) => a.dir.localeCompare(b.dir));
  if (programs.length === 0)
    throw new UsageError(`${target} holds no ${manifestName}, nor do its subdirectories`);
  return programs;
}
