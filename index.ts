/**
 * private-api-guard: API Gateway REST APIs must be PRIVATE and their resource policies must restrict the
 * network. Every decision is made by the Rego rules in rego/, compiled to policies/generated/policy.wasm.
 */
import { PolicyPack } from "@pulumi/policy";
import { networkConfig, networkConfigSchema } from "./policies/config";
import { resourcePolicy, stackPolicy } from "./policies/definitions";

const network = { configSchema: networkConfigSchema, config: networkConfig };

new PolicyPack("private-api-guard", {
  policies: [
    resourcePolicy("apigateway-rest-api-private", { remediates: true }),
    resourcePolicy("apigateway-resource-policy-restricts-network", network),
    stackPolicy("apigateway-private-api-has-resource-policy", network),
    stackPolicy("apigateway-private-network-prerequisites"),
  ],
});
