// UTF-8 decoding with Go's rules (what OPA's string builtins see): an invalid or truncated
// sequence decodes as U+FFFD and consumes exactly one byte, so counts match utf8.RuneCountInString.

// Size in bytes of the sequence decoded by the last utf8Decode call.
let lastSize: i32 = 1;

export function utf8LastSize(): i32 {
  return lastSize;
}

function cont(ptr: usize, i: i32, end: i32, lo: u32, hi: u32): bool {
  if (i >= end) return false;
  const c = <u32>load<u8>(ptr + <usize>i);
  return c >= lo && c <= hi;
}

/** Decodes the code point at ptr[i] (i < end); its byte size is then utf8LastSize(). */
export function utf8Decode(ptr: usize, i: i32, end: i32): u32 {
  const b0 = <u32>load<u8>(ptr + <usize>i);
  lastSize = 1;
  if (b0 < 0x80) return b0;
  if (b0 >= 0xc2 && b0 <= 0xdf) {
    if (!cont(ptr, i + 1, end, 0x80, 0xbf)) return 0xfffd;
    lastSize = 2;
    return ((b0 & 0x1f) << 6) | ((<u32>load<u8>(ptr + <usize>(i + 1))) & 0x3f);
  }
  if (b0 >= 0xe0 && b0 <= 0xef) {
    const lo: u32 = b0 == 0xe0 ? 0xa0 : 0x80;
    const hi: u32 = b0 == 0xed ? 0x9f : 0xbf;
    if (!cont(ptr, i + 1, end, lo, hi) || !cont(ptr, i + 2, end, 0x80, 0xbf)) return 0xfffd;
    lastSize = 3;
    return (
      ((b0 & 0x0f) << 12) |
      (((<u32>load<u8>(ptr + <usize>(i + 1))) & 0x3f) << 6) |
      ((<u32>load<u8>(ptr + <usize>(i + 2))) & 0x3f)
    );
  }
  if (b0 >= 0xf0 && b0 <= 0xf4) {
    const lo: u32 = b0 == 0xf0 ? 0x90 : 0x80;
    const hi: u32 = b0 == 0xf4 ? 0x8f : 0xbf;
    if (
      !cont(ptr, i + 1, end, lo, hi) ||
      !cont(ptr, i + 2, end, 0x80, 0xbf) ||
      !cont(ptr, i + 3, end, 0x80, 0xbf)
    )
      return 0xfffd;
    lastSize = 4;
    return (
      ((b0 & 0x07) << 18) |
      (((<u32>load<u8>(ptr + <usize>(i + 1))) & 0x3f) << 12) |
      (((<u32>load<u8>(ptr + <usize>(i + 2))) & 0x3f) << 6) |
      ((<u32>load<u8>(ptr + <usize>(i + 3))) & 0x3f)
    );
  }
  return 0xfffd;
}

/** Number of code points, counting each invalid byte as one (Go's utf8.RuneCount). */
export function utf8RuneCount(ptr: usize, len: i32): i32 {
  let n = 0;
  let i = 0;
  while (i < len) {
    if (load<u8>(ptr + <usize>i) < 0x80) i++;
    else {
      utf8Decode(ptr, i, len);
      i += lastSize;
    }
    n++;
  }
  return n;
}
