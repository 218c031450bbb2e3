// Expected decision: at preview the endpoint's id is unknown, so the resource policy cannot be judged — an
// advisory saying it is enforced on update. At update the id is known and the policy restricts the API to that
// endpoint: compliant, unless the configuration allows only other endpoints (allowedVpcEndpointIds).
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const vpc = new aws.ec2.Vpc("unknown-vpc", {
  cidrBlock: "10.40.0.0/16",
  enableDnsSupport: true,
  enableDnsHostnames: true,
});

const endpoint = new aws.ec2.VpcEndpoint("unknown-endpoint", {
  vpcId: vpc.id,
  serviceName: "com.amazonaws.eu-west-1.execute-api",
  vpcEndpointType: "Interface",
  privateDnsEnabled: true,
});

new aws.apigateway.RestApi("endpoint-bound-api", {
  endpointConfiguration: { types: "PRIVATE", vpcEndpointIds: [endpoint.id] },
  policy: pulumi.jsonStringify({
    Version: "2012-10-17",
    Statement: [
      { Effect: "Allow", Principal: "*", Action: "execute-api:Invoke", Resource: "execute-api:/*" },
      {
        Effect: "Deny",
        Principal: "*",
        Action: "execute-api:Invoke",
        Resource: "execute-api:/*",
        Condition: { StringNotEquals: { "aws:SourceVpce": endpoint.id } },
      },
    ],
  }),
});
