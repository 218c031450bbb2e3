/**
 * Stack exports built in tests, shaped as `pulumi stack export` writes them: a stack resource, the default
 * AWS provider, and REST APIs and RestApiPolicies whose inputs and outputs can differ (drift) or be missing.
 */
export const stackName = "prod";
export const projectName = "orders";
const prefix = `urn:pulumi:${stackName}::${projectName}::`;

export const urnOf = (type: string, name: string) => `${prefix}${type}::${name}`;
export const stackUrn = urnOf("pulumi:pulumi:Stack", `${projectName}-${stackName}`);
const providerUrn = urnOf("pulumi:providers:aws", "default_7_48_0");
export const providerReference = `${providerUrn}::0f9c2d4e-1111-4222-8333-944455556666`;

export const restApiType = "aws:apigateway/restApi:RestApi";
export const restApiPolicyType = "aws:apigateway/restApiPolicy:RestApiPolicy";
export const vpce = "vpce-0123abcd4567ef890";

/** A resource policy that lets only callers through one VPC endpoint in. */
export const restrictingPolicy = JSON.stringify({
  Version: "2012-10-17",
  Statement: [
    { Effect: "Allow", Principal: "*", Action: "execute-api:Invoke", Resource: "execute-api:/*" },
    {
      Effect: "Deny",
      Principal: "*",
      Action: "execute-api:Invoke",
      Resource: "execute-api:/*",
      Condition: { StringNotEquals: { "aws:SourceVpce": vpce } },
    },
  ],
});

/** A resource policy that lets anyone in from anywhere. */
export const openPolicy = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: "*", Action: "execute-api:Invoke", Resource: "execute-api:/*" }],
});

export const encrypted = (ciphertext = "v1:Zm9vYmFy:c2VjcmV0") => ({
  "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
  ciphertext,
});

export const plaintextSecret = (value: unknown) => ({
  "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
  plaintext: JSON.stringify(value),
});

export type Json = Record<string, unknown>;

/** A PRIVATE API restricted to the VPC endpoint, as deployed. */
export function privateApiProperties(name: string): Json {
  return {
    name,
    endpointConfiguration: { types: "PRIVATE", vpcEndpointIds: [vpce] },
    policy: restrictingPolicy,
  };
}

export function regionalOpenApiProperties(name: string): Json {
  return { name, endpointConfiguration: { types: "REGIONAL" }, policy: openPolicy };
}

export function resource(
  type: string,
  name: string,
  state: { inputs?: Json; outputs?: Json },
  extra: Json = {},
) {
  return {
    urn: urnOf(type, name),
    custom: true,
    id: `${name}-id`,
    type,
    ...(state.inputs ? { inputs: state.inputs } : {}),
    ...(state.outputs ? { outputs: state.outputs } : {}),
    parent: stackUrn,
    provider: providerReference,
    ...extra,
  };
}

/** An API whose inputs and outputs are the same properties (no drift). */
export function api(name: string, properties: Json, extra: Json = {}) {
  return resource(
    restApiType,
    name,
    { inputs: properties, outputs: { ...properties, id: `${name}-id` } },
    extra,
  );
}

export function stackExport(
  resources: unknown[],
  extra: { version?: number; deployment?: Json } & Json = {},
) {
  const { deployment, ...top } = extra;
  return {
    version: 3,
    ...top,
    deployment: {
      manifest: { time: "2026-12-01T10:00:00Z", magic: "m", version: "v3.276.0" },
      secrets_providers: { type: "passphrase", state: { salt: "v1:abc:v1:def:ghi" } },
      resources: [
        { urn: stackUrn, custom: false, type: "pulumi:pulumi:Stack", outputs: {} },
        {
          urn: providerUrn,
          custom: true,
          id: "0f9c2d4e-1111-4222-8333-944455556666",
          type: "pulumi:providers:aws",
          inputs: { region: "eu-west-1", version: "7.48.0" },
          outputs: { region: "eu-west-1", version: "7.48.0" },
        },
        ...resources,
      ],
      ...deployment,
    },
  };
}
