// Digest builtins: crypto.md5/sha1/sha256 and crypto.hmac.* write the lowercase hex digest of a
// string's UTF-8 bytes, as OPA's do (Go's crypto packages, hex.EncodeToString). The hash functions
// themselves are in ../digest/.

import { alloc } from "../alloc";
import { makeBool, stringLen, stringPtr } from "../value";
import { bufNew, bufToString } from "../buffer";
import { bufAppendHex } from "../digest/hex";
import { MD5_SIZE, md5 } from "../digest/md5";
import { SHA1_SIZE, sha1 } from "../digest/sha1";
import { SHA256_SIZE, sha256 } from "../digest/sha256";
import { SHA512_SIZE } from "../digest/sha512";
import { hmacMd5, hmacSha1, hmacSha256, hmacSha512 } from "../digest/hmac";
import { requireString } from "./operands";

function hexString(digest: usize, size: i32): usize {
  const b = bufNew(size * 2 + 1);
  bufAppendHex(b, digest, size);
  return bufToString(b);
}

export function builtin_crypto_md5(x: usize): usize {
  requireString("crypto.md5", 1, x);
  const digest = alloc(MD5_SIZE);
  md5(stringPtr(x), stringLen(x), digest);
  return hexString(digest, MD5_SIZE);
}

export function builtin_crypto_sha1(x: usize): usize {
  requireString("crypto.sha1", 1, x);
  const digest = alloc(SHA1_SIZE);
  sha1(stringPtr(x), stringLen(x), digest);
  return hexString(digest, SHA1_SIZE);
}

export function builtin_crypto_sha256(x: usize): usize {
  requireString("crypto.sha256", 1, x);
  const digest = alloc(SHA256_SIZE);
  sha256(stringPtr(x), stringLen(x), digest);
  return hexString(digest, SHA256_SIZE);
}

// crypto.hmac.*(x, key): the message first, then the key.

export function builtin_crypto_hmac_md5(x: usize, key: usize): usize {
  requireString("crypto.hmac.md5", 1, x);
  requireString("crypto.hmac.md5", 2, key);
  const mac = alloc(MD5_SIZE);
  hmacMd5(stringPtr(x), stringLen(x), stringPtr(key), stringLen(key), mac);
  return hexString(mac, MD5_SIZE);
}

export function builtin_crypto_hmac_sha1(x: usize, key: usize): usize {
  requireString("crypto.hmac.sha1", 1, x);
  requireString("crypto.hmac.sha1", 2, key);
  const mac = alloc(SHA1_SIZE);
  hmacSha1(stringPtr(x), stringLen(x), stringPtr(key), stringLen(key), mac);
  return hexString(mac, SHA1_SIZE);
}

export function builtin_crypto_hmac_sha256(x: usize, key: usize): usize {
  requireString("crypto.hmac.sha256", 1, x);
  requireString("crypto.hmac.sha256", 2, key);
  const mac = alloc(SHA256_SIZE);
  hmacSha256(stringPtr(x), stringLen(x), stringPtr(key), stringLen(key), mac);
  return hexString(mac, SHA256_SIZE);
}

export function builtin_crypto_hmac_sha512(x: usize, key: usize): usize {
  requireString("crypto.hmac.sha512", 1, x);
  requireString("crypto.hmac.sha512", 2, key);
  const mac = alloc(SHA512_SIZE);
  hmacSha512(stringPtr(x), stringLen(x), stringPtr(key), stringLen(key), mac);
  return hexString(mac, SHA512_SIZE);
}

/** Compares in time that depends only on the lengths, as Go's hmac.Equal, which OPA calls: a MAC
 *  check must not reveal how long a prefix of a guess was right. */
export function builtin_crypto_hmac_equal(mac1: usize, mac2: usize): usize {
  requireString("crypto.hmac.equal", 1, mac1);
  requireString("crypto.hmac.equal", 2, mac2);
  const len = stringLen(mac1);
  if (len != stringLen(mac2)) return makeBool(false);
  const a = stringPtr(mac1);
  const b = stringPtr(mac2);
  let difference: u32 = 0;
  for (let i = 0; i < len; i++) difference |= <u32>(load<u8>(a + <usize>i) ^ load<u8>(b + <usize>i));
  return makeBool(difference == 0);
}
