// Digests are written as lowercase hex, as Go's hex.EncodeToString does for OPA's crypto builtins.

import { bufAppendByte } from "../buffer";

const HEX_DIGITS = "0123456789abcdef";

export function bufAppendHex(b: usize, ptr: usize, len: i32): void {
  for (let i = 0; i < len; i++) {
    const byte = <i32>load<u8>(ptr + <usize>i);
    bufAppendByte(b, HEX_DIGITS.charCodeAt(byte >> 4));
    bufAppendByte(b, HEX_DIGITS.charCodeAt(byte & 15));
  }
}
