package private_api_guard.lib.iam_test

import data.private_api_guard.lib.iam

default_config := {"allowedVpcEndpointIds": [], "allowedVpcIds": [], "allowedSourceCidrs": [], "minimumCidrPrefix": {"ipv4": 8, "ipv6": 32}}

allow_all := {"Sid": "Open", "Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*"}

doc(statements) := {"Version": "2012-10-17", "Statement": statements}

open_count(d, cfg) := count(iam.open_statements(d, cfg))

test_lower_case_actions_are_the_execute_api_actions if {
	iam.lower_case_actions == [{"action": a, "lower": lower(a)} | some a in iam.execute_api_actions]
}

grants_invoke(stmt) if "execute-api:Invoke" in iam.granted_actions(stmt)

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
		iam.granted_actions(c[0]) == c[1]
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
	iam.operator_info("StringEquals") == {"family": "string", "negated": false}
	iam.operator_info("ForAnyValue:StringLikeIfExists") == {"family": "string", "negated": false}
	iam.operator_info("ForAllValues:StringNotEquals") == {"family": "string", "negated": true}
	iam.operator_info("NotIpAddressIfExists") == {"family": "ip", "negated": true}
	not iam.operator_info("NumericEquals")
}

test_values_that_restrict_nothing if {
	every c in [
		["endpoint", "*"],
		["endpoint", "vpce-*"],
		["endpoint", "VPCE-*"],
		["endpoint", "vp*"],
		["vpc", "vpc-*"],
		["endpoint", "*-*"],
		["endpoint", "*vpce*"],
		["endpoint", "?pce-*"],
		["vpc", "*-*"],
		["endpoint", "vpce-*?"],
		["ip", "0.0.0.0/0"],
		["ip", "::/0"],
		["ip", "10.0.0.0/7"],
		["ip", "2001:db8::/31"],
		["ip", "not-an-ip"],
		["ip", "10.0.0.0/33"],
	] {
		count(iam.value_problems(c[0], c[1], default_config)) > 0
	}
}

test_values_that_restrict if {
	every c in [
		["endpoint", "vpce-0a1b2c3d4e5f67890"],
		["endpoint", "vpce-0a1b*"],
		["endpoint", "vpce-????????"],
		["endpoint", "*0*"],
		["endpoint", "vpce-[*]"],
		["vpc", "vpc-0123456789abcdef0"],
		["ip", "10.0.0.0/8"],
		["ip", "10.1.2.3"],
		["ip", "2001:db8::/32"],
	] {
		count(iam.value_problems(c[0], c[1], default_config)) == 0
	}
}

test_minimum_prefix_is_configurable if {
	cfg := object.union(default_config, {"minimumCidrPrefix": {"ipv4": 16, "ipv6": 48}})
	count(iam.value_problems("ip", "10.0.0.0/8", cfg)) > 0
	count(iam.value_problems("ip", "10.1.0.0/16", cfg)) == 0
	count(iam.value_problems("ip", "2001:db8::/32", cfg)) > 0
}

test_allow_lists if {
	cfg := object.union(default_config, {
		"allowedVpcEndpointIds": ["vpce-1111"],
		"allowedVpcIds": ["vpc-2222"],
		"allowedSourceCidrs": ["10.0.0.0/16"],
	})
	count(iam.value_problems("endpoint", "vpce-1111", cfg)) == 0
	count(iam.value_problems("endpoint", "vpce-9999", cfg)) > 0
	count(iam.value_problems("vpc", "vpc-2222", cfg)) == 0
	count(iam.value_problems("vpc", "vpc-9999", cfg)) > 0
	count(iam.value_problems("ip", "10.0.1.0/24", cfg)) == 0
	count(iam.value_problems("ip", "10.1.0.0/24", cfg)) > 0
}

test_allow_without_condition_is_open if {
	open := iam.open_statements(doc([allow_all]), default_config)
	count(open) == 1
	open[0].label == "statement \"Open\" (index 0)"
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
		{"ArnEquals": {"aws:SourceVpce": "vpce-1"}},
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
		{"StringEquals": {"aws:SourceVpce": "*"}},
		{"StringLike": {"aws:SourceVpce": "vpce-*"}},
		{"StringNotEquals": {"aws:SourceVpce": "vpce-1"}},
		{"NotIpAddress": {"aws:VpcSourceIp": "10.0.0.0/16"}},
		{"IpAddress": {"aws:VpcSourceIp": "0.0.0.0/0"}},
		{"IpAddress": {"aws:SourceIp": ["10.0.0.0/16", "::/0"]}},
		{"StringEquals": {"aws:SourceVpce": []}},
		{"IpAddress": {"aws:SourceVpce": "10.0.0.0/16"}},
		{"StringEquals": {"aws:PrincipalOrgID": "o-123"}},
		{"NumericLessThan": {"aws:SourceVpce": "1"}},
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
	] {
		open_count(doc([deny_outside(condition), allow_all]), default_config) == 0
	}
}

test_denies_that_do_not_cover if {
	every deny in [
		deny_outside({"StringNotEquals": {"aws:SourceVpce": "*"}}),
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

test_deny_must_cover_every_action_the_allow_grants if {
	allow := object.union(allow_all, {"Action": "execute-api:*"})
	open_count(doc([deny_outside({"StringNotEquals": {"aws:SourceVpce": "vpce-1"}}), allow]), default_config) == 1
	deny := object.union(deny_outside({"StringNotEquals": {"aws:SourceVpce": "vpce-1"}}), {"Action": "*"})
	open_count(doc([deny, allow]), default_config) == 0
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
	fix := json.unmarshal(iam.open_statements(doc([allow_all]), cfg)[0].fix)
	fix == deny_outside({"StringNotEquals": {"aws:SourceVpce": ["vpce-1111"]}})
}

test_fix_uses_cidrs_when_only_cidrs_are_configured if {
	cfg := object.union(default_config, {"allowedSourceCidrs": ["10.0.0.0/16"]})
	fix := json.unmarshal(iam.open_statements(doc([allow_all]), cfg)[0].fix)
	fix.Condition == {"NotIpAddress": {"aws:VpcSourceIp": ["10.0.0.0/16"]}}
}

test_reasons_explain_the_near_misses if {
	d := doc([deny_outside({"StringNotLike": {"aws:SourceVpce": "vpce-*"}}), allow_all])
	reasons := iam.open_statements(d, default_config)[0].reasons
	reasons == ["Deny statement 0 does not count: StringNotLike aws:SourceVpce: \"vpce-*\" matches every VPC endpoint"]
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
		[{"Statement": [object.union(allow_all, {"Condition": {"StringEquals": {"aws:SourceVpce": 5}}})]}, "statement \"Open\" (index 0) has a value of type number for aws:SourceVpce; network condition values must be strings"],
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

test_listed_id_entries_have_no_problems_in_full if {
	cfg := object.union(default_config, {"allowedVpcEndpointIds": ["vpce-1"]})
	every c in [
		[{"operator": "StringNotEquals", "key": "aws:SourceVpce", "values": ["vpce-1"]}, cfg, true],
		[{"operator": "StringEquals", "key": "aws:SourceVpce", "values": ["vpce-1"]}, cfg, false],
		[{"operator": "StringNotEquals", "key": "aws:SourceVpc", "values": ["vpc-1", "vpc-2"]}, cfg, true],
		[{"operator": "StringNotEquals", "key": "aws:SourceVpce", "values": ["vpce-9"]}, default_config, true],
	] {
		iam.listed_id_entry(c[0], c[1], c[2])
		count(iam.entry_problems(c[0], c[1], c[2])) == 0
	}
}

test_listed_id_entry_leaves_the_rest_to_the_full_rules if {
	cfg := object.union(default_config, {"allowedVpcEndpointIds": ["vpce-1"]})
	every c in [
		[{"operator": "StringNotEquals", "key": "aws:SourceVpce", "values": ["vpce-2"]}, cfg, true],
		[{"operator": "StringNotEquals", "key": "aws:SourceVpce", "values": ["vpce-*"]}, default_config, true],
		[{"operator": "StringEquals", "key": "aws:SourceVpce", "values": ["vpce-1"]}, cfg, true],
		[{"operator": "StringNotEquals", "key": "aws:SourceVpce", "values": []}, cfg, true],
		[{"operator": "stringnotequals", "key": "aws:sourcevpce", "values": ["vpce-1"]}, cfg, true],
	] {
		not iam.listed_id_entry(c[0], c[1], c[2])
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
