// providers.aws.sign_req(request, aws_config, time_ns): the request object with its headers replaced
// by the signed ones (AWS Signature Version 4, ../sigv4.ts). Operands are checked in OPA's order and
// with its messages, including its operand numbers: the config's and time_ns' type errors name
// operand 1, a headers value that is no object operand 0.

import { alloc } from "../alloc";
import {
  T_BOOLEAN,
  T_OBJECT,
  T_STRING,
  arrayGet,
  arrayLen,
  arrayPush,
  boolValue,
  makeArray,
  makeObject,
  makeSet,
  makeString,
  makeStringFromAS,
  objectCopy,
  objectGet,
  objectInsert,
  objectKeyAt,
  objectLen,
  objectValueAt,
  setAdd,
  setAt,
  setContains,
  setLen,
  stringPtr,
  typeOf,
} from "../value";
import { abortBuiltin } from "../errors";
import { bufAppendAS, bufAppendI64, bufAppendString, bufNew, bufToString } from "../buffer";
import { numberFitsI64, numberIsInteger, numberToI64 } from "../number";
import { bufAppendValue, jsonDump } from "../json";
import { parseUrl, urlError } from "../url";
import { signV4 } from "../sigv4";
import { builtin_lower } from "./strings";
import { abortOperand, requireNumber, requireObject } from "./operands";

// The builtin's name and the lists below are literals inside functions, not module constants:
// AssemblyScript lays a function's static data out with its code, after the families compiled
// before this one, whose data addresses then stay as they were (module constants go among theirs).

// Lists of names, space-separated and sorted (OPA prints a set of missing names in sorted order).
function requiredConfigNames(): string {
  return "aws_access_key aws_region aws_secret_access_key aws_service";
}

function requiredRequestNames(): string {
  return "method url";
}

/** The keys http.send accepts, which OPA checks sign_req's request against. One literal: a
 *  concatenation would be computed in AssemblyScript's own allocator, which the runtime never uses. */
function requestKeyNames(): string {
  return "body cache cache_ignored_headers caching_mode enable_redirect force_cache force_cache_duration_seconds force_json_decode force_yaml_decode headers max_retry_attempts method raise_error raw_body timeout tls_ca_cert tls_ca_cert_env_variable tls_ca_cert_file tls_client_cert tls_client_cert_env_variable tls_client_cert_file tls_client_key tls_client_key_env_variable tls_client_key_file tls_insecure_skip_verify tls_server_name tls_use_system_certs url";
}

/** The words of a space-separated ASCII list, as string values. */
function words(list: string): usize {
  const out = makeArray(8);
  let start = 0;
  for (let i = 0; i <= list.length; i++) {
    if (i < list.length && list.charCodeAt(i) != 0x20) continue;
    const bytes = alloc(<usize>(i - start));
    for (let j = start; j < i; j++) store<u8>(bytes + <usize>(j - start), list.charCodeAt(j));
    arrayPush(out, makeString(bytes, i - start));
    start = i + 1;
  }
  return out;
}

/** Aborts with "<fname>: operand <n> <detail>: {<set, as OPA prints it>}" when `names` is not empty. */
function abortWithSet(operand: i32, detail: string, names: usize): void {
  if (setLen(names) == 0) return;
  const b = bufNew(96);
  bufAppendAS(b, detail);
  bufAppendAS(b, ": {");
  for (let i = 0; i < setLen(names); i++) {
    if (i > 0) bufAppendAS(b, ", ");
    bufAppendValue(b, setAt(names, i), true);
  }
  bufAppendAS(b, "}");
  abortOperandText(operand, bufToString(b));
}

function abortOperandText(operand: i32, detail: usize): void {
  const b = bufNew(96);
  bufAppendAS(b, "operand ");
  bufAppendI64(b, operand);
  bufAppendAS(b, " ");
  bufAppendString(b, detail);
  abortSignReq(bufToString(b));
}

/** Aborts with "providers.aws.sign_req: <message>", the message a string value. */
function abortSignReq(message: usize): void {
  const b = bufNew(96);
  bufAppendAS(b, "providers.aws.sign_req: ");
  bufAppendString(b, message);
  abortBuiltin(stringPtr(bufToString(b)));
}

/** The names of `required` that `object` lacks or, with `nonStrings`, has with a value that is no string. */
function keysMissing(object: usize, required: string, nonStrings: bool): usize {
  const names = words(required);
  const out = makeSet();
  for (let i = 0; i < arrayLen(names); i++) {
    const value = objectGet(object, arrayGet(names, i));
    if (nonStrings ? value != 0 && typeOf(value) != T_STRING : value == 0) setAdd(out, arrayGet(names, i));
  }
  return out;
}

/** A string value's text, or "" for any other value, as OPA reads config entries and headers. */
function stringOrEmpty(v: usize): usize {
  return v != 0 && typeOf(v) == T_STRING ? v : makeStringFromAS("");
}

function get(object: usize, key: string): usize {
  return objectGet(object, makeStringFromAS(key));
}

/** The payload OPA signs: raw_body's text when present, else body as JSON, else nothing. */
function payload(request: usize): usize {
  const rawBody = get(request, "raw_body");
  if (rawBody != 0) return stringOrEmpty(rawBody);
  const body = get(request, "body");
  if (body != 0) return jsonDump(body);
  return makeStringFromAS("");
}

export function builtin_providers_aws_sign_req(request: usize, config: usize, timeNs: usize): usize {
  requireObject("providers.aws.sign_req", 1, request);
  requireObject("providers.aws.sign_req", 1, config);
  abortWithSet(
    2,
    "missing required AWS config parameters(s)",
    keysMissing(config, requiredConfigNames(), false),
  );
  abortWithSet(
    2,
    "invalid values for required AWS config parameters(s)",
    keysMissing(config, requiredConfigNames(), true),
  );
  requireNumber("providers.aws.sign_req", 1, timeNs);
  if (!numberIsInteger(timeNs) || !numberFitsI64(timeNs))
    abortOperand("providers.aws.sign_req", 3, "could not convert time_ns value into a unix timestamp", 0);

  const allowed = makeSet();
  const allowedNames = words(requestKeyNames());
  for (let i = 0; i < arrayLen(allowedNames); i++) setAdd(allowed, arrayGet(allowedNames, i));
  const unknown = makeSet();
  for (let i = 0; i < objectLen(request); i++)
    if (!setContains(allowed, objectKeyAt(request, i))) setAdd(unknown, objectKeyAt(request, i));
  abortWithSet(1, "invalid request parameters(s)", unknown);
  abortWithSet(
    1,
    "missing required request parameters(s)",
    keysMissing(request, requiredRequestNames(), false),
  );

  let headers = get(request, "headers");
  if (headers == 0) headers = makeObject();
  else if (typeOf(headers) != T_OBJECT) abortOperand("providers.aws.sign_req", 0, "must be object", headers);
  abortWithSet(
    1,
    "invalid values for required request parameters(s)",
    keysMissing(request, requiredRequestNames(), true),
  );

  const url = parseUrl(get(request, "url"));
  if (url == 0) abortSignReq(urlError()); // Go's url.Error text
  const body = payload(request);

  let unsignedPayload = false;
  const disable = get(config, "disable_payload_signing");
  if (disable != 0) {
    if (typeOf(disable) != T_BOOLEAN)
      abortOperand(
        "providers.aws.sign_req",
        2,
        "invalid value for 'disable_payload_signing' in AWS config",
        0,
      );
    unsignedPayload = boolValue(disable);
  }

  // OPA reads each header as a single string (anything else as ""); the signed copy of a name is
  // lower-cased, as it goes into the canonical request.
  const kept = makeObject();
  const toSign = makeObject();
  for (let i = 0; i < objectLen(headers); i++) {
    const name = stringOrEmpty(objectKeyAt(headers, i));
    const value = stringOrEmpty(objectValueAt(headers, i));
    objectInsert(kept, name, value);
    objectInsert(toSign, builtin_lower(name), value);
  }
  const sessionToken = get(config, "aws_session_token");
  const added = signV4(
    get(request, "method"),
    url,
    toSign,
    body,
    get(config, "aws_service"),
    get(config, "aws_region"),
    get(config, "aws_access_key"),
    get(config, "aws_secret_access_key"),
    sessionToken != 0 ? stringOrEmpty(sessionToken) : 0,
    numberToI64(timeNs),
    unsignedPayload,
  );
  for (let i = 0; i < objectLen(added); i++)
    objectInsert(kept, objectKeyAt(added, i), objectValueAt(added, i));

  const signed = objectCopy(request);
  objectInsert(signed, makeStringFromAS("headers"), kept);
  return signed;
}
