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

# The stack is judged in time linear in its size: the RestApiPolicy resources are indexed once by the keys
# their restApiId refers by (resources.reference_keys), each API looks its keys up, and every assessment is
# made once. (Rules without arguments are evaluated once per decision; functions are not memoized.)
policy_indexes_by_key[key] contains i if {
	some i, p in policy_resources
	some key in resources.reference_keys(p, "restApiId")
}

# The RestApiPolicy resources attached to the API, in stack order.
attached_policies(api) := [policy_resources[i] | some i in sort({i |
	some key in resources.identity_keys(api, resources.rest_api_ids(api))
	some i in policy_indexes_by_key[key]
})]

# A RestApiPolicy whose restApiId is not known yet and has no dependency to say which API it is for.
possibly_attached(p) if {
	resources.unknown_within(p, "restApiId")
	count(object.get(p.dependencies, "restApiId", [])) == 0
}

some_policy_possibly_attached if {
	some p in policy_resources
	possibly_attached(p)
}

# Every policy document of the API and of the RestApiPolicy resources attached to it, with its assessment.
assessments(api) := array.concat(
	[a |
		some entry in resources.document_entries(api)
		a := object.union(documents.assess(entry, input.config), {"where": entry.where})
	],
	[a |
		some p in attached_policies(api)
		some entry in resources.document_entries(p)
		assessment := documents.assess(entry, input.config)
		a := object.union(assessment, {"where": concat("", [entry.where, " of RestApiPolicy ", json.marshal(p.name)])})
	],
)

# The assessments of each private API (by its index in private_apis), made once.
private_api_assessments := {i: assessments(api) | some i, api in private_apis}

restricted(assessed) if {
	some a in assessed
	a.status == "restricting"
}

undecided(assessed) if {
	some a in assessed
	a.status == "unknown"
}

undecided(_) if some_policy_possibly_attached

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
	some i, api in private_apis
	assessed := private_api_assessments[i]
	not restricted(assessed)
	undecided(assessed)
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
	some i, api in private_apis
	assessed := private_api_assessments[i]
	not undecided(assessed)
	count(assessed) == 0
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
	some i, api in private_apis
	assessed := private_api_assessments[i]
	not undecided(assessed)
	count(assessed) > 0
	not restricted(assessed)
	f := {
		"kind": "violation",
		"urn": api.urn,
		"message": concat("", [
			"PRIVATE REST API ", json.marshal(api.name),
			" has no resource policy that restricts the network; ",
			concat("; ", [s | some a in assessed; s := concat(" ", [a.where, "is", a.status])]),
			" (see apigateway-resource-policy-restricts-network for each statement)",
		]),
	}
}
