/**
 * examples/org-pack — an organisation's own pack that adds this pack's policies (the library module,
 * `private-api-guard/policies`) to one of its own — served over the analyzer protocol as the engine serves it.
 * The example is installed as an organisation would install it: in a directory of its own whose node_modules
 * holds private-api-guard (a link to this repository) and the Pulumi packages.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { reconcilePolicyConfig } from "../../analyzer/config";
import { start, type PolicyPackSession } from "../../analyzer/driver";
import type { AnalyzerInfo, PolicyDiagnostic } from "../../analyzer/types";
import type { WireObject } from "../../analyzer/wire";
import { resource, types } from "./resources";

const repoDir = path.join(__dirname, "..", "..");
let installDir: string;
let session: PolicyPackSession;
let info: AnalyzerInfo;

beforeAll(async () => {
  installDir = fs.mkdtempSync(path.join(os.tmpdir(), "org-pack-"));
  fs.cpSync(path.join(repoDir, "examples", "org-pack"), installDir, { recursive: true });
  const modules = path.join(installDir, "node_modules");
  fs.mkdirSync(path.join(modules, "@pulumi"), { recursive: true });
  fs.symlinkSync(repoDir, path.join(modules, "private-api-guard"), "dir");
  for (const name of ["policy", "pulumi"]) {
    fs.symlinkSync(
      path.join(repoDir, "node_modules", "@pulumi", name),
      path.join(modules, "@pulumi", name),
      "dir",
    );
  }
  session = await start(installDir, { startupTimeoutMs: 180_000 });
  info = await session.info();
}, 200_000);

afterAll(async () => {
  await session?.stop();
  fs.rmSync(installDir, { recursive: true, force: true });
});

const endpoint = "vpce-0a1b2c3d4e5f67890";
const policyDenyingAllBut = (vpce: string) =>
  JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      { Effect: "Allow", Principal: "*", Action: "execute-api:Invoke", Resource: "execute-api:/*" },
      {
        Effect: "Deny",
        Principal: "*",
        Action: "execute-api:Invoke",
        Resource: "execute-api:/*",
        Condition: { StringNotEquals: { "aws:SourceVpce": vpce } },
      },
    ],
  });

async function violations(properties: WireObject): Promise<string[]> {
  const result = await session.analyze(resource(types.restApi, "api", properties));
  return result.diagnostics.map((d: PolicyDiagnostic) => `${d.enforcementLevel} ${d.policyName}`).sort();
}

test("the pack is the organisation's: its name and version, this pack's four policies and its own", () => {
  expect([info.name, info.version]).toEqual(["acme-guardrails", "1.0.0"]);
  expect(info.policies.map((p) => p.name)).toEqual([
    "apigateway-rest-api-private",
    "apigateway-resource-policy-restricts-network",
    "apigateway-private-api-has-resource-policy",
    "apigateway-private-network-prerequisites",
    "acme-rest-api-cost-center",
  ]);
  // What the organisation configured in code is the default of the network policies' schema.
  const schema = info.policies[1].configSchema!.properties.allowedVpcEndpointIds as { default: unknown };
  expect(schema.default).toEqual([endpoint]);
});

const cases: Array<[string, unknown, WireObject, string[]]> = [
  [
    "a REGIONAL API without a cost-center tag: both packs' policies blame it",
    {},
    { endpointConfiguration: { types: "REGIONAL" } },
    ["mandatory acme-rest-api-cost-center", "mandatory apigateway-rest-api-private"],
  ],
  [
    "a PRIVATE, tagged API restricted to the organisation's endpoint passes",
    {},
    {
      endpointConfiguration: { types: "PRIVATE" },
      tags: { "cost-center": "42" },
      policy: policyDenyingAllBut(endpoint),
    },
    [],
  ],
  [
    "an endpoint outside the allow-list the organisation set in code restricts nothing",
    {},
    {
      endpointConfiguration: { types: "PRIVATE" },
      tags: { "cost-center": "42" },
      policy: policyDenyingAllBut("vpce-0ffffffffffffffff"),
    },
    ["mandatory apigateway-resource-policy-restricts-network"],
  ],
  [
    "policy-pack configuration still overrides the defaults set in code",
    { "apigateway-resource-policy-restricts-network": { allowedVpcEndpointIds: ["vpce-0ffffffffffffffff"] } },
    {
      endpointConfiguration: { types: "PRIVATE" },
      tags: { "cost-center": "42" },
      policy: policyDenyingAllBut("vpce-0ffffffffffffffff"),
    },
    [],
  ],
];

test.each(cases)("%s", async (_, userConfig, properties, expected) => {
  await session.configure(reconcilePolicyConfig(info, userConfig));
  expect(await violations(properties)).toEqual(expected);
});
