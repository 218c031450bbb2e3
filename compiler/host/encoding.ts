/**
 * The encodings OPA's token builtins use, written the way OPA (Go) writes them: base64url as OPA's
 * `base64url.decode` reads it, JSON as Go's encoding/json marshals it (sorted keys, HTML-safe
 * escapes), which is what `io.jwt.encode_sign` signs, so its output matches OPA's byte for byte.
 */
import { isJsonObject } from "./operands";

/**
 * Bytes of a base64url string, padded or not, as `base64url.decode` reads it: a length of 4n+1 is
 * illegal, and so is any character outside the URL alphabet.
 */
export function base64UrlDecode(text: string): Buffer {
  let padded = text;
  if (!text.endsWith("=")) {
    const remainder = text.replace(/[\r\n]/g, "").length % 4;
    if (remainder === 1) throw new Error(`illegal base64url string: ${text}`);
    padded += "=".repeat((4 - remainder) % 4);
  }
  return Buffer.from(checkedBase64(padded, /[^A-Za-z0-9_=-]/), "base64url");
}

/** Bytes of standard, padded base64 as Go's base64.StdEncoding reads it. */
export function base64StdDecode(text: string): Buffer {
  return Buffer.from(checkedBase64(text, /[^A-Za-z0-9+/=]/), "base64");
}

/**
 * `text` without line breaks (Go skips them) when it is padded base64 in the alphabet that `outside`
 * negates; else Go's error, which names the first byte it cannot decode: a character outside the
 * alphabet, padding where a quantum cannot end, what follows the padding, or the start of an
 * incomplete last quantum.
 */
function checkedBase64(text: string, outside: RegExp): string {
  const body = text.replace(/[\r\n]/g, "");
  const fail = (at: number) => new Error(`illegal base64 data at input byte ${at}`);
  const invalid = body.search(outside);
  if (invalid >= 0) throw fail(invalid);
  const padding = body.indexOf("=");
  if (padding < 0) {
    if (body.length % 4 !== 0) throw fail(body.length - (body.length % 4));
    return body;
  }
  if (padding % 4 < 2) throw fail(padding);
  const end = padding + 4 - (padding % 4);
  for (let i = padding; i < end; i++) if (body[i] !== "=") throw fail(i);
  if (body.length > end) throw fail(end);
  return body;
}

/** Unpadded base64url, as JWS compact serialization writes each part. */
export function base64UrlEncode(bytes: Uint8Array | string): string {
  return Buffer.from(bytes).toString("base64url");
}

/** `value` as Go's json.Marshal writes the JSON OPA hands it. */
export function goJson(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "boolean") return String(value);
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return goString(value);
  if (Array.isArray(value)) return `[${value.map(goJson).join(",")}]`;
  if (isJsonObject(value)) {
    // Go sorts map keys by their UTF-8 bytes.
    const keys = Object.keys(value).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    return `{${keys.map((key) => `${goString(key)}:${goJson(value[key])}`).join(",")}}`;
  }
  throw new Error(`cannot marshal ${typeof value}`);
}

const ESCAPES: Record<string, string> = {
  '"': '\\"',
  "\\": "\\\\",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
  "\b": "\\b",
  "\f": "\\f",
};

/** A JSON string as Go writes it: <, > and & and the two JavaScript line separators escaped too. */
function goString(text: string): string {
  const escaped = text.replace(/["\\\u0000-\u001f<>&\u2028\u2029]/g, (c) => {
    return ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
  });
  return `"${escaped}"`;
}
