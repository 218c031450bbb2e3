# METADATA
# title: apigateway-resource-policy-restricts-network
# description: Every API Gateway resource policy must restrict who can invoke the API to known networks (VPC endpoints, VPCs or source addresses), as IAM evaluates it.
# custom:
#   severity: critical
#   enforcement_level: mandatory
#   resource_types:
#     - aws:apigateway/restApi:RestApi
#     - aws-native:apigateway:RestApi
#     - aws:apigateway/restApiPolicy:RestApiPolicy
#   remediation: >-
#     Give every Allow statement for execute-api:Invoke a positive network condition (for example
#     "StringEquals": {"aws:SourceVpce": ["vpce-..."]}), or add a Deny for "Principal": "*" on the same
#     actions and resources whose only conditions are negated network conditions (for example
#     "StringNotEquals": {"aws:SourceVpce": [...]} or, as the control writes it,
#     "NotIpAddress": {"aws:VpcSourceIp": [...]}). Values such as "*", "vpce-*", 0.0.0.0/0 or CIDRs broader
#     than minimumCidrPrefix do not restrict anything.
package private_api_guard.apigateway.resource_policy_restricts_network

import data.private_api_guard.lib.documents
import data.private_api_guard.lib.resources

# The resource, its type and its documents are each looked up once.
findings contains f if {
	r := input.resource
	resources.policy_carrying_type(r.type)
	some entry in resources.document_entries(r)
	some f in documents.assess(entry, input.config, {"anonymous"}).findings
}
