import { privateNetworkPrerequisites as policy } from "../../policies/pack";
import { unknown, validateStack, type StackResource } from "./harness";

const api: StackResource = {
  type: "aws:apigateway/restApi:RestApi",
  name: "api",
  props: { endpointConfiguration: { types: "PRIVATE" } },
};
const vpc: StackResource = {
  type: "aws:ec2/vpc:Vpc",
  name: "vpc",
  props: { cidrBlock: "10.0.0.0/16", enableDnsSupport: true, enableDnsHostnames: true },
};
const group: StackResource = {
  type: "aws:ec2/securityGroup:SecurityGroup",
  name: "endpoint-sg",
  props: { ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.0.0.0/16"] }] },
};
const endpoint = (props: Record<string, unknown> = {}): StackResource => ({
  type: "aws:ec2/vpcEndpoint:VpcEndpoint",
  name: "execute-api",
  props: {
    serviceName: "com.amazonaws.eu-west-1.execute-api",
    vpcEndpointType: "Interface",
    privateDnsEnabled: true,
    vpcId: unknown,
    securityGroupIds: [unknown],
    ...props,
  },
  dependsOn: { vpcId: ["vpc"], securityGroupIds: ["endpoint-sg"] },
});

describe("apigateway-private-network-prerequisites", () => {
  test("the control's setup passes", async () => {
    expect(
      await validateStack(policy, [
        api,
        vpc,
        group,
        endpoint({ vpcId: "vpc-1", securityGroupIds: ["sg-1"] }),
      ]),
    ).toEqual([]);
  });

  test("it is advisory by default", () => {
    expect(policy.enforcementLevel).toBe("advisory");
  });

  test.each([
    [
      "no execute-api endpoint",
      [api, vpc],
      "no interface VPC endpoint for com.amazonaws.<region>.execute-api",
    ],
    [
      "private DNS disabled",
      [api, vpc, group, endpoint({ privateDnsEnabled: false })],
      "must have privateDnsEnabled: true",
    ],
    [
      "DNS hostnames off",
      [api, { ...vpc, props: { ...vpc.props, enableDnsHostnames: false } }, group, endpoint()],
      "must have enableDnsHostnames: true",
    ],
    [
      "security group without 443",
      [
        api,
        vpc,
        {
          ...group,
          props: { ingress: [{ protocol: "tcp", fromPort: 80, toPort: 80, cidrBlocks: ["10.0.0.0/16"] }] },
        },
        endpoint(),
      ],
      "allows TCP 443 from the VPC CIDR 10.0.0.0/16",
    ],
  ])("%s", async (_name, resources, message) => {
    const reported = await validateStack(policy, resources);
    expect(reported.map((r) => r.message).join("\n")).toContain(message);
    expect(reported.every((r) => r.enforcementLevel === "advisory")).toBe(true);
  });

  test("no private API, nothing to check", async () => {
    expect(await validateStack(policy, [vpc])).toEqual([]);
  });
});
