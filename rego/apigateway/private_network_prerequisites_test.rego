package private_api_guard.apigateway.private_network_prerequisites_test

import data.private_api_guard.apigateway.private_network_prerequisites as policy

res(type, name, props, dependencies) := {
	"type": type,
	"urn": concat("", ["urn:pulumi:dev::app::", type, "::", name]),
	"name": name,
	"props": props,
	"unknowns": [],
	"documents": {},
	"dependencies": dependencies,
}

api := res("aws:apigateway/restApi:RestApi", "api", {"endpointConfiguration": {"types": "PRIVATE"}}, {})

vpc := res("aws:ec2/vpc:Vpc", "vpc", {"cidrBlock": "10.0.0.0/16", "enableDnsSupport": true, "enableDnsHostnames": true}, {})

group := res("aws:ec2/securityGroup:SecurityGroup", "endpoint-sg", {"ingress": [{"protocol": "tcp", "fromPort": 443, "toPort": 443, "cidrBlocks": ["10.0.0.0/16"]}]}, {})

endpoint_props := {
	"serviceName": "com.amazonaws.us-east-1.execute-api",
	"vpcEndpointType": "Interface",
	"privateDnsEnabled": true,
	"vpcId": null,
	"securityGroupIds": [null],
}

endpoint(props) := res("aws:ec2/vpcEndpoint:VpcEndpoint", "execute-api", object.union(endpoint_props, props), {
	"vpcId": [vpc.urn],
	"securityGroupIds": [group.urn],
})

test_complete_setup_passes if {
	count(policy.findings) == 0 with input as {"resources": [api, vpc, group, endpoint({})]}
}

test_no_private_api_no_findings if {
	count(policy.findings) == 0 with input as {"resources": [vpc]}
}

test_missing_endpoint if {
	found := policy.findings with input as {"resources": [api, vpc]}
	some f in found
	contains(f.message, "no interface VPC endpoint for com.amazonaws.<region>.execute-api")
}

test_endpoint_settings if {
	every c in [
		[{"privateDnsEnabled": false}, "must have privateDnsEnabled: true"],
		[{"vpcEndpointType": "Gateway"}, "must have vpcEndpointType \"Interface\""],
	] {
		found := policy.findings with input as {"resources": [api, vpc, group, endpoint(c[0])]}
		some f in found
		contains(f.message, c[1])
	}
}

test_vpc_dns_settings if {
	no_hostnames := object.union(vpc, {"props": {"enableDnsHostnames": false}})
	found := policy.findings with input as {"resources": [api, no_hostnames, group, endpoint({})]}
	some f in found
	contains(f.message, "must have enableDnsHostnames: true")
}

test_security_group_must_allow_https_from_the_vpc if {
	ssh_only := object.union(group, {"props": {"ingress": [{"protocol": "tcp", "fromPort": 22, "toPort": 22, "cidrBlocks": ["10.0.0.0/16"]}]}})
	found := policy.findings with input as {"resources": [api, vpc, ssh_only, endpoint({})]}
	some f in found
	contains(f.message, "allows TCP 443 from the VPC CIDR 10.0.0.0/16")
}

test_separate_ingress_rule_counts if {
	bare := object.union(group, {"props": {"ingress": []}})
	rule := res("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "https", {"ipProtocol": "tcp", "fromPort": 443, "toPort": 443, "cidrIpv4": "10.0.0.0/8"}, {"securityGroupId": [group.urn]})
	count(policy.findings) == 0 with input as {"resources": [api, vpc, bare, rule, endpoint({})]}
}

test_vpc_endpoint_ids_must_be_execute_api if {
	s3 := res("aws:ec2/vpcEndpoint:VpcEndpoint", "s3", {"serviceName": "com.amazonaws.us-east-1.s3", "arn": "arn:aws:ec2:us-east-1:123:vpc-endpoint/vpce-s3"}, {})
	listing := object.union(api, {"props": {"endpointConfiguration": {"types": "PRIVATE", "vpcEndpointIds": ["vpce-s3"]}}})
	found := policy.findings with input as {"resources": [listing, vpc, group, endpoint({}), s3]}
	some f in found
	contains(f.message, "lists VPC endpoint \"s3\" in vpcEndpointIds, but its service is \"com.amazonaws.us-east-1.s3\"")
}

test_vpc_endpoint_ids_of_a_wrong_type_are_an_error if {
	every ids in [{"ciphertext": "v1:abc"}, 5, true, ["vpce-1", 7], [null]] {
		listing := object.union(api, {"props": {"endpointConfiguration": {"types": "PRIVATE", "vpcEndpointIds": ids}}})
		errors := ids_errors with input as {"resources": [listing]}
		count(errors) == 1
	}
}

test_vpc_endpoint_ids_as_a_list_or_string_or_null_are_no_error if {
	every ids in [["vpce-1"], "vpce-1", [], null] {
		listing := object.union(api, {"props": {"endpointConfiguration": {"types": "PRIVATE", "vpcEndpointIds": ids}}})
		errors := ids_errors with input as {"resources": [listing]}
		count(errors) == 0
	}
}

ids_errors contains f if {
	some f in policy.findings
	f.kind == "error"
	f.urn == api.urn
	contains(f.message, "endpointConfiguration.vpcEndpointIds")
}
