// HMAC (RFC 2104): H((K ^ opad) || H((K ^ ipad) || message)), K the key zero-padded to the hash's
// block size, or the key's own digest when it is longer than a block. One function per hash rather
// than one taking the hash as a parameter: a linked module then keeps only the hashes it calls.

import { alloc } from "../alloc";
import { MD5_BLOCK, MD5_SIZE, md5 } from "./md5";
import { SHA1_BLOCK, SHA1_SIZE, sha1 } from "./sha1";
import { SHA256_BLOCK, SHA256_SIZE, sha256 } from "./sha256";
import { SHA512_BLOCK, SHA512_SIZE, sha512 } from "./sha512";

const IPAD: u8 = 0x36;
const OPAD: u8 = 0x5c;

/** (K ^ pad) || tail, for a key of at most `block` bytes; its length is block + tailLen. */
function padded(key: usize, keyLen: i32, block: i32, pad: u8, tail: usize, tailLen: i32): usize {
  const out = alloc(<usize>(block + tailLen));
  memory.fill(out, pad, <usize>block);
  for (let i = 0; i < keyLen; i++) store<u8>(out + <usize>i, load<u8>(key + <usize>i) ^ pad);
  memory.copy(out + <usize>block, tail, <usize>tailLen);
  return out;
}

export function hmacMd5(msg: usize, msgLen: i32, key: usize, keyLen: i32, out: usize): void {
  if (keyLen > MD5_BLOCK) {
    const hashed = alloc(MD5_SIZE);
    md5(key, keyLen, hashed);
    key = hashed;
    keyLen = MD5_SIZE;
  }
  const inner = alloc(MD5_SIZE);
  md5(padded(key, keyLen, MD5_BLOCK, IPAD, msg, msgLen), MD5_BLOCK + msgLen, inner);
  md5(padded(key, keyLen, MD5_BLOCK, OPAD, inner, MD5_SIZE), MD5_BLOCK + MD5_SIZE, out);
}

export function hmacSha1(msg: usize, msgLen: i32, key: usize, keyLen: i32, out: usize): void {
  if (keyLen > SHA1_BLOCK) {
    const hashed = alloc(SHA1_SIZE);
    sha1(key, keyLen, hashed);
    key = hashed;
    keyLen = SHA1_SIZE;
  }
  const inner = alloc(SHA1_SIZE);
  sha1(padded(key, keyLen, SHA1_BLOCK, IPAD, msg, msgLen), SHA1_BLOCK + msgLen, inner);
  sha1(padded(key, keyLen, SHA1_BLOCK, OPAD, inner, SHA1_SIZE), SHA1_BLOCK + SHA1_SIZE, out);
}

export function hmacSha256(msg: usize, msgLen: i32, key: usize, keyLen: i32, out: usize): void {
  if (keyLen > SHA256_BLOCK) {
    const hashed = alloc(SHA256_SIZE);
    sha256(key, keyLen, hashed);
    key = hashed;
    keyLen = SHA256_SIZE;
  }
  const inner = alloc(SHA256_SIZE);
  sha256(padded(key, keyLen, SHA256_BLOCK, IPAD, msg, msgLen), SHA256_BLOCK + msgLen, inner);
  sha256(padded(key, keyLen, SHA256_BLOCK, OPAD, inner, SHA256_SIZE), SHA256_BLOCK + SHA256_SIZE, out);
}

export function hmacSha512(msg: usize, msgLen: i32, key: usize, keyLen: i32, out: usize): void {
  if (keyLen > SHA512_BLOCK) {
    const hashed = alloc(SHA512_SIZE);
    sha512(key, keyLen, hashed);
    key = hashed;
    keyLen = SHA512_SIZE;
  }
  const inner = alloc(SHA512_SIZE);
  sha512(padded(key, keyLen, SHA512_BLOCK, IPAD, msg, msgLen), SHA512_BLOCK + msgLen, inner);
  sha512(padded(key, keyLen, SHA512_BLOCK, OPAD, inner, SHA512_SIZE), SHA512_BLOCK + SHA512_SIZE, out);
}
