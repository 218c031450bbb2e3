package private_api_guard.lib.documents_test

import data.private_api_guard.lib.documents
import data.private_api_guard.lib.iam

default_config := {"allowedVpcEndpointIds": [], "allowedVpcIds": [], "allowedSourceCidrs": [], "minimumCidrPrefix": {"ipv4": 8, "ipv6": 32}}

arn := "arn:aws:execute-api:us-east-1:111122223333:a1b2c3d4e5"

# The usual pair written with the API's full ARN, as a RestApiPolicy attached by id holds it.
full_arn_pair := {"Statement": [
	{"Effect": "Deny", "Principal": "*", "Action": "execute-api:Invoke", "Resource": concat("", [arn, "/*"]), "Condition": {"StringNotEquals": {"aws:SourceVpce": "vpce-1"}}},
	{"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": concat("", [arn, "/*"])},
]}

entry(api_id) := {"state": "parsed", "value": full_arn_pair, "where": "the policy property", "path": "policy", "api_id": api_id}

every_kind := {"anonymous", "identity", "authorizer"}

# Known to be this API's by its id, the ARN names every method: callers that need no Allow are kept out too.
test_an_arn_with_the_apis_own_id_names_this_api if {
	documents.assess(entry("a1b2c3d4e5"), default_config, every_kind).status == "restricting"
}

# Without the id (an inline policy) or with another id, the written-out ARN may be another API's: the Deny covers
# the Allow it names as written, but not every method.
test_an_arn_without_a_known_id_covers_only_what_it_names if {
	every api_id in [null, "zzzzzzzzzz"] {
		documents.assess(entry(api_id), default_config, {"anonymous"}).status == "restricting"
		documents.assess(entry(api_id), default_config, every_kind).status == "open"
	}
}

test_with_api_id_rewrites_only_that_apis_arns if {
	d := {"Statement": {"Effect": "Deny", "Resource": [concat("", [arn, "/prod/*"]), "arn:aws:execute-api:us-east-1:111122223333:other/*", 7], "NotResource": concat("", [arn, "/dev/GET/x"])}}
	iam.with_api_id(d, "a1b2c3d4e5") == {"Statement": [{"Effect": "Deny", "Resource": ["execute-api:/prod/*", "arn:aws:execute-api:us-east-1:111122223333:other/*", 7], "NotResource": "execute-api:/dev/GET/x"}]}
	iam.with_api_id(d, "other0000") == d
	iam.with_api_id("not a document", "a1b2c3d4e5") == "not a document"
}
