/**
 * What the engine sent to the policy pack (from its gRPC debug log, PULUMI_DEBUG_GRPC) next to what this
 * project's driver (analyzer/) sends for the same program, as guard runs it: the program under the SDK's mocks,
 * then Configure, ConfigureStack, Analyze per resource and AnalyzeStack.
 */
import { readFileSync } from "node:fs";
import { reconcilePolicyConfig } from "../../analyzer/config";
import { start } from "../../analyzer/driver";
import {
  analyzeRequest,
  analyzeStackRequest,
  configureRequest,
  configureStackRequest,
} from "../../analyzer/messages";
import { readProject } from "../../guard/program/project";
import { runProgram } from "../../guard/program/run";
import { stackContextOf } from "../../guard/session";
import { jsonDifferences } from "./jsonDifferences";
import {
  analyzeRequestJson,
  analyzerResourceJson,
  configureRequestJson,
  configureStackRequestJson,
  type JsonObject,
} from "./protoJson";
import { repoDir } from "./tools";

export interface AnalyzerTraffic {
  /** The analyzer methods called, in order, repeats of Analyze/Remediate collapsed. */
  sequence: string[];
  configure?: JsonObject;
  configureStack?: JsonObject;
  /** Analyze requests by `type::name`. */
  analyze: Map<string, JsonObject>;
  /** The resources of the (last) AnalyzeStack request, by `type::name`. */
  analyzeStack: Map<string, JsonObject>;
}

interface LogEntry {
  method: string;
  /** The log has an entry when a call starts and another when it completes; only the latter are kept. */
  progress?: string;
  request?: JsonObject;
}

const analyzerService = "/pulumirpc.Analyzer/";
const perResourceMethods = new Set(["Remediate", "Analyze"]);

/** Remediate/Analyze once per run of per-resource calls, so sequences compare whatever the resource count. */
function collapse(methods: string[]): string[] {
  const result: string[] = [];
  let run: string[] = [];
  for (const method of methods) {
    if (!perResourceMethods.has(method)) run = [];
    else if (run.includes(method)) continue;
    else run.push(method);
    result.push(method);
  }
  return result;
}

/** Requests by resource type and name, the key both sides share. */
function byResource(requests: JsonObject[]): Map<string, JsonObject> {
  return new Map(requests.map((request) => [`${request.type}::${request.name}`, request]));
}

/** The analyzer calls in an engine debug log; calls to providers and language hosts are left out. */
export function engineTraffic(logFile: string): AnalyzerTraffic {
  const entries = readFileSync(logFile, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as LogEntry)
    .filter((entry) => entry.method.startsWith(analyzerService) && entry.progress !== "request_started");
  const calls = entries.map((entry) => ({
    method: entry.method.slice(analyzerService.length),
    request: entry.request ?? {},
  }));
  const requestsOf = (method: string) => calls.filter((c) => c.method === method).map((c) => c.request);
  const stackRequests = requestsOf("AnalyzeStack");
  return {
    sequence: collapse(calls.map((call) => call.method)),
    configure: requestsOf("Configure").at(-1),
    configureStack: requestsOf("ConfigureStack").at(-1),
    analyze: byResource(requestsOf("Analyze")),
    analyzeStack: byResource((stackRequests.at(-1)?.resources ?? []) as JsonObject[]),
  };
}

/** What the driver sends for the program in `programDir`, previewed as `stack` with `userConfig`. */
export async function driverTraffic(
  programDir: string,
  stack: string,
  userConfig: unknown,
): Promise<AnalyzerTraffic> {
  const project = readProject(programDir);
  const resources = await runProgram(project, { packDir: repoDir, stack });
  const session = await start(repoDir);
  let info;
  try {
    info = await session.info();
  } finally {
    await session.stop();
  }
  return {
    // guard's order (guard/session.ts, guard/analyze.ts).
    sequence: ["GetAnalyzerInfo", "Configure", "ConfigureStack", "Remediate", "Analyze", "AnalyzeStack"],
    configure: configureRequestJson(configureRequest(reconcilePolicyConfig(info, userConfig))),
    configureStack: configureStackRequestJson(
      configureStackRequest(stackContextOf({ project: project.name, stack, config: project.config }, true)),
    ),
    analyze: byResource(resources.map((resource) => analyzeRequestJson(analyzeRequest(resource)))),
    analyzeStack: byResource(analyzeStackRequest(resources).getResourcesList().map(analyzerResourceJson)),
  };
}

/** Dependency lists are sets: the engine does not keep registration order. */
function sortedDependencies(request: JsonObject | undefined): JsonObject | undefined {
  if (!request) return undefined;
  const sorted = JSON.parse(JSON.stringify(request)) as JsonObject;
  if (Array.isArray(sorted.dependencies)) sorted.dependencies.sort();
  const byProperty = (sorted.propertyDependencies ?? {}) as Record<string, { urns?: string[] }>;
  for (const dependencies of Object.values(byProperty)) dependencies.urns?.sort();
  return sorted;
}

function mapDifferences(
  engine: Map<string, JsonObject>,
  driver: Map<string, JsonObject>,
  what: string,
): string[] {
  const resources = [...new Set([...engine.keys(), ...driver.keys()])].sort();
  return resources.flatMap((key) =>
    jsonDifferences(
      sortedDependencies(engine.get(key)),
      sortedDependencies(driver.get(key)),
      `${what}[${key}]`,
    ),
  );
}

/** Every difference, one line each; `stack` is written as <stack> so the lines do not depend on the run. */
export function trafficDifferences(
  engine: AnalyzerTraffic,
  driver: AnalyzerTraffic,
  stack: string,
): string[] {
  const lines = [
    ...(engine.sequence.join(" ") === driver.sequence.join(" ")
      ? []
      : [`call order: engine ${engine.sequence.join(" ")}; driver (guard) ${driver.sequence.join(" ")}`]),
    ...jsonDifferences(engine.configure, driver.configure, "Configure"),
    ...jsonDifferences(engine.configureStack, driver.configureStack, "ConfigureStack"),
    ...mapDifferences(engine.analyze, driver.analyze, "Analyze"),
    ...mapDifferences(engine.analyzeStack, driver.analyzeStack, "AnalyzeStack"),
  ];
  return lines.map((line) =>
    line.split(`urn:pulumi:${stack}::`).join("urn:pulumi:<stack>::").split(`-${stack}`).join("-<stack>"),
  );
}
