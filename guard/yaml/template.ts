/**
 * The program's template, found as the YAML language host finds it (pulumi-yaml's LoadDir): in the program
 * directory (the project directory, or its `main` folder), Main.json, else Main.yaml, else Pulumi.yaml itself.
 * Only the sections guard evaluates are read; each keeps its YAML nodes for positions.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { isMap, isScalar, type Node, type Pair, type YAMLMap } from "yaml";
import { YamlSource } from "./source";

export interface Declaration {
  name: string;
  key: Node;
  value: Node;
}

export interface Template {
  source: YamlSource;
  resources: Declaration[];
  variables: Declaration[];
  /** Program configuration declared in the template (`config`, formerly `configuration`). */
  config: Declaration[];
}

const templateNames = ["Main.json", "Main.yaml", "Pulumi.yaml"];

/** Sections guard does not need to judge resources; anything else is an error, as the host reports it. */
const otherSections = new Set([
  "name",
  "runtime",
  "description",
  "main",
  "stackConfigDir",
  "options",
  "backend",
  "template",
  "plugins",
  "packages",
  "outputs",
  "pulumi",
]);

export function templateFile(programDir: string): string {
  for (const name of templateNames) {
    const file = path.join(programDir, name);
    if (fs.existsSync(file)) return file;
  }
  return path.join(programDir, "Pulumi.yaml");
}

function declarations(source: YamlSource, section: Pair): Declaration[] {
  const value = section.value as Node | null;
  if (value === null || (isScalar(value) && value.value === null)) return [];
  if (!isMap(value)) throw source.error(value, `${String(section.key)} must be a mapping`);
  return (value as YAMLMap).items.map((item) => {
    const key = item.key as Node;
    if (!isScalar(key) || typeof key.value !== "string") throw source.error(key, "names must be strings");
    return { name: key.value, key, value: item.value as Node };
  });
}

export function loadTemplate(programDir: string): Template {
  const source = YamlSource.read(templateFile(programDir));
  const template: Template = { source, resources: [], variables: [], config: [] };
  const root = source.document.contents as YAMLMap | null;
  for (const section of root?.items ?? []) {
    const key = section.key as Node;
    const name = isScalar(key) ? String(key.value) : "";
    if (name === "resources") template.resources = declarations(source, section);
    else if (name === "variables") template.variables = declarations(source, section);
    else if (name === "config" || name === "configuration")
      template.config.push(...declarations(source, section));
    else if (!otherSections.has(name)) throw source.error(key, `unknown top-level section "${name}"`);
  }
  return template;
}
