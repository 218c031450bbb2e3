# METADATA
# title: apigateway-private-api-has-resource-policy
# description: Every PRIVATE REST API in the stack must have a resource policy that restricts the network, set inline, in its OpenAPI body, or by a RestApiPolicy that refers to it.
# custom:
#   severity: high
#   enforcement_level: mandatory
#   resource_types:
#     - aws:apigateway/restApi:RestApi
#     - aws-native:apigateway:RestApi
#     - aws:apigateway/restApiPolicy:RestApiPolicy
#   remediation: >-
#     Attach a resource policy that allows execute-api:Invoke only from your VPC endpoints: set the RestApi's
#     policy, add x-amazon-apigateway-policy to its body, or create an aws.apigateway.RestApiPolicy whose
#     restApiId is the API's id.
package private_api_guard.apigateway.private_api_has_resource_policy

import data.private_api_guard.lib.documents
import data.private_api_guard.lib.resources

apis := [r | some r in input.resources; r.type in resources.rest_api_types]

policy_resources := [r | some r in input.resources; r.type in resources.rest_api_policy_types]

private_apis := [api | some api in apis; resources.endpoint(api).status == "private"]

attached(api, p) if resources.refers_to(p, "restApiId", api, resources.rest_api_ids(api))

# A RestApiPolicy whose restApiId is not known yet and has no dependency to say which API it is for.
possibly_attached(p) if {
	resources.unknown_within(p, "restApiId")
	count(object.get(p.dependencies, "restApiId", [])) == 0
}

# Every policy document of the API and of the RestApiPolicy resources attached to it, with its assessment.
assessments(api) := array.concat(
	[a |
		some entry in resources.document_entries(api)
		a := object.union(documents.assess(entry, input.config), {"where": entry.where})
	],
	[a |
		some p in policy_resources
		attached(api, p)
		some entry in resources.document_entries(p)
		assessment := documents.assess(entry, input.config)
		a := object.union(assessment, {"where": concat("", [entry.where, " of RestApiPolicy ", json.marshal(p.name)])})
	],
)

restricted(api) if {
	some a in assessments(api)
	a.status == "restricting"
}

undecided(api) if {
	some a in assessments(api)
	a.status == "unknown"
}

undecided(api) if {
	some p in policy_resources
	possibly_attached(p)
}

findings contains f if {
	some api in apis
	resources.endpoint(api).status == "unknown"
	f := {
		"kind": "unknown",
		"urn": api.urn,
		"message": concat("", [
			"REST API ", json.marshal(api.name),
			": endpointConfiguration.types is not known during preview, so whether it is PRIVATE and has a restricting resource policy could not be checked; it is enforced on update",
		]),
	}
}

findings contains f if {
	some api in private_apis
	not restricted(api)
	undecided(api)
	f := {
		"kind": "unknown",
		"urn": api.urn,
		"message": concat("", [
			"PRIVATE REST API ", json.marshal(api.name),
			": its resource policy, or which RestApiPolicy refers to it, is not known during preview, so whether it restricts the network could not be checked; it is enforced on update",
		]),
	}
}

findings contains f if {
	some api in private_apis
	not undecided(api)
	count(assessments(api)) == 0
	f := {
		"kind": "violation",
		"urn": api.urn,
		"message": concat("", [
			"PRIVATE REST API ", json.marshal(api.name),
			" has no resource policy: no policy property, no x-amazon-apigateway-policy in its body and no RestApiPolicy refers to it",
		]),
	}
}

findings contains f if {
	some api in private_apis
	not undecided(api)
	count(assessments(api)) > 0
	not restricted(api)
	f := {
		"kind": "violation",
		"urn": api.urn,
		"message": concat("", [
			"PRIVATE REST API ", json.marshal(api.name),
			" has no resource policy that restricts the network; ",
			concat("; ", [s | some a in assessments(api); s := concat(" ", [a.where, "is", a.status])]),
			" (see apigateway-resource-policy-restricts-network for each statement)",
		]),
	}
}
