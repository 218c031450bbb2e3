/**
 * The back end on OPA's own plans: for a few groups covering every statement kind (comprehensions,
 * else, every, negation, partial documents, dynamic dispatch, the planner's own IR tests), OPA's
 * golden plan, linked with our runtime and run in the npm SDK, gives OPA's answer.
 */
import { join } from "node:path";
import { loadCases } from "./cases";
import { runCase } from "./runCase";
import { SUITE_DIR, suitePresent } from "./suite";

jest.setTimeout(600_000);

const PLANS = join(SUITE_DIR, "plans/v1");
const GROUPS = [
  "comprehensions",
  "elsekeyword",
  "every",
  "negation",
  "partialobjectdoc",
  "planner-ir",
  "topdowndynamicdispatch",
];

if (!suitePresent("golden plans through the back end")) test.skip("golden plans (suite absent)", () => {});
else
  describe.each(GROUPS)("golden plans of %s", (group) => {
    const cases = loadCases(join(PLANS, group), "plans");

    test("the group has cases", () => expect(cases.length).toBeGreaterThan(0));

    test.each(cases.map((c) => [c.note, c] as const))("%s", async (_note, c) => {
      const outcome = await runCase(c, "plans");
      expect(outcome).toMatchObject({ status: expect.stringMatching(/pass|skip/) });
    });
  });
