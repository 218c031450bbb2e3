// Expected decision: NON-COMPLIANT — the pack blames the RestApi "ledger-api" (mandatory,
// apigateway-private-api-has-resource-policy) and names the Deny to add.
//
// The resource policy allows invocation only through the shared endpoint, which would keep out callers of a
// method with authorization NONE. But the method uses AWS_IAM: a principal of this account whose identity
// policy allows execute-api:Invoke needs no Allow from the resource policy, so it can call from any VPC
// endpoint, its own included. Only a Deny stops it.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const sharedEndpointId = "vpce-0a1b2c3d4e5f67890";

const api = new aws.apigateway.RestApi("ledger-api", {
  description: "Ledger service",
  endpointConfiguration: { types: "PRIVATE", vpcEndpointIds: [sharedEndpointId] },
  policy: pulumi.jsonStringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: "*",
        Action: "execute-api:Invoke",
        Resource: "execute-api:/*",
        Condition: { StringEquals: { "aws:SourceVpce": sharedEndpointId } },
      },
    ],
  }),
});

new aws.apigateway.Method("get-ledger", {
  restApi: api.id,
  resourceId: api.rootResourceId,
  httpMethod: "GET",
  authorization: "AWS_IAM",
});

export const apiId = api.id;
