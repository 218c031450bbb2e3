package private_api_guard.lib.iam_test

import data.private_api_guard.lib.iam

default_config := {"allowedVpcEndpointIds": [], "allowedVpcIds": [], "allowedSourceCidrs": [], "minimumCidrPrefix": {"ipv4": 8, "ipv6": 32}}

allow_all := {"Sid": "Open", "Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*"}

doc(statements) := {"Version": "2012-10-17", "Statement": statements}

# Open Allows for an unauthenticated caller (authorization NONE).
open_count(d, cfg) := count(iam.network_verdict(d, cfg, {"anonymous"}).open_allows)

# Whether callers that need no Allow (AWS_IAM, authorizers) get in.
open_without_allow(d) := iam.network_verdict(d, default_config, {"identity", "authorizer"}).open_without_allow

granted_actions(stmt) := [a.action | some a in iam.lower_case_actions; a in iam.granted_action_set(stmt)]

# A key is present whatever its value, false and null included; only an object has keys.
test_has_key if {
	iam.has_key({"Condition": false}, "Condition")
	iam.has_key({"Condition": null}, "Condition")
	iam.has_key({"Condition": {}}, "Condition")
	not iam.has_key({"Action": "*"}, "Condition")
	not iam.has_key("Condition", "Condition")
	not iam.has_key(["Condition"], 0)
}

test_lower_case_actions_are_the_execute_api_actions if {
	iam.lower_case_actions == [{"action": a, "lower": lower(a)} | some a in iam.execute_api_actions]
}

grants_invoke(stmt) if "execute-api:Invoke" in granted_actions(stmt)

test_action_patterns if {
	every c in [
		"*",
		"execute-api:*",
		"execute-api:Invoke",
		"EXECUTE-API:invoke",
		"execute-api:In*",
		"execute-api:?nvoke",
		["s3:GetObject", "Execute-Api:INVOKE"],
	] {
		grants_invoke({"Action": c})
	}
}

test_action_patterns_false_cases if {
	not grants_invoke({"Action": "execute-api:Inv"})
	not grants_invoke({"Action": "execute-api:Invokes"})
	not grants_invoke({"Action": ["s3:*", "execute-api:ManageConnections"]})
	not grants_invoke({"NotAction": "execute-api:*"})
	not grants_invoke({"NotAction": ["s3:GetObject", "EXECUTE-API:invoke"]})
	grants_invoke({"NotAction": "execute-api:ManageConnections"})
}

# The granted execute-api actions, in the order of execute_api_actions, whatever the patterns' order.
test_granted_actions if {
	every c in [
		[{"Action": ["execute-api:manageconnections", "execute-api:Invoke"]}, ["execute-api:Invoke", "execute-api:ManageConnections"]],
		[{"Action": "execute-api:*e"}, ["execute-api:Invoke", "execute-api:InvalidateCache"]],
		[{"NotAction": "execute-api:Invoke"}, ["execute-api:InvalidateCache", "execute-api:ManageConnections"]],
		[{"Action": "s3:*"}, []],
	] {
		granted_actions(c[0]) == c[1]
	}
}

test_resource_paths if {
	every c in [
		["*", "*"],
		["execute-api:/*", "*"],
		["execute-api:/*/*/*", "*"],
		["execute-api:/prod/GET/pets", "prod/GET/pets"],
		["execute-api:/prod/*", "prod/*"],
		["arn:aws:execute-api:us-east-1:123456789012:abcdef1234/*", "*"],
		["arn:aws:execute-api:us-east-1:123456789012:abcdef1234/prod/POST/*", "prod/POST/*"],
		["arn:aws:execute-api:*:*:*", "*"],
	] {
		iam.resource_path(c[0]) == c[1]
	}
}

test_path_covers if {
	iam.path_covers("*", "prod/GET/pets")
	iam.path_covers("prod/*", "prod/GET/pets")
	iam.path_covers("prod/GET/pets", "prod/GET/pets")
	not iam.path_covers("prod/*", "*")
	not iam.path_covers("prod/GET/pets", "prod/GET/*")
	not iam.path_covers("*/GET/*", "prod/GET/pets")
}

test_operators if {
	iam.operator_info("StringEquals") == {"family": "string", "negated": false, "wildcards": false}
	iam.operator_info("ForAnyValue:StringLikeIfExists") == {"family": "string", "negated": false, "wildcards": true}
	iam.operator_info("ForAllValues:StringNotEquals") == {"family": "string", "negated": true, "wildcards": false}
	iam.operator_info("NotIpAddressIfExists") == {"family": "ip", "negated": true, "wildcards": false}
	not iam.operator_info("NumericEquals")
}

class(kind, wildcards, v, cfg) := iam.value_class(kind, wildcards, v, cfg).class

test_value_classes if {
	every c in [
		["endpoint", true, "*", "every"],
		["endpoint", true, "vpce-*", "every"],
		["endpoint", true, "VPCE-*", "every"],
		["endpoint", true, "vp*", "every"],
		["vpc", true, "vpc-*", "every"],
		["endpoint", true, "*-*", "every"],
		["endpoint", true, "*vpce*", "every"],
		["endpoint", true, "?pce-*", "every"],
		["vpc", true, "*-*", "every"],
		["endpoint", true, "vpce-*?", "every"],
		["endpoint", true, "vpce-0a1b*", "listed"],
		["endpoint", true, "vpce-????????", "listed"],
		["endpoint", true, "*0*", "listed"],
		["endpoint", true, "vpce-[*]", "listed"],
		["endpoint", false, "vpce-0a1b2c3d4e5f67890", "listed"],
		["endpoint", false, "vpce-*", "impossible"],
		["endpoint", false, "*", "impossible"],
		["vpc", false, "vpc-0123456789abcdef0", "listed"],
		["ip", false, "0.0.0.0/0", "every ipv4"],
		["ip", false, "::/0", "every ipv6"],
		["ip", false, "10.0.0.0/7", "outside"],
		["ip", false, "2001:db8::/31", "outside"],
		["ip", false, "not-an-ip", "unparsable"],
		["ip", false, "10.0.0.0/33", "unparsable"],
		["ip", false, "10.0.0.0/8", "listed"],
		["ip", false, "10.1.2.3", "listed"],
		["ip", false, "2001:db8::/32", "listed"],
		["endpoint", false, 5, "impossible"],
	] {
		class(c[0], c[1], c[2], default_config) == c[3]
	}
}

test_minimum_prefix_is_configurable if {
	cfg := object.union(default_config, {"minimumCidrPrefix": {"ipv4": 16, "ipv6": 48}})
	class("ip", false, "10.0.0.0/8", cfg) == "outside"
	class("ip", false, "10.1.0.0/16", cfg) == "listed"
	class("ip", false, "2001:db8::/32", cfg) == "outside"
}

test_allow_lists if {
	cfg := object.union(default_config, {
		"allowedVpcEndpointIds": ["vpce-1111"],
		"allowedVpcIds": ["vpc-2222"],
		"allowedSourceCidrs": ["10.0.0.0/16"],
	})
	class("endpoint", false, "vpce-1111", cfg) == "listed"
	class("endpoint", false, "VPCE-1111", cfg) == "listed"
	class("endpoint", false, "vpce-9999", cfg) == "outside"
	class("endpoint", true, "vpce-11*", cfg) == "outside"
	class("vpc", false, "vpc-2222", cfg) == "listed"
	class("vpc", false, "vpc-9999", cfg) == "outside"
	class("ip", false, "10.0.1.0/24", cfg) == "listed"
	class("ip", false, "10.1.0.0/24", cfg) == "outside"
}

outcome(operator, key, values) := iam.judge_entry({"operator": operator, "key": key, "values": values}, default_config).outcome

# Requests through a VPC endpoint carry aws:SourceVpce, aws:SourceVpc and aws:VpcSourceIp, never aws:SourceIp.
condition_cases := [
	["StringEquals", "aws:SourceVpce", ["vpce-1"], "restricts"],
	["StringEquals", "aws:SourceVpce", ["vpce-*"], "never"],
	["StringEquals", "aws:SourceVpce", ["vpce-*", "vpce-1"], "restricts"],
	["StringLike", "aws:SourceVpce", ["vpce-*"], "always"],
	["StringLike", "aws:SourceVpce", ["vpce-1", "*"], "always"],
	["StringEquals", "aws:SourceVpce", [], "never"],
	["StringNotEquals", "aws:SourceVpce", ["vpce-1"], "always"],
	["StringNotLike", "aws:SourceVpce", ["vpce-*"], "never"],
	["StringNotEquals", "aws:SourceVpce", ["vpce-*"], "always"],
	["ForAnyValue:StringEqualsIfExists", "aws:SourceVpce", ["vpce-1"], "restricts"],
	["IpAddress", "aws:VpcSourceIp", ["10.0.0.0/16"], "restricts"],
	["IpAddress", "aws:VpcSourceIp", ["10.0.0.0/4"], "maybe"],
	["IpAddress", "aws:VpcSourceIp", ["0.0.0.0/0"], "maybe"],
	["IpAddress", "aws:VpcSourceIp", ["0.0.0.0/0", "::/0"], "always"],
	["NotIpAddress", "aws:VpcSourceIp", ["::/0"], "maybe"],
	["NotIpAddress", "aws:VpcSourceIp", ["::/0", "0.0.0.0/0"], "never"],
	["IpAddress", "aws:VpcSourceIp", ["not-an-address"], "never"],
	["NotIpAddress", "aws:VpcSourceIp", ["not-an-address"], "maybe"],
	["NotIpAddress", "aws:VpcSourceIp", ["10.0.0.0/16", "not-an-address"], "maybe"],
	["NotIpAddress", "aws:VPCSourceIp", ["10.0.0.0/16"], "always"],
	["NotIpAddress", "aws:VpcSourceIp", ["10.0.0.0/4"], "maybe"],
	["IpAddress", "aws:SourceIp", ["203.0.113.0/24"], "never"],
	["IpAddressIfExists", "aws:SourceIp", ["203.0.113.0/24"], "always"],
	["ForAllValues:IpAddress", "aws:SourceIp", ["203.0.113.0/24"], "always"],
	["ForAnyValue:IpAddress", "aws:SourceIp", ["203.0.113.0/24"], "never"],
	["NotIpAddress", "aws:SourceIp", ["203.0.113.0/24"], "always"],
	["ForAnyValue:NotIpAddress", "aws:SourceIp", ["203.0.113.0/24"], "never"],
	["Null", "aws:SourceVpce", ["true"], "never"],
	["Null", "aws:SourceVpce", [false], "always"],
	["Null", "aws:SourceIp", [true], "always"],
	["Null", "aws:SourceIp", ["false"], "never"],
	["StringEquals", "aws:PrincipalOrgID", ["o-1"], "maybe"],
	["IpAddress", "aws:SourceVpce", ["10.0.0.0/16"], "never"],
	["NotIpAddress", "aws:SourceVpce", ["10.0.0.0/16"], "maybe"],
	["NumericLessThan", "aws:SourceVpce", ["1"], "never"],
	["Bool", "aws:VpcSourceIp", ["true"], "never"],
	["NumericNotEquals", "aws:SourceVpc", ["1"], "maybe"],
	["ArnLike", "aws:SourceVpce", ["*"], "never"],
	["ArnNotEquals", "aws:SourceVpce", ["vpce-1"], "maybe"],
	["StringEquals", "aws:VpcSourceIp", ["10.0.0.1"], "restricts"],
	["StringEquals", "aws:VpcSourceIp", ["10.0.0.0/16"], "never"],
	["StringLike", "aws:VpcSourceIp", ["*"], "always"],
	["StringLike", "aws:VpcSourceIp", ["10.*"], "maybe"],
	["StringNotEquals", "aws:VpcSourceIp", ["10.0.0.1"], "always"],
	["StringEqualsIgnoreCase\u0000", "aws:SourceVpce", ["vpce-1"], "maybe"],
	["NumericLessThan", "aws:SourceIp", ["1"], "never"],
	["DateNotEquals", "aws:SourceIp", ["2020-01-01"], "always"],
]

test_condition_outcomes if {
	every c in condition_cases {
		outcome(c[0], c[1], c[2]) == c[3]
	}
}

test_allow_without_condition_is_open if {
	open := iam.network_verdict(doc([allow_all]), default_config, {"anonymous"}).open_allows
	count(open) == 1
	iam.statement_label(open[0].statement, open[0].index) == "statement \"Open\" (index 0)"
}

test_statement_may_be_an_object if {
	open_count({"Statement": allow_all}, default_config) == 1
}

test_positive_conditions_restrict if {
	every condition in [
		{"StringEquals": {"aws:SourceVpce": "vpce-0a1b2c3d4e5f67890"}},
		{"StringEquals": {"aws:sourcevpce": ["vpce-1", "vpce-2"]}},
		{"StringLike": {"aws:SourceVpc": "vpc-0a1b*"}},
		{"ForAnyValue:StringEqualsIfExists": {"aws:SourceVpce": "vpce-1"}},
		{"IpAddress": {"aws:VpcSourceIp": ["10.0.0.0/16"]}},
		{"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}},
		{"IpAddressIfExists": {"aws:VpcSourceIp": "10.0.0.0/16"}},
		{"Bool": {"aws:SecureTransport": "true"}, "StringEquals": {"aws:SourceVpce": "vpce-1"}},
	] {
		open_count(doc([object.union(allow_all, {"Condition": condition})]), default_config) == 0
	}
}

test_conditions_that_do_not_restrict if {
	every condition in [
		{"StringLike": {"aws:SourceVpce": "vpce-*"}},
		{"IpAddressIfExists": {"aws:SourceIp": "203.0.113.0/24"}},
		{"ForAllValues:IpAddress": {"aws:SourceIp": "203.0.113.0/24"}},
		{"StringNotEquals": {"aws:SourceVpce": "vpce-1"}},
		{"NotIpAddress": {"aws:VpcSourceIp": "10.0.0.0/16"}},
		{"IpAddress": {"aws:VpcSourceIp": "0.0.0.0/0"}},
		{"StringEquals": {"aws:PrincipalOrgID": "o-123"}},
		{"ArnNotEquals": {"aws:SourceVpce": "vpce-1"}},
		{"StringLike": {"aws:VpcSourceIp": "10.*"}},
		{"NumericNotEquals": {"aws:SourceVpce": "1"}},
	] {
		open_count(doc([object.union(allow_all, {"Condition": condition})]), default_config) == 1
	}
}

deny_outside(condition) := {
	"Effect": "Deny",
	"Principal": "*",
	"Action": "execute-api:Invoke",
	"Resource": "execute-api:/*",
	"Condition": condition,
}

test_network_denies_cover if {
	every condition in [
		{"StringNotEquals": {"aws:SourceVpce": "vpce-0a1b2c3d4e5f67890"}},
		{"StringNotEquals": {"aws:SourceVpc": ["vpc-1", "vpc-2"]}},
		{"NotIpAddress": {"aws:VPCSourceIp": ["10.0.1.10", "10.0.2.0/24"]}},
		{"StringNotEqualsIfExists": {"aws:SourceVpce": "vpce-1"}},
		{"ForAllValues:StringNotLike": {"aws:SourceVpce": "vpce-1*"}},
		{"StringNotEquals": {"aws:SourceVpce": "vpce-1"}, "NotIpAddress": {"aws:VpcSourceIp": "10.0.0.0/16"}},
		{"StringNotEquals": {"aws:SourceVpce": "*"}},
		{"NotIpAddress": {"aws:SourceIp": "10.0.0.0/8"}},
		{"StringNotEqualsIfExists": {"aws:SourceIp": "10.0.0.1"}},
	] {
		open_count(doc([deny_outside(condition), allow_all]), default_config) == 0
	}
}

test_denies_that_do_not_cover if {
	every deny in [
		deny_outside({"StringNotLike": {"aws:SourceVpce": "vpce-*"}}),
		deny_outside({"StringEquals": {"aws:SourceVpce": "vpce-bad"}}),
		deny_outside({"StringNotEquals": {"aws:SourceVpce": "vpce-1", "aws:PrincipalAccount": "123456789012"}}),
		deny_outside({"NotIpAddress": {"aws:VpcSourceIp": "0.0.0.0/0"}}),
		object.union(deny_outside({"StringNotEquals": {"aws:SourceVpce": "vpce-1"}}), {"Principal": {"AWS": "arn:aws:iam::123456789012:root"}}),
		object.union(deny_outside({"StringNotEquals": {"aws:SourceVpce": "vpce-1"}}), {"Resource": "execute-api:/prod/*"}),
		object.union(deny_outside({"StringNotEquals": {"aws:SourceVpce": "vpce-1"}}), {"Action": "execute-api:ManageConnections"}),
	] {
		open_count(doc([deny, allow_all]), default_config) == 1
	}
}

test_negated_condition_in_an_allow_is_itself_open if {
	negated_allow := object.union(deny_outside({"StringNotEquals": {"aws:SourceVpce": "vpce-1"}}), {"Effect": "Allow"})
	open_count(doc([negated_allow, allow_all]), default_config) == 2
}

test_deny_covers_principal_forms_and_broader_resources if {
	deny := object.union(deny_outside({"StringNotEquals": {"aws:SourceVpce": "vpce-1"}}), {"Principal": {"AWS": ["*"]}, "Action": "execute-api:*"})
	allow := object.union(allow_all, {"Principal": {"AWS": "arn:aws:iam::123456789012:role/caller"}, "Resource": "execute-api:/prod/GET/pets"})
	open_count(doc([deny, allow]), default_config) == 0
}

# The outside caller's action is execute-api:Invoke: a Deny of it closes an Allow of every execute-api action.
test_deny_of_invoke_closes_an_allow_of_every_action if {
	allow := object.union(allow_all, {"Action": "execute-api:*"})
	open_count(doc([deny_outside({"StringNotEquals": {"aws:SourceVpce": "vpce-1"}}), allow]), default_config) == 0
	deny := object.union(deny_outside({"StringNotEquals": {"aws:SourceVpce": "vpce-1"}}), {"Action": "execute-api:InvalidateCache"})
	open_count(doc([deny, allow]), default_config) == 1
}

test_not_action_allow_is_checked if {
	allow := {"Effect": "Allow", "Principal": "*", "NotAction": "s3:*", "Resource": "*"}
	open_count(doc([allow]), default_config) == 1
}

test_allow_of_other_actions_is_not_open if {
	allow := {"Effect": "Allow", "Principal": "*", "Action": "execute-api:ManageConnections", "Resource": "*"}
	open_count(doc([allow]), default_config) == 0
}

test_fix_shows_deny_with_configured_values if {
	cfg := object.union(default_config, {"allowedVpcEndpointIds": ["vpce-1111"]})
	iam.suggested_deny(cfg) == deny_outside({"StringNotEquals": {"aws:SourceVpce": ["vpce-1111"]}})
}

test_fix_uses_cidrs_when_only_cidrs_are_configured if {
	cfg := object.union(default_config, {"allowedSourceCidrs": ["10.0.0.0/16"]})
	iam.suggested_deny(cfg).Condition == {"NotIpAddress": {"aws:VpcSourceIp": ["10.0.0.0/16"]}}
}

test_reasons_explain_the_near_misses if {
	d := doc([deny_outside({"StringNotLike": {"aws:SourceVpce": "vpce-*"}}), allow_all])
	js := iam.judged_statements(d.Statement, default_config)
	iam.deny_reasons(js, allow_all) == ["Deny statement 0 does not stop every outside network: StringNotLike aws:SourceVpce: \"vpce-*\" matches every VPC endpoint"]
}

test_malformed_documents if {
	every c in [
		[[], "the policy document is a JSON array, not an object"],
		["text", "the policy document is a JSON string, not an object"],
		[{"Version": "2012-10-17"}, "the policy document has no Statement"],
		[{"Statement": "x"}, "Statement must be an object or a list, not of type string"],
		[{"Statement": [1]}, "statement 0 is of type number, not an object"],
		[{"Statement": [{"Principal": "*", "Action": "*", "Resource": "*"}]}, "statement 0 has no Effect"],
		[{"Statement": [object.union(allow_all, {"Effect": "allow"})]}, "statement \"Open\" (index 0) has Effect \"allow\"; it must be \"Allow\" or \"Deny\""],
		[{"Statement": [object.union(allow_all, {"NotAction": "s3:*"})]}, "statement \"Open\" (index 0) has both Action and NotAction"],
		[{"Statement": [object.remove(allow_all, ["Resource"])]}, "statement \"Open\" (index 0) has neither Resource nor NotResource"],
		[{"Statement": [object.remove(allow_all, ["Principal"])]}, "statement \"Open\" (index 0) has neither Principal nor NotPrincipal"],
		[{"Statement": [object.union(allow_all, {"Action": 5})]}, "statement \"Open\" (index 0) Action must be a string or a list of strings, not of type number"],
		[{"Statement": [object.union(allow_all, {"Action": "invoke"})]}, "statement \"Open\" (index 0) has Action \"invoke\", which is not a service:action pattern"],
		[{"Statement": [object.union(allow_all, {"Condition": []})]}, "statement \"Open\" (index 0) has a Condition of type array, not an object"],
		[{"Statement": [object.union(allow_all, {"Condition": {"StringEquals": "x"}})]}, "statement \"Open\" (index 0) has Condition operator StringEquals mapped to a value of type string, not to an object of keys"],
		[{"Statement": [object.union(allow_all, {"Condition": {"StringEquals": {"aws:SourceVpce": 5}}})]}, "statement \"Open\" (index 0) has a value of type number for aws:SourceVpce; network condition values must be strings (or booleans under Null)"],
	] {
		c[1] in iam.document_problems(c[0])
	}
}

test_well_formed_documents_have_no_problems if {
	count(iam.document_problems(doc([allow_all]))) == 0
	count(iam.document_problems(doc([]))) == 0
}

test_deny_with_not_resource if {
	deny := object.union(object.remove(deny_outside({"StringNotEquals": {"aws:SourceVpce": "vpce-1"}}), ["Resource"]), {"NotResource": "execute-api:/prod/GET/health"})
	open_count(doc([deny, object.union(allow_all, {"Resource": "execute-api:/prod/POST/*"})]), default_config) == 0
	open_count(doc([deny, object.union(allow_all, {"Resource": "execute-api:/prod/GET/health"})]), default_config) == 1
	open_count(doc([deny, allow_all]), default_config) == 1
}

test_paths_disjoint if {
	iam.paths_disjoint("prod/GET/health", "prod/POST/*")
	iam.paths_disjoint("prod/GET/a", "prod/GET/b")
	not iam.paths_disjoint("prod/*", "prod/GET/x")
	not iam.paths_disjoint("*", "prod/GET/x")
	not iam.paths_disjoint("prod/GET/x", "prod/GET/x")
}

# The fast paths recognise only cases the full rules judge the same way.
test_well_formed_statements_have_no_problems_in_full if {
	every d in [
		doc([allow_all]),
		doc([deny_outside({"StringNotEquals": {"aws:SourceVpce": ["vpce-1", "vpce-2"]}}), allow_all]),
		doc([object.union(allow_all, {"Action": ["execute-api:Invoke", "execute-api:*"], "Condition": {"Bool": {"aws:SecureTransport": true}}})]),
		{"Statement": object.union(object.remove(allow_all, ["Action", "Resource"]), {"NotAction": "s3:*", "NotResource": ["execute-api:/prod/*"]})},
	] {
		iam.well_formed_statements(d)
		count(iam.top_problems(d) | iam.statement_problems(d)) == 0
	}
}

test_invoke_action_grants_as_matched if {
	iam.granted_action_set({"Action": "execute-api:Invoke"}) == iam.granted_action_set({"Action": ["execute-api:Invoke"]})
}

test_resource_covers_itself_as_its_path_does if {
	every r in ["execute-api:/*", "arn:aws:execute-api:us-east-1:1:abc/*", "arn:aws:execute-api:us-east-1:1:abc/prod/GET/x"] {
		iam.resource_covers(r, r)
		iam.path_covers(iam.resource_path(r), iam.resource_path(r))
	}
	not iam.resource_covers("arn:aws:s3:::bucket", "arn:aws:s3:::bucket")
}

# Statements that can apply to no request through a VPC endpoint grant nothing: not open, but reported.
test_allows_that_grant_nothing if {
	every condition in [
		{"StringEquals": {"aws:SourceVpce": "*"}},
		{"StringEquals": {"aws:SourceVpce": "vpce-*"}},
		{"IpAddress": {"aws:SourceIp": ["10.0.0.0/16", "::/0"]}},
		{"StringEquals": {"aws:SourceVpce": []}},
		{"Null": {"aws:SourceVpce": "true"}},
		{"IpAddress": {"aws:SourceVpce": "10.0.0.0/16"}},
		{"NumericLessThan": {"aws:SourceVpce": "1"}},
	] {
		d := doc([object.union(allow_all, {"Condition": condition})])
		open_count(d, default_config) == 0
		count(iam.network_verdict(d, default_config, {"anonymous"}).dead) == 1
	}
}

# An unauthenticated caller matches only statements for every principal (or NotPrincipal).
test_allows_for_named_principals_do_not_admit_anonymous_callers if {
	every principal in [{"AWS": "arn:aws:iam::111122223333:root"}, {"AWS": ["111122223333"]}, {"Service": "lambda.amazonaws.com"}] {
		open_count(doc([object.union(allow_all, {"Principal": principal})]), default_config) == 0
	}
	not_principal := object.union(object.remove(allow_all, ["Principal"]), {"NotPrincipal": {"AWS": "arn:aws:iam::111122223333:root"}})
	open_count(doc([not_principal]), default_config) == 1
}

aws_docs_pattern := doc([deny_outside({"StringNotEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}), allow_all])

control_pattern := doc([allow_all, deny_outside({"NotIpAddress": {"aws:VPCSourceIp": ["10.0.0.0/16"]}})])

allow_from_endpoint := doc([object.union(allow_all, {"Condition": {"StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}})])

# Callers authenticated by IAM or by an authorizer need no Allow: only a Deny on every method keeps them out.
test_callers_that_need_no_allow if {
	open_without_allow(aws_docs_pattern) == set()
	open_without_allow(control_pattern) == set()
	open_count(allow_from_endpoint, default_config) == 0
	both := {"identity", "authorizer"}
	open_without_allow(allow_from_endpoint) == both
	open_without_allow(doc([])) == both
	open_without_allow(doc([object.union(deny_outside({"StringNotEquals": {"aws:SourceVpce": "vpce-1"}}), {"Resource": "execute-api:/prod/*"})])) == both
	open_without_allow(doc([object.union(deny_outside({"StringNotEquals": {"aws:SourceVpce": "vpce-1"}}), {"Principal": {"AWS": "arn:aws:iam::111122223333:root"}})])) == both
	open_without_allow(doc([object.union(deny_outside({"StringNotEquals": {"aws:SourceVpce": "vpce-1"}}), {"Resource": "arn:aws:execute-api:*:*:*/*"})])) == set()
	open_without_allow(doc([object.union(deny_outside({"StringNotEquals": {"aws:SourceVpce": "vpce-1"}}), {"Resource": "arn:aws:execute-api:us-east-1:111122223333:a1b2c3d4e5/*"})])) == both
	iam.network_verdict(allow_from_endpoint, default_config, {"anonymous"}).open_without_allow == set()
}

# AWS documents {"AWS": "*"} as everyone, anonymous callers included.
test_deny_for_every_aws_principal_stops_every_caller if {
	deny := object.union(deny_outside({"StringNotEquals": {"aws:SourceVpce": "vpce-1"}}), {"Principal": {"AWS": "*"}})
	open_without_allow(doc([deny])) == set()
	open_count(doc([deny, allow_all]), default_config) == 0
}

test_allow_excluding_every_method_grants_nothing if {
	every not_resource in ["*", "execute-api:/*", ["execute-api:/prod/*", "arn:aws:execute-api:*:*:*/*"]] {
		open_count(doc([object.union(object.remove(allow_all, ["Resource"]), {"NotResource": not_resource})]), default_config) == 0
	}
	every not_resource in [["execute-api:/prod/*", "arn:aws:s3:::b"], "arn:aws:execute-api:us-east-1:111122223333:otherapi1/*"] {
		open_count(doc([object.union(object.remove(allow_all, ["Resource"]), {"NotResource": not_resource})]), default_config) == 1
	}
}

# A Deny written for another API, account or region restricts nothing on this one; the pack cannot tell this
# API's region, account and id, so only "*" there (or the execute-api:/ shorthand) names it for sure. A Deny
# naming the Allow's resources as written covers them, whichever API they are.
test_deny_of_another_api_does_not_cover if {
	other := "arn:aws:execute-api:us-east-1:111122223333:otherapi1/*"
	deny := object.union(deny_outside({"StringNotEquals": {"aws:SourceVpce": "vpce-1"}}), {"Resource": other})
	every allow_resource in ["execute-api:/*", "*", "arn:aws:execute-api:*:*:*/*", "arn:aws:execute-api:us-east-1:444455556666:otherapi1/*"] {
		open_count(doc([object.union(allow_all, {"Resource": allow_resource}), deny]), default_config) == 1
	}
	open_count(doc([object.union(allow_all, {"Resource": other}), deny]), default_config) == 0
	wildcard_deny := object.union(deny, {"Resource": "arn:aws:execute-api:*:*:*/*"})
	open_count(doc([allow_all, wildcard_deny]), default_config) == 0
	not iam.evidently_restricting(doc([allow_all, deny]), default_config, {"anonymous"})
}

# The addresses OPA's net builtins accept (Go's net.ParseIP), so that no builtin fails on a value judged valid.
test_valid_addresses_are_those_go_parses if {
	every v in ["10.0.0.1", "0.0.0.0/0", "255.255.255.255/32", "::", "::1", "1::", "2001:db8::/32", "1:2:3:4:5:6:7:8", "::ffff:10.0.0.1", "1:2:3:4:5:6:1.2.3.4/128"] {
		iam.valid_cidr(v)
		net.cidr_contains(iam.with_prefix(v), iam.with_prefix(v))
	}
	every v in ["010.0.0.1", "1:2:3", ":::", "1:::2", "1::2::3", "1:2:3:4:5:6:7:8:9", "12345::", "1.2.3.4::", "10.0.0.1/33", "::/129", "10.0.0", "g::1", ""] {
		not iam.valid_cidr(v)
	}
}

# A resource the pack cannot read may overlap what a NotResource Deny leaves out.
test_unreadable_resources_may_overlap if {
	deny := object.union(object.remove(deny_outside({"StringNotEquals": {"aws:SourceVpce": "vpce-1"}}), ["Resource"]), {"NotResource": "execute-api:/prod/*"})
	open_count(doc([deny, object.union(allow_all, {"Resource": "arn:aws:execute-api:us-east-1:*"})]), default_config) == 1
}

test_condition_value_types if {
	count(iam.document_problems(doc([object.union(allow_all, {"Condition": {"Null": {"aws:SourceVpce": false}}})]))) == 0
	count(iam.document_problems(doc([object.union(allow_all, {"Condition": {"IpAddress": {"aws:PrincipalTag/x": 5}}})]))) == 0
	count(iam.document_problems(doc([object.union(allow_all, {"Condition": {"StringEquals": {"aws:SourceVpce": true}}})]))) == 1
}

# ---------------------------------------------------------------------------------------------------
# The common case, decided without explanations, agrees with the full judgement

configured := object.union(default_config, {
	"allowedVpcEndpointIds": ["vpce-1", "VPCE-0A1B2C3D4E5F67890"],
	"allowedVpcIds": ["vpc-1"],
	"allowedSourceCidrs": ["10.0.0.0/8"],
})

# Either the full judgement's outcome, or "unknown": whatever the configuration.
test_quick_outcomes_agree_with_judge_entry if {
	every cfg in [default_config, configured, object.union(configured, {"allowedVpcEndpointIds": [1, "VPCE-1"], "allowedVpcIds": [null]})] {
		every c in array.concat(condition_cases, [
			["StringNotEquals", "aws:SourceVpce", ["vpce-2"], "?"],
			["StringEquals", "aws:SourceVpc", ["vpc-1", "vpc-2"], "?"],
			["StringEqualsIgnoreCase", "aws:SourceVpce", ["Vpce-1"], "?"],
			["NotIpAddress", "aws:VpcSourceIp", ["10.1.0.0/16", "192.168.0.0/16"], "?"],
			["IpAddress", "aws:VpcSourceIp", ["10.1.0.0/16", "10.0.0.1"], "?"],
			["StringNotEquals", "aws:SourceVpce", [true], "?"],
			["StringNotEquals", "aws:SourceVpce", ["vpce-1?"], "?"],
		]) {
			judged := iam.judge_entry({"operator": c[0], "key": c[1], "values": c[2]}, cfg).outcome
			iam.quick_outcome(c[0], c[1], c[2], cfg) in {judged, "unknown"}
		}
	}
}

# The usual conditions are judged quickly.
test_quick_outcomes_of_usual_conditions if {
	every c in [
		["StringNotEquals", "aws:SourceVpce", "vpce-1", "always"],
		["StringNotEqualsIfExists", "aws:sourcevpce", ["VPCE-1", "vpce-0a1b2c3d4e5f67890"], "always"],
		["StringEquals", "aws:SourceVpc", ["vpc-1"], "restricts"],
		["ForAnyValue:StringEqualsIgnoreCase", "aws:SourceVpce", "vpce-1", "restricts"],
		["NotIpAddress", "aws:VpcSourceIp", ["10.0.0.0/16", "10.1.2.3"], "always"],
		["IpAddress", "aws:VpcSourceIp", "10.0.0.0/16", "restricts"],
		["StringEquals", "aws:PrincipalOrgID", "o-1", "maybe"],
		["StringNotEquals", "aws:SourceVpce", "vpce-2", "unknown"],
		["IpAddress", "aws:SourceIp", "10.0.0.0/16", "unknown"],
	] {
		iam.quick_outcome(c[0], c[1], c[2], configured) == c[3]
	}
}

statement_cases := [
	allow_all,
	deny_outside({"StringNotEquals": {"aws:SourceVpce": "vpce-1"}}),
	object.union(allow_all, {"Condition": {"StringEquals": {"aws:SourceVpce": "vpce-1"}}}),
	object.union(allow_all, {"Condition": {"StringEquals": {"aws:SourceVpce": "vpce-2"}}}),
	object.union(allow_all, {"Condition": {"StringEquals": {"aws:SourceVpce": "vpce-*"}}}),
	object.union(allow_all, {"Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-1"}}}),
	object.union(object.remove(allow_all, ["Principal"]), {"NotPrincipal": {"AWS": "arn:aws:iam::1:root"}}),
	object.union(allow_all, {"Principal": {"AWS": "arn:aws:iam::1:root"}}),
	object.union(allow_all, {"Action": "execute-api:ManageConnections"}),
	object.union(allow_all, {"Action": ["execute-api:*"]}),
	object.union(object.remove(allow_all, ["Resource"]), {"NotResource": "execute-api:/*"}),
	object.union(object.remove(allow_all, ["Resource"]), {"NotResource": "execute-api:/prod/*"}),
	object.union(deny_outside({"StringNotEquals": {"aws:SourceVpce": "vpce-1"}}), {"Resource": "execute-api:/prod/*"}),
	object.union(deny_outside({"NotIpAddress": {"aws:VpcSourceIp": "10.0.0.0/16"}}), {"Principal": {"AWS": ["*"]}}),
	object.union(deny_outside({"StringNotEquals": {"aws:SourceVpce": "vpce-1"}}), {"Principal": {"AWS": "arn:aws:iam::1:root"}}),
	deny_outside({"StringNotEquals": {"aws:SourceVpce": "vpce-2"}}),
	deny_outside({"StringNotLike": {"aws:SourceVpce": "vpce-*"}}),
	deny_outside({"StringNotEquals": {"aws:SourceVpce": "vpce-1"}, "IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}),
]

# A statement's quick role is what the full judgement makes of it, or "unsure".
test_statement_roles_agree_with_the_judged_statements if {
	every cfg in [default_config, configured] {
		every j in iam.judged_statements(statement_cases, cfg) {
			role := iam.statement_role(j.statement, cfg)
			role in {full_role(j), "unsure"}
		}
	}
}

full_role(j) := "blocking deny" if {
	iam.blocking_deny(j)
} else := "admitting allow" if {
	iam.admitting_allow(j)
} else := "dead" if {
	iam.dead_statement(j)
} else := "inert"

# Documents pairing every statement case with the others, alone and in both orders.
document_cases := [doc(stmts) |
	some a in statement_cases
	some stmts in [[a], [a, allow_all], [deny_outside({"StringNotEquals": {"aws:SourceVpce": "vpce-1"}}), a]]
]

# What is evidently restricting is restricting, with nothing to report, for every kind of caller.
test_evidently_restricting_documents_are_restricting if {
	every cfg in [default_config, configured] {
		every kinds in [{"anonymous"}, {"identity"}, iam.caller_kinds] {
			every d in document_cases {
				quick_agrees(d, cfg, kinds)
			}
		}
	}
}

quick_agrees(d, cfg, kinds) if not iam.evidently_restricting(d, cfg, kinds)

quick_agrees(d, cfg, kinds) if {
	count(iam.document_problems(d)) == 0
	verdict := iam.network_verdict(d, cfg, kinds)
	(count(verdict.open_allows) + count(verdict.open_without_allow)) + count(verdict.dead) == 0
}

# The documents of the AWS guide and of the control are recognised, open ones are not.
test_usual_documents_are_evidently_restricting if {
	iam.evidently_restricting(aws_docs_pattern, default_config, iam.caller_kinds)
	not iam.evidently_restricting(aws_docs_pattern, configured, iam.caller_kinds)
	iam.evidently_restricting(control_pattern, configured, iam.caller_kinds)
	iam.evidently_restricting(allow_from_endpoint, default_config, {"anonymous"})
	not iam.evidently_restricting(allow_from_endpoint, default_config, {"identity"})
	not iam.evidently_restricting(doc([allow_all]), configured, {"anonymous"})
	not iam.evidently_restricting(doc([deny_outside({"StringNotEquals": {"aws:SourceVpce": "vpce-1"}}), allow_all]), default_config, {"anonymous"}) with iam.covers_resources as false
}

# A resource is found readable without building its tail exactly when its tail can be built.
test_readable_resources_are_those_with_a_tail if {
	every r in [
		"*",
		"execute-api:/*",
		"execute-api:/prod/GET/pets",
		"arn:aws:execute-api:us-east-1:123456789012:abcdef1234/*",
		"ARN:aws:Execute-Api:us-east-1:123456789012:abcdef1234/prod/POST/*",
		"arn:aws:execute-api:*:*:*",
		"arn:aws:execute-api:us-east-1:1:a:b/prod",
		"arn:aws:execute-api:us-east-1:123456789012:abcdef1234",
		"arn:aws/x:execute-api:us-east-1:123456789012:abcdef1234",
		"arn:aws:execute-api:us-east-1:123456789012",
		"arn:aws:s3:::bucket/*",
		"execute-api:*",
		"**",
	] {
		readable_as_built(r)
	}
}

readable_as_built(r) if {
	iam.readable_resource(r)
	iam.resource_tail(r)
}

readable_as_built(r) if {
	not iam.readable_resource(r)
	not iam.resource_tail(r)
}

# The usual ARN is recognised by its start, any other by its lower-cased parts: both ways name the same ARNs.
test_execute_api_arns_by_start_or_by_parts if {
	every r in [
		"arn:aws:execute-api:us-east-1:123456789012:abcdef1234/*",
		"ARN:AWS:Execute-API:us-east-1:123456789012:abcdef1234/*",
		"arn:aws-cn:execute-api:cn-north-1:123456789012:abcdef1234/*",
		"arn:aws:execute-api:*:*:*",
	] {
		count(iam.execute_api_arn_parts(r)) >= 6
	}
	every r in [
		"arn:aws:execute-api:us-east-1:123456789012",
		"arn:aws:execute-apis:us-east-1:123456789012:abcdef1234",
		"arn:aws:s3:::bucket/*",
		"execute-api:/*",
	] {
		not iam.execute_api_arn_parts(r)
	}
}

# A document with a malformed statement is never evidently restricting: its problems are reported.
test_malformed_statements_are_not_evidently_restricting if {
	deny := deny_outside({"StringNotEquals": {"aws:SourceVpce": "vpce-1"}})
	iam.evidently_restricting(doc([deny, allow_all]), default_config, iam.caller_kinds)
	every bad in [
		5,
		object.union(deny, {"Effect": "deny"}),
		object.remove(deny, ["Effect"]),
		object.union(deny, {"NotAction": "s3:*"}),
		object.union(deny, {"Action": []}),
		object.union(deny, {"Action": "invoke"}),
		object.remove(deny, ["Resource"]),
		object.union(deny, {"Resource": [1]}),
		object.union(deny, {"NotPrincipal": {"AWS": "arn:aws:iam::1:root"}}),
		object.union(deny, {"Condition": []}),
		object.union(deny, {"Condition": {"StringNotEquals": "vpce-1"}}),
		object.union(deny, {"Condition": {"StringNotEquals": {"aws:SourceVpce": 5}}}),
		object.union(allow_all, {"Effect": "allow", "Action": "s3:GetObject"}),
	] {
		d := doc([deny, bad, allow_all])
		count(iam.document_problems(d)) > 0
		not iam.evidently_restricting(d, default_config, iam.caller_kinds)
	}
}
