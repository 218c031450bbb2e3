# What the pack knows about the Pulumi resources it reads: types, endpoint types, where resource
# policies live, and which values Pulumi could not know during preview.
#
# A resource in the input is {type, urn, name, props, unknowns, documents, dependencies}: the TypeScript
# adapter lists the dotted paths of unknown values in `unknowns` (their values are null in `props`), and
# parses each policy-carrying property into `documents[<property>]` = {state, value?, error?} with state
# "absent", "unknown", "parsed", "invalid" (not JSON/YAML) or "wrong_type" (not a string or object).
package private_api_guard.lib.resources

rest_api_types := {"aws:apigateway/restApi:RestApi", "aws-native:apigateway:RestApi"}

rest_api_policy_types := {"aws:apigateway/restApiPolicy:RestApiPolicy"}

# A type of the two sets above: a function, not their union, because a rule's set would be built anew in
# every decision (resources_test checks it).
policy_carrying_type(t) if {
	t == "aws:apigateway/restApiPolicy:RestApiPolicy"
} else if {
	t == "aws:apigateway/restApi:RestApi"
} else if {
	t == "aws-native:apigateway:RestApi"
}

body_policy_key := "x-amazon-apigateway-policy"

# ---------------------------------------------------------------------------------------------------
# Unknown values

# The value at path, or something inside it, or something containing it, is unknown.
unknown_within(r, path) if {
	some u in r.unknowns
	within_or_containing(u, path)
}

within_or_containing(u, path) if {
	u == path
} else if {
	startswith(u, concat("", [path, "."]))
} else if {
	startswith(path, concat("", [u, "."]))
}

# ---------------------------------------------------------------------------------------------------
# Endpoint type: {"status": "private" | "public" | "unknown" | "invalid", "types": [...], "detail": text}

endpoint(r) := {"status": "unknown", "types": [], "detail": "endpointConfiguration.types is not known during preview"} if {
	unknown_within(r, "endpointConfiguration.types")
} else := endpoint_of_configuration(object.get(r.props, "endpointConfiguration", null))

endpoint_of_configuration(null) := classify_types(["EDGE"], "there is no endpointConfiguration, so the endpoint type is EDGE")

endpoint_of_configuration(ec) := invalid_endpoint(["endpointConfiguration is of type ", type_name(ec), ", not an object"]) if {
	ec != null
	not is_object(ec)
}

endpoint_of_configuration(ec) := endpoint_of_types(ec.types) if is_object(ec)

endpoint_of_configuration(ec) := classify_types(["EDGE"], "endpointConfiguration has no types, so the endpoint type is EDGE") if {
	is_object(ec)
	object.get(ec, "types", null) == null
}

# @pulumi/aws v7 writes types as a string, older versions and aws-native as a list.
endpoint_of_types(types) := classify_types([types], "") if {
	is_string(types)
} else := classify_types(types, "") if {
	is_array(types)
	count(types) > 0
	every t in types {
		is_string(t)
	}
} else := classify_types(["EDGE"], "endpointConfiguration.types is empty, so the endpoint type is EDGE") if {
	is_array(types)
	count(types) == 0
} else := invalid_endpoint([
	"endpointConfiguration.types is of type ", type_name(types),
	", not a string or a list of strings",
]) if {
	not is_array(types)
	types != null
}

endpoint_of_types(types) := invalid_endpoint([
	"endpointConfiguration.types has an element of type ", type_name(t),
	", not a string",
]) if {
	is_array(types)
	some t in types
	not is_string(t)
}

# The detail says why, in parts.
invalid_endpoint(detail_parts) := {"status": "invalid", "types": [], "detail": concat("", detail_parts)}

classify_types(types, detail) := {"status": "private", "types": types, "detail": detail} if {
	every t in types {
		upper(t) == "PRIVATE"
	}
}

classify_types(types, detail) := {"status": "public", "types": types, "detail": detail} if {
	some t in types
	upper(t) != "PRIVATE"
}

# ---------------------------------------------------------------------------------------------------
# Resource policy documents: every place a resource carries one, as
# {"where": text, "path": dotted property path, "api_id": id or null, "state": ..., "value"?: document,
# "error"?: text}

document_entries(r) := array.concat(policy_property_entries(r, docs), body_entries(r, docs)) if {
	docs := r.documents
} else := []

policy_property_entries(r, docs) := [entry |
	d := docs.policy
	entry := document_entry(r, d, d.state, "the policy property", "policy", api_id_of(r))
]

# The id of the API a RestApiPolicy's document is attached to, when known (documents.judged_document).
api_id_of(r) := id if {
	r.type == "aws:apigateway/restApiPolicy:RestApiPolicy"
	id := r.props.restApiId
	is_string(id)
} else := null

# The body's document is looked up once, and not at all by what has no body.
body_entries(r, docs) := body_document_entries(r, d) if {
	d := docs.body
} else := []

body_document_entries(r, d) := [document_entry(r, d, d.state, "the body property", "body", null)] if {
	d.state in {"unknown", "invalid", "wrong_type"}
} else := [document_entry(r, {"value": doc}, "parsed", concat("", ["the body's ", body_policy_key]), path, null)] if {
	d.state == "parsed"
	is_object(d.value)
	doc := d.value[body_policy_key]
	path := concat(".", ["body", body_policy_key])
} else := []

# The entry of document d (in state `state`, d.state read once) found at path; none for an absent one. A
# parsed document with an unknown value inside (an object property built from outputs) is unknown. Each
# entry is one object literal: object.union would copy d and insert the keys it adds one by one.
document_entry(r, d, "parsed", where, path, api_id) := {"where": where, "path": path, "api_id": api_id, "state": "unknown"} if {
	unknown_within(r, path)
} else := {"where": where, "path": path, "api_id": api_id, "state": "parsed", "value": d.value}

document_entry(_, _, "unknown", where, path, api_id) := {"where": where, "path": path, "api_id": api_id, "state": "unknown"}

document_entry(_, d, "invalid", where, path, api_id) := {"where": where, "path": path, "api_id": api_id, "state": "invalid", "error": d.error}

document_entry(_, d, "wrong_type", where, path, api_id) := {"where": where, "path": path, "api_id": api_id, "state": "wrong_type", "error": d.error}

# ---------------------------------------------------------------------------------------------------
# Identity: the ids by which other resources may refer to a resource, where known.

# arn:aws:apigateway:region::/restapis/<id>, arn:aws:ec2:region:account:vpc-endpoint/<id>, ...
arn_id(arn) := id if {
	is_string(arn)
	segments := split(arn, "/")
	count(segments) >= 2
	id := segments[count(segments) - 1]
	id != ""
}

rest_api_ids(r) := {id | some id in [object.get(r.props, "id", null), restapis_id(object.get(r.props, "arn", null))]; is_string(id); id != ""}

restapis_id(arn) := id if {
	is_string(arn)
	parts := split(arn, "/restapis/")
	count(parts) == 2
	id := split(parts[1], "/")[0]
}

# The ids of an EC2 resource (VPC, endpoint, security group): its id output or the last part of its ARN.
ec2_ids(r) := {id | some id in [object.get(r.props, "id", null), arn_id(object.get(r.props, "arn", null))]; is_string(id); id != ""}

# r refers to target through property prop: by dependency (known even in preview) or by a known id.
refers_to(r, prop, target, _) if target.urn in object.get(r.dependencies, prop, [])

refers_to(r, prop, _, target_ids) if {
	some v in as_string_list(object.get(r.props, prop, null))
	v in target_ids
}

# The same relation as keys, so that a stack policy can index targets once and look references up instead
# of testing every (resource, target) pair: refers_to(r, prop, target, ids) holds exactly when
# reference_keys(r, prop) and identity_keys(target, ids) share a key. URNs and ids get distinct prefixes
# because refers_to compares URNs only with dependencies and ids only with property values.
identity_keys(target, target_ids) := {urn_key(urn) | urn := target.urn} | {id_key(id) | some id in target_ids}

reference_keys(r, prop) := {urn_key(urn) | some urn in object.get(r.dependencies, prop, [])} | {id_key(v) |
	some v in as_string_list(object.get(r.props, prop, null))
}

urn_key(urn) := concat("", ["urn ", urn])

id_key(id) := concat("", ["id ", id])

# The items at the indexes found in an index by key, in stack order (the order of the items' list).
in_stack_order(items, indexes) := [items[i] | some i in sort(indexes)]

as_string_list(x) := [x] if is_string(x)

as_string_list(x) := [s | some s in x; is_string(s)] if is_array(x)

default as_object_list(_) := []

as_object_list(x) := [o | some o in x; is_object(o)] if is_array(x)
