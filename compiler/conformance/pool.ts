/**
 * Runs cases in worker threads with a per-case time limit. A case that exceeds it fails with
 * "timeout" and its worker is replaced; so is a worker that crashes or whose binaryen instance
 * aborted (binaryen cannot be used again after a fatal error).
 */
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import type { ConformanceCase, Mode } from "./cases";
import type { Outcome } from "./runCase";
import type { CaseReply, CaseRequest } from "./worker";

export interface PoolOptions {
  mode: Mode;
  jobs: number;
  timeoutMs: number;
}

/** Workers load TypeScript through tsx's CommonJS hook, as the CLI itself runs under tsx. */
function startWorker(mode: Mode): Worker {
  const script = join(__dirname, mode === "plans" ? "planWorker.ts" : "sourceWorker.ts");
  return new Worker(`require("tsx/cjs/api").register(); require(${JSON.stringify(script)});`, { eval: true });
}

export async function runPool(
  cases: ConformanceCase[],
  options: PoolOptions,
  onOutcome: (c: ConformanceCase, outcome: Outcome) => void,
): Promise<void> {
  let next = 0;
  const lane = async () => {
    let worker = startWorker(options.mode);
    try {
      while (next < cases.length) {
        const index = next++;
        const { outcome, replaceWorker } = await runOne(
          worker,
          { id: index, case: cases[index], mode: options.mode },
          options.timeoutMs,
        );
        if (replaceWorker) {
          await worker.terminate();
          worker = startWorker(options.mode);
        }
        onOutcome(cases[index], outcome);
      }
    } finally {
      await worker.terminate();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.jobs) }, lane));
}

function runOne(
  worker: Worker,
  request: CaseRequest,
  timeoutMs: number,
): Promise<{ outcome: Outcome; replaceWorker: boolean }> {
  return new Promise((resolve) => {
    const finish = (outcome: Outcome, replaceWorker: boolean) => {
      clearTimeout(timer);
      worker.off("message", onMessage);
      worker.off("error", onError);
      worker.off("exit", onExit);
      resolve({ outcome, replaceWorker });
    };
    const onMessage = (reply: CaseReply) => {
      if (reply.id !== request.id) return;
      finish(reply.outcome, /Aborted\(|Fatal:/.test(reply.outcome.reason ?? ""));
    };
    const onError = (error: Error) =>
      finish({ status: "fail", reason: `worker crashed: ${error.message}` }, true);
    const onExit = (code: number) =>
      finish({ status: "fail", reason: `worker exited with code ${code}` }, true);
    const timer = setTimeout(
      () => finish({ status: "fail", reason: `timeout after ${timeoutMs} ms` }, true),
      timeoutMs,
    );
    worker.on("message", onMessage);
    worker.on("error", onError);
    worker.on("exit", onExit);
    worker.postMessage(request);
  });
}
