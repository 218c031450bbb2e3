/**
 * Checks a Pulumi YAML program offline: load its template, evaluate it against the stack's configuration and
 * return the resources it registers in the recorder's form, with what guard could not judge.
 */
import type { PulumiProject } from "../program/project";
import type { StackConfig } from "../program/stackConfig";
import type { Unchecked } from "../program/unchecked";
import type { LocatedResource } from "../resource";
import { ProgramConfig } from "./config";
import { ProgramEvaluator } from "./evaluate";
import { Registry } from "./register";
import { loadTemplate } from "./template";

export interface YamlRun {
  resources: LocatedResource[];
  unchecked: Unchecked[];
}

export function runYamlProgram(project: PulumiProject, stack: StackConfig): YamlRun {
  const template = loadTemplate(project.entry);
  const config = new ProgramConfig(template.config, stack, project.name, template.source);
  const registry = new Registry(project.name, stack.stack, stack.config);
  const evaluator = new ProgramEvaluator(
    template,
    { project: project.name, stack: stack.stack, organization: "organization", programDir: project.entry },
    config,
    registry,
  );
  evaluator.run();
  return { resources: registry.resources, unchecked: evaluator.unchecked };
}
