/**
 * Pulumi YAML programs under the YAML language host, which resolves `aws:apigateway:RestApi` and type-checks
 * the properties against the stand-in's schema before the pack sees anything.
 */
import { requireTools } from "./tools";
import { cliTestTimeoutMs, fileWorkspace } from "./workspace";
import { describeRun, violationsAt } from "./runReport";

if (requireTools()) {
  const workspace = fileWorkspace();

  test(
    "the YAML host type-checks against the stand-in's schema: a misspelled property is an error",
    async () => {
      const result = await (await workspace().program("tests/pulumi/programs/yaml-misspelled")).preview();
      expect(describeRun(result).code).not.toBe(0);
      expect(result.output).toContain(
        "Property endpointTypes does not exist on 'aws:apigateway/restApi:RestApi'",
      );
    },
    cliTestTimeoutMs,
  );

  test(
    "a REGIONAL RestApi in YAML is blocked",
    async () => {
      const result = await (await workspace().program("tests/pulumi/programs/yaml-regional")).preview();
      expect(describeRun(result).code).not.toBe(0);
      expect(violationsAt(result.output, "mandatory")).toContain(
        "apigateway-rest-api-private on partner-api",
      );
    },
    cliTestTimeoutMs,
  );

  test(
    "a PRIVATE RestApi restricted to its VPC endpoint in YAML passes",
    async () => {
      const result = await (await workspace().program("tests/pulumi/programs/yaml-private")).preview();
      expect(describeRun(result)).toMatchObject({ code: 0 });
      expect(result.output).toContain("internal-api");
      expect(violationsAt(result.output, "mandatory")).toEqual([]);
    },
    cliTestTimeoutMs,
  );
}
