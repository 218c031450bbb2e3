# METADATA
# title: apigateway-rest-api-private
# description: API Gateway REST APIs must use the PRIVATE endpoint type, so that they are reachable only through interface VPC endpoints.
# custom:
#   severity: high
#   enforcement_level: mandatory
#   resource_types:
#     - aws:apigateway/restApi:RestApi
#     - aws-native:apigateway:RestApi
#   remediation: >-
#     Set endpointConfiguration.types to "PRIVATE" (a string in @pulumi/aws v7, a list in older versions and in
#     aws-native), optionally with vpcEndpointIds naming your execute-api interface endpoints. With the
#     remediate enforcement level the pack sets it for you.
package private_api_guard.apigateway.rest_api_private

import data.private_api_guard.lib.resources

applies if input.resource.type in resources.rest_api_types

endpoint := resources.endpoint(input.resource)

findings contains f if {
	applies
	endpoint.status == "unknown"

	# Written in parts that other messages share: each part is one string in the module.
	f := {"kind": "unknown", "message": concat("", [
		"endpointConfiguration.types is not known during preview",
		", so the endpoint type",
		" could not be checked; it is enforced on update",
	])}
}

findings contains f if {
	applies
	endpoint.status == "invalid"
	f := {"kind": "error", "message": endpoint.detail}
}

findings contains f if {
	applies
	endpoint.status == "public"
	f := {
		"kind": "violation",
		"message": concat("", ["the endpoint type is ", concat(", ", endpoint.types), detail_text(endpoint.detail), "; it must be PRIVATE"]),
		"remediation": {"endpointConfiguration": private_endpoint_configuration},
	}
}

detail_text("") := ""

detail_text(detail) := concat("", [" (", detail, ")"]) if detail != ""

current_configuration := object.get(input.resource.props, "endpointConfiguration", null)

# Keep the shape the provider uses: a string in @pulumi/aws v7, a list in aws-native and older versions.
private_endpoint_configuration := object.union(current_configuration, {"types": private_types}) if {
	is_object(current_configuration)
} else := {"types": private_types}

default current_types := null

current_types := object.get(current_configuration, "types", null) if is_object(current_configuration)

private_types := ["PRIVATE"] if {
	is_array(current_types)
} else := ["PRIVATE"] if {
	input.resource.type == "aws-native:apigateway:RestApi"
} else := "PRIVATE" if {
	input.resource.type != "aws-native:apigateway:RestApi"
}
