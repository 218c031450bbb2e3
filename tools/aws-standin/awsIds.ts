/**
 * IDs shaped like the ones AWS assigns, so values built from IDs look real to the policies: a policy condition
 * on `aws:SourceVpce` sees `vpce-…`, a RestApiPolicy's `restApiId` a ten-character REST API id.
 */
import { randomBytes } from "node:crypto";

/** EC2 and VPC resources: a prefix and 17 hexadecimal digits, as in `vpce-0a1b2c3d4e5f67890`. */
const ec2Prefixes: Record<string, string> = {
  "aws:ec2/vpc:Vpc": "vpc-",
  "aws:ec2/vpcEndpoint:VpcEndpoint": "vpce-",
  "aws:ec2/subnet:Subnet": "subnet-",
  "aws:ec2/securityGroup:SecurityGroup": "sg-",
  "aws:ec2/securityGroupRule:SecurityGroupRule": "sgrule-",
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": "sgr-",
  "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": "sgr-",
  "aws:ec2/internetGateway:InternetGateway": "igw-",
  "aws:ec2/routeTable:RouteTable": "rtb-",
  "aws:ec2/natGateway:NatGateway": "nat-",
  "aws:ec2/networkInterface:NetworkInterface": "eni-",
  "aws:ec2/instance:Instance": "i-",
  "aws:ec2/eip:Eip": "eipalloc-",
  "aws:ec2/networkAcl:NetworkAcl": "acl-",
  "aws:ec2transitgateway/transitGateway:TransitGateway": "tgw-",
  "aws:ec2/vpcPeeringConnection:VpcPeeringConnection": "pcx-",
};

/** API Gateway REST APIs have ten lowercase alphanumerics (`a1b2c3d4e5`), their resources and deployments six. */
const apiGatewayLengths: Record<string, number> = {
  "aws:apigateway/restApi:RestApi": 10,
  "aws:apigateway/resource:Resource": 6,
  "aws:apigateway/deployment:Deployment": 6,
};

const alphanumerics = "abcdefghijklmnopqrstuvwxyz0123456789";

function randomAlphanumerics(length: number): string {
  return [...randomBytes(length)].map((byte) => alphanumerics[byte % alphanumerics.length]).join("");
}

function randomHex(digits: number): string {
  return randomBytes(Math.ceil(digits / 2))
    .toString("hex")
    .slice(0, digits);
}

/** A fresh ID for a new resource of the given type; types AWS names otherwise get 17 hex digits. */
export function fakeAwsId(type: string): string {
  const prefix = ec2Prefixes[type];
  if (prefix) return `${prefix}${randomHex(17)}`;
  const length = apiGatewayLengths[type];
  if (length) return randomAlphanumerics(length);
  return randomHex(17);
}
