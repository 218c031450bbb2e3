# METADATA
# title: apigateway-private-api-has-resource-policy
# description: Every PRIVATE REST API in the stack must have a resource policy that keeps callers from outside networks out, for the way its methods authorize callers (NONE, AWS_IAM, a Lambda or Cognito authorizer), set inline, in its OpenAPI body, or by a RestApiPolicy that refers to it.
# custom:
#   severity: high
#   enforcement_level: mandatory
#   resource_types:
#     - aws:apigateway/restApi:RestApi
#     - aws-native:apigateway:RestApi
#     - aws:apigateway/restApiPolicy:RestApiPolicy
#     - aws:apigateway/method:Method
#     - aws-native:apigateway:Method
#   remediation: >-
#     Attach a resource policy that keeps outside networks out: set the RestApi's policy, add
#     x-amazon-apigateway-policy to its body, or create an aws.apigateway.RestApiPolicy whose restApiId is the
#     API's id. When any method uses AWS_IAM or an authorizer (or the methods are not in the stack), an Allow
#     with a network condition is not enough: add a Deny for "Principal": "*" on "execute-api:/*" whose
#     condition is "StringNotEquals": {"aws:SourceVpce": [your endpoints]}.
package private_api_guard.apigateway.private_api_has_resource_policy

import data.private_api_guard.lib.authorization
import data.private_api_guard.lib.documents
import data.private_api_guard.lib.iam
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
attached_policies(api) := resources.in_stack_order(policy_resources, {i |
	some key in resources.identity_keys(api, resources.rest_api_ids(api))
	some i in policy_indexes_by_key[key]
})

# A RestApiPolicy whose restApiId is not known yet and has no dependency to say which API it is for.
possibly_attached(p) if {
	resources.unknown_within(p, "restApiId")
	count(object.get(p.dependencies, "restApiId", [])) == 0
}

some_policy_possibly_attached if {
	some p in policy_resources
	possibly_attached(p)
}

methods := [r | some r in input.resources; r.type in authorization.method_types]

method_indexes_by_key[key] contains i if {
	some i, m in methods
	some key in resources.reference_keys(m, authorization.api_property(m))
}

default some_method_possibly_attached := false

some_method_possibly_attached if {
	some m in methods
	authorization.possibly_attached(m)
}

# The kinds of caller that can reach the API, from its Methods and its OpenAPI body:
# {"kinds": set, "described": text, "undecided": bool}. Without any method in the stack, every kind.
callers(api) := callers_of(
	[authorization.method_callers(m) | some m in resources.in_stack_order(methods, {i |
		some key in resources.identity_keys(api, resources.rest_api_ids(api))
		some i in method_indexes_by_key[key]
	})],
	authorization.body_callers(object.get(object.get(api.documents, "body", {}), "value", {})),
)

callers_of(described, body_kinds) := {
	"kinds": iam.caller_kinds,
	"described": "no method of it is in the stack, so callers of every authorization type are assumed",
	"undecided": some_method_possibly_attached,
} if {
	count(described) == 0
	count(body_kinds) == 0
} else := {
	"kinds": ({k | some d in described; some k in d.kinds} | body_kinds),
	"described": concat("", ["its methods use ", concat(", ", sort(method_labels(described, body_kinds)))]),
	"undecided": undecided_methods(described),
}

method_labels(described, body_kinds) := {d.label | some d in described; not d.unknown} | {concat("", [k, " (OpenAPI body)"]) | some k in body_kinds}

default undecided_methods(_) := false

undecided_methods(described) if {
	some d in described
	d.unknown
}

undecided_methods(_) if some_method_possibly_attached

# A finding about the API, whose message starts with its name.
private_api_finding(kind, api, parts) := {
	"kind": kind,
	"urn": api.urn,
	"message": concat("", array.concat(["PRIVATE REST API ", json.marshal(api.name)], parts)),
}

# Every policy document of the API and of the RestApiPolicy resources attached to it, judged for the kinds
# of caller that reach the API.
assessments(api, kinds) := array.concat(
	[assessed_with_where(entry, kinds) | some entry in resources.document_entries(api)],
	[assessed_with_where(object.union(entry, {"where": where}), kinds) |
		some p in attached_policies(api)
		some entry in resources.document_entries(p)
		where := concat("", [entry.where, " of RestApiPolicy ", json.marshal(p.name)])
	],
)

assessed_with_where(entry, kinds) := object.union(documents.assess(entry, input.config, kinds), {"where": entry.where})

# Each private API (by its index in private_apis) with its callers and assessments, made once.
private_api_judgements[i] := {"callers": c, "assessed": assessments(api, c.kinds)} if {
	some i, api in private_apis
	c := callers(api)
}

# Every document that may become the API's policy restricts: a RestApiPolicy replaces the inline one.
restricted(assessed) if {
	count(assessed) > 0
	every a in assessed {
		a.status == "restricting"
	}
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
			# Written in parts that other messages share: each is one string in the module.
			": ", "endpointConfiguration.types is not known during preview",
			", so whether it is PRIVATE and has a restricting resource policy", " could not be checked; it is enforced on update",
		]),
	}
}

findings contains f if {
	some i, api in private_apis
	f := judged_api_finding(api, private_api_judgements[i])
}

# What is wrong with a private API's resource policy, from its judgement: the cases exclude each other.
judged_api_finding(api, judgement) := private_api_finding("unknown", api, [
	": its resource policy, or which RestApiPolicy refers to it,",
	# The parts of the sentence documents.assess writes for a document not known during preview.
	" is not known during preview, so whether it restricts the network", " could not be checked; it is enforced on update",
]) if {
	not restricted(judgement.assessed)
	undecided(judgement.assessed)
} else := private_api_finding("violation", api, [
	" has no resource policy: no policy property, no x-amazon-apigateway-policy in its body and no RestApiPolicy refers to it",
]) if {
	not undecided(judgement.assessed)
	count(judgement.assessed) == 0
} else := private_api_finding("violation", api, [
	" (", judgement.callers.described,
	") has no resource policy that keeps outside networks out: ",
	concat("; ", [m |
		some a in judgement.assessed
		a.status != "restricting"
		m := assessment_summary(a)
	]),
]) if {
	not undecided(judgement.assessed)
	count(judgement.assessed) > 0
	not restricted(judgement.assessed)
} else := private_api_finding("unknown", api, [
	": the authorization type of some of its methods is not known during preview, and its resource policy keeps outside networks out only if no method uses AWS_IAM or an authorizer; it is enforced on update",
]) if {
	# The methods' authorization is not known during preview, and the policy that keeps out the callers
	# known so far would let in callers of another authorization type.
	judgement.callers.undecided
	restricted(judgement.assessed)
	not restricted(assessments(api, iam.caller_kinds))
}

# What is wrong with a document: its violations, or its status when it has none (unknown, error).
assessment_summary(a) := summary_of(a, [f.message | some f in a.findings; f.kind in {"violation", "error"}])

summary_of(a, messages) := concat(" ", messages) if {
	count(messages) > 0
} else := concat(" ", ["the resource policy in", a.where, "is", a.status])
