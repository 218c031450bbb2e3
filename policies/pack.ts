/** The pack's policies, in one list (index.ts serves them; tests call them directly). */
import { networkConfig, networkConfigSchema } from "./config";
import { resourcePolicy, stackPolicy } from "./definitions";

const network = { configSchema: networkConfigSchema, config: networkConfig };

export const restApiPrivate = resourcePolicy("apigateway-rest-api-private", { remediates: true });
export const resourcePolicyRestrictsNetwork = resourcePolicy(
  "apigateway-resource-policy-restricts-network",
  network,
);
export const privateApiHasResourcePolicy = stackPolicy("apigateway-private-api-has-resource-policy", network);
export const privateNetworkPrerequisites = stackPolicy("apigateway-private-network-prerequisites");

export const policies = [
  restApiPrivate,
  resourcePolicyRestrictsNetwork,
  privateApiHasResourcePolicy,
  privateNetworkPrerequisites,
];
