// SHA-1 (FIPS 180-4 §6.1): 20-byte digest of 64-byte blocks, words big-endian.

import { alloc } from "../alloc";
import { finalBlockCount, finalBlocks } from "./padding";

export const SHA1_SIZE: i32 = 20;
export const SHA1_BLOCK: i32 = 64;

/** Writes the SHA-1 digest of the `len` bytes at `ptr` to `out` (SHA1_SIZE bytes). */
export function sha1(ptr: usize, len: i32, out: usize): void {
  const state = alloc(20);
  store<u32>(state, 0x67452301, 0);
  store<u32>(state, 0xefcdab89, 4);
  store<u32>(state, 0x98badcfe, 8);
  store<u32>(state, 0x10325476, 12);
  store<u32>(state, 0xc3d2e1f0, 16);
  const schedule = alloc(80 * 4);
  const full = len - (len % SHA1_BLOCK);
  for (let i = 0; i < full; i += SHA1_BLOCK) compress(state, schedule, ptr + <usize>i);
  const last = finalBlocks(ptr, len, SHA1_BLOCK, 8, true);
  for (let i = 0; i < finalBlockCount(len, SHA1_BLOCK, 8); i++)
    compress(state, schedule, last + <usize>(i * SHA1_BLOCK));
  for (let i = 0; i < 5; i++)
    store<u32>(out + <usize>(i << 2), bswap<u32>(load<u32>(state + <usize>(i << 2))));
}

function compress(state: usize, w: usize, block: usize): void {
  for (let t = 0; t < 16; t++)
    store<u32>(w + <usize>(t << 2), bswap<u32>(load<u32>(block + <usize>(t << 2))));
  for (let t = 16; t < 80; t++) {
    const x =
      load<u32>(w + <usize>((t - 3) << 2)) ^
      load<u32>(w + <usize>((t - 8) << 2)) ^
      load<u32>(w + <usize>((t - 14) << 2)) ^
      load<u32>(w + <usize>((t - 16) << 2));
    store<u32>(w + <usize>(t << 2), rotl<u32>(x, 1));
  }
  let a = load<u32>(state, 0);
  let b = load<u32>(state, 4);
  let c = load<u32>(state, 8);
  let d = load<u32>(state, 12);
  let e = load<u32>(state, 16);
  for (let t = 0; t < 80; t++) {
    let f: u32;
    let k: u32;
    if (t < 20) {
      f = (b & c) | (~b & d); // Ch
      k = 0x5a827999;
    } else if (t < 40) {
      f = b ^ c ^ d; // Parity
      k = 0x6ed9eba1;
    } else if (t < 60) {
      f = (b & c) | (b & d) | (c & d); // Maj
      k = 0x8f1bbcdc;
    } else {
      f = b ^ c ^ d;
      k = 0xca62c1d6;
    }
    const temp = rotl<u32>(a, 5) + f + e + k + load<u32>(w + <usize>(t << 2));
    e = d;
    d = c;
    c = rotl<u32>(b, 30);
    b = a;
    a = temp;
  }
  store<u32>(state, load<u32>(state, 0) + a, 0);
  store<u32>(state, load<u32>(state, 4) + b, 4);
  store<u32>(state, load<u32>(state, 8) + c, 8);
  store<u32>(state, load<u32>(state, 12) + d, 12);
  store<u32>(state, load<u32>(state, 16) + e, 16);
}
