// An organisation's policy pack that combines private-api-guard's policies with one of its own. Not a program:
// `guard check examples` skips this folder (it has a PulumiPolicy.yaml, no Pulumi.yaml). Run it as any pack:
// `pulumi preview --policy-pack examples/org-pack` after `npm install` there, or publish it with
// `pulumi policy publish <org>` (README: "Adding the policies to your own pack"). Its entry is pack.ts
// (package.json `main`), not index.ts, so that nothing that takes each examples/*/index.ts for a program does.
import { PolicyPack } from "@pulumi/policy";
import { privateApiPolicies } from "private-api-guard/policies";

new PolicyPack("acme-guardrails", {
  policies: [
    // Acme lists its execute-api endpoints once, here: a Deny naming any other endpoint restricts nothing.
    ...privateApiPolicies({ network: { allowedVpcEndpointIds: ["vpce-0a1b2c3d4e5f67890"] } }),
    {
      name: "acme-rest-api-cost-center",
      description: "Every REST API carries a cost-center tag, so its traffic is billed to its owner.",
      enforcementLevel: "mandatory",
      validateResource: (args, reportViolation) => {
        if (args.type === "aws:apigateway/restApi:RestApi" && !args.props.tags?.["cost-center"]) {
          reportViolation("the REST API has no cost-center tag");
        }
      },
    },
  ],
});
