/**
 * The pack as Pulumi runs it, over gRPC through the project's one analyzer driver: cold start, Analyze
 * throughput against the null pack (same TypeScript, policies that decide nothing), AnalyzeStack growth.
 */
import * as path from "node:path";
import { start, type PolicyPackSession } from "../analyzer/driver";
import type { AnalyzedResource, AnalyzeResult } from "../analyzer/types";
import { median, report, sideBySide, timeOnce } from "./measure";
import { stackOf } from "./workload";

export const packDir = path.join(__dirname, "..");
export const nullPackDir = path.join(__dirname, "nullPack");

/** AnalyzeStack of 10,000 resources may run for minutes when the pack's stack rules grow quadratically. */
const stackDeadlineMs = 150_000;

export interface Sessions {
  pack: PolicyPackSession;
  nullPack: PolicyPackSession;
}

/** Start to port, then the first Analyze answered: in the real pack that call loads the compiled module. */
async function coldStart(
  dir: string,
  probe: AnalyzedResource,
): Promise<{ ms: number; session: PolicyPackSession }> {
  const started = performance.now();
  const session = await start(dir, { startupTimeoutMs: 300_000, callTimeoutMs: stackDeadlineMs });
  await session.analyze(probe);
  return { ms: performance.now() - started, session };
}

/**
 * Starts both packs `rounds` times, alternating (the in-process benchmarks before have warmed the disk
 * caches; each start type-checks the pack with ts-node, as under Pulumi). The last pair stays running for
 * the other benchmarks.
 */
export async function benchColdStart(rounds: number): Promise<Sessions> {
  const probe = stackOf(2)[1];
  const samples = { pack: [] as number[], nullPack: [] as number[] };
  let sessions: Sessions | undefined;
  for (let round = 0; round < rounds; round++) {
    if (sessions) await Promise.all([sessions.pack.stop(), sessions.nullPack.stop()]);
    const pack = await coldStart(packDir, probe);
    const nullPack = await coldStart(nullPackDir, probe);
    sessions = { pack: pack.session, nullPack: nullPack.session };
    samples.pack.push(pack.ms);
    samples.nullPack.push(nullPack.ms);
  }
  report("cold_start_ms", median(samples.pack), "ms");
  report("cold_start_null_ms", median(samples.nullPack), "ms");
  report("cold_start_ratio", median(samples.pack) / median(samples.nullPack), "x");
  return sessions!;
}

/** Analyze calls kept in flight at once, as the engine does for the resources of a deployment step. */
const concurrentCalls = 32;

async function analyzeAll(session: PolicyPackSession, resources: AnalyzedResource[]): Promise<number> {
  let next = 0;
  let diagnostics = 0;
  const worker = async () => {
    while (next < resources.length) {
      const result = await session.analyze(resources[next++]);
      diagnostics += result.diagnostics.length;
    }
  };
  await Promise.all(Array.from({ length: concurrentCalls }, worker));
  return diagnostics;
}

/**
 * 10,000 resources through each pack, as interleaved chunks (pack then null pack, null pack then pack, ...)
 * so that both see the same load; the overhead is the ratio of the median chunk times. One pass over the workload per pack keeps
 * the benchmark within its time budget (an Analyze costs milliseconds over gRPC on this machine).
 */
export async function benchAnalyze(sessions: Sessions, count: number, chunks: number): Promise<void> {
  const resources = stackOf(count);
  const warmup = resources.slice(0, 300);
  const warmupDiagnostics = await analyzeAll(sessions.pack, warmup);
  await analyzeAll(sessions.nullPack, warmup);
  if (warmupDiagnostics !== 0) console.log(`note: Analyze of the compliant workload reported diagnostics`);
  const chunkSize = Math.ceil(count / chunks);
  const samples = { pack: [] as number[], nullPack: [] as number[] };
  for (let first = 0, turn = 0; first < count; first += chunkSize, turn++) {
    const chunk = resources.slice(first, first + chunkSize);
    const timePack = async () => samples.pack.push(await timeOnce(() => analyzeAll(sessions.pack, chunk)));
    const timeNull = async () =>
      samples.nullPack.push(await timeOnce(() => analyzeAll(sessions.nullPack, chunk)));
    // Each pack goes first in every other pair, so that what a chunk leaves behind (garbage to collect in
    // this process, a warmer cache) weighs on both alike.
    if (turn % 2 === 0) {
      await timePack();
      await timeNull();
    } else {
      await timeNull();
      await timePack();
    }
  }
  const total = (values: number[]) => values.reduce((sum, value) => sum + value, 0);
  report("analyze_10k_ms", total(samples.pack), "ms");
  report("analyze_10k_null_ms", total(samples.nullPack), "ms");
  report("analyze_overhead", median(samples.pack) / median(samples.nullPack), "x");
}

/** Diagnostics in brief: each distinct message once, without the policy description that starts it. */
function describeFindings(result: AnalyzeResult): string {
  const messages = new Set(
    result.diagnostics.map(
      (d) => `${d.policyName}: ${d.message.replace(d.description, "").trim().slice(0, 200)}`,
    ),
  );
  return `${result.diagnostics.length} diagnostics${messages.size ? ` (${[...messages].slice(0, 3).join(" | ")})` : ""}`;
}

export async function benchStacks(sessions: Sessions, rounds: number): Promise<void> {
  const small = stackOf(1_000);
  const large = stackOf(10_000);
  let smallResult: AnalyzeResult | undefined;
  const smallMedian = (
    await sideBySide(
      {
        small: async () => {
          smallResult = await sessions.pack.analyzeStack(small);
        },
      },
      rounds,
      1,
    )
  ).small;
  console.log(`note: AnalyzeStack of 1,000 resources: ${describeFindings(smallResult!)}`);
  report("stack_1k_ms", smallMedian, "ms");
  // One run: on this machine a second would not fit the benchmark's time budget.
  const started = performance.now();
  try {
    const largeResult = await sessions.pack.analyzeStack(large);
    console.log(`note: AnalyzeStack of 10,000 resources: ${describeFindings(largeResult)}`);
  } catch (e) {
    console.log(`note: AnalyzeStack of 10,000 resources failed: ${(e as Error).message.split("\n")[0]}`);
  }
  const largeMs = performance.now() - started;
  report("stack_10k_ms", largeMs, "ms");
  report("stack_growth", largeMs / 10_000 / (smallMedian / 1_000), "x per resource");
}
