/**
 * Every message guard prints stays within the bound the pack keeps for its own diagnostics, so that a hostile
 * export (megabyte URNs, keys or values) cannot make one finding or error unreadably large.
 */
export const maxMessageBytes = 64 * 1024;

/** The text cut on a character boundary to at most maxMessageBytes, saying how much was cut. */
export function bounded(text: string, maxBytes = maxMessageBytes): string {
  const bytes = Buffer.from(text);
  if (bytes.length <= maxBytes) return text;
  const kept = bytes
    .subarray(0, maxBytes - 64)
    .toString("utf8")
    .replace(/\uFFFD$/, "");
  return `${kept} … (cut: ${bytes.length - Buffer.byteLength(kept)} more bytes)`;
}
