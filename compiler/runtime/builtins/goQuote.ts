// How Go's time package quotes text in its error messages: in double quotes, with '"' and '\'
// escaped by a backslash and every byte of a control character or non-ASCII rune (or of invalid
// UTF-8) written as \xhh.

import { bufAppendByte } from "../buffer";

const HEX_DIGITS = "0123456789abcdef";

export function bufAppendGoQuoted(b: usize, ptr: usize, len: i32): void {
  bufAppendByte(b, 0x22);
  for (let i = 0; i < len; i++) {
    const c = <u32>load<u8>(ptr + <usize>i);
    if (c >= 0x80 || c < 0x20) {
      bufAppendByte(b, 0x5c);
      bufAppendByte(b, 0x78);
      bufAppendByte(b, HEX_DIGITS.charCodeAt(c >> 4));
      bufAppendByte(b, HEX_DIGITS.charCodeAt(c & 15));
      continue;
    }
    if (c == 0x22 || c == 0x5c) bufAppendByte(b, 0x5c);
    bufAppendByte(b, c);
  }
  bufAppendByte(b, 0x22);
}
