package private_api_guard.apigateway.private_api_has_resource_policy_test

import data.private_api_guard.apigateway.private_api_has_resource_policy as policy

config := {"allowedVpcEndpointIds": [], "allowedVpcIds": [], "allowedSourceCidrs": [], "minimumCidrPrefix": {"ipv4": 8, "ipv6": 32}}

restricting := {"Statement": [{
	"Effect": "Allow",
	"Principal": "*",
	"Action": "execute-api:Invoke",
	"Resource": "execute-api:/*",
	"Condition": {"StringEquals": {"aws:SourceVpce": "vpce-1"}},
}]}

open_policy := {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*"}]}

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
	contains(f.message, "has no resource policy that restricts the network")
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
	by_dependency := rest_api_policy(restricting, {"restApiId": null}, {"restApiId": ["abc123"]}, ["restApiId"])
	kinds(policy.findings) == ["violation"] with input as stack([api({}, {}), by_value])
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
	contains(f.message, "RestApiPolicy \"pol2\" is open")
}
