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
    props: { endpointConfiguration: { types: "PRIVATE" }, policy: JSON.stringify(document), id: apiId },
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

/** The pack's verdicts on one document, one per mode; the RestApi's own decision is asked once. */
export function packBlocks(
  document: unknown,
  modes: readonly AuthorizationMode[],
): Map<AuthorizationMode, boolean> {
  const api = restApi(document);
  const networkRule = blocking(
    engine.decide({ policy: "apigateway-resource-policy-restricts-network", config, resource: api }),
  );
  return new Map(
    modes.map((mode) => {
      const resources = mode === "unknown" ? [api] : [api, method(mode)];
      const stackRule = blocking(
        engine.decide({ policy: "apigateway-private-api-has-resource-policy", config, resources }),
      );
      return [mode, networkRule || stackRule];
    }),
  );
}
