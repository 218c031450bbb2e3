// Expected decision: COMPLIANT — the pack reports no mandatory violation.
//
// A PRIVATE REST API whose methods use AWS_IAM, bound to the organisation's shared execute-api endpoint.
// With IAM authorization a principal of this account whose identity policy allows execute-api:Invoke needs no
// Allow in the resource policy, so an Allow with a network condition would not keep it out: the policy denies
// every request that does not arrive through the endpoint, for every principal, on every method.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const sharedEndpointId = "vpce-0a1b2c3d4e5f67890";
const account = "111122223333";

const api = new aws.apigateway.RestApi("payments-api", {
  description: "Payments service for internal callers signing with SigV4",
  endpointConfiguration: { types: "PRIVATE", vpcEndpointIds: [sharedEndpointId] },
});

new aws.apigateway.RestApiPolicy("payments-api-policy", {
  restApiId: api.id,
  policy: pulumi.jsonStringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${account}:root` },
        Action: "execute-api:Invoke",
        Resource: "execute-api:/*",
      },
      {
        Effect: "Deny",
        Principal: "*",
        Action: "execute-api:Invoke",
        Resource: "execute-api:/*",
        Condition: { StringNotEquals: { "aws:SourceVpce": sharedEndpointId } },
      },
    ],
  }),
});

new aws.apigateway.Method("get-payments", {
  restApi: api.id,
  resourceId: api.rootResourceId,
  httpMethod: "GET",
  authorization: "AWS_IAM",
});

export const apiId = api.id;
