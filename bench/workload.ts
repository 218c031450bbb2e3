/**
 * What the benchmarks feed the pack: a realistic resource policy (the API Gateway developer guide's
 * "deny unless from my VPC endpoint, then allow" document) and stacks of private APIs with their policies
 * and VPC endpoints, in the wire form the Pulumi engine sends.
 */
import type { AnalyzedResource } from "../analyzer/types";
import type { WireObject } from "../analyzer/wire";
import { engineResource } from "../analyzer/resource";
import { networkConfig } from "../policies/config";
import { resourceInput } from "../policies/input";

export const restApiPolicyType = "aws:apigateway/restApiPolicy:RestApiPolicy";
export const restApiType = "aws:apigateway/restApi:RestApi";
export const vpcEndpointType = "aws:ec2/vpcEndpoint:VpcEndpoint";

export const networkPolicyName = "apigateway-resource-policy-restricts-network";
export const endpointId = "vpce-0a1b2c3d4e5f67890";

/** The policy configuration a team that lists its VPC endpoint would run with. */
export const rawNetworkConfig = { allowedVpcEndpointIds: [endpointId] };

export function restrictingDocument(apiId: string): object {
  const resource = `arn:aws:execute-api:us-east-1:123456789012:${apiId}/*`;
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "DenyOutsideVpce",
        Effect: "Deny",
        Principal: "*",
        Action: "execute-api:Invoke",
        Resource: resource,
        Condition: { StringNotEquals: { "aws:SourceVpce": endpointId } },
      },
      {
        Sid: "AllowInvoke",
        Effect: "Allow",
        Principal: "*",
        Action: "execute-api:Invoke",
        Resource: resource,
      },
    ],
  };
}

const urnOf = (type: string, name: string) => `urn:pulumi:bench::app::${type}::${name}`;

function analyzed(
  type: string,
  name: string,
  properties: WireObject,
  propertyDependencies: Record<string, string[]> = {},
): AnalyzedResource {
  return engineResource(urnOf(type, name), type, name, properties, propertyDependencies);
}

/** One RestApiPolicy resource holding the realistic document for API `apiId`. */
export function restApiPolicyResource(name: string, apiId: string): AnalyzedResource {
  return analyzed(restApiPolicyType, name, {
    restApiId: apiId,
    policy: JSON.stringify(restrictingDocument(apiId)),
  });
}

/** The Rego input the pack builds for that resource (policies/definitions.ts does the same per Analyze). */
export function restApiPolicyInput(): Record<string, unknown> {
  const resource = restApiPolicyResource("api-policy", "a1b2c3d4e5");
  return {
    policy: networkPolicyName,
    config: networkConfig(rawNetworkConfig),
    resource: resourceInput({
      type: resource.type,
      urn: resource.urn,
      name: resource.name,
      props: resource.inputs,
    }),
  };
}

/** The Rego input of the network rule for a private RestApi that carries no resource policy itself. */
export function restApiWithoutPolicyInput(): Record<string, unknown> {
  return {
    policy: networkPolicyName,
    config: networkConfig(rawNetworkConfig),
    resource: resourceInput({
      type: restApiType,
      urn: urnOf(restApiType, "api"),
      name: "api",
      props: { name: "api", endpointConfiguration: { types: "PRIVATE", vpcEndpointIds: [endpointId] } },
    }),
  };
}

/**
 * `count` resources cycling through compliant units of a private API, its RestApiPolicy and the VPC
 * endpoint it is reached through.
 */
export function stackOf(count: number): AnalyzedResource[] {
  const resources: AnalyzedResource[] = [];
  for (let unit = 0; resources.length < count; unit++) {
    const apiId = `api${unit.toString(36).padStart(7, "0")}`;
    const endpoint = analyzed(vpcEndpointType, `endpoint-${unit}`, {
      id: `vpce-${unit.toString(16).padStart(17, "0")}`,
      serviceName: "com.amazonaws.us-east-1.execute-api",
      vpcEndpointType: "Interface",
      privateDnsEnabled: true,
      vpcId: "vpc-0a1b2c3d",
      securityGroupIds: ["sg-0a1b2c3d"],
    });
    const api = analyzed(
      restApiType,
      `api-${unit}`,
      {
        id: apiId,
        name: `api-${unit}`,
        endpointConfiguration: { types: "PRIVATE", vpcEndpointIds: [endpoint.outputs.id as string] },
      },
      { "endpointConfiguration.vpcEndpointIds": [endpoint.urn] },
    );
    const policy = restApiPolicyResource(`api-${unit}-policy`, apiId);
    policy.propertyDependencies = { restApiId: [api.urn] };
    policy.dependencies = [api.urn];
    resources.push(endpoint, api, policy);
  }
  return resources.slice(0, count);
}
