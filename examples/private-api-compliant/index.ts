// Expected decision: COMPLIANT — the pack reports no mandatory violation.
//
// Everything the control asks for: a VPC with DNS support and hostnames, an interface VPC endpoint for
// com.amazonaws.<region>.execute-api with private DNS and a security group admitting HTTPS from the VPC, a
// PRIVATE REST API bound to that endpoint, and a resource policy — a separate RestApiPolicy — that allows
// invocation but denies every request that does not arrive through the endpoint.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const region = new pulumi.Config("aws").require("region");

const vpc = new aws.ec2.Vpc("private-api-vpc", {
  cidrBlock: "10.20.0.0/16",
  enableDnsSupport: true,
  enableDnsHostnames: true,
  tags: { Name: "private-api-vpc" },
});

const subnets = ["a", "b"].map(
  (zone, index) =>
    new aws.ec2.Subnet(`private-subnet-${zone}`, {
      vpcId: vpc.id,
      cidrBlock: `10.20.${index + 1}.0/24`,
      availabilityZone: `${region}${zone}`,
      tags: { Name: `privateSubnet0${index + 1}` },
    }),
);

const endpointSecurityGroup = new aws.ec2.SecurityGroup("endpoint-sg", {
  name: "EndpointSG",
  description: "HTTPS from inside the VPC to the execute-api endpoint",
  vpcId: vpc.id,
  ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: [vpc.cidrBlock] }],
  egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],
});

const executeApiEndpoint = new aws.ec2.VpcEndpoint("execute-api-endpoint", {
  vpcId: vpc.id,
  serviceName: `com.amazonaws.${region}.execute-api`,
  vpcEndpointType: "Interface",
  privateDnsEnabled: true,
  subnetIds: subnets.map((subnet) => subnet.id),
  securityGroupIds: [endpointSecurityGroup.id],
});

const api = new aws.apigateway.RestApi("orders-api", {
  description: "Orders service, reachable only from inside the VPC",
  endpointConfiguration: { types: "PRIVATE", vpcEndpointIds: [executeApiEndpoint.id] },
});

new aws.apigateway.RestApiPolicy("orders-api-policy", {
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
        Condition: { StringNotEquals: { "aws:SourceVpce": executeApiEndpoint.id } },
      },
    ],
  }),
});

const orders = new aws.apigateway.Resource("orders", {
  restApi: api.id,
  parentId: api.rootResourceId,
  pathPart: "orders",
});
const getOrders = new aws.apigateway.Method("get-orders", {
  restApi: api.id,
  resourceId: orders.id,
  httpMethod: "GET",
  authorization: "NONE",
});
const getOrdersIntegration = new aws.apigateway.Integration("get-orders-integration", {
  restApi: api.id,
  resourceId: orders.id,
  httpMethod: getOrders.httpMethod,
  type: "MOCK",
  requestTemplates: { "application/json": '{"statusCode": 200}' },
});
const deployment = new aws.apigateway.Deployment(
  "orders-deployment",
  { restApi: api.id, triggers: { redeployment: pulumi.interpolate`${orders.id}-${getOrders.id}` } },
  { dependsOn: [getOrdersIntegration] },
);
new aws.apigateway.Stage("orders-prod", { restApi: api.id, deployment: deployment.id, stageName: "prod" });

export const invokeUrl = pulumi.interpolate`https://${api.id}-${executeApiEndpoint.id}.execute-api.${region}.amazonaws.com/prod/orders`;
