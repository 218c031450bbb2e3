# Judges one resource policy document entry (see resources.document_entries) for the kinds of caller the
# API admits (see iam.caller_kinds).
#
# assess(entry, cfg, kinds) := {"status": s, "findings": [{"kind": k, "message": m}]} where s is
# "restricting", "open", "malformed", "unknown" or "error", and k is "violation", "advisory", "unknown" or
# "error". Each kind of finding is reported at most once per document and names at most max_listed
# statements or problems, so that a diagnostic stays small however large the document.
package private_api_guard.lib.documents

import data.private_api_guard.lib.iam

max_listed := 20

# An assessment with one finding.
assessed(status, kind, message) := {"status": status, "findings": [{"kind": kind, "message": message}]}

# A message about the document, which starts with where it is.
message_about(entry, parts) := concat("", array.concat(["the resource policy in ", entry.where], parts))

# The entry's state is read once and chooses the clause: functions are not memoized, and each clause that
# compared entry.state would look it up again.
assess(entry, cfg, kinds) := assessed_in_state(entry.state, entry, cfg, kinds)

# Messages are written in parts that other messages share: each part is one string in the module.
assessed_in_state("unknown", entry, _, _) := assessed("unknown", "unknown", message_about(entry, [
	" is not known during preview, so whether it restricts the network",
	" could not be checked; it is enforced on update",
]))

assessed_in_state("invalid", entry, _, _) := assessed("malformed", "violation", message_about(entry, [" is malformed: ", entry.error]))

assessed_in_state("wrong_type", entry, _, _) := assessed("error", "error", message_about(entry, [" has an unexpected type: ", entry.error]))

# A document that evidently restricts, the usual case, has nothing to explain. Any other is judged in full;
# its problems are found once: functions are not memoized.
assessed_in_state("parsed", entry, cfg, kinds) := {"status": "restricting", "findings": []} if {
	iam.evidently_restricting(entry.value, cfg, kinds)
} else := {"status": "restricting", "findings": []} if {
	doc := judged_document(entry)
	doc != entry.value
	iam.evidently_restricting(doc, cfg, kinds)
} else := parsed_assessment(entry, iam.document_problems(entry.value), cfg, kinds)

# The document as the verdict reads it. Where the resource names its API by id (a RestApiPolicy's restApiId),
# an execute-api ARN with that id is written as its execute-api:/ path, so that it names this API for sure
# (iam.names_this_api); an ARN of another API still names nothing here. The pack does not know the API's
# region and account and takes them to be the ARN's: AWS draws API ids, so such an ARN is this API's unless
# its region or account was mistyped.
judged_document(entry) := iam.with_api_id(entry.value, entry.api_id) if {
	is_string(entry.api_id)
} else := entry.value

parsed_assessment(entry, problems, _, _) := assessed("malformed", "violation", message_about(entry, [
	" is malformed: ",
	bounded_list(sort(problems), "; "),
])) if {
	count(problems) > 0
}

parsed_assessment(entry, problems, cfg, kinds) := verdict_assessment(entry, iam.network_verdict(judged_document(entry), cfg, kinds), cfg) if {
	count(problems) == 0
}

verdict_assessment(entry, verdict, cfg) := {
	"status": restriction_status(verdict),
	"findings": array.flatten([anonymous_findings(entry, verdict, cfg), without_allow_findings(entry, verdict, cfg), dead_findings(entry, verdict)]),
}

restriction_status(verdict) := "open" if {
	count(verdict.open_allows) > 0
} else := "open" if {
	count(verdict.open_without_allow) > 0
} else := "restricting"

anonymous_findings(entry, verdict, cfg) := [] if {
	count(verdict.open_allows) == 0
} else := [{"kind": "violation", "message": message}] if {
	opens := verdict.open_allows
	grammar := words(count(opens))
	reasons := array.concat(
		iam.allow_reasons(array.slice(opens, 0, max_listed)),
		iam.deny_reasons(verdict.statements, opens[0].statement),
	)
	message := message_about(entry, [
		": ", statement_labels(opens),
		grammar.allow, " execute-api:Invoke from any network to callers the resource policy alone admits (authorization NONE). ",
		"No restricting network condition (", iam.network_key_names, ") and no Deny for all principals whose conditions hold for every outside network covers ",
		grammar.pronoun, reasons_text(reasons),
		". Add this statement to the policy: ", json.marshal(iam.suggested_deny(cfg)),
	])
}

without_allow_findings(entry, verdict, cfg) := [] if {
	count(verdict.open_without_allow) == 0
} else := [{"kind": "violation", "message": message}] if {
	message := message_about(entry, [
		" lets callers that need no Allow in it invoke the API from any VPC endpoint: ",
		concat("; ", [phrase | some kind in ["identity", "authorizer"]; kind in verdict.open_without_allow; phrase := callers_without_allow[kind]]), ". ",
		"An Allow's network condition does not stop them; only a Deny for all principals on every method (execute-api:/*) whose conditions hold for every outside network does, and the policy has none",
		reasons_text(iam.deny_reasons(verdict.statements, iam.every_method)),
		". Add this statement to the policy: ", json.marshal(iam.suggested_deny(cfg)),
	])
}

# Who gets in without an Allow, by kind of caller.
callers_without_allow := {
	"identity": "with AWS_IAM authorization, a same-account IAM principal whose identity policy allows execute-api:Invoke",
	"authorizer": "with a Lambda or Cognito authorizer, any caller the authorizer allows",
}

dead_findings(entry, verdict) := [] if {
	count(verdict.dead) == 0
} else := [{"kind": "advisory", "message": message}] if {
	grammar := words(count(verdict.dead))
	message := message_about(entry, [
		": ", statement_labels(verdict.dead),
		" can never apply to a request through a VPC endpoint, so ", grammar.subject, " grant", grammar.s,
		" or den", grammar.deny_ending, " nothing",
		reasons_text(iam.dead_reasons(array.slice(verdict.dead, 0, max_listed))),
	])
}

statement_labels(js) := bounded_list([iam.statement_label(j.statement, j.index) | some j in js], ", ")

# At most max_listed items, then how many more there are.
bounded_list(items, separator) := concat(separator, items) if {
	count(items) <= max_listed
} else := concat("", [
	concat(separator, array.slice(items, 0, max_listed)),
	" and ", format_int(count(items) - max_listed, 10), " more",
])

# The words that agree with the number of statements a message names.
words(1) := {"allow": " allows", "pronoun": "it", "subject": "it", "s": "s", "deny_ending": "ies"}

words(n) := {"allow": " allow", "pronoun": "them", "subject": "they", "s": "", "deny_ending": "y"} if n != 1

reasons_text(reasons) := "" if {
	count(reasons) == 0
} else := concat("", [" (", bounded_list(sort(reasons), "; "), ")"])
