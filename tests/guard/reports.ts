/** A small report model shared by the renderer tests: one blamed API, one stack-level finding, one clean target. */
import type { PolicyInfo } from "../../analyzer/types";
import type { Report } from "../../guard/report/model";

const policies: PolicyInfo[] = [
  {
    name: "rest-api-private",
    displayName: "",
    description: "REST APIs must be PRIVATE.",
    message: "",
    enforcementLevel: "mandatory",
    kind: "resource",
    severity: "high",
    tags: [],
  },
  {
    name: "api-has-policy",
    displayName: "",
    description: "APIs need a resource policy.",
    message: "",
    enforcementLevel: "advisory",
    kind: "stack",
    tags: [],
  },
];

const api = {
  urn: "urn:pulumi:dev::edge::aws:apigateway/restApi:RestApi::public-api",
  type: "aws:apigateway/restApi:RestApi",
  name: "public-api",
  sourcePosition: { uri: "file:///work/examples/edge/index.ts", line: 6, column: 13 },
};

export function sampleReport(): Report {
  const pack = { policyPackName: "pack", policyPackVersion: "1.0.0" };
  return {
    command: "check",
    pack: { name: "pack", version: "1.0.0", dir: "/work" },
    policies,
    targets: [
      {
        kind: "program",
        path: "examples/edge",
        project: "edge",
        stack: "dev",
        resourceCount: 3,
        remediations: [
          {
            policyName: "rest-api-private",
            policyPackName: "pack",
            policyPackVersion: "1.0.0",
            description: "REST APIs must be PRIVATE.",
            resource: { ...api, name: "fixed-api", urn: api.urn.replace("public-api", "fixed-api") },
          },
        ],
        violations: [
          {
            ...pack,
            policyName: "rest-api-private",
            description: "REST APIs must be PRIVATE.",
            message: 'REST APIs must be PRIVATE.\nendpoint types are ["EDGE"]',
            enforcementLevel: "mandatory",
            severity: "high",
            from: "resource",
            resource: api,
          },
          {
            ...pack,
            policyName: "api-has-policy",
            description: "APIs need a resource policy.",
            message: "APIs need a resource policy.\nthe stack has no policy at all",
            enforcementLevel: "advisory",
            from: "stack",
          },
        ],
      },
      {
        kind: "program",
        path: "examples/private",
        project: "private",
        stack: "dev",
        resourceCount: 9,
        violations: [],
        remediations: [],
      },
    ],
  };
}
