package private_api_guard.apigateway.rest_api_private_test

import data.private_api_guard.apigateway.rest_api_private

api(props) := {"resource": {
	"type": "aws:apigateway/restApi:RestApi",
	"urn": "urn:pulumi:dev::app::aws:apigateway/restApi:RestApi::api",
	"name": "api",
	"props": props,
	"unknowns": [],
	"documents": {},
	"dependencies": {},
}}

kinds(findings) := [f.kind | some f in findings]

test_private_passes if {
	every props in [
		{"endpointConfiguration": {"types": "PRIVATE"}},
		{"endpointConfiguration": {"types": ["PRIVATE"], "vpcEndpointIds": ["vpce-1"]}},
	] {
		count(rest_api_private.findings) == 0 with input as api(props)
	}
}

test_public_endpoint_types_are_violations if {
	every props in [
		{},
		{"endpointConfiguration": null},
		{"endpointConfiguration": {"types": "REGIONAL"}},
		{"endpointConfiguration": {"types": ["EDGE"]}},
		{"endpointConfiguration": {"types": []}},
	] {
		kinds(rest_api_private.findings) == ["violation"] with input as api(props)
	}
}

test_missing_configuration_means_edge if {
	found := rest_api_private.findings with input as api({})
	some f in found
	f.message == "the endpoint type is EDGE (there is no endpointConfiguration, so the endpoint type is EDGE); it must be PRIVATE"
}

test_remediation_keeps_the_provider_shape if {
	f1_found := rest_api_private.findings with input as api({"endpointConfiguration": {"types": "EDGE", "vpcEndpointIds": []}})
	f2_found := rest_api_private.findings with input as api({"endpointConfiguration": {"types": ["REGIONAL"]}})
	f3_found := rest_api_private.findings with input as api({})
	some f1 in f1_found
	f1.remediation == {"endpointConfiguration": {"types": "PRIVATE", "vpcEndpointIds": []}}
	some f2 in f2_found
	f2.remediation == {"endpointConfiguration": {"types": ["PRIVATE"]}}
	some f3 in f3_found
	f3.remediation == {"endpointConfiguration": {"types": "PRIVATE"}}
}

test_aws_native_uses_lists if {
	native := object.union(api({}), {"resource": {"type": "aws-native:apigateway:RestApi"}})
	found := rest_api_private.findings with input as native
	some f in found
	f.remediation == {"endpointConfiguration": {"types": ["PRIVATE"]}}
}

test_unknown_endpoint_configuration_is_advisory if {
	unknown := object.union(api({"endpointConfiguration": {"types": null}}), {"resource": {"unknowns": ["endpointConfiguration.types"]}})
	kinds(rest_api_private.findings) == ["unknown"] with input as unknown
}

test_unknown_endpoint_ids_do_not_hide_a_known_type if {
	ids_unknown := object.union(api({"endpointConfiguration": {"types": "PRIVATE", "vpcEndpointIds": [null]}}), {"resource": {"unknowns": ["endpointConfiguration.vpcEndpointIds.0"]}})
	count(rest_api_private.findings) == 0 with input as ids_unknown
}

test_unexpected_types_are_errors if {
	every props in [
		{"endpointConfiguration": "PRIVATE"},
		{"endpointConfiguration": {"types": 3}},
		{"endpointConfiguration": {"types": [true]}},
	] {
		kinds(rest_api_private.findings) == ["error"] with input as api(props)
	}
}

test_other_resource_types_are_ignored if {
	other := object.union(api({}), {"resource": {"type": "aws:s3/bucket:Bucket"}})
	count(rest_api_private.findings) == 0 with input as other
}
