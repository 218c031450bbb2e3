/**
 * `npm run bench`: every benchmark of issue 5 in one run, printed as `bench: NAME = VALUE UNIT`. In-process
 * benchmarks run first, while no pack process competes for the two cores; the packs run last.
 * Results and method: bench/README.md.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { benchCompile } from "./compileModule";
import { benchEvaluation, benchHeapGrowth } from "./evaluation";
import { benchColdEvaluation, opaPeer, type OpaPeer } from "./opaPeer";
import { benchAnalyze, benchColdStart, benchStacks } from "./packs";

/** A full garbage collection, without asking for --expose-gc on the command line. */
function collector(): () => void {
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
}

/** `npm run bench -- packs` runs only the named groups: compile, evaluation, heap, packs. */
async function main(selected: string[]): Promise<void> {
  const started = performance.now();
  const wanted = (group: string) => selected.length === 0 || selected.includes(group);
  const step = async <Result>(name: string, run: () => Promise<Result>): Promise<Result> => {
    const stepStarted = performance.now();
    const result = await run();
    console.log(`note: ${name} took ${((performance.now() - stepStarted) / 1000).toFixed(1)} s`);
    return result;
  };
  // OPA's module for rego/, the peer of ours in the compile (size) and evaluation groups.
  const peer: OpaPeer =
    wanted("compile") || wanted("evaluation")
      ? await step("opa build", async () => opaPeer())
      : { skipped: "no group of this run uses it" };
  if (wanted("compile")) await step("compile", () => benchCompile(3, peer));
  if (wanted("evaluation")) {
    await step("evaluation", () => benchEvaluation(peer));
    await step("cold evaluation", () => benchColdEvaluation(peer));
  }
  if (wanted("heap")) await step("heap", () => benchHeapGrowth(collector()));
  if (wanted("packs")) {
    const sessions = await step("cold start", () => benchColdStart(3));
    try {
      await step("analyze", () => benchAnalyze(sessions, 10_000, 10));
      await step("stacks", () => benchStacks(sessions, 3));
    } finally {
      await Promise.all([sessions.pack.stop(), sessions.nullPack.stop()]);
    }
  }
  console.log(`note: whole benchmark took ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

main(process.argv.slice(2)).catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
