// Expected decision: NON-COMPLIANT through the stack policies only. "unlinked-api" is PRIVATE but no policy
// refers to it (apigateway-private-api-has-resource-policy, mandatory); "linked-api" has a RestApiPolicy whose
// restApiId is the API's id — unknown at preview, so only the property dependency links them. The endpoint
// lacks private DNS and the VPC DNS hostnames (apigateway-private-network-prerequisites, advisory).
import * as aws from "@pulumi/aws";

const vpc = new aws.ec2.Vpc("stack-vpc", { cidrBlock: "10.30.0.0/16", enableDnsSupport: true });

const endpoint = new aws.ec2.VpcEndpoint("stack-endpoint", {
  vpcId: vpc.id,
  serviceName: "com.amazonaws.eu-west-1.execute-api",
  vpcEndpointType: "Interface",
  privateDnsEnabled: false,
});

const privateEndpoint = { types: "PRIVATE", vpcEndpointIds: [endpoint.id] };

const linkedApi = new aws.apigateway.RestApi("linked-api", { endpointConfiguration: privateEndpoint });
new aws.apigateway.RestApiPolicy("linked-api-policy", {
  restApiId: linkedApi.id,
  policy: JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      { Effect: "Allow", Principal: "*", Action: "execute-api:Invoke", Resource: "execute-api:/*" },
      {
        Effect: "Deny",
        Principal: "*",
        Action: "execute-api:Invoke",
        Resource: "execute-api:/*",
        Condition: { StringNotEquals: { "aws:SourceVpce": "vpce-0123456789abcdef0" } },
      },
    ],
  }),
});

new aws.apigateway.RestApi("unlinked-api", { endpointConfiguration: privateEndpoint });
