# IAM semantics for API Gateway resource policies, written once and used by every policy of the pack.
#
# A document restricts the network when every statement that can Allow execute-api:Invoke either carries
# a positive network condition itself, or is covered (same or broader execute-api actions and resources,
# for all principals) by a Deny whose conditions are only negated network conditions.
#
# Messages are built with concat and json.marshal (native in Wasm), not sprintf (a host call).
package private_api_guard.lib.iam

# The actions API Gateway evaluates against a resource policy. A Deny must cover each one the Allow grants.
execute_api_actions := ["execute-api:Invoke", "execute-api:InvalidateCache", "execute-api:ManageConnections"]

invoke := "execute-api:Invoke"

# Condition keys that say where a request comes from; IAM compares key names case-insensitively.
network_key_kinds := {
	"aws:sourcevpce": "endpoint",
	"aws:sourcevpc": "vpc",
	"aws:vpcsourceip": "ip",
	"aws:sourceip": "ip",
}

network_key_names := "aws:SourceVpce, aws:SourceVpc, aws:VpcSourceIp or aws:SourceIp"

# Every id of the kind starts with this, so a pattern made of (part of) it and wildcards matches every id.
id_prefixes := {"endpoint": "vpce-", "vpc": "vpc-"}

kind_nouns := {"endpoint": "VPC endpoint", "vpc": "VPC", "ip": "address"}

# The configuration key that lists the values a restriction of each kind may use.
allow_list_keys := {"endpoint": "allowedVpcEndpointIds", "vpc": "allowedVpcIds", "ip": "allowedSourceCidrs"}

# Operators by lower-case name without the ForAnyValue:/ForAllValues: prefix and the IfExists suffix.
# Arn operators count with the string family: both compare the key's text, with wildcards for *Like.
condition_operators := {
	"stringequals": {"family": "string", "negated": false},
	"stringequalsignorecase": {"family": "string", "negated": false},
	"stringlike": {"family": "string", "negated": false},
	"arnequals": {"family": "string", "negated": false},
	"arnlike": {"family": "string", "negated": false},
	"ipaddress": {"family": "ip", "negated": false},
	"stringnotequals": {"family": "string", "negated": true},
	"stringnotequalsignorecase": {"family": "string", "negated": true},
	"stringnotlike": {"family": "string", "negated": true},
	"arnnotequals": {"family": "string", "negated": true},
	"arnnotlike": {"family": "string", "negated": true},
	"notipaddress": {"family": "ip", "negated": true},
}

key_families := {"endpoint": "string", "vpc": "string", "ip": "ip"}

max_prefix := {"ipv4": 32, "ipv6": 128}

# ---------------------------------------------------------------------------------------------------
# Shapes

has_key(obj, key) if {
	_ = obj[key]
}

as_list(x) := x if is_array(x)

as_list(x) := [x] if not is_array(x)

object_or_empty(x) := x if is_object(x)

object_or_empty(x) := {} if not is_object(x)

string_values(x) := [x] if is_string(x)

string_values(x) := [s | some s in x; is_string(s)] if is_array(x)

# `Statement` may be one object or a list of them.
statements(doc) := [doc.Statement] if is_object(doc.Statement)

statements(doc) := doc.Statement if is_array(doc.Statement)

has_sid(stmt) if is_string(stmt.Sid)

statement_label(stmt, i) := concat("", ["statement ", json.marshal(stmt.Sid), " (index ", format_int(i, 10), ")"]) if {
	has_sid(stmt)
}

statement_label(stmt, i) := concat("", ["statement ", format_int(i, 10)]) if not has_sid(stmt)

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
		well_formed_statement(stmt)
	}
}

well_formed_statement(stmt) if {
	is_object(stmt)
	well_formed_effect(stmt.Effect)
	well_formed_actions(stmt)
	well_formed_resources(stmt)
	exactly_one_of(stmt, "Principal", "NotPrincipal")
	well_formed_condition(stmt)
}

well_formed_effect(effect) if effect == "Allow"

well_formed_effect(effect) if effect == "Deny"

exactly_one_of(stmt, a, b) if {
	has_key(stmt, a)
	not has_key(stmt, b)
}

exactly_one_of(stmt, a, b) if {
	not has_key(stmt, a)
	has_key(stmt, b)
}

well_formed_actions(stmt) if {
	well_formed_action_list(stmt.Action)
	not has_key(stmt, "NotAction")
}

well_formed_actions(stmt) if {
	well_formed_action_list(stmt.NotAction)
	not has_key(stmt, "Action")
}

well_formed_action_list(x) if {
	is_string(x)
	well_formed_action(x)
}

well_formed_action_list(x) if {
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
}

well_formed_resources(stmt) if {
	well_formed_string_list(stmt.NotResource)
	not has_key(stmt, "Resource")
}

well_formed_string_list(x) if is_string(x)

well_formed_string_list(x) if {
	is_array(x)
	count(x) > 0
	every s in x {
		is_string(s)
	}
}

well_formed_condition(stmt) if not has_key(stmt, "Condition")

well_formed_condition(stmt) if {
	is_object(stmt.Condition)
	every _, block in stmt.Condition {
		is_object(block)
		every key, raw in block {
			well_formed_condition_values(key, raw)
		}
	}
}

well_formed_condition_values(_, raw) if is_string(raw)

well_formed_condition_values(key, raw) if {
	not is_string(raw)
	not network_key_kinds[lower(key)]
}

well_formed_condition_values(_, raw) if {
	is_array(raw)
	every v in raw {
		is_string(v)
	}
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

single_statement_problems(stmt) := {concat("", ["is of type ", type_name(stmt), ", not an object"])} if not is_object(stmt)

single_statement_problems(stmt) := problems if {
	is_object(stmt)
	problems := ((((effect_problems(stmt) | pair_problems(stmt, "Action", "NotAction")) | pair_problems(stmt, "Resource", "NotResource")) | pair_problems(stmt, "Principal", "NotPrincipal")) | value_list_problems(stmt)) | condition_problems(stmt)
}

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

string_list_problems(x) := {p |
	not is_string(x)
	not is_array(x)
	p := concat("", ["must be a string or a list of strings, not of type ", type_name(x)])
} | {p |
	is_array(x)
	count(x) == 0
	p := "is an empty list"
} | {p |
	is_array(x)
	some v in x
	not is_string(v)
	p := concat("", ["has an element of type ", type_name(v), "; elements must be strings"])
}

# Glob syntax IAM does not have must not reach glob.match, so such patterns are malformed.
valid_action_pattern(a) if a == "*"

valid_action_pattern(a) if {
	parts := split(a, ":")
	count(parts) == 2
	parts[0] != ""
	parts[1] != ""
	every c in ["[", "]", "{", "}", "\\", " ", ","] {
		not contains(a, c)
	}
}

condition_problems(stmt) := {p |
	has_key(stmt, "Condition")
	not is_object(stmt.Condition)
	p := concat("", ["has a Condition of type ", type_name(stmt.Condition), ", not an object"])
} | {p |
	some op, block in object_or_empty(object.get(stmt, "Condition", {}))
	not is_object(block)
	p := concat("", ["has Condition operator ", op, " mapped to a value of type ", type_name(block), ", not to an object of keys"])
} | {p |
	some e in condition_entries(stmt)
	network_key_kinds[lower(e.key)]
	some v in e.values
	not is_string(v)
	p := concat("", ["has a value of type ", type_name(v), " for ", e.key, "; network condition values must be strings"])
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
has_wildcard(s) if contains(s, "*")

has_wildcard(s) if contains(s, "?")

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

granted_actions(stmt) := [a.action |
	grants := granted_action_set(stmt)
	some a in lower_case_actions
	a in grants
]

# "*" and {"AWS": "*"} are everyone, anonymous callers included.
applies_to_all_principals(stmt) if stmt.Principal == "*"

applies_to_all_principals(stmt) if {
	is_object(stmt.Principal)
	some p in as_list(stmt.Principal.AWS)
	p == "*"
}

# The part of an execute-api resource after the API id ("stage/METHOD/path"); "*" when it is every method.
resource_path(r) := "*" if r == "*"

resource_path(r) := every_method_or(substring(r, count("execute-api:/"), -1)) if startswith(r, "execute-api:/")

# Each split is made once and handed on: functions are not memoized.
resource_path(r) := every_method_or(arn_path(concat(":", array.slice(parts, 5, count(parts))))) if {
	parts := split(r, ":")
	count(parts) >= 6
	lower(parts[0]) == "arn"
	lower(parts[2]) == "execute-api"
}

# arn:partition:execute-api:region:account:api-id/stage/METHOD/path; tail is what follows the account.
arn_path(tail) := arn_tail_path(tail, indexof(tail, "/"))

arn_tail_path(tail, slash) := substring(tail, slash + 1, -1) if slash >= 0

arn_tail_path(tail, slash) := "*" if {
	slash < 0
	endswith(tail, "*")
}

# Every method ARN is stage/METHOD/path with at least two slashes, so "*", "*/*" and "*/*/*" match all.
every_method_or(path) := method_path_or_all(path, split(path, "/"))

method_path_or_all(_, segments) := "*" if {
	count(segments) <= 3
	all_stars(segments)
}

method_path_or_all(path, segments) := path if not all_stars(segments)

method_path_or_all(path, segments) := path if count(segments) > 3

all_stars(segments) if {
	every s in segments {
		s == "*"
	}
}

no_wildcards(s) if {
	not contains(s, "*")
	not contains(s, "?")
}

# Sound, not complete: d covers a when every resource a can name is also named by d.
path_covers(d, a) if d == "*"

path_covers(d, a) if d == a

path_covers(d, a) if {
	endswith(d, "*")
	prefix := trim_suffix(d, "*")
	no_wildcards(prefix)
	startswith(a, prefix)
}

covers_resources(deny, allow) if {
	has_key(deny, "Resource")
	has_key(allow, "Resource")
	every a in string_values(allow.Resource) {
		some d in string_values(deny.Resource)
		resource_covers(d, a)
	}
}

# A resource covers itself: written the same, it is split once instead of twice.
resource_covers(d, a) if {
	d == a
	resource_path(d)
} else if path_covers(resource_path(d), resource_path(a))

covers_resources(deny, allow) if {
	has_key(allow, "NotResource")
	some d in string_values(object.get(deny, "Resource", []))
	resource_path(d) == "*"
}

covers_resources(deny, allow) if {
	has_key(allow, "NotResource")
	has_key(deny, "NotResource")
	every n in string_values(deny.NotResource) {
		n in string_values(allow.NotResource)
	}
}

# A Deny with NotResource covers the Allow's resources when none of them can be one it excludes.
covers_resources(deny, allow) if {
	has_key(deny, "NotResource")
	has_key(allow, "Resource")
	every a in string_values(allow.Resource) {
		every n in string_values(deny.NotResource) {
			not may_overlap(n, a)
		}
	}
}

may_overlap(x, y) if not paths_disjoint(resource_path(x), resource_path(y))

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

covers_actions(deny, allow) if count(granted_action_set(allow) - granted_action_set(deny)) == 0

# ---------------------------------------------------------------------------------------------------
# Conditions

condition_entries(stmt) := [e |
	some op, block in object_or_empty(object.get(stmt, "Condition", {}))
	some key, raw in object_or_empty(block)
	e := {"operator": op, "key": key, "values": as_list(raw)}
]

is_network_entry(e) if network_key_kinds[lower(e.key)]

operator_info(op) := condition_operators[operator_base(op)]

operator_base(op) := trim_suffix(strip_set_prefix(lower(op)), "ifexists")

strip_set_prefix(lop) := substring(lop, count("foranyvalue:"), -1) if startswith(lop, "foranyvalue:")

strip_set_prefix(lop) := substring(lop, count("forallvalues:"), -1) if startswith(lop, "forallvalues:")

strip_set_prefix(lop) := lop if {
	not startswith(lop, "foranyvalue:")
	not startswith(lop, "forallvalues:")
}

describe_entry(e) := concat("", [e.operator, " ", e.key])

# Why a condition entry does not restrict the network, as a positive condition (negated = false, in an
# Allow) or as a negated one (negated = true, in a Deny). Empty when it restricts.
entry_problems(e, _, _) := {concat("", [describe_entry(e), " is not a network condition"])} if not is_network_entry(e)

# The key's kind and the operator are classified once per entry.
entry_problems(e, cfg, negated) := network_entry_problems(e, kind, operator_info_or_none(e.operator), cfg, negated) if {
	kind := network_key_kinds[lower(e.key)]
}

operator_info_or_none(op) := object.get(condition_operators, operator_base(op), "none")

network_entry_problems(e, kind, info, cfg, negated) := {p |
	info == "none"
	p := concat("", [describe_entry(e), " does not use a String, Arn or IpAddress operator"])
} | {p |
	info != "none"
	info.negated != negated
	p := concat("", [describe_entry(e), " ", polarity_problem(negated)])
} | {p |
	info != "none"
	info.family != key_families[kind]
	p := concat("", [describe_entry(e), " compares ", kind_nouns[kind], " values with a ", info.family, " operator"])
} | {p |
	count(e.values) == 0
	p := concat("", [describe_entry(e), " lists no values"])
} | {p |
	some v in e.values
	some problem in value_problems(kind, v, cfg)
	p := concat("", [describe_entry(e), ": ", problem])
}

polarity_problem(negated) := "is a positive condition, which in a Deny denies only the listed network" if negated

polarity_problem(negated) := "is a negated condition, which in an Allow allows every other network" if not negated

# The usual entry, a VPC endpoint or VPC id listed as it is configured under StringEquals/StringNotEquals,
# is recognised without building its (empty) set of problems; any other entry is judged in full.
entry_restricts(e, cfg, negated) if {
	listed_id_entry(e, cfg, negated)
} else if count(entry_problems(e, cfg, negated)) == 0

listed_id_entry(e, cfg, negated) if {
	kind := id_key_kind(e.key)
	string_equality_negated(e.operator) == negated
	count(e.values) > 0
	allowed := allow_list(kind, cfg)
	every v in e.values {
		is_string(v)
		not has_wildcard(v)
		listed_or_unrestricted(v, allowed)
	}
}

id_key_kind(key) := "endpoint" if key == "aws:SourceVpce" else := "vpc" if key == "aws:SourceVpc"

string_equality_negated(op) := true if op == "StringNotEquals" else := false if op == "StringEquals"

listed_or_unrestricted(v, allowed) if {
	v in allowed
} else if count(allowed) == 0

value_problems(kind, v, cfg) := ({p |
	not is_string(v)
	p := concat("", [json.marshal(v), " is not a string"])
} | id_value_problems(kind, v, cfg)) | ip_value_problems(kind, v, cfg)

id_value_problems(kind, v, cfg) := {p |
	is_string(v)
	matches_every_id(v, id_prefixes[kind])
	p := concat("", [json.marshal(v), " matches every ", kind_nouns[kind]])
} | {p |
	is_string(v)
	id_prefixes[kind]
	allowed := allow_list(kind, cfg)
	count(allowed) > 0
	not lower(v) in {lower(a) | some a in allowed}
	p := concat("", [json.marshal(v), " is not in ", allow_list_keys[kind]])
}

allow_list(kind, cfg) := [v | some v in object.get(cfg, allow_list_keys[kind], []); is_string(v)]

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

ip_value_problems(kind, v, cfg) := ({p |
	kind == "ip"
	is_string(v)
	not valid_cidr(v)
	p := concat("", [json.marshal(v), " is not an IP address or CIDR block"])
} | {p |
	kind == "ip"
	is_string(v)
	valid_cidr(v)
	cidr_prefix(v) == 0
	p := concat("", [json.marshal(v), " matches every address"])
}) | ({p |
	kind == "ip"
	is_string(v)
	valid_cidr(v)
	prefix := cidr_prefix(v)
	prefix > 0
	family := ip_family(v)
	minimum := minimum_prefix(cfg, family)
	prefix < minimum
	p := concat("", [json.marshal(v), " is broader than /", format_int(minimum, 10), " (minimumCidrPrefix.", family, ")"])
} | {p |
	kind == "ip"
	is_string(v)
	valid_cidr(v)
	allowed := [c | some c in allow_list(kind, cfg); valid_cidr(c)]
	count(allow_list(kind, cfg)) > 0
	not cidr_within_any(v, allowed)
	p := concat("", [json.marshal(v), " is not within allowedSourceCidrs"])
})

minimum_prefix(cfg, family) := n if {
	n := cfg.minimumCidrPrefix[family]
	is_number(n)
}

minimum_prefix(cfg, family) := default_minimum_prefix[family] if not is_number(object.get(object.get(cfg, "minimumCidrPrefix", {}), family, null))

default_minimum_prefix := {"ipv4": 8, "ipv6": 32}

cidr_within_any(v, allowed) if {
	some c in allowed
	ip_family(c) == ip_family(v)
	net.cidr_contains(with_prefix(c), with_prefix(v))
}

with_prefix(v) := v if contains(v, "/")

with_prefix(v) := concat("", [v, "/", format_int(max_prefix[ip_family(v)], 10)]) if not contains(v, "/")

ip_family(v) := "ipv6" if contains(v, ":")

ip_family(v) := "ipv4" if not contains(v, ":")

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

valid_ip(ip) if {
	not contains(ip, ":")
	octets := split(ip, ".")
	count(octets) == 4
	every o in octets {
		digits(o)
		count(o) <= 3
		to_number(o) <= 255
	}
}

valid_ip(ip) if {
	contains(ip, ":")
	trim(lower(ip), "0123456789abcdef:.") == ""
	groups := count(split(ip, ":"))
	groups >= 3
	groups <= 9
}

cidr_prefix(v) := to_number(parts[1]) if {
	parts := split(v, "/")
	count(parts) == 2
}

cidr_prefix(v) := max_prefix[ip_family(v)] if count(split(v, "/")) == 1

# ---------------------------------------------------------------------------------------------------
# Statements that leave the network open

restricting_entries(stmt, cfg) := [e |
	some e in condition_entries(stmt)
	is_network_entry(e)
	entry_restricts(e, cfg, false)
]

allow_restricted(stmt, cfg) if count(restricting_entries(stmt, cfg)) > 0

# A Deny for everyone whose conditions are all negated network conditions: it lets through only the
# listed networks. A Deny without conditions denies everything, which restricts too.
network_deny(stmt, cfg) if {
	stmt.Effect == "Deny"
	applies_to_all_principals(stmt)
	every e in condition_entries(stmt) {
		entry_restricts(e, cfg, true)
	}
}

# The document's network Denies with their action sets, found once per document.
network_denies(stmts, cfg) := [{"statement": d, "grants": granted_action_set(d)} |
	some d in stmts
	network_deny(d, cfg)
]

covered_by_deny(allow, grants, denies) if {
	some d in denies
	count(grants - d.grants) == 0
	covers_resources(d.statement, allow)
}

open_statements(doc, cfg) := [o |
	stmts := statements(doc)
	some o in described_open_statements(stmts, open_allows(stmts, cfg), cfg)
]

open_allows(stmts, cfg) := [{"index": i, "statement": stmt} |
	denies := network_denies(stmts, cfg)
	some i, stmt in stmts
	stmt.Effect == "Allow"
	grants := granted_action_set(stmt)
	grants_invoke(grants)
	not allow_restricted(stmt, cfg)
	not covered_by_deny(stmt, grants, denies)
]

# The Denies to explain are looked for only when some statement is open, the unusual case.
described_open_statements(stmts, opens, cfg) := [] if {
	count(opens) == 0
} else := [o |
	explained := denies_to_explain(stmts)
	some open in opens
	o := {
		"index": open.index,
		"label": statement_label(open.statement, open.index),
		"reasons": open_reasons(open.statement, explained, cfg),
		"fix": json.marshal(suggested_deny(open.statement, cfg)),
	}
]

# Only Denies that try to restrict the network (they carry a network condition) are explained. Found once
# per document, so that a document of many open statements is explained in linear time.
denies_to_explain(stmts) := [{"label": statement_label(d, j), "statement": d} |
	some j, d in stmts
	d.Effect == "Deny"
	has_network_entry(d)
]

has_network_entry(stmt) if {
	some e in condition_entries(stmt)
	is_network_entry(e)
}

# Why the statement's own network conditions and the document's network Denies do not count.
open_reasons(stmt, explained, cfg) := sort(array.concat(
	[r |
		some e in condition_entries(stmt)
		is_network_entry(e)
		some r in entry_problems(e, cfg, false)
	],
	[r |
		some deny in explained
		some problem in deny_problems(deny.statement, stmt, cfg)
		r := concat("", ["Deny ", deny.label, " ", problem])
	],
))

deny_problems(d, allow, cfg) := problems if {
	problems := ((({p |
		not applies_to_all_principals(d)
		p := "does not apply to all principals"
	} | {p |
		some e2 in condition_entries(d)
		some problem in entry_problems(e2, cfg, true)
		p := concat("", ["does not count: ", problem])
	}) | {p |
		network_deny(d, cfg)
		not covers_actions(d, allow)
		p := "does not deny every execute-api action the Allow grants"
	}) | {p |
		network_deny(d, cfg)
		not covers_resources(d, allow)
		p := "does not cover every resource the Allow names"
	})
}

# The Deny that would close the statement: same actions and resources, only the configured networks.
suggested_deny(stmt, cfg) := {
	"Effect": "Deny",
	"Principal": "*",
	"Action": deny_actions(granted_actions(stmt)),
	"Resource": object.get(stmt, "Resource", "execute-api:/*"),
	"Condition": suggested_condition(cfg),
}

deny_actions(actions) := actions[0] if count(actions) == 1

deny_actions(actions) := "execute-api:*" if count(actions) == count(execute_api_actions)

deny_actions(actions) := actions if {
	count(actions) > 1
	count(actions) < count(execute_api_actions)
}

suggested_condition(cfg) := {"StringNotEquals": {"aws:SourceVpce": allow_list("endpoint", cfg)}} if {
	count(allow_list("endpoint", cfg)) > 0
}

suggested_condition(cfg) := {"StringNotEquals": {"aws:SourceVpc": allow_list("vpc", cfg)}} if {
	count(allow_list("endpoint", cfg)) == 0
	count(allow_list("vpc", cfg)) > 0
}

suggested_condition(cfg) := {"NotIpAddress": {"aws:VpcSourceIp": allow_list("ip", cfg)}} if {
	count(allow_list("endpoint", cfg)) == 0
	count(allow_list("vpc", cfg)) == 0
	count(allow_list("ip", cfg)) > 0
}

suggested_condition(cfg) := {"StringNotEquals": {"aws:SourceVpce": "vpce-xxxxxxxxxxxxxxxxx"}} if {
	count(allow_list("endpoint", cfg)) == 0
	count(allow_list("vpc", cfg)) == 0
	count(allow_list("ip", cfg)) == 0
}
