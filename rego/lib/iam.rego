# IAM semantics for API Gateway resource policies, written once and used by every policy of the pack.
#
# A document restricts the network when no caller from an outside network gets in, for each kind of caller
# the API's methods admit (see "Who gets in"): an unauthenticated caller needs an Allow whose conditions it
# can meet and that no Deny for all principals covers; callers authenticated by IAM or by an authorizer need
# no Allow, so only such a Deny on every method keeps them out. Conditions are judged on the request an
# outside network sends through a VPC endpoint (see "Conditions on a request from an outside network").
#
# Messages are built with concat and json.marshal (native in Wasm), not sprintf (a host call).
package private_api_guard.lib.iam

# The actions API Gateway evaluates against a resource policy.
execute_api_actions := ["execute-api:Invoke", "execute-api:InvalidateCache", "execute-api:ManageConnections"]

invoke := "execute-api:Invoke"

# Condition keys that say where a request comes from, by lower-case name (IAM compares key names
# case-insensitively). The small tables of this file are `else` chains, not objects: a rule's object would be
# built anew in every decision, and a chain stops at the first match, the usual one first.
network_kind(lower_key) := "endpoint" if {
	lower_key == "aws:sourcevpce"
} else := "vpc" if {
	lower_key == "aws:sourcevpc"
} else := "ip" if {
	lower_key == "aws:vpcsourceip"
} else := "ip" if {
	lower_key == "aws:sourceip"
}

network_key_names := "aws:SourceVpce, aws:SourceVpc, aws:VpcSourceIp or aws:SourceIp"

# Every id of the kind starts with this, so a pattern made of (part of) it and wildcards matches every id.
id_prefix(kind) := "vpce-" if {
	kind == "endpoint"
} else := "vpc-" if {
	kind == "vpc"
}

kind_nouns := {"endpoint": "VPC endpoint", "vpc": "VPC", "ip": "address"}

# The configuration key that lists the values a restriction of each kind may use.
allow_list_key(kind) := "allowedVpcEndpointIds" if {
	kind == "endpoint"
} else := "allowedVpcIds" if {
	kind == "vpc"
} else := "allowedSourceCidrs" if {
	kind == "ip"
}

# Operators by lower-case name without the ForAnyValue:/ForAllValues: prefix and the IfExists suffix.
# `wildcards` says whether * and ? match (the *Like operators) or are literal text. The Arn operators compare
# ARNs, which no network key holds: what they do with an endpoint id is left open (see judge_entry).
condition_operators := {
	"stringequals": {"family": "string", "negated": false, "wildcards": false},
	"stringequalsignorecase": {"family": "string", "negated": false, "wildcards": false},
	"stringlike": {"family": "string", "negated": false, "wildcards": true},
	"arnequals": {"family": "arn", "negated": false, "wildcards": false},
	"arnlike": {"family": "arn", "negated": false, "wildcards": true},
	"ipaddress": {"family": "ip", "negated": false, "wildcards": false},
	"stringnotequals": {"family": "string", "negated": true, "wildcards": false},
	"stringnotequalsignorecase": {"family": "string", "negated": true, "wildcards": false},
	"stringnotlike": {"family": "string", "negated": true, "wildcards": true},
	"arnnotequals": {"family": "arn", "negated": true, "wildcards": false},
	"arnnotlike": {"family": "arn", "negated": true, "wildcards": true},
	"notipaddress": {"family": "ip", "negated": true, "wildcards": false},
}

key_family(kind) := "ip" if {
	kind == "ip"
} else := "string" if {
	id_prefix(kind)
}

max_prefix := {"ipv4": 32, "ipv6": 128}

# ---------------------------------------------------------------------------------------------------
# Shapes

# A document or statement may be of any JSON type: only an object has keys. Binding the value
# (`_ = obj[key]`) is defined for every present key, a false or null value included, without
# building the set of keys.
has_key(obj, key) if {
	is_object(obj)
	_ = obj[key]
}

# Alternatives are written as `else` chains where one holding makes the others moot: functions are
# evaluated in every call, and a chain stops at the first that holds.
as_list(x) := x if {
	is_array(x)
} else := [x]

object_or_empty(x) := x if {
	is_object(x)
} else := {}

string_values(x) := [x] if {
	is_string(x)
} else := [s | some s in x; is_string(s)] if {
	is_array(x)
}

# `Statement` may be one object or a list of them; it is looked up once.
statements(doc) := statement_list(doc.Statement)

statement_list(x) := [x] if {
	is_object(x)
} else := x if {
	is_array(x)
}

has_sid(stmt) if is_string(stmt.Sid)

statement_label(stmt, i) := concat("", ["statement ", json.marshal(stmt.Sid), " (index ", format_int(i, 10), ")"]) if {
	has_sid(stmt)
} else := concat("", ["statement ", format_int(i, 10)])

# ---------------------------------------------------------------------------------------------------
# Malformed documents: each problem is a sentence naming where it is.

document_problems(doc) := {concat("", ["the policy document is a JSON ", type_name(doc), ", not an object"])} if {
	not is_object(doc)
}

# Well-formed documents, the usual case, are recognised by one cheap pass; only the others are explained.
# `else`, not a negated copy: functions are not memoized, so `not well_formed_statements` would check twice.
document_problems(doc) := set() if {
	is_object(doc)
	well_formed_statements(doc)
} else := top_problems(doc) | statement_problems(doc) if is_object(doc)

# Sufficient for every problem set below to be empty; a document it rejects is explained in full.
well_formed_statements(doc) if {
	stmts := statements(doc)
	every stmt in stmts {
		is_object(stmt)
		well_formed_effect(stmt.Effect)
		well_formed_actions(stmt)
		well_formed_resources(stmt)
		exactly_one_of(stmt, "Principal", "NotPrincipal")
		well_formed_condition(stmt)
	}
}

well_formed_effect("Allow") := true

well_formed_effect("Deny") := true

exactly_one_of(stmt, a, b) if {
	has_key(stmt, a)
	not has_key(stmt, b)
} else if {
	not has_key(stmt, a)
	has_key(stmt, b)
}

well_formed_actions(stmt) if {
	well_formed_action_list(stmt.Action)
	not has_key(stmt, "NotAction")
} else if {
	well_formed_action_list(stmt.NotAction)
	not has_key(stmt, "Action")
}

well_formed_action_list(x) if {
	is_string(x)
	well_formed_action(x)
} else if {
	is_array(x)
	count(x) > 0
	every a in x {
		is_string(a)
		well_formed_action(a)
	}
}

# The action the pack is about is valid as written; anything else is checked in full.
well_formed_action(a) if {
	a == "execute-api:Invoke"
} else if valid_action_pattern(a)

well_formed_resources(stmt) if {
	well_formed_string_list(stmt.Resource)
	not has_key(stmt, "NotResource")
} else if {
	well_formed_string_list(stmt.NotResource)
	not has_key(stmt, "Resource")
}

well_formed_string_list(x) if {
	is_string(x)
} else if {
	is_array(x)
	count(x) > 0
	every s in x {
		is_string(s)
	}
}

well_formed_condition(stmt) if {
	not has_key(stmt, "Condition")
} else if {
	well_formed_condition_object(stmt.Condition)
}

well_formed_condition_object(condition) if {
	is_object(condition)
	every op, block in condition {
		is_object(block)
		every key, raw in block {
			well_formed_condition_values(op, key, raw)
		}
	}
}

well_formed_condition_values(op, key, raw) if {
	is_string(raw)
} else if {
	not network_kind(lower(key))
} else if {
	every v in as_list(raw) {
		network_value_type(op, v)
	}
}

# Network condition values are strings; Null takes booleans too.
network_value_type(_, v) if is_string(v)

network_value_type(op, v) if {
	is_boolean(v)
	operator_base(op) == "null"
}

top_problems(doc) := {p |
	not has_key(doc, "Statement")
	p := "the policy document has no Statement"
} | {p |
	has_key(doc, "Statement")
	not is_object(doc.Statement)
	not is_array(doc.Statement)
	p := concat("", ["Statement must be an object or a list, not of type ", type_name(doc.Statement)])
}

statement_problems(doc) := {p |
	some i, stmt in statements(doc)
	some problem in single_statement_problems(stmt)
	p := concat("", [statement_label(stmt, i), " ", problem])
}

single_statement_problems(stmt) := {concat("", ["is of type ", type_name(stmt), ", not an object"])} if {
	not is_object(stmt)
} else := ((((effect_problems(stmt) | pair_problems(stmt, "Action", "NotAction")) | pair_problems(stmt, "Resource", "NotResource")) | pair_problems(stmt, "Principal", "NotPrincipal")) | value_list_problems(stmt)) | condition_problems(stmt)

effect_problems(stmt) := {p |
	has_key(stmt, "Effect")
	not stmt.Effect in {"Allow", "Deny"}
	p := concat("", ["has Effect ", json.marshal(stmt.Effect), "; it must be \"Allow\" or \"Deny\""])
} | {p |
	not has_key(stmt, "Effect")
	p := "has no Effect"
}

pair_problems(stmt, a, b) := {p |
	has_key(stmt, a)
	has_key(stmt, b)
	p := concat("", ["has both ", a, " and ", b])
} | {p |
	not has_key(stmt, a)
	not has_key(stmt, b)
	p := concat("", ["has neither ", a, " nor ", b])
}

value_list_problems(stmt) := {p |
	some key in ["Action", "NotAction", "Resource", "NotResource"]
	has_key(stmt, key)
	some problem in string_list_problems(stmt[key])
	p := concat("", [key, " ", problem])
} | {p |
	some key in ["Action", "NotAction"]
	has_key(stmt, key)
	some a in string_values(stmt[key])
	not valid_action_pattern(a)
	p := concat("", ["has ", key, " ", json.marshal(a), ", which is not a service:action pattern"])
}

string_list_problems(x) := ({p |
	not is_string(x)
	not is_array(x)
	p := concat("", ["must be a string or a list of strings, not of type ", type_name(x)])
} | {p |
	is_array(x)
	count(x) == 0
	p := "is an empty list"
}) | {p |
	is_array(x)
	some v in x
	not is_string(v)
	p := concat("", ["has an element of type ", type_name(v), "; elements must be strings"])
}

# Glob syntax IAM does not have must not reach glob.match, so such patterns are malformed.
valid_action_pattern("*") := true

valid_action_pattern(a) if {
	parts := split(a, ":")
	count(parts) == 2
	parts[0] != ""
	parts[1] != ""
	every c in ["[", "]", "{", "}", "\\", " ", ","] {
		not contains(a, c)
	}
}

condition_problems(stmt) := ({p |
	has_key(stmt, "Condition")
	not is_object(stmt.Condition)
	p := concat("", ["has a Condition of type ", type_name(stmt.Condition), ", not an object"])
} | {p |
	some op, block in object_or_empty(object.get(stmt, "Condition", {}))
	not is_object(block)
	p := concat("", ["has Condition operator ", op, " mapped to a value of type ", type_name(block), ", not to an object of keys"])
}) | {p |
	some e in condition_entries(stmt)
	network_kind(lower(e.key))
	some v in e.values
	not network_value_type(e.operator, v)
	p := concat("", ["has a value of type ", type_name(v), " for ", e.key, "; network condition values must be strings (or booleans under Null)"])
}

# ---------------------------------------------------------------------------------------------------
# Actions, principals and resources

# IAM compares actions case-insensitively: patterns and actions are compared in lower case. Written out,
# not computed, because rules are evaluated anew in every decision (iam_test checks it against
# execute_api_actions).
lower_case_actions := [
	{"action": "execute-api:Invoke", "lower": "execute-api:invoke"},
	{"action": "execute-api:InvalidateCache", "lower": "execute-api:invalidatecache"},
	{"action": "execute-api:ManageConnections", "lower": "execute-api:manageconnections"},
]

# Only * and ? are wildcards here: document_problems rejects patterns with other glob syntax before any
# action is matched. A pattern without them matches by equality, which costs far less than glob.match.
has_wildcard(s) if {
	contains(s, "*")
} else if {
	contains(s, "?")
}

any_pattern_matches(lower_patterns, lower_action) if lower_action in lower_patterns

any_pattern_matches(lower_patterns, lower_action) if {
	some p in lower_patterns
	has_wildcard(p)
	glob.match(p, [], lower_action)
}

lower_patterns(stmt, key) := [lower(p) | some p in string_values(stmt[key])]

# The execute-api actions in the statement's action set (Action lists them, or NotAction does not exclude
# them), computed once per statement and compared as sets.
# A statement whose Action is execute-api:Invoke as written, the usual one, grants just that: no pattern is
# lowered or matched. The element is lower_case_actions[0], written out because rules are not memoized.
granted_action_set(stmt) := {{"action": "execute-api:Invoke", "lower": "execute-api:invoke"}} if {
	stmt.Action == "execute-api:Invoke"
	not has_key(stmt, "NotAction")
} else := {a |
	has_key(stmt, "Action")
	patterns := lower_patterns(stmt, "Action")
	some a in lower_case_actions
	any_pattern_matches(patterns, a.lower)
} | {a |
	has_key(stmt, "NotAction")
	patterns := lower_patterns(stmt, "NotAction")
	some a in lower_case_actions
	not any_pattern_matches(patterns, a.lower)
}

grants_invoke(grants) if {
	some a in grants
	a.action == invoke
}

applies_to_all_principals(stmt) if everyone(stmt.Principal)

# "*" and {"AWS": "*"} are everyone, anonymous callers included (AWS documents both forms for anonymous access).
everyone(principal) if {
	principal == "*"
} else if {
	is_object(principal)
	some p in as_list(principal.AWS)
	p == "*"
}

# The part of an execute-api resource after the API id ("stage/METHOD/path"); "*" when it is every method.
resource_path(r) := every_method_or(resource_tail(r))

# The resource's text after the API id, as written; undefined for a resource the pack cannot read.
resource_tail(r) := "*" if {
	r == "*"
} else := substring(r, count("execute-api:/"), -1) if {
	startswith(r, "execute-api:/")
} else := arn_tail_path(tail, indexof(tail, "/")) if {
	parts := execute_api_arn_parts(r)
	tail := concat(":", array.slice(parts, 5, count(parts)))
}

# The parts of an execute-api ARN, split once and handed on: functions are not memoized.
execute_api_arn_parts(r) := parts if {
	parts := split(r, ":")
	count(parts) >= 6
	names_execute_api(r, parts)
}

# The ARN's first part is "arn" and its third "execute-api", in any case. The usual ARN, in the aws partition
# and written in lower case, is recognised by its start without building lower-case copies of the parts.
names_execute_api(r, parts) if {
	startswith(r, "arn:aws:execute-api:")
} else if {
	lower(parts[0]) == "arn"
	lower(parts[2]) == "execute-api"
}

# resource_tail(r) is defined, found without building the tail: for an ARN, arn_tail_path is defined when the
# tail ends with "*" (as the ARN does) or has a slash.
readable_resource(r) if {
	r == "*"
} else if {
	startswith(r, "execute-api:/")
} else if {
	endswith(r, "*")
	execute_api_arn_parts(r)
} else if {
	parts := execute_api_arn_parts(r)
	some part in array.slice(parts, 5, count(parts))
	contains(part, "/")
}

# arn:partition:execute-api:region:account:api-id/stage/METHOD/path; tail is what follows the account.
arn_tail_path(tail, slash) := substring(tail, slash + 1, -1) if slash >= 0

arn_tail_path(tail, slash) := "*" if {
	slash < 0
	endswith(tail, "*")
}

# Every method ARN is stage/METHOD/path with at least two slashes, so "*", "*/*" and "*/*/*" match all.
every_method_or(path) := "*" if {
	segments := split(path, "/")
	count(segments) <= 3
	every s in segments {
		s == "*"
	}
} else := path

no_wildcards(s) if {
	not contains(s, "*")
	not contains(s, "?")
}

# Sound, not complete: d covers a when every resource a can name is also named by d.
path_covers("*", _) := true

path_covers(d, a) if d == a

path_covers(d, a) if {
	endswith(d, "*")
	prefix := trim_suffix(d, "*")
	no_wildcards(prefix)
	startswith(a, prefix)
}

# One `else` chain: functions are not memoized and every clause of a function is evaluated, so the usual
# case, the first, leaves the others unread.
covers_resources(deny, allow) if {
	# The usual Deny names the Allow's resources as written: each is read once.
	resources := deny.Resource
	resources == allow.Resource
	every r in string_values(resources) {
		readable_resource(r)
	}
} else if {
	covers_resources_as_written(deny, allow)
}

# covers_resources for resources written differently, one `else` chain by the keys each statement uses.
covers_resources_as_written(deny, allow) if {
	has_key(deny, "Resource")
	has_key(allow, "Resource")
	every a in string_values(allow.Resource) {
		some d in string_values(deny.Resource)
		resource_covers(d, a)
	}
} else if {
	has_key(allow, "NotResource")
	some d in string_values(object.get(deny, "Resource", []))
	names_this_api(d)
	resource_path(d) == "*"
} else if {
	has_key(allow, "NotResource")
	has_key(deny, "NotResource")
	every n in string_values(deny.NotResource) {
		n in string_values(allow.NotResource)
	}
} else if {
	# A Deny with NotResource covers the Allow's resources when none of them can be one it excludes. A
	# resource the pack cannot read (no execute-api path) may overlap anything.
	has_key(deny, "NotResource")
	has_key(allow, "Resource")
	every a in string_values(allow.Resource) {
		every n in string_values(deny.NotResource) {
			paths_disjoint(resource_path(n), resource_path(a))
		}
	}
}

# A resource the pack reads covers itself: written the same, it is read once instead of twice. Otherwise d
# must name the API the policy is attached to: an ARN of another API, account or region covers nothing here.
resource_covers(d, a) if {
	d == a
	readable_resource(d)
} else if {
	names_this_api(d)
	path_covers(resource_path(d), resource_path(a))
}

# The resource names the API the policy is attached to, whichever it is: "*", the execute-api:/ shorthand,
# or an ARN whose region, account and API id are "*". Sound, not complete: a written-out region, account or
# API id may be this API's, but the pack cannot tell, so such a Deny restricts nothing.
names_this_api(r) if {
	r == "*"
} else if {
	startswith(r, "execute-api:/")
} else if {
	parts := execute_api_arn_parts(r)
	parts[3] == "*"
	parts[4] == "*"
	startswith(parts[5], "*")
	arn_api_id(parts[5]) == "*"
}

# The API id of an ARN's sixth part (api-id/stage/METHOD/path).
arn_api_id(part) := split(part, "/")[0]

# doc with the execute-api ARNs of the API whose id is api_id written as execute-api:/ paths in every
# Resource and NotResource (see documents.judged_document); doc itself when it has none.
with_api_id(doc, api_id) := object.union(doc, {"Statement": [statement_for_api(s, api_id) | some s in statements(doc)]}) if {
	is_object(doc)
	some s in statements(doc)
	is_object(s)
	some key in ["Resource", "NotResource"]
	some r in string_values(object.get(s, key, []))
	arn_as_path(r, api_id) != r
} else := doc

statement_for_api(s, api_id) := object.union(s, replaced) if {
	is_object(s)
	replaced := {key: resources_for_api(s[key], api_id) |
		some key in ["Resource", "NotResource"]
		has_key(s, key)
	}
} else := s

resources_for_api(v, api_id) := arn_as_path(v, api_id) if {
	is_string(v)
} else := [arn_as_path(r, api_id) | some r in v] if {
	is_array(v)
} else := v

# An execute-api ARN of the API api_id with a path, as its execute-api:/ path; anything else as it is.
arn_as_path(r, api_id) := concat("", ["execute-api:/", substring(rest, indexof(rest, "/") + 1, -1)]) if {
	is_string(r)
	parts := execute_api_arn_parts(r)
	arn_api_id(parts[5]) == api_id
	rest := concat(":", array.slice(parts, 5, count(parts)))
	contains(rest, "/")
} else := r

# Sound, not complete: no resource matches both patterns.
paths_disjoint(x, y) if {
	px := literal_prefix(x)
	py := literal_prefix(y)
	not startswith(px, py)
	not startswith(py, px)
}

paths_disjoint(x, y) if {
	no_wildcards(x)
	no_wildcards(y)
	x != y
}

literal_prefix(x) := substring(x, 0, min({count(x)} | {i | some c in ["*", "?"]; i := indexof(x, c); i >= 0}))

# ---------------------------------------------------------------------------------------------------
# Conditions

condition_entries(stmt) := [e |
	some op, block in object_or_empty(object.get(stmt, "Condition", {}))
	some key, raw in object_or_empty(block)
	e := {"operator": op, "key": key, "values": as_list(raw)}
]

is_network_entry(e) if network_kind(lower(e.key))

operator_info(op) := condition_operators[operator_base(op)]

operator_base(op) := trim_suffix(strip_set_prefix(lower(op)), "ifexists")

strip_set_prefix(lop) := substring(lop, count("foranyvalue:"), -1) if {
	startswith(lop, "foranyvalue:")
} else := substring(lop, count("forallvalues:"), -1) if {
	startswith(lop, "forallvalues:")
} else := lop

# A sentence about the entry: its operator and key followed by the parts.
entry_sentence(e, parts) := concat("", array.concat([e.operator, " ", e.key], parts))

entry_judgement(outcome, e, parts) := {"outcome": outcome, "why": entry_sentence(e, parts)}

allow_list(kind, cfg) := [v | some v in object.get(cfg, allow_list_key(kind), []); is_string(v)]

# Ids are the prefix and 8 or 17 hex digits. A wildcard pattern matches every id exactly when it matches the
# prefix followed by characters none of its literals can match: those are consumed by wildcards only, so any
# hex digits in their place match too. Glob syntax IAM does not have makes the value a literal.
id_lengths := [8, 17]

matches_every_id(v, id_prefix) if {
	lv := lower(v)
	has_wildcard(lv) # a literal matches one id at most
	every c in ["[", "]", "{", "}", "\\"] {
		not contains(lv, c)
	}
	filler := [c | some c in ["~", "#", "%", "!", "^"]; not contains(lv, c)][0]
	every n in id_lengths {
		glob.match(lv, [], concat("", [id_prefix, concat("", [filler | some _ in numbers.range(1, n)])]))
	}
}

minimum_prefix(cfg, family) := n if {
	n := cfg.minimumCidrPrefix[family]
	is_number(n)
} else := default_minimum_prefix[family]

default_minimum_prefix := {"ipv4": 8, "ipv6": 32}

cidr_within_any(v, allowed) if {
	some c in allowed
	ip_family(c) == ip_family(v)
	net.cidr_contains(with_prefix(c), with_prefix(v))
}

with_prefix(v) := v if {
	contains(v, "/")
} else := concat("", [v, "/", format_int(max_prefix[ip_family(v)], 10)])

ip_family(v) := "ipv6" if {
	contains(v, ":")
} else := "ipv4"

digits(s) if {
	s != ""
	trim(s, "0123456789") == ""
}

valid_cidr(v) if {
	parts := split(v, "/")
	count(parts) <= 2
	valid_ip(parts[0])
	valid_prefix_part(parts, ip_family(v))
}

valid_prefix_part(parts, _) if count(parts) == 1

valid_prefix_part(parts, family) if {
	count(parts) == 2
	digits(parts[1])
	count(parts[1]) <= 3
	to_number(parts[1]) <= max_prefix[family]
}

# Addresses as Go's net.ParseIP reads them (OPA's net builtins use it): dotted quads without leading zeros;
# IPv6 as eight groups of 1-4 hex digits, one "::" standing for at least one group of zeros, the last two
# groups possibly written as a dotted quad.
valid_ip(ip) if {
	not contains(ip, ":")
	valid_ipv4(ip)
}

valid_ip(ip) if {
	contains(ip, ":")
	halves := split(ip, "::")
	count(halves) <= 2
	counts := [n | some i, h in halves; n := ipv6_group_count(h, i == (count(halves) - 1))]
	count(counts) == count(halves)
	valid_ipv6_group_total(count(halves), sum(counts))
}

valid_ipv4(ip) if {
	octets := split(ip, ".")
	count(octets) == 4
	every o in octets {
		digits(o)
		count(o) <= 3
		not leading_zero(o)
		to_number(o) <= 255
	}
}

leading_zero(o) if {
	count(o) > 1
	startswith(o, "0")
}

# The groups one side of "::" stands for (a dotted quad, only at the very end, counts as two); undefined
# when a group is invalid.
ipv6_group_count("", _) := 0

ipv6_group_count(part, last_half) := n if {
	part != ""
	groups := split(part, ":")
	every i, g in groups {
		valid_ipv6_group(g, last_half, i == (count(groups) - 1))
	}
	n := count(groups) + count([g | some g in groups; contains(g, ".")])
}

valid_ipv6_group(g, _, _) if {
	count(g) >= 1
	count(g) <= 4
	trim(lower(g), "0123456789abcdef") == ""
}

valid_ipv6_group(g, true, true) if valid_ipv4(g)

valid_ipv6_group_total(1, 8) := true

valid_ipv6_group_total(2, groups) if groups <= 7

cidr_prefix(v) := to_number(parts[1]) if {
	parts := split(v, "/")
	count(parts) == 2
}

cidr_prefix(v) := max_prefix[ip_family(v)] if count(split(v, "/")) == 1

# ---------------------------------------------------------------------------------------------------
# Conditions on a request from an outside network
#
# A PRIVATE API is reached only through interface VPC endpoints, so a request from a network the
# organisation does not list carries aws:SourceVpce, aws:SourceVpc and aws:VpcSourceIp with values the
# document does not restrict to, and never aws:SourceIp. On such requests each condition entry is
#   "always"     true for every one of them;
#   "maybe"      true or false as the caller arranges (a key other than the network keys; a value that
#                restricts nothing beside values that do, such as an id missing from the allow-list);
#   "restricts"  false for every one of them, true for a listed network;
#   "never"      false for every request through any VPC endpoint, listed or not.
# judge_entry gives the outcome and a sentence saying why (empty for a plain restriction).

# Keys that requests through a VPC endpoint never carry.
absent_network_key("aws:sourceip") := true

# Negated operators of every family: IAM makes them true when the key is absent.
negated_operators := {
	"stringnotequals", "stringnotequalsignorecase", "stringnotlike", "arnnotequals", "arnnotlike",
	"notipaddress", "numericnotequals", "datenotequals",
}

judge_entry(e, cfg) := absent_key_judgement(e, absent_key_holds(lower(e.operator), operator_base(e.operator), e.values)) if {
	absent_network_key(lower(e.key))
} else := present_key_judgement(e, kind, operator_base(e.operator), cfg) if {
	kind := network_kind(lower(e.key))
} else := entry_judgement("maybe", e, [" is not a network condition"]) if {
	not is_network_entry(e)
}

# IAM's rules for a key the request does not carry: Null tests exactly that; ForAllValues: holds (no value
# fails it) and ForAnyValue: does not (no value matches); …IfExists holds; a negated operator holds.
absent_key_holds(lop, base, values) := null_holds(values, true) if {
	base == "null"
} else if {
	startswith(lop, "forallvalues:")
} else := false if {
	startswith(lop, "foranyvalue:")
} else if {
	endswith(lop, "ifexists")
} else if {
	base in negated_operators
} else := false

# Null with true holds when the key is absent, with false when it is present.
null_holds(values, absent) if {
	some v in values
	null_value(v) == absent
} else := false

null_value(v) := v if is_boolean(v)

null_value(v) if {
	is_string(v)
	lower(v) == "true"
}

null_value(v) := false if {
	is_string(v)
	lower(v) == "false"
}

absent_key_judgement(e, holds) := entry_judgement("always", e, [
	" holds for every request through a VPC endpoint, which never carries ", e.key,
]) if {
	holds == true
} else := entry_judgement("never", e, [
	" never holds: requests through a VPC endpoint never carry ", e.key,
]) if {
	holds == false
}

present_key_judgement(e, _, "null", _) := entry_judgement("always", e, [
	" holds for every request through a VPC endpoint, which always carries ", e.key,
]) if {
	null_holds(e.values, false)
} else := entry_judgement("never", e, [
	" never holds: every request through a VPC endpoint carries ", e.key,
])

present_key_judgement(e, kind, base, cfg) := values_judgement(e, info.negated, [c |
	some v in e.values
	c := value_class(kind, info.wildcards, v, cfg)
]) if {
	info := condition_operators[base]
	info.family == key_family(kind)
}

# A string operator on an address compares its text: see address_text_class.
present_key_judgement(e, "ip", base, cfg) := values_judgement(e, info.negated, [c |
	some v in e.values
	c := address_text_class(info.wildcards, v, cfg)
]) if {
	info := condition_operators[base]
	info.family == "string"
}

# A positive operator of a family no value of the key belongs to never holds: no id is an address, and no
# network key holds an ARN. What IAM makes of a negated one there is not documented: it is left open.
present_key_judgement(e, kind, base, _) := foreign_family_judgement(e, kind, info) if {
	info := condition_operators[base]
	foreign_family(info.family, kind)
}

# Numbers, dates, booleans and binary values: no network key's value parses as one, so a positive operator
# never holds. A negated one (NumericNotEquals, DateNotEquals) is left open.
present_key_judgement(e, _, base, _) := entry_judgement("never", e, [
	" never holds: ", e.key, " is neither a number, a date nor a boolean",
]) if {
	base in typed_operators
}

present_key_judgement(e, _, base, _) := entry_judgement("maybe", e, [
	" does not use a String, IpAddress or Null operator",
]) if {
	base != "null"
	not condition_operators[base]
	not base in typed_operators
}

foreign_family_judgement(e, kind, info) := entry_judgement("never", e, [
	" never holds: ", foreign_family_reason(info.family, kind),
]) if {
	not info.negated
} else := entry_judgement("maybe", e, [
	" compares ", kind_nouns[kind], " values with a negated operator of the ", info.family, " family",
])

foreign_family("arn", _) := true

foreign_family("ip", kind) if kind != "ip"

foreign_family_reason("arn", kind) := concat("", ["no ", kind_nouns[kind], " value is an ARN"])

foreign_family_reason("ip", kind) := concat("", ["no ", kind_nouns[kind], " id is an address"])

# The operators (lower case) of the number, date, boolean and binary families.
typed_operators := {
	"numericequals", "numericlessthan", "numericlessthanequals", "numericgreaterthan", "numericgreaterthanequals",
	"dateequals", "datelessthan", "datelessthanequals", "dategreaterthan", "dategreaterthanequals",
	"bool", "binaryequals",
}

# A class with the sentence saying why: the value (as JSON) followed by the parts.
value_note(class, v, parts) := {"class": class, "why": concat("", array.concat([json.marshal(v)], parts))}

# What one value of a network condition can match, for the key's kind:
#   "every"       every value of the kind ("*", "vpce-*", 0.0.0.0/0);
#   "outside"     a value an outside network may have (not in the allow-list, a CIDR broader than allowed);
#   "listed"      only values of the organisation's networks;
#   "impossible"  no value a request can carry ("vpce-*" compared as literal text, not an address).
value_class(_, _, v, _) := value_note("impossible", v, [" is not a string"]) if {
	not is_string(v)
}

value_class(kind, wildcards, v, cfg) := id_value_class(kind, wildcards, v, cfg) if {
	is_string(v)
	id_prefix(kind)
}

value_class("ip", _, v, cfg) := ip_value_class(v, cfg) if is_string(v)

id_value_class(kind, wildcards, v, cfg) := value_note("impossible", v, [
	" is compared as literal text, which no ", kind_nouns[kind], " id equals (you probably meant StringLike)",
]) if {
	not wildcards
	has_wildcard(v)
} else := value_note("every", v, [" matches every ", kind_nouns[kind]]) if {
	wildcards
	matches_every_id(v, id_prefix(kind))
} else := value_note("outside", v, [" is not in ", allow_list_key(kind)]) if {
	allowed := allow_list(kind, cfg)
	count(allowed) > 0
	not lower(v) in {lower(a) | some a in allowed}
} else := {"class": "listed", "why": ""}

ip_value_class(v, cfg) := value_note("unparsable", v, [" is not an IP address or CIDR block"]) if {
	not valid_cidr(v)
} else := value_note(concat("", ["every ", ip_family(v)]), v, [" matches every ", ip_family(v), " address"]) if {
	cidr_prefix(v) == 0
} else := value_note("outside", v, [
	" is broader than /", format_int(minimum, 10), " (minimumCidrPrefix.", family, ")",
]) if {
	family := ip_family(v)
	minimum := minimum_prefix(cfg, family)
	cidr_prefix(v) < minimum
} else := value_note("outside", v, [" is not within allowedSourceCidrs"]) if {
	count(allow_list("ip", cfg)) > 0
	not cidr_within_any(v, [c | some c in allow_list("ip", cfg); valid_cidr(c)])
} else := {"class": "listed", "why": ""}

# An address compared as text: a literal address is one address (a listed network, as a /32 is); a pattern
# made only of wildcards matches every address, another pattern some outside address may match; any other
# literal (a CIDR block, a name) is text no address has.
address_text_class(wildcards, v, cfg) := value_note("impossible", v, [" is not a string"]) if {
	not is_string(v)
} else := value_note("every", v, [" matches every address"]) if {
	wildcards
	has_wildcard(v)
	trim(v, "*") == ""
} else := value_note("outside", v, [" is a pattern an outside address may match"]) if {
	wildcards
	has_wildcard(v)
} else := ip_value_class(v, cfg) if {
	not contains(v, "/")
	valid_cidr(v)
} else := value_note("impossible", v, [" is compared as literal text, which is no address"])

# A positive condition holds when the request's value matches one of the values, a negated one when it
# matches none. An outside network can take any value classed "every" or "outside", and no "listed" one.
values_judgement(e, negated, classes) := {"outcome": outcome, "why": entry_why(e, outcome, notes)} if {
	outcome := values_outcome(negated, merged_classes({c.class | some c in classes}))
	notes := [c.why | some c in classes; c.class != "listed"]
}

# An outside network may send from either address family: /0 of one family matches every address only
# beside /0 of the other, else some outside addresses and not others. IAM's reading of a value that is no
# address is not documented: a positive operator cannot match it, a negated one is left open.
merged_classes(classes) := (classes - {"every ipv4", "every ipv6"}) | {"every"} if {
	{"every ipv4", "every ipv6"} - classes == set()
} else := (classes - {"every ipv4", "every ipv6"}) | family_classes(classes)

family_classes(classes) := {"outside"} if {
	some c in classes
	c in {"every ipv4", "every ipv6"}
} else := set()

values_outcome(false, classes) := "always" if {
	"every" in classes
} else := "maybe" if {
	"outside" in classes
} else := "restricts" if {
	"listed" in classes
} else := "never"

values_outcome(true, classes) := "never" if {
	"every" in classes
} else := "maybe" if {
	"outside" in classes
} else := "maybe" if {
	"unparsable" in classes
} else := "always"

entry_why(e, outcome, notes) := entry_sentence(e, [": ", concat("; ", notes)]) if {
	count(notes) > 0
} else := entry_sentence(e, [outcome_without_notes(outcome)])

# Why a condition whose values are all listed (or that has none) has its outcome.
outcome_without_notes("always") := " is a negated condition, true for every network it does not list"

outcome_without_notes("restricts") := " holds only for the networks it lists"

outcome_without_notes("never") := " lists no values"

# ---------------------------------------------------------------------------------------------------
# Who gets in
#
# API Gateway combines the resource policy with the method's authorization ("How API Gateway resource
# policies affect authorization workflow"). The pack judges three kinds of caller:
#   "anonymous"   authorization NONE: the caller is not authenticated, so only an Allow of the resource
#                 policy for every principal admits it;
#   "identity"    AWS_IAM: a principal of the API's own account whose identity policy allows
#                 execute-api:Invoke needs no Allow in the resource policy;
#   "authorizer"  CUSTOM (a Lambda authorizer) or COGNITO_USER_POOLS: API Gateway checks the resource policy's
#                 explicit Denies first, then the authorizer's Allow is enough.
# Only a Deny stops the last two, and it must cover every method: the pack sees neither identity policies
# nor what an authorizer allows. The caller's action is execute-api:Invoke; the other execute-api actions
# (InvalidateCache, ManageConnections) are not a way into a REST API's methods.
caller_kinds := {"anonymous", "identity", "authorizer"}

# Each statement with its execute-api actions and its judged condition entries, made once per document.
judged_statements(stmts, cfg) := [j |
	some i, s in stmts
	j := {
		"index": i,
		"statement": s,
		"actions": granted_action_set(s),
		"entries": [object.union(e, judge_entry(e, cfg)) | some e in condition_entries(s)],
	}
]

outcomes_within(entries, allowed) if {
	every e in entries {
		e.outcome in allowed
	}
}

# An Allow an unauthenticated caller from an outside network matches. NotPrincipal names the principals it
# leaves out, so an Allow with it applies to the anonymous caller.
admitting_allow(j) if {
	j.statement.Effect == "Allow"
	allow_reaches_anonymous(j.statement)
	grants_invoke(j.actions)
	names_some_method(j.statement)
	outcomes_within(j.entries, {"always", "maybe"})
}

# An Allow whose NotResource leaves out every method of the API grants nothing.
names_some_method(stmt) if {
	has_key(stmt, "Resource")
} else if {
	has_key(stmt, "NotResource")
	not excludes_every_method(stmt.NotResource)
}

excludes_every_method(not_resource) if {
	some n in string_values(not_resource)
	names_this_api(n)
	resource_path(n) == "*"
}

allow_reaches_anonymous(stmt) if {
	applies_to_all_principals(stmt)
} else if {
	has_key(stmt, "NotPrincipal")
}

# A Deny that stops every outside request on the resources it names, whoever sends it. A Deny with
# NotPrincipal spares the principals it names, so it never counts.
blocking_deny(j) if {
	j.statement.Effect == "Deny"
	applies_to_all_principals(j.statement)
	grants_invoke(j.actions)
	outcomes_within(j.entries, {"always"})
}

# Every method of the API: what callers that need no Allow can call.
every_method := {"Resource": "execute-api:/*"}

covered_by_deny(allow, denies) if {
	some d in denies
	covers_resources(d.statement, allow)
}

# How the document treats outside callers of the given kinds:
#   open_allows         the Allows an unauthenticated caller gets in by ("anonymous" in kinds);
#   open_without_allow  the kinds of caller that need no Allow ("identity", "authorizer") and get in;
#   dead                statements that can never apply to a request through a VPC endpoint;
#   statements          the judged statements, to explain the verdict.
network_verdict(doc, cfg, kinds) := verdict(judged_statements(statements(doc), cfg), kinds)

verdict(js, kinds) := {
	"open_allows": [j |
		"anonymous" in kinds
		some j in js
		admitting_allow(j)
		not covered_by_deny(j.statement, denies)
	],
	"open_without_allow": {kind |
		some kind in kinds
		kind != "anonymous"
		not covered_by_deny(every_method, denies)
	},
	"dead": [j | some j in js; dead_statement(j)],
	"statements": js,
} if {
	denies := [j | some j in js; blocking_deny(j)]
}

dead_statement(j) if {
	grants_invoke(j.actions)
	some e in j.entries
	e.outcome == "never"
}

# ---------------------------------------------------------------------------------------------------
# Explanations

# Why open Allows' own network conditions do not keep outside callers out.
allow_reasons(js) := [e.why |
	some j in js
	some e in j.entries
	is_network_entry(e)
	e.outcome in {"always", "maybe"}
]

# Why each Deny that tries to restrict the network (it carries a network condition) does not stop outside
# callers on the resources of `target` (an Allow, or every_method).
deny_reasons(js, target) := [r |
	some j in js
	j.statement.Effect == "Deny"
	has_network_entry(j)
	some problem in deny_problems(j, target)
	r := concat("", ["Deny ", statement_label(j.statement, j.index), " ", problem])
]

has_network_entry(j) if {
	some e in j.entries
	is_network_entry(e)
}

deny_problems(j, target) := (({p |
	not applies_to_all_principals(j.statement)
	p := "does not apply to all principals"
} | {p |
	not grants_invoke(j.actions)
	p := "does not deny execute-api:Invoke"
}) | {p |
	some e in j.entries
	e.outcome != "always"
	p := concat("", ["does not stop every outside network: ", e.why])
}) | {p |
	blocking_deny(j)
	not covers_resources(j.statement, target)
	p := "does not cover every resource"
}

# Why dead statements can never apply.
dead_reasons(js) := [e.why | some j in js; some e in j.entries; e.outcome == "never"]

# The Deny that closes the API to outside networks: every method, only the configured networks.
suggested_deny(cfg) := {
	"Effect": "Deny",
	"Principal": "*",
	"Action": "execute-api:Invoke",
	"Resource": "execute-api:/*",
	"Condition": suggested_condition(cfg),
}

suggested_condition(cfg) := condition_for_lists(allow_list("endpoint", cfg), allow_list("vpc", cfg), allow_list("ip", cfg))

# The first kind of network the configuration lists, or a placeholder endpoint id.
condition_for_lists(endpoints, vpcs, cidrs) := {"StringNotEquals": {"aws:SourceVpce": endpoints}} if {
	count(endpoints) > 0
} else := {"StringNotEquals": {"aws:SourceVpc": vpcs}} if {
	count(vpcs) > 0
} else := {"NotIpAddress": {"aws:VpcSourceIp": cidrs}} if {
	count(cidrs) > 0
} else := {"StringNotEquals": {"aws:SourceVpce": "vpce-xxxxxxxxxxxxxxxxx"}}

# ---------------------------------------------------------------------------------------------------
# The common case, decided without explanations
#
# Most documents restrict the network in a way that is read at a glance: conditions on listed networks, a
# Deny for all principals that covers the Allows. evidently_restricting recognises them from scalar
# outcomes alone, without the judged statements and sentences network_verdict builds to explain a verdict.
# It is sufficient, not necessary: a document it does not recognise is judged in full (iam_test checks
# that the two agree).

# document_problems(doc) is empty, and network_verdict(doc, cfg, kinds) has no open Allow, no kind of caller
# let in without an Allow and no dead statement.
evidently_restricting(doc, cfg, kinds) if {
	is_object(doc)
	stmts := statements(doc)
	roles := [statement_role(s, cfg) | some s in stmts]
	denies := [s | some i, s in stmts; roles[i] == "blocking deny"]
	every i, role in roles {
		closed_role(role, stmts[i], denies, kinds)
	}
	closed_without_allow(kinds, denies)
}

closed_role("blocking deny", _, _, _) := true

closed_role("inert", _, _, _) := true

closed_role("admitting allow", allow, denies, kinds) if {
	not "anonymous" in kinds
} else if {
	some d in denies
	covers_resources(d, allow)
}

closed_without_allow(kinds, denies) if {
	every kind in kinds {
		kind == "anonymous"
	}
} else if {
	some d in denies
	covers_resources(d, every_method)
}

# What a statement is, as the verdict sees it: a "blocking deny" (blocking_deny), an "admitting allow"
# (admitting_allow), "inert" (neither, and not dead), or "unsure" when it is not well formed (the checks of
# well_formed_statements, made here with the lookups the role needs anyway) or one of its conditions is not
# judged here.
statement_role(s, cfg) := known_role if {
	is_object(s)
	well_formed_resources(s)
	known_role := role(s.Effect, s, well_formed_invokes(s), principal_reach(s), quick_outcomes(s, cfg))
} else := "unsure"

# Whom a statement's principals reach: "everyone" (applies_to_all_principals), "all but some" (NotPrincipal,
# which reaches the anonymous caller: allow_reaches_anonymous) or "some"; undefined unless the statement has
# exactly one of Principal and NotPrincipal. The Principal is looked up once.
principal_reach(s) := principals_reach(s.Principal) if {
	not has_key(s, "NotPrincipal")
} else := "all but some" if {
	has_key(s, "NotPrincipal")
	not has_key(s, "Principal")
}

principals_reach(principal) := "everyone" if {
	everyone(principal)
} else := "some"

# A statement that does not grant execute-api:Invoke admits, blocks and leaves dead nothing.
role(effect, _, false, _, _) := "inert" if well_formed_effect(effect)

role(effect, s, true, reach, outcomes) := "blocking deny" if {
	effect == "Deny"
	reach == "everyone"
	every o in outcomes {
		o == "always"
	}
} else := "admitting allow" if {
	effect == "Allow"
	reach != "some"
	names_some_method(s)
	every o in outcomes {
		admitting_outcome(o)
	}
} else := "inert" if {
	well_formed_effect(effect)
	every o in outcomes {
		live_outcome(o)
	}
} else := "unsure"

admitting_outcome("always") := true

admitting_outcome("maybe") := true

# Outcomes of a condition that does not make its statement dead.
live_outcome("always") := true

live_outcome("maybe") := true

live_outcome("restricts") := true

# invokes(s) when well_formed_actions(s), undefined otherwise. The usual Action, execute-api:Invoke itself,
# is read once.
well_formed_invokes(s) if {
	s.Action == invoke
	not has_key(s, "NotAction")
} else := invokes(s) if {
	well_formed_actions(s)
}

# grants_invoke(granted_action_set(s)) for a statement whose actions are well formed (so Action excludes
# NotAction), without building the set for the usual Action.
invokes(s) if {
	s.Action == invoke
} else if {
	grants_invoke(granted_action_set(s))
} else := false

# The outcomes of the statement's condition entries, "unknown" for those quick_outcome does not judge;
# undefined for a malformed Condition.
quick_outcomes(s, cfg) := [] if {
	not has_key(s, "Condition")
} else := condition_quick_outcomes(s.Condition, cfg)

condition_quick_outcomes(condition, cfg) := [quick_outcome(op, key, raw, cfg) |
	some op, block in condition
	some key, raw in block
] if {
	well_formed_condition_object(condition)
}

# judge_entry's outcome for the usual conditions: a key that is no network key, or literal values of listed
# networks under an operator of the key's family; "unknown" for any other.
quick_outcome(op, key, raw, cfg) := keyed_quick_outcome(op, lower(key), raw, cfg)

keyed_quick_outcome(op, lower_key, raw, cfg) := listed_values_outcome(operator_base(op), kind, raw, cfg) if {
	not absent_network_key(lower_key)
	kind := network_kind(lower_key)
} else := "maybe" if {
	not network_kind(lower_key)
} else := "unknown"

# Literal values of listed networks under an operator of the key's family.
listed_values_outcome(base, kind, raw, cfg) := outcome if {
	outcome := listed_outcome(base, key_family(kind))
	listed_values(kind, raw, cfg)
} else := "unknown"

# The condition's value is one listed network, or a non-empty list of them. The usual single value is judged
# as it is, without a list of one made around it.
listed_values(kind, raw, cfg) if {
	is_string(raw)
	listed_value(kind, raw, cfg)
} else if {
	is_array(raw)
	count(raw) > 0
	every v in raw {
		listed_value(kind, v, cfg)
	}
}

# When every value is a listed network: a positive operator holds only for those networks, a negated one for
# every outside network.
listed_outcome(base, family) := "always" if {
	base == "stringnotequals"
	family == "string"
} else := "restricts" if {
	base == "stringequals"
	family == "string"
} else := "always" if {
	base == "notipaddress"
	family == "ip"
} else := "restricts" if {
	base == "ipaddress"
	family == "ip"
} else := "always" if {
	base == "stringnotequalsignorecase"
	family == "string"
} else := "restricts" if {
	base == "stringequalsignorecase"
	family == "string"
}

# value_class(kind, false, v, cfg) is "listed".
listed_value("ip", v, cfg) if {
	is_string(v)
	ip_value_class(v, cfg).class == "listed"
}

listed_value(kind, v, cfg) if {
	id_prefix(kind)
	is_string(v)
	no_wildcards(v)
	listed_id(v, object.get(cfg, allow_list_key(kind), []))
}

# In the allow-list (its strings: see allow_list), or any literal id without one. Ids are compared in lower
# case once written differently.
listed_id(id, allowed) if {
	id in allowed
} else if {
	every a in allowed {
		not is_string(a)
	}
} else if {
	some a in allowed
	is_string(a)
	lower(a) == lower(id)
}
