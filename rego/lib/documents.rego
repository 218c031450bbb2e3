# Judges one resource policy document entry (see resources.document_entries) against the network rule.
#
# assess(entry, cfg) := {"status": s, "findings": [{"kind": k, "message": m}]} where s is
# "restricting", "open", "malformed", "unknown" or "error", and k is "violation", "unknown" or "error".
package private_api_guard.lib.documents

import data.private_api_guard.lib.iam

assess(entry, _) := {"status": "unknown", "findings": [{"kind": "unknown", "message": message}]} if {
	entry.state == "unknown"
	message := concat("", [
		"the resource policy in ", entry.where,
		" is not known during preview, so whether it restricts the network could not be checked; it is enforced on update",
	])
}

assess(entry, _) := {"status": "malformed", "findings": [{"kind": "violation", "message": message}]} if {
	entry.state == "invalid"
	message := concat("", ["the resource policy in ", entry.where, " is malformed: ", entry.error])
}

assess(entry, _) := {"status": "error", "findings": [{"kind": "error", "message": message}]} if {
	entry.state == "wrong_type"
	message := concat("", ["the resource policy in ", entry.where, " has an unexpected type: ", entry.error])
}

# The document's problems are found once: functions are not memoized.
assess(entry, cfg) := parsed_assessment(entry, iam.document_problems(entry.value), cfg) if entry.state == "parsed"

parsed_assessment(entry, problems, _) := {"status": "malformed", "findings": findings} if {
	count(problems) > 0
	findings := [f |
		some problem in problems
		f := {"kind": "violation", "message": concat("", ["the resource policy in ", entry.where, " is malformed: ", problem])}
	]
}

parsed_assessment(entry, problems, cfg) := {"status": status, "findings": findings} if {
	count(problems) == 0
	open := iam.open_statements(entry.value, cfg)
	findings := [f |
		some o in open
		f := {"kind": "violation", "message": open_message(entry, o)}
	]
	status := restriction_status(count(open))
}

restriction_status(open_count) := "restricting" if open_count == 0

restriction_status(open_count) := "open" if open_count > 0

open_message(entry, o) := concat("", [
	"the resource policy in ", entry.where, ": ", o.label,
	" allows execute-api:Invoke from any network. It has no restricting network condition (",
	iam.network_key_names, ") and no Deny for all principals with only negated network conditions covers it",
	reasons_text(o.reasons),
	". Add this statement to the policy: ", o.fix,
])

reasons_text(reasons) := "" if count(reasons) == 0

reasons_text(reasons) := concat("", [" (", concat("; ", reasons), ")"]) if count(reasons) > 0
