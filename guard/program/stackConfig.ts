/**
 * A stack's configuration as the engine hands it to a program: the project's `config` defaults overlaid by
 * `Pulumi.<stack>.yaml` (in `stackConfigDir` when the project names one), keys namespaced (`proj:key`,
 * `aws:region`), values as PULUMI_CONFIG carries them (strings; objects and lists as JSON). A `secure:` value
 * is ciphertext guard cannot decrypt: its key is listed as secret and its plaintext is unknown.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { UsageError } from "../errors";

/** The stack programs run as when the project has no stack file and none is named: a preview needs one. */
export const defaultStack = "dev";

export interface StackConfig {
  stack: string;
  /** The stack file read, if any. */
  file?: string;
  /** "namespace:key" → value, as PULUMI_CONFIG carries it. */
  config: Record<string, string>;
  /** Keys whose values are secure: secrets whose plaintext guard does not know. */
  secretKeys: string[];
}

const stackFilePattern = /^Pulumi\.(.+)\.ya?ml$/;

function stackDir(projectDir: string, stackConfigDir: unknown): string {
  return typeof stackConfigDir === "string" ? path.resolve(projectDir, stackConfigDir) : projectDir;
}

/** The stacks that have a configuration file next to the project. */
export function stackFiles(projectDir: string, stackConfigDir?: unknown): Map<string, string> {
  const dir = stackDir(projectDir, stackConfigDir);
  const found = new Map<string, string>();
  if (!fs.existsSync(dir)) return found;
  for (const entry of fs.readdirSync(dir).sort()) {
    const match = stackFilePattern.exec(entry);
    if (match) found.set(match[1], path.join(dir, entry));
  }
  return found;
}

/** `--stack`, else the only stack with a file, else dev. */
export function chooseStack(projectDir: string, requested?: string, stackConfigDir?: unknown): string {
  if (requested) return requested;
  const stacks = [...stackFiles(projectDir, stackConfigDir).keys()];
  return stacks.length === 1 ? stacks[0] : defaultStack;
}

export function configValue(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

function isSecure(value: unknown): boolean {
  return typeof value === "object" && value !== null && "secure" in value;
}

/** The text a Node.js program reads for a secure value: guard cannot decrypt it, and says so in it. */
export const undecryptedPlaceholder = "[secret: not decrypted by guard]";

export function readStackConfig(
  projectDir: string,
  projectName: string,
  projectConfig: Record<string, string>,
  stack: string,
  stackConfigDir?: unknown,
): StackConfig {
  const file = stackFiles(projectDir, stackConfigDir).get(stack);
  const result: StackConfig = { stack, file, config: { ...projectConfig }, secretKeys: [] };
  if (!file) return result;
  let document: unknown;
  try {
    document = parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
  const entries = (document as { config?: unknown } | null)?.config;
  if (entries === undefined || entries === null) return result;
  if (typeof entries !== "object" || Array.isArray(entries)) {
    throw new UsageError(`${file}: config must be a mapping of keys to values`);
  }
  for (const [key, value] of Object.entries(entries)) {
    const fullKey = key.includes(":") ? key : `${projectName}:${key}`;
    if (isSecure(value)) {
      result.config[fullKey] = undecryptedPlaceholder;
      result.secretKeys.push(fullKey);
    } else if (value !== null && value !== undefined) {
      result.config[fullKey] = configValue(value);
    }
  }
  return result;
}
