/** The pool's guard: a case that outlives its time limit fails with "timeout" and the run goes on. */
import { join } from "node:path";
import { loadCases } from "./cases";
import { runPool } from "./pool";
import type { Outcome } from "./runCase";
import { SUITE_DIR, suitePresent } from "./suite";

jest.setTimeout(120_000);

const HELLOWORLD = join(SUITE_DIR, "plans/v1", "helloworld");
const withSuite = suitePresent("the pool on golden plans") ? test : test.skip;

withSuite("cases over the time limit fail as timeouts, each in a fresh worker", async () => {
  const cases = loadCases(HELLOWORLD, "plans");
  const outcomes: Outcome[] = [];
  // No worker even starts within 1 ms, so every case times out.
  await runPool(cases, { mode: "plans", jobs: 1, timeoutMs: 1 }, (_c, outcome) => outcomes.push(outcome));
  expect(outcomes).toEqual(cases.map(() => ({ status: "fail", reason: "timeout after 1 ms" })));
});

withSuite("cases within the time limit report their outcome", async () => {
  const cases = loadCases(HELLOWORLD, "plans");
  const outcomes: Outcome[] = [];
  await runPool(cases, { mode: "plans", jobs: 2, timeoutMs: 100_000 }, (_c, outcome) =>
    outcomes.push(outcome),
  );
  expect(outcomes.map((o) => o.status)).toEqual(["pass", "pass"]);
});
