# Which kinds of caller (iam.caller_kinds) can reach a REST API, from what the stack says about its
# methods: aws:apigateway/method:Method (`authorization`), aws-native:apigateway:Method
# (`AuthorizationType`), and the operations of the API's OpenAPI body (their security requirements and the
# x-amazon-apigateway-authtype of each scheme).
package private_api_guard.lib.authorization

import data.private_api_guard.lib.iam
import data.private_api_guard.lib.resources

method_types := {"aws:apigateway/method:Method", "aws-native:apigateway:Method"}

# The property that names the method's API, and the one that holds its authorization type.
method_properties := {
	"aws:apigateway/method:Method": {"api": "restApi", "authorization": "authorization"},
	"aws-native:apigateway:Method": {"api": "restApiId", "authorization": "authorizationType"},
}

caller_kinds_of := {
	"NONE": "anonymous",
	"AWS_IAM": "identity",
	"CUSTOM": "authorizer",
	"COGNITO_USER_POOLS": "authorizer",
}

api_property(method) := method_properties[method.type].api

# ---------------------------------------------------------------------------------------------------
# Methods

# What one Method resource says: {"kinds": set, "label": text, "unknown": bool}. An authorization type the
# pack does not know admits every kind of caller, so that nothing passes on a name it cannot read.
method_callers(m) := {"kinds": set(), "label": "", "unknown": true} if {
	resources.unknown_within(m, method_properties[m.type].authorization)
} else := callers_of_type(object.get(m.props, method_properties[m.type].authorization, null))

# What a known authorization type (raw, as the property holds it) says.
callers_of_type(raw) := {"kinds": {kind}, "label": authorization, "unknown": false} if {
	is_string(raw)
	authorization := upper(raw)
	kind := caller_kinds_of[authorization]
} else := {"kinds": iam.caller_kinds, "label": concat("", ["an authorization type the pack does not know (", json.marshal(raw), ")"]), "unknown": false}

# A Method whose API is not known yet and has no dependency to say which API it belongs to.
possibly_attached(m) if {
	resources.unknown_within(m, api_property(m))
	count(object.get(m.dependencies, api_property(m), [])) == 0
}

# ---------------------------------------------------------------------------------------------------
# OpenAPI bodies

operation_keys := {"get", "put", "post", "delete", "options", "head", "patch", "x-amazon-apigateway-any-method"}

# The security of each operation the API's body defines (its own, or the document's default).
body_securities(body) := [security |
	paths := object.get(body, "paths", {})
	is_object(paths)
	some path_item in paths
	is_object(path_item)
	some name, operation in path_item
	lower(name) in operation_keys
	is_object(operation)
	security := object.get(operation, "security", object.get(body, "security", []))
]

# Swagger 2 keeps schemes in securityDefinitions, OpenAPI 3 in components.securitySchemes.
security_schemes(body) := object.union(
	iam.object_or_empty(object.get(body, "securityDefinitions", {})),
	iam.object_or_empty(object.get(iam.object_or_empty(object.get(body, "components", {})), "securitySchemes", {})),
)

# The kinds of caller the body's operations admit.
body_callers(body) := {k |
	schemes := security_schemes(body)
	some security in body_securities(body)
	some k in security_kinds(security, schemes)
}

# An operation's security lists alternatives; an empty list means no authorization.
security_kinds(security, schemes) := {"anonymous"} if {
	is_array(security)
	count(security) == 0
} else := {k |
	some requirement in security
	some k in requirement_kinds(requirement, schemes)
} if {
	is_array(security)
} else := iam.caller_kinds

# All the schemes of one alternative apply together. An API key authenticates nobody, so an alternative of
# API keys only (or of no scheme) is NONE; a scheme the document does not define admits every kind.
requirement_kinds(requirement, schemes) := {"anonymous"} if {
	is_object(requirement)
	every name, _ in requirement {
		api_key_only(object.get(schemes, name, null))
	}
} else := {k |
	some name, _ in requirement
	scheme := object.get(schemes, name, null)
	not api_key_only(scheme)
	some k in scheme_kinds(scheme)
} if {
	is_object(requirement)
} else := iam.caller_kinds

api_key_only(scheme) if {
	is_object(scheme)
	scheme.type == "apiKey"
	not has_authtype(scheme)
	not scheme["x-amazon-apigateway-authorizer"]
}

has_authtype(scheme) if scheme["x-amazon-apigateway-authtype"]

# awsSigv4 is IAM; any other scheme is an authorizer (Lambda, Cognito).
scheme_kinds(scheme) := {"identity"} if {
	is_object(scheme)
	authtype := scheme["x-amazon-apigateway-authtype"]
	is_string(authtype)
	lower(authtype) == "awssigv4"
} else := {"authorizer"} if {
	is_object(scheme)
} else := iam.caller_kinds
