package private_api_guard.lib.resources_test

import data.private_api_guard.lib.resources

test_policy_carrying_types_are_the_rest_api_and_policy_types if {
	candidates := (resources.rest_api_types | resources.rest_api_policy_types) | {"aws:apigateway/method:Method", "aws:ec2/vpcEndpoint:VpcEndpoint"}
	{t | some t in candidates; resources.policy_carrying_type(t)} == resources.rest_api_types | resources.rest_api_policy_types
}
