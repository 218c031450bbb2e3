// UTF-8 helpers shared by builtins that count or slice characters rather than bytes.

/** Number of code points in valid UTF-8 (continuation bytes are not counted). */
export function utf8RuneCount(ptr: usize, len: i32): i32 {
  let n = 0;
  for (let i = 0; i < len; i++) {
    if ((load<u8>(ptr + <usize>i) & 0xc0) != 0x80) n++;
  }
  return n;
}
