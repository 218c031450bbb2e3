/**
 * What the real engine sends to the pack, captured with PULUMI_DEBUG_GRPC during a preview of the compliant
 * example, against what analyzer/driver.ts sends for the same program (as guard runs it). Every difference is
 * listed below; the test fails on a new one and on a listed one that no longer occurs, so the list stays true
 * as the driver is brought closer to the engine.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { driverTraffic, engineTraffic, trafficDifferences } from "./analyzerTraffic";
import { requireTools } from "./tools";
import { cliTestTimeoutMs, fileWorkspace } from "./workspace";
import { describeRun } from "./runReport";

/** The differences found with Pulumi 3.276.0 (stack name written as <stack>), one line each. */
const knownDifferences = JSON.parse(
  readFileSync(path.join(__dirname, "engineTraffic.known.json"), "utf8"),
) as string[];

if (requireTools()) {
  const workspace = fileWorkspace();

  test(
    "the driver sends what the engine sends, but for the listed differences",
    async () => {
      const program = await workspace().program("examples/private-api-compliant");
      const log = path.join(program.dir, "grpc-debug.jsonl");
      const result = await program.preview({ env: { PULUMI_DEBUG_GRPC: log } });
      expect(describeRun(result)).toMatchObject({ code: 0 });
      const engine = engineTraffic(log);
      expect(engine.analyze.size).toBeGreaterThan(10);
      const driver = await driverTraffic(program.dir, program.stack, {});
      const differences = trafficDifferences(engine, driver, program.stack);
      expect(differences).toEqual(knownDifferences);
    },
    cliTestTimeoutMs,
  );
}
