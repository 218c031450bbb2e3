package private_api_guard.apigateway.private_api_has_resource_policy_test

import data.private_api_guard.apigateway.private_api_has_resource_policy as policy

config := {"allowedVpcEndpointIds": [], "allowedVpcIds": [], "allowedSourceCidrs": [], "minimumCidrPrefix": {"ipv4": 8, "ipv6": 32}}

allow_all := {"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*"}

# AWS's private API example: Deny unless the request comes through the VPC endpoint, then Allow.
restricting := {"Statement": [
	{
		"Effect": "Deny",
		"Principal": "*",
		"Action": "execute-api:Invoke",
		"Resource": "execute-api:/*",
		"Condition": {"StringNotEquals": {"aws:SourceVpce": "vpce-1"}},
	},
	allow_all,
]}

# Keeps unauthenticated callers out, but not callers that need no Allow (AWS_IAM, authorizers).
allow_from_endpoint := {"Statement": [object.union(allow_all, {"Condition": {"StringEquals": {"aws:SourceVpce": "vpce-1"}}})]}

open_policy := {"Statement": [allow_all]}

api_urn := "urn:pulumi:dev::app::aws:apigateway/restApi:RestApi::api"

api(documents, props) := {
	"type": "aws:apigateway/restApi:RestApi",
	"urn": api_urn,
	"name": "api",
	"props": object.union({"endpointConfiguration": {"types": "PRIVATE"}, "arn": "arn:aws:apigateway:us-east-1::/restapis/abc123"}, props),
	"unknowns": [],
	"documents": documents,
	"dependencies": {},
}

rest_api_policy(doc, props, dependencies, unknowns) := {
	"type": "aws:apigateway/restApiPolicy:RestApiPolicy",
	"urn": "urn:pulumi:dev::app::aws:apigateway/restApiPolicy:RestApiPolicy::pol",
	"name": "pol",
	"props": props,
	"unknowns": unknowns,
	"documents": {"policy": {"state": "parsed", "value": doc}},
	"dependencies": dependencies,
}

stack(resources) := {"config": config, "resources": resources}

kinds(findings) := sort([f.kind | some f in findings])

test_inline_policy_passes if {
	count(policy.findings) == 0 with input as stack([api({"policy": {"state": "parsed", "value": restricting}}, {})])
}

test_body_policy_passes if {
	body := {"state": "parsed", "value": {"x-amazon-apigateway-policy": restricting}}
	count(policy.findings) == 0 with input as stack([api({"body": body}, {})])
}

test_rest_api_policy_linked_by_dependency_passes if {
	p := rest_api_policy(restricting, {"restApiId": null}, {"restApiId": [api_urn]}, ["restApiId"])
	count(policy.findings) == 0 with input as stack([api({}, {}), p])
}

test_rest_api_policy_linked_by_id_passes if {
	p := rest_api_policy(restricting, {"restApiId": "abc123"}, {}, [])
	count(policy.findings) == 0 with input as stack([api({}, {}), p])
}

test_missing_policy_is_a_violation if {
	found := policy.findings with input as stack([api({}, {})])
	some f in found
	f.kind == "violation"
	f.urn == api_urn
	contains(f.message, "has no resource policy")
}

test_policy_of_another_api_does_not_count if {
	p := rest_api_policy(restricting, {"restApiId": "other"}, {}, [])
	kinds(policy.findings) == ["violation"] with input as stack([api({}, {}), p])
}

test_open_policy_is_a_violation if {
	p := rest_api_policy(open_policy, {"restApiId": "abc123"}, {}, [])
	found := policy.findings with input as stack([api({}, {}), p])
	some f in found
	contains(f.message, "has no resource policy that keeps outside networks out")
}

test_unlinkable_policy_during_preview_is_advisory if {
	p := rest_api_policy(restricting, {"restApiId": null}, {}, ["restApiId"])
	kinds(policy.findings) == ["unknown"] with input as stack([api({}, {}), p])
}

test_non_private_apis_are_not_judged_here if {
	count(policy.findings) == 0 with input as stack([api({}, {"endpointConfiguration": {"types": "REGIONAL"}})])
}

# The policy index keeps URNs and ids apart, as the links are defined: a restApiId value equal to an API's
# URN, or a dependency on a resource whose URN equals an API's id, links nothing.
test_urns_and_ids_do_not_link_across if {
	by_value := rest_api_policy(restricting, {"restApiId": api_urn}, {}, [])
	kinds(policy.findings) == ["violation"] with input as stack([api({}, {}), by_value])
	by_dependency := rest_api_policy(restricting, {"restApiId": null}, {"restApiId": ["abc123"]}, ["restApiId"])
	kinds(policy.findings) == ["violation"] with input as stack([api({}, {}), by_dependency])
}

# Each API is judged by the policies linked to it, and only by those, among several APIs and policies.
test_each_api_is_judged_by_its_own_policies if {
	other_urn := "urn:pulumi:dev::app::aws:apigateway/restApi:RestApi::other"
	other := object.union(api({}, {"arn": "arn:aws:apigateway:us-east-1::/restapis/def456"}), {"urn": other_urn, "name": "other"})
	restricting_for_api := rest_api_policy(restricting, {"restApiId": "abc123"}, {}, [])
	open_for_other := object.union(rest_api_policy(open_policy, {"restApiId": null}, {"restApiId": [other_urn]}, ["restApiId"]), {"name": "pol2"})
	found := policy.findings with input as stack([api({}, {}), other, open_for_other, restricting_for_api])
	[f.urn | some f in found] == [other_urn]
	some f in found
	contains(f.message, "the resource policy in the policy property of RestApiPolicy \"pol2\": statement 0 allows")
}

method(authorization, props) := {
	"type": "aws:apigateway/method:Method",
	"urn": concat("", ["urn:pulumi:dev::app::aws:apigateway/method:Method::", authorization]),
	"name": authorization,
	"props": object.union({"restApi": null, "httpMethod": "GET", "authorization": authorization}, props),
	"unknowns": ["restApi"],
	"documents": {},
	"dependencies": {"restApi": [api_urn]},
}

with_policy(doc) := api({"policy": {"state": "parsed", "value": doc}}, {})

# An Allow with a network condition keeps out only callers that need it: those of NONE methods.
test_allow_with_network_condition_depends_on_the_methods if {
	count(policy.findings) == 0 with input as stack([with_policy(allow_from_endpoint), method("NONE", {})])
	kinds(policy.findings) == ["violation"] with input as stack([with_policy(allow_from_endpoint)])
	kinds(policy.findings) == ["violation"] with input as stack([with_policy(allow_from_endpoint), method("NONE", {}), method("AWS_IAM", {})])
	every authorization in ["AWS_IAM", "CUSTOM", "COGNITO_USER_POOLS", "aws_iam", "SOMETHING_NEW"] {
		found := policy.findings with input as stack([with_policy(allow_from_endpoint), method(authorization, {})])
		kinds(found) == ["violation"]
		count({f | some f in found; contains(f.message, "only a Deny for all principals on every method (execute-api:/*)")}) > 0
	}
}

test_deny_pattern_passes_with_every_authorization if {
	every authorization in ["NONE", "AWS_IAM", "CUSTOM", "COGNITO_USER_POOLS"] {
		count(policy.findings) == 0 with input as stack([with_policy(restricting), method(authorization, {})])
	}
}

# A Method linked by id counts; one of another API does not, so the API's callers are every kind.
test_methods_link_by_dependency_or_id if {
	by_id := object.union(object.remove(method("NONE", {"restApi": "abc123"}), ["dependencies"]), {"unknowns": [], "dependencies": {}})
	count(policy.findings) == 0 with input as stack([with_policy(allow_from_endpoint), by_id])
	other := object.union(object.remove(method("NONE", {"restApi": "zzz"}), ["dependencies"]), {"unknowns": [], "dependencies": {}})
	kinds(policy.findings) == ["violation"] with input as stack([with_policy(allow_from_endpoint), other])
}

# An authorization type not known during preview does not block; the verdict waits for the update.
test_unknown_authorization_is_advisory if {
	unknown_method := object.union(method("NONE", {"authorization": null}), {"unknowns": ["restApi", "authorization"]})
	kinds(policy.findings) == ["unknown"] with input as stack([with_policy(allow_from_endpoint), unknown_method])
	count(policy.findings) == 0 with input as stack([with_policy(restricting), unknown_method])
}

openapi(security, schemes) := {"openapi": "3.0.1", "paths": {"/pets": {"get": object.union({"responses": {}}, security)}}, "components": {"securitySchemes": schemes}}

with_body(doc, body) := api({"policy": {"state": "parsed", "value": doc}, "body": {"state": "parsed", "value": body}}, {})

test_openapi_security_decides_the_callers if {
	count(policy.findings) == 0 with input as stack([with_body(allow_from_endpoint, openapi({}, {}))])
	sigv4 := {"sigv4": {"type": "apiKey", "name": "Authorization", "in": "header", "x-amazon-apigateway-authtype": "awsSigv4"}}
	kinds(policy.findings) == ["violation"] with input as stack([with_body(allow_from_endpoint, openapi({"security": [{"sigv4": []}]}, sigv4))])
	api_key := {"key": {"type": "apiKey", "name": "x-api-key", "in": "header"}}
	count(policy.findings) == 0 with input as stack([with_body(allow_from_endpoint, openapi({"security": [{"key": []}]}, api_key))])
	kinds(policy.findings) == ["violation"] with input as stack([with_body(allow_from_endpoint, openapi({"security": [{"undefined": []}]}, {}))])
}
