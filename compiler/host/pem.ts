/** PEM blocks, found as Go's encoding/pem finds them (the key and certificate parsers OPA uses). */

export interface PemBlock {
  type: string;
  der: Buffer;
  /** What follows the block's END line. */
  rest: string;
}

const BLOCK =
  /(?:^|\n)-----BEGIN ([^\n-]*)-----[ \t]*\r?\n([\s\S]*?)(?:^|\n)-----END \1-----[ \t]*(?:\r?\n|$)/m;

/**
 * The first PEM block: a BEGIN line at the start of the text or of a line, its base64 body, the
 * matching END line; undefined when there is none.
 */
export function decodePem(text: string): PemBlock | undefined {
  const block = BLOCK.exec(text);
  if (block === null) return undefined;
  const body = block[2].replace(/\s/g, "");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body) || body.length % 4 !== 0) return undefined;
  return {
    type: block[1],
    der: Buffer.from(body, "base64"),
    rest: text.slice(block.index + block[0].length),
  };
}
