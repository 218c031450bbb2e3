/**
 * Running generated programs on both sides and judging each pair: a whole batch against one OPA server
 * with every module loaded, or one program at a time (the oracle fast-check calls while it shrinks a
 * failing case).
 */
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { evaluateEveryBody } from "./fuzzOpaEval";
import {
  type EveryBody,
  GENERATOR_BUG,
  type Outcome,
  type Verdict,
  describeOutcome,
  judge,
} from "./fuzzOutcome";
import { OpaServer, rejectedByOpa } from "./fuzzOpaServer";
import { type Program, evaluateOurs, resultPath } from "./fuzzOurs";
import { choiceLists } from "./regoGenChoices";
import { inputs } from "./regoGenInput";
import { regoModule } from "./regoGenProgram";

/** A program's decisions (regoGenChoices.ts) and its input. */
export type Case = [number[], Record<string, unknown>];

export const cases: fc.Arbitrary<Case> = fc.tuple(choiceLists, inputs);

export function program(name: string, [decisions, input]: Case): Program {
  return { name, source: regoModule(decisions, name), inputText: JSON.stringify(input) };
}

export interface Judged {
  program: Program;
  opa: Outcome;
  ours: Outcome;
  verdict: Verdict;
}

export function unexplained(verdict: Verdict): boolean {
  return verdict === "difference" || verdict === GENERATOR_BUG;
}

export function report({ program: p, opa, ours, verdict }: Judged): string {
  return [
    `${verdict}: OPA ${describeOutcome(opa)}; ours ${describeOutcome(ours)}`,
    `input: ${p.inputText}`,
    p.source,
  ].join("\n");
}

/** Modules compiled into one wasm module on our side. */
const GROUP_SIZE = 40;
/** Queries in flight to the OPA server; our side compiles meanwhile. */
const OPA_CONCURRENCY = 4;

async function mapConcurrently<T, R>(items: T[], limit: number, f: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await f(items[index]);
    }
  };
  await Promise.all(Array.from({ length: limit }, lane));
  return results;
}

async function evaluateOursInGroups(programs: Program[]): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (let start = 0; start < programs.length; start += GROUP_SIZE)
    outcomes.push(...(await evaluateOurs(programs.slice(start, start + GROUP_SIZE))));
  return outcomes;
}

/** Every program on both sides; OPA's side from one server with all modules written to `workDir`. */
export async function runBatch(opa: string, programs: Program[], workDir: string): Promise<Judged[]> {
  const files = programs.map((p) => path.join(workDir, `${p.name}.rego`));
  programs.forEach((p, i) => writeFileSync(files[i], p.source));
  const rejected = await rejectedByOpa(opa, files);
  const server = await OpaServer.start(
    opa,
    files.filter((file) => !rejected.has(file)),
  );
  try {
    const [opaOutcomes, ourOutcomes] = await Promise.all([
      mapConcurrently([...programs.keys()], OPA_CONCURRENCY, async (i): Promise<Outcome> => {
        const message = rejected.get(files[i]);
        if (message !== undefined) return { kind: "rejected", message };
        return server.query(resultPath(programs[i]), programs[i].inputText);
      }),
      evaluateOursInGroups(programs),
    ]);
    return await Promise.all(
      programs.map(async (p, i) => ({
        program: p,
        opa: opaOutcomes[i],
        ours: ourOutcomes[i],
        verdict: await judge(opaOutcomes[i], ourOutcomes[i], everyBody(opa, files[i], p)),
      })),
    );
  } finally {
    await server.stop();
  }
}

function everyBody(opa: string, file: string, p: Program): EveryBody {
  return () => evaluateEveryBody(opa, file, resultPath(p), p.inputText);
}

/** One program, loaded into a running server by PUT and written to `file` for `opa eval`. */
async function judgeAlone(opa: string, server: OpaServer, p: Program, file: string): Promise<Judged> {
  writeFileSync(file, p.source);
  const rejection = await server.putPolicy("shrink", p.source);
  const reference: Outcome =
    rejection !== undefined
      ? { kind: "rejected", message: rejection }
      : await server.query(resultPath(p), p.inputText);
  const [ours] = await evaluateOurs([p]);
  const verdict = await judge(reference, ours, everyBody(opa, file, p));
  return { program: p, opa: reference, ours, verdict };
}

/** The smallest unexplained program fast-check finds from a failing case within `timeLimitMs`. */
export async function shrink(
  opa: string,
  server: OpaServer,
  workDir: string,
  failing: Case,
  timeLimitMs: number,
): Promise<Judged | undefined> {
  let smallest: Judged | undefined;
  const file = path.join(workDir, "shrink.rego");
  await fc
    .assert(
      fc.asyncProperty(cases, async (c) => {
        const judged = await judgeAlone(opa, server, program("shrink", c), file);
        if (unexplained(judged.verdict)) {
          smallest = judged;
          throw new Error(judged.verdict);
        }
      }),
      { examples: [[failing]], numRuns: 1, interruptAfterTimeLimit: timeLimitMs },
    )
    .catch(() => undefined);
  return smallest;
}
