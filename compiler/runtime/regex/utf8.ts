// UTF-8 decoding as Go's unicode/utf8 does it: a malformed or truncated sequence, a surrogate or an
// overlong form decodes to U+FFFD with width 1, so every byte string can be scanned rune by rune.

export const RUNE_ERROR: i32 = 0xfffd;
export const MAX_RUNE: i32 = 0x10ffff;

// decodeRune stores the width here instead of returning a pair, to avoid allocating.
export let decodedWidth: i32 = 0;

function continuation(ptr: usize, len: i32, at: i32): i32 {
  if (at >= len) return -1;
  const b = <i32>load<u8>(ptr + <usize>at);
  return (b & 0xc0) == 0x80 ? b & 0x3f : -1;
}

/** The rune starting at byte `at` (< len); its byte width is left in `decodedWidth`. */
export function decodeRune(ptr: usize, len: i32, at: i32): i32 {
  const b0 = <i32>load<u8>(ptr + <usize>at);
  decodedWidth = 1;
  if (b0 < 0x80) return b0;
  if (b0 < 0xc2 || b0 > 0xf4) return RUNE_ERROR;
  const c1 = continuation(ptr, len, at + 1);
  if (c1 < 0) return RUNE_ERROR;
  if (b0 < 0xe0) {
    decodedWidth = 2;
    return ((b0 & 0x1f) << 6) | c1;
  }
  const c2 = continuation(ptr, len, at + 2);
  if (c2 < 0) return RUNE_ERROR;
  if (b0 < 0xf0) {
    const r = ((b0 & 0x0f) << 12) | (c1 << 6) | c2;
    if (r < 0x800 || (r >= 0xd800 && r <= 0xdfff)) return RUNE_ERROR;
    decodedWidth = 3;
    return r;
  }
  const c3 = continuation(ptr, len, at + 3);
  if (c3 < 0) return RUNE_ERROR;
  const r = ((b0 & 0x07) << 18) | (c1 << 12) | (c2 << 6) | c3;
  if (r < 0x10000 || r > MAX_RUNE) return RUNE_ERROR;
  decodedWidth = 4;
  return r;
}

/** Number of bytes `encodeRune` writes for r. */
export function runeWidth(r: i32): i32 {
  if (r < 0x80) return 1;
  if (r < 0x800) return 2;
  if (r < 0x10000) return 3;
  return 4;
}

/** Writes r as UTF-8 at dst and returns the number of bytes written. */
export function encodeRune(dst: usize, r: i32): i32 {
  if (r < 0x80) {
    store<u8>(dst, <u8>r);
    return 1;
  }
  if (r < 0x800) {
    store<u8>(dst, <u8>(0xc0 | (r >> 6)));
    store<u8>(dst + 1, <u8>(0x80 | (r & 0x3f)));
    return 2;
  }
  if (r < 0x10000) {
    store<u8>(dst, <u8>(0xe0 | (r >> 12)));
    store<u8>(dst + 1, <u8>(0x80 | ((r >> 6) & 0x3f)));
    store<u8>(dst + 2, <u8>(0x80 | (r & 0x3f)));
    return 3;
  }
  store<u8>(dst, <u8>(0xf0 | (r >> 18)));
  store<u8>(dst + 1, <u8>(0x80 | ((r >> 12) & 0x3f)));
  store<u8>(dst + 2, <u8>(0x80 | ((r >> 6) & 0x3f)));
  store<u8>(dst + 3, <u8>(0x80 | (r & 0x3f)));
  return 4;
}
