/**
 * How a program is started for Run: `node [nodeargs] <@pulumi/pulumi/cmd/run> --monitor … <entry point>
 * [args]`, with the stack's configuration in PULUMI_CONFIG (keys in the SDK's `<namespace>:config:<name>`
 * form, which every SDK version reads) and the names of secret keys in PULUMI_CONFIG_SECRET_KEYS. This is the
 * command line of the SDK's run script (`cmd/run --help`), filled from the engine's RunRequest.
 */
import { parseRuntimeOptions, runtimeOptionsEnvironment } from "./runtimeOptions";

export interface ProgramRun {
  monitorAddress: string;
  engineAddress: string;
  organization: string;
  project: string;
  stack: string;
  rootDirectory: string;
  programDirectory: string;
  /** What the SDK runs: "." for the package's main, or a file. */
  entryPoint: string;
  args: string[];
  dryRun: boolean;
  parallel: number;
  config: Record<string, string>;
  configSecretKeys: string[];
  /** Pulumi.yaml's runtime.options. */
  options: Record<string, unknown>;
}

export interface Command {
  args: string[];
  env: Record<string, string>;
}

export function programCommand(run: ProgramRun, runScript: string): Command {
  const options = parseRuntimeOptions(run.options);
  const args = [...options.nodeArguments, runScript];
  const flag = (name: string, value: string) => {
    if (value !== "") args.push(`--${name}`, value);
  };
  flag("monitor", run.monitorAddress);
  flag("engine", run.engineAddress);
  flag("organization", run.organization);
  flag("project", run.project);
  flag("root-directory", run.rootDirectory);
  flag("stack", run.stack);
  flag("pwd", run.programDirectory);
  if (run.dryRun) args.push("--dry-run");
  flag("parallel", String(run.parallel));
  args.push(run.entryPoint, ...run.args);
  return {
    args,
    env: {
      PULUMI_CONFIG: JSON.stringify(sdkConfig(run.config)),
      PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(run.configSecretKeys),
      ...runtimeOptionsEnvironment(options),
    },
  };
}

/** `aws:region` → `aws:config:region`; the older form passes unchanged; anything else is refused. */
function sdkConfig(config: Record<string, string>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(config)) {
    const parts = key.split(":");
    let namespace: string;
    let name: string;
    if (parts.length === 2 && parts[0] !== "") [namespace, name] = parts;
    else if (parts.length === 3 && parts[1] === "config" && parts[0] !== "") [namespace, , name] = parts;
    else
      throw new Error(
        `could not parse ${key} as a configuration key (configuration keys should be of the form \`<namespace>:<name>\`)`,
      );
    result[`${namespace}:config:${name}`] = value;
  }
  return result;
}
