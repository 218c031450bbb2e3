/** Resources in the form the Pulumi engine sends them to an analyzer (wire-form properties). */
import type { AnalyzedResource } from "../../analyzer/types";
import type { WireObject } from "../../analyzer/wire";
import { engineResource } from "../../analyzer/resource";

export const types = {
  restApi: "aws:apigateway/restApi:RestApi",
  restApiPolicy: "aws:apigateway/restApiPolicy:RestApiPolicy",
  nativeRestApi: "aws-native:apigateway:RestApi",
  vpc: "aws:ec2/vpc:Vpc",
  vpcEndpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
  securityGroup: "aws:ec2/securityGroup:SecurityGroup",
};

export const urn = (type: string, name: string) => `urn:pulumi:dev::app::${type}::${name}`;

/** One resource of the test stack; the same properties serve as inputs (Analyze) and outputs (AnalyzeStack). */
export function resource(
  type: string,
  name: string,
  properties: WireObject,
  propertyDependencies: Record<string, string[]> = {},
): AnalyzedResource {
  return engineResource(urn(type, name), type, name, properties, propertyDependencies);
}
