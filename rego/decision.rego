# The one entrypoint of the compiled module: the findings of the policy named by input.policy.
#
# input: {"policy": name, "config": {...}, "resource": {...}} for resource policies, or
#        {"policy": name, "config": {...}, "resources": [...]} for stack policies.
# output: {"findings": [{"kind": "violation" | "unknown" | "error", "message": text, "urn"?: urn,
#         "remediation"?: properties to set}]}
package private_api_guard

import data.private_api_guard.apigateway.private_api_has_resource_policy
import data.private_api_guard.apigateway.private_network_prerequisites
import data.private_api_guard.apigateway.resource_policy_restricts_network
import data.private_api_guard.apigateway.rest_api_private

# METADATA
# scope: document
# entrypoint: true
decision := {"findings": policy_findings(input.policy)}

policy_findings("apigateway-rest-api-private") := rest_api_private.findings

policy_findings("apigateway-resource-policy-restricts-network") := resource_policy_restricts_network.findings

policy_findings("apigateway-private-api-has-resource-policy") := private_api_has_resource_policy.findings

policy_findings("apigateway-private-network-prerequisites") := private_network_prerequisites.findings
