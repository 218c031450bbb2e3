// Expected decision: NON-COMPLIANT — the resource policy of "garbled-api" is not a JSON document, which the
// pack reports as a mandatory violation (never as a failure of the pack itself).
import * as aws from "@pulumi/aws";

new aws.apigateway.RestApi("garbled-api", {
  endpointConfiguration: { types: "PRIVATE" },
  policy: '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", ',
});
