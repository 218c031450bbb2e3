/**
 * Where the pack's evaluation time goes: `npx tsx bench/profileEvaluation.ts`. Compiles rego/ with function
 * names kept, evaluates the benchmark's input through the unmodified SDK under V8's sampling profiler, and
 * splits the samples into the SDK's JavaScript (marshalling), the code generated from the plan (named after
 * the IR functions), the runtime (wasm functions without a plan name) and garbage collection; then the
 * Rego functions by inclusive time (their runtime helpers included), which says which rules cost what.
 */
import { Session } from "node:inspector";
import { loadPolicy } from "@open-policy-agent/opa-wasm";
import { compileRego } from "../compiler/compile";
import { loadBinaryen } from "../compiler/wasm/binaryen";
import { entrypoint } from "../policies/engine";
import { restApiPolicyInput } from "./workload";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
}

function post<Result>(session: Session, method: string, params: object = {}): Promise<Result> {
  return new Promise((resolve, reject) =>
    session.post(method, params, (error, result) => (error ? reject(error) : resolve(result as Result))),
  );
}

/** The plan's functions are named after IR funcs (g0.data....) and plans (plan.N); the runtime's are not. */
function component(frame: ProfileNode["callFrame"]): string {
  const name = frame.functionName;
  if (name === "(garbage collector)") return "garbage collection";
  if (name === "(program)" || name === "(idle)" || name === "(root)") return "other";
  if (frame.url.startsWith("wasm://")) {
    return /^(g\d+\.|plan\.)/.test(name) ? "generated plan code" : "runtime";
  }
  if (frame.url.includes("opa-wasm")) return "SDK JavaScript (marshalling)";
  return "other";
}

async function main(): Promise<void> {
  (await loadBinaryen()).setDebugInfo(true);
  const compiled = await compileRego({
    dir: `${__dirname}/../rego`,
    entrypoints: [entrypoint],
    skipTests: true,
  });
  const policy = await loadPolicy(compiled.wasm, { initial: 5, maximum: 4096 });
  const input = restApiPolicyInput();
  for (let i = 0; i < 2_000; i++) policy.evaluate(input, entrypoint);

  const session = new Session();
  session.connect();
  await post(session, "Profiler.enable");
  await post(session, "Profiler.setSamplingInterval", { interval: 50 });
  await post(session, "Profiler.start");
  const evaluations = 5_000;
  const started = performance.now();
  for (let i = 0; i < evaluations; i++) policy.evaluate(input, entrypoint);
  const elapsed = performance.now() - started;
  const { profile } = await post<{ profile: Profile }>(session, "Profiler.stop");
  session.disconnect();

  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const inclusive = new Map<string, number>();
  const byComponent = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const id of profile.samples) {
    const frame = nodes.get(id)!.callFrame;
    const part = component(frame);
    byComponent.set(part, (byComponent.get(part) ?? 0) + 1);
    const name = `${part}: ${frame.functionName || "(anonymous)"}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + 1);
    const onStack = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) {
      const callFrame = nodes.get(at)!.callFrame;
      if (component(callFrame) === "generated plan code")
        onStack.add(callFrame.functionName.replace(/\$body$/, ""));
    }
    for (const rule of onStack) inclusive.set(rule, (inclusive.get(rule) ?? 0) + 1);
  }
  const share = (count: number) => `${((100 * count) / profile.samples.length).toFixed(1).padStart(5)}%`;
  console.log(`${((elapsed / evaluations) * 1000).toFixed(0)} us per evaluation under the profiler`);
  for (const [part, count] of [...byComponent].sort((a, b) => b[1] - a[1]))
    console.log(`${share(count)}  ${part}`);
  console.log("self time by function:");
  for (const [name, count] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 25))
    console.log(`${share(count)}  ${name}`);
  console.log("inclusive time by Rego function (g0.data. prefix dropped):");
  for (const [rule, count] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, 30))
    console.log(`${share(count)}  ${rule.replace(/^g\d+\.data\./, "")}`);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
