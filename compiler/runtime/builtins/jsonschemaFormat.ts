// The "format" keyword as OPA's gojsonschema checks it on strings. Formats it defines by a regular
// expression (or by compiling one) are checked the same way here; those it checks with Go's parsers
// (dates and times, e-mail addresses, IP addresses, URIs) are not implemented and report so, never
// passing silently. A format gojsonschema does not know passes, as there.

import { makeStringFromAS, stringLen, stringPtr } from "../value";
import { regexMatches } from "../regex/regex";
import { schemaRegex } from "./jsonschemaSchema";

export const FORMAT_FAILS: i32 = 0;
export const FORMAT_HOLDS: i32 = 1;
export const FORMAT_UNSUPPORTED: i32 = -1;

/** Whether the string value v reads as the literal name. */
function named(v: usize, name: string): bool {
  const n = makeStringFromAS(name);
  return stringLen(n) == stringLen(v) && memory.compare(stringPtr(n), stringPtr(v), <usize>stringLen(v)) == 0;
}

// [format, the expression its strings must match]
const PATTERNS: StaticArray<string> = [
  "hostname",
  "^([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9\\-]{0,61}[a-zA-Z0-9])(\\.([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9\\-]{0,61}[a-zA-Z0-9]))*$",
  "uuid",
  "^[a-fA-F0-9]{8}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{12}$",
  "json-pointer",
  "^(?:/(?:[^~/]|~0|~1)*)*$",
  "relative-json-pointer",
  "^(?:0|[1-9][0-9]*)(?:#|(?:/(?:[^~/]|~0|~1)*)*)$",
];

/** The formats gojsonschema checks with Go's own parsers. */
const UNSUPPORTED: StaticArray<string> = [
  "date",
  "time",
  "date-time",
  "email",
  "idn-email",
  "ipv4",
  "ipv6",
  "uri",
  "uri-reference",
  "iri",
  "iri-reference",
  "uri-template",
];

/** Whether the string s has the format (a string value): FORMAT_HOLDS, FORMAT_FAILS or FORMAT_UNSUPPORTED. */
export function formatHolds(format: usize, s: usize): i32 {
  const ptr = stringPtr(s);
  const len = stringLen(s);
  if (named(format, "regex")) return len == 0 || schemaRegex(s) != 0 ? FORMAT_HOLDS : FORMAT_FAILS;
  for (let i = 0; i < PATTERNS.length; i += 2) {
    if (!named(format, unchecked(PATTERNS[i]))) continue;
    const re = schemaRegex(makeStringFromAS(unchecked(PATTERNS[i + 1])));
    // A hostname is also at most 255 bytes long.
    const holds = regexMatches(re, ptr, len) && (i != 0 || len < 256);
    return holds ? FORMAT_HOLDS : FORMAT_FAILS;
  }
  for (let i = 0; i < UNSUPPORTED.length; i++)
    if (named(format, unchecked(UNSUPPORTED[i]))) return FORMAT_UNSUPPORTED;
  return FORMAT_HOLDS;
}
