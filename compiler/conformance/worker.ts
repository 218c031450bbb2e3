/**
 * Worker thread running cases for the pool: one case per message, one outcome per reply. Cases run
 * in a worker so that the pool can stop one that hangs (wasm cannot be interrupted otherwise).
 * sourceWorker.ts and planWorker.ts start it with and without the front end.
 */
import { parentPort } from "node:worker_threads";
import type { ConformanceCase, Mode } from "./cases";
import { type Compilers, type Outcome, runCase } from "./runCase";

export interface CaseRequest {
  id: number;
  case: ConformanceCase;
  mode: Mode;
}

export interface CaseReply {
  id: number;
  outcome: Outcome;
}

export function serveCases(compilers?: Compilers): void {
  parentPort?.on("message", (request: CaseRequest) => {
    runCase(request.case, request.mode, compilers).then(
      (outcome) => parentPort?.postMessage({ id: request.id, outcome } satisfies CaseReply),
      (error: unknown) =>
        parentPort?.postMessage({
          id: request.id,
          outcome: { status: "fail", reason: `runner: ${String(error).split("\n")[0]}` },
        } satisfies CaseReply),
    );
  });
}
