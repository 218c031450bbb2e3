/**
 * Where OPA's Wasm module writes a decision differently from OPA itself (its interpreter, `opa eval`), and the
 * form in which both modules' decisions are compared. OPA's Wasm runtime keeps objects and sets in hash
 * tables and has its own JSON writer, so, unlike the interpreter (and our module):
 *
 * 1. the `findings` set of a decision comes out in hash order, not sorted;
 * 2. `json.marshal` writes an object's members in hash order, not sorted by key;
 * 3. `json.marshal` writes `<`, `>` and `&` in strings as they are, where the interpreter (Go's
 *    encoding/json) escapes them as \u003c, \u003e and \u0026;
 * 4. so a set of messages that embed such text sorts differently: a message joining that set (the problems
 *    of a malformed document, joined by "; ") lists them in another order, and where it lists only the
 *    first few ("… and 2 more"), others.
 *
 * The comparison form undoes each: findings sorted, marshalled objects re-written with sorted members, the
 * escapes written as characters, the text of every quoted string left out (which ones a truncated list
 * shows depends on the order), and each message taken as the multiset of its parts between "; " and ": ".
 * It is much looser than equality, so decisions.test.ts also holds our module to the interpreter's exact
 * output; this form checks that OPA's compiled module reaches the same findings, for the same statements.
 */

/** Rego's set of findings (rego/decision.rego) in one order, whatever order a module listed it in. */
function sortedFindings(findings: unknown[]): unknown[] {
  return findings
    .map((finding) => [sortedKeysJson(finding), finding] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, finding]) => finding);
}

function sortedKeysJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(sortedKeysJson).join(",")}]`;
  if (typeof value !== "object" || value === null) return JSON.stringify(value);
  const members = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${members.map(([key, member]) => `${JSON.stringify(key)}:${sortedKeysJson(member)}`).join(",")}}`;
}

type ResultEntry = { result?: { findings?: unknown } } | null;

/** The result set of the decision entrypoint in the comparison form: strings canonical, findings sorted. */
export function comparisonForm(resultSet: unknown): unknown {
  const canonical = canonicalValue(resultSet);
  if (!Array.isArray(canonical)) return canonical;
  return canonical.map((entry: ResultEntry) => {
    const findings = entry?.result?.findings;
    return Array.isArray(findings)
      ? { ...entry, result: { ...entry!.result, findings: sortedFindings(findings) } }
      : entry;
  });
}

function canonicalValue(value: unknown): unknown {
  if (typeof value === "string") {
    return canonicalText(value).replace(quotedString, '"…"').split(/; |: /).sort().join("\n");
  }
  if (Array.isArray(value)) return value.map(canonicalValue);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, member]) => [key, canonicalValue(member)]));
  }
  return value;
}

const quotedString = /"(?:[^"\\]|\\.)*"/g;

const htmlEscapes: Record<string, string> = { "\\u003c": "<", "\\u003e": ">", "\\u0026": "&" };

/**
 * A message with every JSON object written in it by json.marshal re-written with its members sorted by key
 * (leaf values keep their text), and the interpreter's HTML escapes written as the characters they stand for.
 */
export function canonicalText(text: string): string {
  const unescaped = text.replace(/\\u003[ce]|\\u0026/g, (escape) => htmlEscapes[escape]);
  let out = "";
  for (let i = 0; i < unescaped.length;) {
    const parsed = unescaped[i] === "{" ? parseValue(unescaped, i) : undefined;
    if (parsed?.node.kind === "object") {
      out += render(parsed.node);
      i = parsed.end;
    } else {
      out += unescaped[i++];
    }
  }
  return out;
}

type JsonNode =
  | { kind: "object"; members: { key: string; keyText: string; value: JsonNode }[] }
  | { kind: "array"; items: JsonNode[] }
  | { kind: "leaf"; text: string };

/** Go orders map keys by their bytes (UTF-8), which is not JavaScript's UTF-16 order for every character. */
const byUtf8 = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

function render(node: JsonNode): string {
  if (node.kind === "leaf") return node.text;
  if (node.kind === "array") return `[${node.items.map(render).join(",")}]`;
  const members = [...node.members].sort((a, b) => byUtf8(a.key, b.key));
  return `{${members.map((m) => `${m.keyText}:${render(m.value)}`).join(",")}}`;
}

const leafPattern = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;

/** The text of a JSON string as JSON.parse reads it; text that only looks like one sorts as itself. */
function decoded(stringText: string): string {
  try {
    return JSON.parse(stringText) as string;
  } catch {
    return stringText;
  }
}

/** json.marshal's output at `start` (no whitespace, as it writes none), or undefined when there is none. */
function parseValue(text: string, start: number): { node: JsonNode; end: number } | undefined {
  if (text[start] === "{" || text[start] === "[") {
    const object = text[start] === "{";
    const close = object ? "}" : "]";
    const members: { key: string; keyText: string; value: JsonNode }[] = [];
    const items: JsonNode[] = [];
    let i = start + 1;
    if (text[i] !== close) {
      for (;;) {
        let keyText = "";
        if (object) {
          leafPattern.lastIndex = i;
          const key = leafPattern.exec(text);
          if (!key || !key[0].startsWith('"') || text[i + key[0].length] !== ":") return undefined;
          keyText = key[0];
          i += keyText.length + 1;
        }
        const value = parseValue(text, i);
        if (!value) return undefined;
        if (object) members.push({ key: decoded(keyText), keyText, value: value.node });
        else items.push(value.node);
        i = value.end;
        if (text[i] === ",") i++;
        else break;
      }
    }
    if (text[i] !== close) return undefined;
    return { node: object ? { kind: "object", members } : { kind: "array", items }, end: i + 1 };
  }
  leafPattern.lastIndex = start;
  const leaf = leafPattern.exec(text);
  return leaf ? { node: { kind: "leaf", text: leaf[0] }, end: start + leaf[0].length } : undefined;
}
