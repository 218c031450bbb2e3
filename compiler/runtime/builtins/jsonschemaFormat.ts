// The "format" keyword as OPA's gojsonschema checks it on strings. Formats it defines by a regular
// expression (or by compiling one) are checked the same way here; those it checks with Go's parsers
// (dates and times, e-mail addresses, IP addresses, URIs) are not implemented and report so, never
// passing silently. A format gojsonschema does not know passes, as there.

import { makeStringFromAS, stringLen, stringPtr } from "../value";
import { regexMatches } from "../regex/regex";
import { isNamed, schemaRegex } from "./jsonschemaSchema";

export const FORMAT_FAILS: i32 = 0;
export const FORMAT_HOLDS: i32 = 1;
export const FORMAT_UNSUPPORTED: i32 = -1;

/** The expression gojsonschema checks a format by; "" when it checks the format otherwise. */
function formatPattern(format: usize): string {
  if (isNamed(format, "hostname")) {
    return "^([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9\\-]{0,61}[a-zA-Z0-9])(\\.([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9\\-]{0,61}[a-zA-Z0-9]))*$";
  }
  if (isNamed(format, "uuid")) {
    return "^[a-fA-F0-9]{8}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{12}$";
  }
  if (isNamed(format, "json-pointer")) return "^(?:/(?:[^~/]|~0|~1)*)*$";
  if (isNamed(format, "relative-json-pointer")) return "^(?:0|[1-9][0-9]*)(?:#|(?:/(?:[^~/]|~0|~1)*)*)$";
  return "";
}

/** Whether gojsonschema checks the format with one of Go's parsers (time, mail, net, url). */
function checkedByParser(format: usize): bool {
  return (
    isNamed(format, "date") ||
    isNamed(format, "time") ||
    isNamed(format, "date-time") ||
    isNamed(format, "email") ||
    isNamed(format, "idn-email") ||
    isNamed(format, "ipv4") ||
    isNamed(format, "ipv6") ||
    isNamed(format, "uri") ||
    isNamed(format, "uri-reference") ||
    isNamed(format, "iri") ||
    isNamed(format, "iri-reference") ||
    isNamed(format, "uri-template")
  );
}

/** Whether the string s has the format (a string value): FORMAT_HOLDS, FORMAT_FAILS or FORMAT_UNSUPPORTED. */
export function formatHolds(format: usize, s: usize): i32 {
  const ptr = stringPtr(s);
  const len = stringLen(s);
  if (isNamed(format, "regex")) return len == 0 || schemaRegex(s) != 0 ? FORMAT_HOLDS : FORMAT_FAILS;
  const pattern = formatPattern(format);
  if (pattern.length > 0) {
    const re = schemaRegex(makeStringFromAS(pattern));
    // A hostname is also at most 255 bytes long.
    const holds = regexMatches(re, ptr, len) && (!isNamed(format, "hostname") || len < 256);
    return holds ? FORMAT_HOLDS : FORMAT_FAILS;
  }
  return checkedByParser(format) ? FORMAT_UNSUPPORTED : FORMAT_HOLDS;
}
