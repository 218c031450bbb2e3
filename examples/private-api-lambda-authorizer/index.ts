// Expected decision: COMPLIANT — the pack reports no mandatory violation.
//
// A PRIVATE REST API whose method uses a Lambda (TOKEN) authorizer. API Gateway checks the resource policy's
// explicit Denies before it calls the authorizer, and then the authorizer's Allow is enough: so the resource
// policy is a Deny alone, for every principal and every method, of requests that do not come from the VPC.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const sharedEndpointId = "vpce-0a1b2c3d4e5f67890";
const vpcId = "vpc-0f1e2d3c4b5a69788";

const authorizerRole = new aws.iam.Role("authorizer-role", {
  assumeRolePolicy: JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      { Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" },
    ],
  }),
});

const authorizerFunction = new aws.lambda.Function("token-authorizer", {
  runtime: "nodejs20.x",
  handler: "index.handler",
  role: authorizerRole.arn,
  code: new pulumi.asset.AssetArchive({
    "index.js": new pulumi.asset.StringAsset(
      'exports.handler = async (event) => ({ principalId: "caller", policyDocument: { Version: "2012-10-17", ' +
        'Statement: [{ Effect: event.authorizationToken === "allow" ? "Allow" : "Deny", ' +
        'Action: "execute-api:Invoke", Resource: event.methodArn }] } });',
    ),
  }),
});

const api = new aws.apigateway.RestApi("tickets-api", {
  description: "Tickets service behind a token authorizer",
  endpointConfiguration: { types: "PRIVATE", vpcEndpointIds: [sharedEndpointId] },
  policy: pulumi.jsonStringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Deny",
        Principal: "*",
        Action: "execute-api:Invoke",
        Resource: "execute-api:/*",
        Condition: { StringNotEquals: { "aws:SourceVpc": vpcId } },
      },
    ],
  }),
});

const authorizer = new aws.apigateway.Authorizer("token", {
  restApi: api.id,
  type: "TOKEN",
  authorizerUri: authorizerFunction.invokeArn,
});

new aws.apigateway.Method("get-tickets", {
  restApi: api.id,
  resourceId: api.rootResourceId,
  httpMethod: "GET",
  authorization: "CUSTOM",
  authorizerId: authorizer.id,
});

export const apiId = api.id;
