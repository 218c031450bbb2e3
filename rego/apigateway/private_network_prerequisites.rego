# METADATA
# title: apigateway-private-network-prerequisites
# description: The control's prerequisites for private APIs - an interface VPC endpoint for com.amazonaws.<region>.execute-api with private DNS, in a VPC with DNS support and DNS hostnames, behind a security group that allows TCP 443 from the VPC CIDR.
# custom:
#   severity: medium
#   enforcement_level: advisory
#   resource_types:
#     - aws:apigateway/restApi:RestApi
#     - aws-native:apigateway:RestApi
#     - aws:ec2/vpcEndpoint:VpcEndpoint
#     - aws:ec2/vpc:Vpc
#     - aws:ec2/securityGroup:SecurityGroup
#     - aws:ec2/securityGroupRule:SecurityGroupRule
#     - aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule
#   remediation: >-
#     Create an aws.ec2.VpcEndpoint with serviceName com.amazonaws.<region>.execute-api,
#     vpcEndpointType "Interface" and privateDnsEnabled true, in a VPC with enableDnsSupport and
#     enableDnsHostnames, with a security group that allows TCP 443 from the VPC's CIDR block. List only
#     execute-api endpoints in the API's endpointConfiguration.vpcEndpointIds.
package private_api_guard.apigateway.private_network_prerequisites

import data.private_api_guard.lib.resources

# Every relation between resources below is looked up in an index built once per decision (rules without
# arguments are evaluated once; functions are not memoized), so the stack is judged in linear time.
of_type(t) := [r | some r in input.resources; r.type == t]

private_apis := [api |
	some api in input.resources
	api.type in resources.rest_api_types
	resources.endpoint(api).status == "private"
]

vpc_endpoints := of_type("aws:ec2/vpcEndpoint:VpcEndpoint")

vpcs := of_type("aws:ec2/vpc:Vpc")

security_groups := of_type("aws:ec2/securityGroup:SecurityGroup")

group_rule_resources := of_type("aws:ec2/securityGroupRule:SecurityGroupRule")

ingress_rule_resources := of_type("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")

# Targets by the keys other resources refer to them by (resources.identity_keys), as indexes into their list.
vpc_indexes_by_key[key] contains i if {
	some i, vpc in vpcs
	some key in resources.identity_keys(vpc, resources.ec2_ids(vpc))
}

group_indexes_by_key[key] contains i if {
	some i, sg in security_groups
	some key in resources.identity_keys(sg, resources.ec2_ids(sg))
}

endpoint_indexes_by_key[key] contains i if {
	some i, ep in vpc_endpoints
	some key in resources.identity_keys(ep, resources.ec2_ids(ep))
}

# Rule resources by the keys their securityGroupId refers by.
group_rule_indexes_by_key[key] contains i if {
	some i, r in group_rule_resources
	some key in resources.reference_keys(r, "securityGroupId")
}

ingress_rule_indexes_by_key[key] contains i if {
	some i, r in ingress_rule_resources
	some key in resources.reference_keys(r, "securityGroupId")
}

execute_api_service(name) if {
	is_string(name)
	endswith(name, ".execute-api")
	startswith(name, "com.amazonaws.")
}

execute_api_service(name) if {
	is_string(name)
	endswith(name, ".execute-api")
	startswith(name, "cn.com.amazonaws.")
}

execute_api_endpoints := [ep | some ep in vpc_endpoints; execute_api_service(ep.props.serviceName)]

# The endpoints are judged only for a stack with a private API.
judged_endpoints := execute_api_endpoints if count(private_apis) > 0

quoted(r) := json.marshal(r.name)

finding(kind, r, message) := {"kind": kind, "urn": r.urn, "message": message}

# Written in parts that other messages share: each is one string in the module.
unknown_finding(r, what) := finding("unknown", r, concat("", [
	what, " of ", quoted(r), ": not known during preview, so it",
	" could not be checked; it is enforced on update",
]))

endpoint_violation(ep, problem) := finding("violation", ep, concat("", ["VPC endpoint ", quoted(ep), " for execute-api ", problem]))

endpoint_ids_of(api) := ids if {
	ec := api.props.endpointConfiguration
	is_object(ec)
	ids := resources.as_string_list(object.get(ec, "vpcEndpointIds", []))
}

endpoint_ids_of(api) := [] if not is_object(api.props.endpointConfiguration)

# --- an execute-api interface endpoint exists --------------------------------------------------------

findings contains f if {
	count(private_apis) > 0
	count(execute_api_endpoints) == 0
	not some_service_name_unknown
	some api in private_apis
	count(endpoint_ids_of(api)) == 0
	f := finding("violation", api, concat("", [
		"PRIVATE REST API ", quoted(api),
		": no interface VPC endpoint for com.amazonaws.<region>.execute-api is in this stack, and the API lists no vpcEndpointIds",
	]))
}

# --- the endpoint is an Interface endpoint with private DNS ------------------------------------------

findings contains f if {
	some ep in judged_endpoints
	not resources.unknown_within(ep, "vpcEndpointType")
	object.get(ep.props, "vpcEndpointType", "Gateway") != "Interface"
	f := endpoint_violation(ep, "must have vpcEndpointType \"Interface\"")
}

findings contains f if {
	some ep in judged_endpoints
	f := private_dns_finding(ep)
}

# --- its VPC resolves DNS ------------------------------------------------------------------------------

findings contains f if {
	some ep in judged_endpoints
	some vpc in endpoint_vpcs(ep)
	some setting in vpc_dns_settings
	f := vpc_dns_finding(ep, vpc, setting)
}

# --- a security group on the endpoint allows TCP 443 from the VPC CIDR ---------------------------------

findings contains f if {
	some ep in judged_endpoints
	f := security_group_finding(ep)
}

# --- the API's vpcEndpointIds name execute-api endpoints -----------------------------------------------

findings contains f if {
	some api in private_apis
	some ep in named_endpoints(api)
	not resources.unknown_within(ep, "serviceName")
	not execute_api_service(ep.props.serviceName)
	f := finding("violation", api, concat("", [
		"PRIVATE REST API ", quoted(api), " lists VPC endpoint ", quoted(ep), " in vpcEndpointIds, but its service is ",
		json.marshal(object.get(ep.props, "serviceName", null)), ", not com.amazonaws.<region>.execute-api",
	]))
}

# A vpcEndpointIds that is no list of ids would read as no ids at all, so the checks above would pass an API
# they could not judge: the pack says so as an error, which blocks whatever this policy's level.
findings contains f if {
	some api in private_apis
	not resources.unknown_within(api, "endpointConfiguration.vpcEndpointIds")
	problem := endpoint_ids_problem(object.get(api.props.endpointConfiguration, "vpcEndpointIds", null))
	f := finding("error", api, concat("", [
		"PRIVATE REST API ", quoted(api), ": endpointConfiguration.vpcEndpointIds ", problem,
		", so the endpoints it names could not be checked",
	]))
}

endpoint_ids_problem(ids) := concat("", ["is of type ", type_name(ids), ", not a list of strings"]) if {
	not is_array(ids)
	not is_string(ids)
	ids != null
}

endpoint_ids_problem(ids) := concat("", ["has an element of type ", type_name(odd[0]), ", not a string"]) if {
	is_array(ids)
	odd := [id | some id in ids; not is_string(id)]
	count(odd) > 0
}

# --- what the findings above look up -----------------------------------------------------------------

# Each finding below is unknown while what it judges is not known during preview, and a violation after.
private_dns_finding(ep) := unknown_finding(ep, "privateDnsEnabled") if {
	resources.unknown_within(ep, "privateDnsEnabled")
} else := endpoint_violation(ep, "must have privateDnsEnabled: true") if {
	object.get(ep.props, "privateDnsEnabled", false) != true
}

vpc_dns_finding(ep, vpc, setting) := unknown_finding(vpc, setting.property) if {
	resources.unknown_within(vpc, setting.property)
} else := finding("violation", vpc, concat("", [
	"VPC ", quoted(vpc), " of execute-api endpoint ", quoted(ep), " must have ", setting.property,
	": true for the endpoint's private DNS name to resolve",
])) if {
	object.get(vpc.props, setting.property, setting.default) != true
}

# Unknown only when no rule known so far lets the endpoint be reached.
security_group_finding(ep) := unknown_finding(ep, "the security group rules") if {
	groups_unknown(ep)
	not endpoint_reachable(ep)
} else := endpoint_violation(ep, "names no security group, so the VPC's default group applies; attach one that allows TCP 443 from the VPC CIDR") if {
	not groups_unknown(ep)
	count(resources.as_string_list(object.get(ep.props, "securityGroupIds", []))) == 0
	count(object.get(ep.dependencies, "securityGroupIds", [])) == 0
} else := finding("violation", ep, concat("", [
	"no security group of VPC endpoint ", quoted(ep), " allows TCP 443 from the VPC CIDR ",
	concat(", ", vpc_cidrs(ep)),
])) if {
	not groups_unknown(ep)
	count(endpoint_groups(ep)) > 0
	not endpoint_reachable(ep)
}

some_service_name_unknown if {
	some ep in vpc_endpoints
	resources.unknown_within(ep, "serviceName")
}

endpoint_vpcs(ep) := resources.in_stack_order(vpcs, {i |
	some key in resources.reference_keys(ep, "vpcId")
	some i in vpc_indexes_by_key[key]
})

# The provider's defaults: enableDnsSupport true, enableDnsHostnames false.
vpc_dns_settings := [{"property": "enableDnsSupport", "default": true}, {"property": "enableDnsHostnames", "default": false}]

endpoint_groups(ep) := resources.in_stack_order(security_groups, {i |
	some key in resources.reference_keys(ep, "securityGroupIds")
	some i in group_indexes_by_key[key]
})

# The rule resources (of a list indexed as above) whose securityGroupId refers to sg, in stack order.
referring_rules(sg, rule_resources, indexes_by_key) := resources.in_stack_order(rule_resources, {i |
	some key in resources.identity_keys(sg, resources.ec2_ids(sg))
	some i in indexes_by_key[key]
})

vpc_cidrs(ep) := [vpc.props.cidrBlock |
	some vpc in endpoint_vpcs(ep)
	is_string(vpc.props.cidrBlock)
]

# Ingress rules of a group as {protocol, fromPort, toPort, cidrs}: inline, and separate rule resources.
group_rules(sg) := array.flatten([
	[ingress_rule(ingress, "protocol", "cidrBlocks") |
		some ingress in resources.as_object_list(object.get(sg.props, "ingress", []))
	],
	[ingress_rule(r.props, "protocol", "cidrBlocks") |
		some r in referring_rules(sg, group_rule_resources, group_rule_indexes_by_key)
		r.props.type == "ingress"
	],
	[ingress_rule(r.props, "ipProtocol", "cidrIpv4") |
		some r in referring_rules(sg, ingress_rule_resources, ingress_rule_indexes_by_key)
	],
])

# A rule from the properties that describe it, whose protocol and CIDR blocks are named as given.
ingress_rule(props, protocol_key, cidrs_key) := {
	"protocol": object.get(props, protocol_key, ""),
	"fromPort": object.get(props, "fromPort", 0),
	"toPort": object.get(props, "toPort", 0),
	"cidrs": resources.as_string_list(object.get(props, cidrs_key, [])),
}

all_protocols := {"-1", "all"}

allows_https(rule) if lower(format_protocol(rule.protocol)) in all_protocols

allows_https(rule) if {
	lower(format_protocol(rule.protocol)) in {"tcp", "6"}
	is_number(rule.fromPort)
	is_number(rule.toPort)
	rule.fromPort <= 443
	rule.toPort >= 443
}

format_protocol(p) := p if {
	is_string(p)
} else := format_int(p, 10)

# With the VPC's CIDR known the rule must cover it; otherwise any source CIDR is accepted.
from_vpc(rule, cidrs) if {
	count(cidrs) > 0
	some vpc_cidr in cidrs
	some c in rule.cidrs
	contains(c, "/")
	contains(vpc_cidr, "/")
	net.cidr_contains(c, vpc_cidr)
}

from_vpc(rule, cidrs) if {
	count(cidrs) == 0
	count(rule.cidrs) > 0
}

endpoint_reachable(ep) if {
	some sg in endpoint_groups(ep)
	some rule in group_rules(sg)
	allows_https(rule)
	from_vpc(rule, vpc_cidrs(ep))
}

groups_unknown(ep) if {
	resources.unknown_within(ep, "securityGroupIds")
	count(object.get(ep.dependencies, "securityGroupIds", [])) == 0
}

groups_unknown(ep) if {
	some sg in endpoint_groups(ep)
	resources.unknown_within(sg, "ingress")
}

groups_unknown(ep) if {
	some vpc in endpoint_vpcs(ep)
	resources.unknown_within(vpc, "cidrBlock")
}

groups_unknown(_) if some_rule_resource_unknown

some_rule_resource_unknown if {
	some r in input.resources
	r.type in {"aws:ec2/securityGroupRule:SecurityGroupRule", "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"}
	count(r.unknowns) > 0
}

# The VPC endpoints the API names: by the dependencies of endpointConfiguration, or by a listed id.
named_endpoints(api) := resources.in_stack_order(vpc_endpoints, {i |
	some key in endpoint_reference_keys(api)
	some i in endpoint_indexes_by_key[key]
})

endpoint_reference_keys(api) := {resources.urn_key(urn) |
	some urn in object.get(api.dependencies, "endpointConfiguration", [])
} | {resources.id_key(id) | some id in endpoint_ids_of(api)}
