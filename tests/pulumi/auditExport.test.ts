/**
 * `guard audit` on what the real engine writes: a Pulumi YAML program deployed with `pulumi up` (the pack
 * advisory, so that the non-compliant API is created), then `pulumi stack export`, with and without
 * `--show-secrets`, audited by guard with the real pack. The export's shape (version, outputs beside inputs,
 * provider references, encrypted secrets) is the CLI's own, not a hand-written fixture's.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { guard } from "../guard/cliHarness";
import { describeRun } from "./runReport";
import { requireTools } from "./tools";
import { cliTestTimeoutMs, fileWorkspace, type PulumiProgram } from "./workspace";

interface JsonReport {
  targets: Array<{
    stack: string;
    resourceCount: number;
    violations: Array<{ enforcementLevel: string; policyName: string; resource?: { name: string } }>;
    unchecked: Array<{ reason: string; resource?: { name: string } }>;
  }>;
}

/** A PRIVATE API whose RestApiPolicy (restricted to the VPC endpoint) is a secret in the program. */
const secretPolicyProgram = `name: yaml-secret-policy
runtime: yaml
config:
  aws:region: eu-west-1
resources:
  vpc:
    type: aws:ec2:Vpc
    properties:
      cidrBlock: 10.70.0.0/16
  endpoint:
    type: aws:ec2:VpcEndpoint
    properties:
      vpcId: \${vpc.id}
      serviceName: com.amazonaws.eu-west-1.execute-api
      vpcEndpointType: Interface
  internal-api:
    type: aws:apigateway:RestApi
    properties:
      endpointConfiguration:
        types: PRIVATE
        vpcEndpointIds:
          - \${endpoint.id}
  internal-api-policy:
    type: aws:apigateway:RestApiPolicy
    properties:
      restApiId: \${internal-api.id}
      policy:
        fn::secret:
          fn::toJSON:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Principal: "*"
                Action: execute-api:Invoke
                Resource: execute-api:/*
              - Effect: Deny
                Principal: "*"
                Action: execute-api:Invoke
                Resource: execute-api:/*
                Condition:
                  StringNotEquals:
                    aws:SourceVpce: \${endpoint.id}
`;

if (requireTools()) {
  const workspace = fileWorkspace();

  /** Deploys the program with every policy advisory and writes its export; returns the export's path. */
  async function deployAndExport(program: PulumiProgram, showSecrets: boolean[]): Promise<string[]> {
    const up = await program.up({ policyConfig: { all: "advisory" } });
    expect(describeRun(up)).toMatchObject({ code: 0 });
    const files: string[] = [];
    for (const secrets of showSecrets) {
      const file = path.join(program.dir, `export${secrets ? "-show-secrets" : ""}.json`);
      const args = [
        "stack",
        "export",
        "--stack",
        program.stack,
        "--file",
        file,
        ...(secrets ? ["--show-secrets"] : []),
      ];
      const exported = await workspace().run(args, program.dir);
      expect(describeRun(exported)).toMatchObject({ code: 0 });
      files.push(file);
    }
    return files;
  }

  test(
    "a deployed YAML stack with a PRIVATE and a REGIONAL API: audit blames the REGIONAL one, exit 1",
    async () => {
      const program = await workspace().program("tests/pulumi/programs/yaml-private-and-regional");
      const [file] = await deployAndExport(program, [false]);
      expect(JSON.parse(fs.readFileSync(file, "utf8")).version).toBeGreaterThanOrEqual(3);
      const run = await guard(["audit", file, "--format", "json"]);
      expect(run.stderr).toBe("");
      expect(run.code).toBe(1);
      const [target] = (JSON.parse(run.stdout) as JsonReport).targets;
      expect(target.stack).toBe(program.stack);
      const blamed = target.violations
        .filter((v) => v.enforcementLevel === "mandatory")
        .map((v) => v.resource?.name);
      expect([...new Set(blamed)]).toEqual(["public-api"]);
      expect(target.unchecked).toEqual([]);
    },
    cliTestTimeoutMs,
  );

  test(
    "a secret resource policy: unchecked without --show-secrets (exit 3), judged and compliant with it (exit 0)",
    async () => {
      const source = path.join(workspace().root, "sources", "yaml-secret-policy");
      fs.mkdirSync(source, { recursive: true });
      fs.writeFileSync(path.join(source, "Pulumi.yaml"), secretPolicyProgram);
      const program = await workspace().program(source);
      const [encrypted, shown] = await deployAndExport(program, [false, true]);

      const hidden = await guard(["audit", encrypted]);
      expect(hidden.stderr).toBe("");
      expect(hidden.code).toBe(3);
      expect(hidden.stdout).toContain(
        "[unchecked]  the resource policy is encrypted in this export; export with `pulumi stack export --show-secrets` to audit it",
      );
      expect(hidden.stdout).not.toMatch(/preview|on update/i);

      const revealed = await guard(["audit", shown]);
      expect(revealed.stderr).toBe("");
      expect(revealed.code).toBe(0);
      expect(revealed.stdout).toMatch(/^PASSED: 0 mandatory violations/m);
    },
    cliTestTimeoutMs,
  );
}
