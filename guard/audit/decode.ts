/**
 * The bytes of a stack export → its text. `pulumi stack export > file` writes UTF-8, but shells differ:
 * PowerShell's redirection writes UTF-16 with a byte-order mark, and some tools put a UTF-8 byte-order mark
 * first. Those are accepted; anything else that is not valid UTF-8 is refused rather than read with
 * replacement characters, which could change a policy document without anyone noticing.
 */
import { UsageError } from "../errors";

const utf16LeBom = [0xff, 0xfe];
const utf16BeBom = [0xfe, 0xff];

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}

function decode(bytes: Uint8Array, encoding: "utf-8" | "utf-16le" | "utf-16be", source: string): string {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new UsageError(`${source} is not valid ${encoding.toUpperCase()} text`);
  }
}

export function decodeExport(bytes: Uint8Array, source: string): string {
  // TextDecoder drops the byte-order mark of its own encoding (ignoreBOM: false).
  if (startsWith(bytes, utf16LeBom)) return decode(bytes, "utf-16le", source);
  if (startsWith(bytes, utf16BeBom)) return decode(bytes, "utf-16be", source);
  const text = decode(bytes, "utf-8", source);
  if (text.includes("\u0000")) {
    // UTF-16 without a byte-order mark decodes as UTF-8 with a NUL after every ASCII character.
    throw new UsageError(
      `${source} holds NUL characters: UTF-16 without a byte-order mark? Export again as UTF-8`,
    );
  }
  return text;
}
