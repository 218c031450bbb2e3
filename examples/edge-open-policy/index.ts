// Expected decision: NON-COMPLIANT — the pack blames the RestApi "public-catalog-api" (mandatory): its endpoint
// type is EDGE, not PRIVATE, and its inline resource policy allows every principal from anywhere, with no
// aws:SourceVpce / aws:SourceVpc condition restricting it to a VPC endpoint.
import * as aws from "@pulumi/aws";

const api = new aws.apigateway.RestApi("public-catalog-api", {
  description: "Catalog API served through CloudFront",
  endpointConfiguration: { types: "EDGE" },
  policy: JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      { Effect: "Allow", Principal: "*", Action: "execute-api:Invoke", Resource: "execute-api:/*" },
    ],
  }),
});

const items = new aws.apigateway.Resource("items", {
  restApi: api.id,
  parentId: api.rootResourceId,
  pathPart: "items",
});
new aws.apigateway.Method("get-items", {
  restApi: api.id,
  resourceId: items.id,
  httpMethod: "GET",
  authorization: "NONE",
});

export const apiId = api.id;
