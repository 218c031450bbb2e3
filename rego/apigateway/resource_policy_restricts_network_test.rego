package private_api_guard.apigateway.resource_policy_restricts_network_test

import data.private_api_guard.apigateway.resource_policy_restricts_network as policy

config := {"allowedVpcEndpointIds": [], "allowedVpcIds": [], "allowedSourceCidrs": [], "minimumCidrPrefix": {"ipv4": 8, "ipv6": 32}}

allow_all := {"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*"}

# AWS documentation: allow only through one VPC endpoint by denying everything else.
vpce_only := {"Version": "2012-10-17", "Statement": [
	{
		"Effect": "Deny",
		"Principal": "*",
		"Action": "execute-api:Invoke",
		"Resource": "execute-api:/*",
		"Condition": {"StringNotEquals": {"aws:SourceVpce": "vpce-0a1b2c3d4e5f67890"}},
	},
	allow_all,
]}

open_policy := {"Version": "2012-10-17", "Statement": [allow_all]}

resource(type, documents, unknowns) := {"config": config, "resource": {
	"type": type,
	"urn": "urn:pulumi:dev::app::t::r",
	"name": "r",
	"props": {},
	"unknowns": unknowns,
	"documents": documents,
	"dependencies": {},
}}

rest_api(documents) := resource("aws:apigateway/restApi:RestApi", documents, [])

parsed(doc) := {"state": "parsed", "value": doc}

kinds(findings) := sort([f.kind | some f in findings])

test_restricting_policy_passes if {
	count(policy.findings) == 0 with input as rest_api({"policy": parsed(vpce_only)})
}

test_open_policy_is_a_violation_naming_the_statement if {
	found := policy.findings with input as rest_api({"policy": parsed(open_policy)})
	some f in found
	f.kind == "violation"
	startswith(f.message, "the resource policy in the policy property: statement 0 allows execute-api:Invoke from any network")
	contains(f.message, "Add this statement to the policy: {\"Action\":\"execute-api:Invoke\"")
}

test_policy_in_the_openapi_body_is_checked if {
	body := parsed({"openapi": "3.0.1", "x-amazon-apigateway-policy": open_policy})
	found := policy.findings with input as rest_api({"body": body})
	some f in found
	startswith(f.message, "the resource policy in the body's x-amazon-apigateway-policy: statement 0")
}

test_every_document_is_checked if {
	docs := {"policy": parsed(vpce_only), "body": parsed({"x-amazon-apigateway-policy": open_policy})}
	kinds(policy.findings) == ["violation"] with input as rest_api(docs)
}

test_body_without_policy_and_absent_policy_pass if {
	count(policy.findings) == 0 with input as rest_api({"policy": {"state": "absent"}, "body": parsed({"openapi": "3.0.1"})})
}

test_rest_api_policy_resource_is_checked if {
	kinds(policy.findings) == ["violation"] with input as resource(
		"aws:apigateway/restApiPolicy:RestApiPolicy",
		{"policy": parsed(open_policy)},
		[],
	)
}

test_unknown_documents_are_advisory if {
	kinds(policy.findings) == ["unknown"] with input as rest_api({"policy": {"state": "unknown"}})
	native := resource("aws-native:apigateway:RestApi", {"policy": parsed(vpce_only)}, ["policy.Statement.0.Condition.StringNotEquals.aws:SourceVpce"])
	kinds(policy.findings) == ["unknown"] with input as native
}

test_malformed_documents_are_violations if {
	kinds(policy.findings) == ["violation"] with input as rest_api({"policy": {"state": "invalid", "error": "not valid JSON: Unexpected token"}})
	kinds(policy.findings) == ["violation"] with input as rest_api({"policy": parsed([allow_all])})
}

test_wrong_property_types_are_errors if {
	kinds(policy.findings) == ["error"] with input as rest_api({"policy": {"state": "wrong_type", "error": "it is a number"}})
}

# A statement that no request through a VPC endpoint can match grants nothing: an advisory, not a violation.
test_statements_that_grant_nothing_are_advisories if {
	dead := {"Statement": [{
		"Effect": "Allow",
		"Principal": "*",
		"Action": "execute-api:Invoke",
		"Resource": "execute-api:/*",
		"Condition": {"StringEquals": {"aws:SourceVpce": "vpce-*"}},
	}]}
	found := policy.findings with input as rest_api({"policy": parsed(dead)})
	kinds(found) == ["advisory"]
	some f in found
	contains(f.message, "you probably meant StringLike")
}

# However many statements are open, one finding names at most 20 of them.
test_many_open_statements_give_one_bounded_finding if {
	many := {"Statement": [s | some i in numbers.range(0, 99); s := object.union(open_policy.Statement[0], {"Sid": format_int(i, 10)})]}
	found := policy.findings with input as rest_api({"policy": parsed(many)})
	count(found) == 1
	some f in found
	contains(f.message, "and 80 more allow execute-api:Invoke from any network")
}
