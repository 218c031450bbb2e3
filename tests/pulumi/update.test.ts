/**
 * `pulumi up` with the pack: a blocked API never reaches the provider. With a preview first (the default) a
 * mandatory violation stops the update before anything is created. With --skip-preview the engine judges each
 * resource just before its step, so the blocked API is still never created — but stack policies run only after
 * the last step, when every resource already exists.
 */
import { requireTools } from "./tools";
import { cliTestTimeoutMs, fileWorkspace } from "./workspace";
import { describeRun, violationsAt } from "./runReport";

if (requireTools()) {
  const workspace = fileWorkspace();

  test(
    "up on edge-open-policy fails at its preview and creates nothing",
    async () => {
      const program = await workspace().program("examples/edge-open-policy");
      const result = await program.up();
      expect(describeRun(result).code).not.toBe(0);
      expect(violationsAt(result.output, "mandatory")).toContain(
        "apigateway-rest-api-private on public-catalog-api",
      );
      expect(program.creates()).toEqual([]);
    },
    cliTestTimeoutMs,
  );

  test(
    "up --skip-preview on edge-open-policy fails and never creates the blocked API",
    async () => {
      const program = await workspace().program("examples/edge-open-policy");
      const result = await program.up({ skipPreview: true });
      expect(describeRun(result).code).not.toBe(0);
      expect(violationsAt(result.output, "mandatory")).toContain(
        "apigateway-rest-api-private on public-catalog-api",
      );
      expect(program.creates().map((record) => record.name)).not.toContain("public-catalog-api");
    },
    cliTestTimeoutMs,
  );

  test(
    "up --skip-preview: a stack policy fails the update after the API was created",
    async () => {
      const program = await workspace().program("tests/pulumi/programs/stack-policies");
      const result = await program.up({ skipPreview: true });
      expect(describeRun(result).code).not.toBe(0);
      expect(violationsAt(result.output, "mandatory")).toEqual([
        "apigateway-private-api-has-resource-policy on unlinked-api",
      ]);
      expect(program.creates().map((record) => record.name)).toEqual(
        expect.arrayContaining(["unlinked-api", "linked-api", "linked-api-policy"]),
      );
    },
    cliTestTimeoutMs,
  );
}
