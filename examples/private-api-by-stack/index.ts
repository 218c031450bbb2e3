// Expected decision: depends on the stack (`guard check examples/private-api-by-stack --stack NAME`).
//   dev (the default: `npm start`): COMPLIANT — a PRIVATE API restricted to its VPC endpoint.
//   prod: NON-COMPLIANT — Pulumi.prod.yaml sets partnerAccess, which makes "ledger-api" REGIONAL.
// Every value comes from the stack's configuration (namespaced keys, aws:region, a secure partner token
// guard cannot decrypt), so only a check that reads Pulumi.<stack>.yaml takes the branch the stack takes.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const config = new pulumi.Config();
// A stack without a file of its own (as a fresh `pulumi stack init` makes) gets dev's values.
const region = new pulumi.Config("aws").get("region") ?? "eu-west-1";
const partnerAccess = config.getBoolean("partnerAccess") ?? false;

const vpc = new aws.ec2.Vpc("ledger-vpc", {
  cidrBlock: config.get("vpcCidr") ?? "10.40.0.0/16",
  enableDnsSupport: true,
  enableDnsHostnames: true,
});

const endpointSecurityGroup = new aws.ec2.SecurityGroup("ledger-endpoint-sg", {
  vpcId: vpc.id,
  ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: [vpc.cidrBlock] }],
});

const endpoint = new aws.ec2.VpcEndpoint("ledger-execute-api", {
  vpcId: vpc.id,
  serviceName: `com.amazonaws.${region}.execute-api`,
  vpcEndpointType: "Interface",
  privateDnsEnabled: true,
  securityGroupIds: [endpointSecurityGroup.id],
});

const api = new aws.apigateway.RestApi("ledger-api", {
  endpointConfiguration: partnerAccess
    ? { types: "REGIONAL" }
    : { types: "PRIVATE", vpcEndpointIds: [endpoint.id] },
  tags: partnerAccess ? { partnerToken: config.requireSecret("partnerToken") } : {},
});

new aws.apigateway.RestApiPolicy("ledger-api-policy", {
  restApiId: api.id,
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
