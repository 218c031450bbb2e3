// Expected decision: NON-COMPLIANT — the pack blames the RestApi "inventory-api" (mandatory): it is REGIONAL,
// not PRIVATE, and neither an inline policy nor a RestApiPolicy restricts who may invoke it, which is the
// control's default, unrestricted state.
import * as aws from "@pulumi/aws";

const api = new aws.apigateway.RestApi("inventory-api", {
  description: "Inventory API for partner integrations",
  endpointConfiguration: { types: "REGIONAL" },
});

export const apiId = api.id;
