// Digests are written as lowercase hex, as Go's hex.EncodeToString does for OPA's crypto builtins.

import { bufAppendByte } from "../buffer";

export function bufAppendHex(b: usize, ptr: usize, len: i32): void {
  for (let i = 0; i < len; i++) {
    const byte = <i32>load<u8>(ptr + <usize>i);
    bufAppendByte(b, "0123456789abcdef".charCodeAt(byte >> 4));
    bufAppendByte(b, "0123456789abcdef".charCodeAt(byte & 15));
  }
}
