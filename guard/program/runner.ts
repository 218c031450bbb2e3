/**
 * Entry point of the child process that runs one Pulumi program under the SDK's mocks (a fresh process per
 * program, so programs never share the SDK's global state). It uses the program's own @pulumi/pulumi — the
 * one its `new aws.…` calls register with — and sends the recorded resources to the parent over IPC.
 */
import * as path from "node:path";
import { createRequire } from "node:module";
import { mocks } from "./mocks";
import type { Unchecked } from "./unchecked";
import type { LocatedResource } from "../resource";
import { ResourceRecorder, type MonitorLike } from "./recorder";
import { nameResourcesAsTheEngine, type UrnNamingMonitor } from "./urns";

export interface RunnerRequest {
  entry: string;
  dir: string;
  project: string;
  stack: string;
  config: Record<string, string>;
}

export type RunnerReply =
  { ok: true; resources: LocatedResource[]; unchecked: Unchecked[] } | { ok: false; error: string };

/** Frames of Node, ts-node, the SDK and this runner say nothing about the user's mistake. */
const machineryFrame = /\(node:|node:internal|\/node_modules\/|guard\/program\/runner\.ts/;

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const lines = (error.stack ?? `${error.name}: ${error.message}`).split("\n");
  return lines
    .filter((line) => !(line.trimStart().startsWith("at ") && machineryFrame.test(line)))
    .join("\n");
}

/** Provider functions the program called: the mocks answer each with its own arguments, not the cloud's answer. */
function recordingCalls(called: Set<string>): typeof mocks {
  return {
    ...mocks,
    call(args) {
      called.add(args.token);
      return mocks.call(args);
    },
  };
}

function unansweredCalls(called: Set<string>): Unchecked[] {
  return [...called].sort().map((token) => ({
    reason: `provider function ${token}: guard cannot call it offline and answers it with its own arguments, so what the program reads from its result may be missing or wrong`,
  }));
}

async function run(
  request: RunnerRequest,
): Promise<{ resources: LocatedResource[]; unchecked: Unchecked[] }> {
  process.chdir(request.dir);
  // Resolve as the program itself will: from its directory, then NODE_PATH (the pack's node_modules).
  const programRequire = createRequire(path.join(request.dir, "index.js"));
  const pulumi = programRequire("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
  const called = new Set<string>();
  await pulumi.runtime.setMocks(recordingCalls(called), request.project, request.stack, true);
  const monitor = pulumi.runtime.getMonitor();
  nameResourcesAsTheEngine(monitor as unknown as UrnNamingMonitor, request.stack, request.project);
  const recorder = new ResourceRecorder();
  recorder.attach(monitor as unknown as MonitorLike);

  await pulumi.runtime.runInPulumiStack(async () => {
    const exported: unknown = programRequire(request.entry);
    return exported instanceof Function ? await exported() : await exported;
  });
  await pulumi.runtime.disconnect();
  const resources = recorder.resources(request.project, request.stack, request.config);
  return { resources, unchecked: [...recorder.unchecked, ...unansweredCalls(called)] };
}

function reply(message: RunnerReply): void {
  process.send?.(message, () => process.exit(0));
}

const request = JSON.parse(process.argv[2] ?? "{}") as RunnerRequest;
let failed = false;
const fail = (error: unknown) => {
  if (failed) return;
  failed = true;
  reply({ ok: false, error: describe(error) });
};
// A program's resource registrations fail asynchronously; the first such failure is the program's error.
process.on("uncaughtException", fail);
process.on("unhandledRejection", fail);
run(request).then(({ resources, unchecked }) => {
  if (!failed) reply({ ok: true, resources, unchecked });
}, fail);
