// AWS Signature Version 4 as OPA's providers.aws.sign_req computes it (OPA's
// internal/providers/aws SignV4): a canonical request of the method as given, the escaped path, the
// raw query, every header to sign (the AWS headers, then the request's own, lower-cased, overriding
// them; authorization, user-agent and x-amzn-trace-id are never signed) and the payload hash; a
// string to sign scoped to the date, region and service; a signing key derived from the secret by
// HMAC-SHA256 chained over that scope.

import { alloc } from "./alloc";
import {
  makeObject,
  makeStringFromAS,
  objectInsert,
  objectKeyAt,
  objectLen,
  objectValueAt,
  stringLen,
  stringPtr,
} from "./value";
import {
  bufAppend,
  bufAppendAS,
  bufAppendByte,
  bufAppendI64,
  bufAppendString,
  bufData,
  bufLen,
  bufNew,
  bufToString,
} from "./buffer";
import { bufAppendHex } from "./digest/hex";
import { SHA256_SIZE, sha256 } from "./digest/sha256";
import { hmacSha256 } from "./digest/hmac";
import { URL_HOST, URL_PATH, URL_QUERY } from "./url";

/** Appends the non-negative n in decimal, zero-padded to `width` digits. */
function appendPadded(b: usize, n: i64, width: i32): void {
  let digits = 1;
  for (let rest = n; rest >= 10; rest /= 10) digits++;
  for (; digits < width; digits++) bufAppendByte(b, 0x30);
  bufAppendI64(b, n);
}

function floorDiv(a: i64, b: i64): i64 {
  const q = a / b;
  return a % b != 0 && a < 0 ? q - 1 : q;
}

// The signing time, UTC, as the two forms SigV4 uses: the date (YYYYMMDD) and the timestamp
// (YYYYMMDD'T'HHMMSS'Z'), written as Go's time.Format writes them.
let signingDate: usize = 0;
let signingTimestamp: usize = 0;

function formatSigningTime(unixNanos: i64): void {
  const seconds = floorDiv(unixNanos, 1_000_000_000);
  const days = floorDiv(seconds, 86400);
  const secondOfDay = seconds - days * 86400;
  // Days since 1970-01-01 to a proleptic Gregorian date, counting in 400-year eras from 0000-03-01.
  const shifted = days + 719468;
  const era = floorDiv(shifted, 146097);
  const dayOfEra = shifted - era * 146097;
  const yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
  const dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
  const monthFromMarch = (5 * dayOfYear + 2) / 153;
  const day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);

  const date = bufNew(16);
  appendPadded(date, year, 4); // nanoseconds in an i64 reach from 1677 to 2262
  appendPadded(date, month, 2);
  appendPadded(date, day, 2);
  signingDate = bufToString(date);

  const timestamp = bufNew(24);
  bufAppendString(timestamp, signingDate);
  bufAppendByte(timestamp, 0x54); // T
  appendPadded(timestamp, secondOfDay / 3600, 2);
  appendPadded(timestamp, (secondOfDay / 60) % 60, 2);
  appendPadded(timestamp, secondOfDay % 60, 2);
  bufAppendByte(timestamp, 0x5a); // Z
  signingTimestamp = bufToString(timestamp);
}

function sha256Hex(ptr: usize, len: i32): usize {
  const digest = alloc(SHA256_SIZE);
  sha256(ptr, len, digest);
  const b = bufNew(SHA256_SIZE * 2 + 1);
  bufAppendHex(b, digest, SHA256_SIZE);
  return bufToString(b);
}

/** HMAC-SHA256 of the string value `message` under the key at `key`; a new SHA256_SIZE-byte key. */
function chain(key: usize, keyLen: i32, message: usize): usize {
  const mac = alloc(SHA256_SIZE);
  hmacSha256(stringPtr(message), stringLen(message), key, keyLen, mac);
  return mac;
}

function isUnsignedHeader(lowerName: usize): bool {
  const len = stringLen(lowerName);
  const ptr = stringPtr(lowerName);
  return (
    equalsAS(ptr, len, "authorization") ||
    equalsAS(ptr, len, "user-agent") ||
    equalsAS(ptr, len, "x-amzn-trace-id")
  );
}

function equalsAS(ptr: usize, len: i32, s: string): bool {
  if (len != s.length) return false;
  for (let i = 0; i < len; i++) if (<i32>load<u8>(ptr + <usize>i) != s.charCodeAt(i)) return false;
  return true;
}

/**
 * Signs a request. `headers` is an object of lower-cased header names to string values (the
 * request's own, to be signed with the AWS headers), `url` a parseUrl record, `body` the payload
 * string, the rest string values (`sessionToken` 0 when there is none). Returns an object of the
 * headers the request gains: Authorization, host, x-amz-date, and for S3 and Glacier
 * x-amz-content-sha256, and x-amz-security-token with a session token.
 */
export function signV4(
  method: usize,
  url: usize,
  headers: usize,
  body: usize,
  service: usize,
  region: usize,
  accessKey: usize,
  secretKey: usize,
  sessionToken: usize,
  unixNanos: i64,
  unsignedPayload: bool,
): usize {
  formatSigningTime(unixNanos);
  const payloadHash = unsignedPayload
    ? makeStringFromAS("UNSIGNED-PAYLOAD")
    : sha256Hex(stringPtr(body), stringLen(body));

  const awsHeaders = makeObject();
  objectInsert(awsHeaders, makeStringFromAS("host"), load<usize>(url + <usize>URL_HOST));
  objectInsert(awsHeaders, makeStringFromAS("x-amz-date"), signingTimestamp);
  const serviceName = stringPtr(service);
  const serviceLen = stringLen(service);
  if (equalsAS(serviceName, serviceLen, "s3") || equalsAS(serviceName, serviceLen, "glacier"))
    objectInsert(awsHeaders, makeStringFromAS("x-amz-content-sha256"), payloadHash);
  if (sessionToken != 0 && stringLen(sessionToken) > 0)
    objectInsert(awsHeaders, makeStringFromAS("x-amz-security-token"), sessionToken);

  // Objects keep their keys sorted, as the canonical request lists them.
  const signed = makeObject();
  for (let i = 0; i < objectLen(awsHeaders); i++)
    objectInsert(signed, objectKeyAt(awsHeaders, i), objectValueAt(awsHeaders, i));
  for (let i = 0; i < objectLen(headers); i++) {
    const name = objectKeyAt(headers, i);
    if (!isUnsignedHeader(name)) objectInsert(signed, name, objectValueAt(headers, i));
  }
  const signedNames = bufNew(64);
  for (let i = 0; i < objectLen(signed); i++) {
    if (i > 0) bufAppendByte(signedNames, 0x3b); // ;
    bufAppendString(signedNames, objectKeyAt(signed, i));
  }

  const canonical = bufNew(256);
  bufAppendString(canonical, method);
  bufAppendByte(canonical, 0x0a);
  bufAppendString(canonical, load<usize>(url + <usize>URL_PATH));
  bufAppendByte(canonical, 0x0a);
  bufAppendString(canonical, load<usize>(url + <usize>URL_QUERY));
  bufAppendByte(canonical, 0x0a);
  for (let i = 0; i < objectLen(signed); i++) {
    bufAppendString(canonical, objectKeyAt(signed, i));
    bufAppendByte(canonical, 0x3a); // :
    bufAppendString(canonical, objectValueAt(signed, i));
    bufAppendByte(canonical, 0x0a);
  }
  bufAppendByte(canonical, 0x0a);
  bufAppend(canonical, bufData(signedNames), bufLen(signedNames));
  bufAppendByte(canonical, 0x0a);
  bufAppendString(canonical, payloadHash);

  const scope = bufNew(64);
  bufAppendString(scope, signingDate);
  bufAppendByte(scope, 0x2f);
  bufAppendString(scope, region);
  bufAppendByte(scope, 0x2f);
  bufAppendString(scope, service);
  bufAppendAS(scope, "/aws4_request");

  const toSign = bufNew(256);
  bufAppendAS(toSign, "AWS4-HMAC-SHA256\n");
  bufAppendString(toSign, signingTimestamp);
  bufAppendByte(toSign, 0x0a);
  bufAppend(toSign, bufData(scope), bufLen(scope));
  bufAppendByte(toSign, 0x0a);
  bufAppendString(toSign, sha256Hex(bufData(canonical), bufLen(canonical)));

  const secret = bufNew(stringLen(secretKey) + 4);
  bufAppendAS(secret, "AWS4");
  bufAppendString(secret, secretKey);
  let key = chain(bufData(secret), bufLen(secret), signingDate);
  key = chain(key, SHA256_SIZE, region);
  key = chain(key, SHA256_SIZE, service);
  key = chain(key, SHA256_SIZE, makeStringFromAS("aws4_request"));
  const signature = chain(key, SHA256_SIZE, bufToString(toSign));

  const authorization = bufNew(256);
  bufAppendAS(authorization, "AWS4-HMAC-SHA256 Credential=");
  bufAppendString(authorization, accessKey);
  bufAppendByte(authorization, 0x2f);
  bufAppend(authorization, bufData(scope), bufLen(scope));
  bufAppendAS(authorization, ",SignedHeaders=");
  bufAppend(authorization, bufData(signedNames), bufLen(signedNames));
  bufAppendAS(authorization, ",Signature=");
  bufAppendHex(authorization, signature, SHA256_SIZE);
  objectInsert(awsHeaders, makeStringFromAS("Authorization"), bufToString(authorization));
  return awsHeaders;
}
