/**
 * The pack's verdict on one PRIVATE REST API carrying a resource policy, in one authorization mode, asked the
 * way the pack asks its Rego: the network rule on the RestApi, and the stack rule on the RestApi together
 * with a Method that says how callers are authorized ("unknown": no Method). Only "violation" and "error"
 * findings block a deployment; "unknown" and "advisory" do not.
 */
import { networkConfig } from "../../policies/config";
import { engine, type Finding } from "../../policies/engine";
import { resourceInput, type ResourceInput } from "../../policies/input";
import { apiId, type AuthorizationMode } from "./simulator";

const restApiUrn = "urn:pulumi:dev::p::aws:apigateway/restApi:RestApi::api";
const config = networkConfig({});

const blocking = (findings: Finding[]) =>
  findings.some((finding) => finding.kind === "violation" || finding.kind === "error");

function restApi(document: unknown): ResourceInput {
  return resourceInput({
    type: "aws:apigateway/restApi:RestApi",
    urn: restApiUrn,
    name: "api",
    props: {
      endpointConfiguration: { types: "PRIVATE" },
      ...(document === undefined ? {} : { policy: JSON.stringify(document) }),
      id: apiId,
    },
  });
}

function method(authorization: Exclude<AuthorizationMode, "unknown">): ResourceInput {
  return resourceInput({
    type: "aws:apigateway/method:Method",
    urn: "urn:pulumi:dev::p::aws:apigateway/method:Method::get",
    name: "get",
    props: { restApi: apiId, resourceId: "r1", httpMethod: "GET", authorization },
    propertyDependencies: { restApi: [{ urn: restApiUrn }] },
  });
}

/** The document on a RestApiPolicy attached to the API by its id, the other way Pulumi programs attach one. */
function restApiPolicy(document: unknown): ResourceInput {
  return resourceInput({
    type: "aws:apigateway/restApiPolicy:RestApiPolicy",
    urn: "urn:pulumi:dev::p::aws:apigateway/restApiPolicy:RestApiPolicy::api-policy",
    name: "api-policy",
    props: { restApiId: apiId, policy: JSON.stringify(document) },
    propertyDependencies: { restApiId: [{ urn: restApiUrn }] },
  });
}

/** Where the document is: inline on the RestApi (its id unknown to the pack), or on a RestApiPolicy. */
export type Carrier = "RestApi" | "RestApiPolicy";

/** The pack's verdicts on one document, one per mode; the carrier's own decision is asked once. */
export function packBlocks(
  document: unknown,
  modes: readonly AuthorizationMode[],
  carrier: Carrier = "RestApi",
): Map<AuthorizationMode, boolean> {
  const carried = carrier === "RestApi" ? restApi(document) : restApiPolicy(document);
  const api = carrier === "RestApi" ? carried : restApi(undefined);
  const networkRule = blocking(
    engine.decide({ policy: "apigateway-resource-policy-restricts-network", config, resource: carried }),
  );
  return new Map(
    modes.map((mode) => {
      const apis = carrier === "RestApi" ? [api] : [api, carried];
      const resources = mode === "unknown" ? apis : [...apis, method(mode)];
      const stackRule = blocking(
        engine.decide({ policy: "apigateway-private-api-has-resource-policy", config, resources }),
      );
      return [mode, networkRule || stackRule];
    }),
  );
}
