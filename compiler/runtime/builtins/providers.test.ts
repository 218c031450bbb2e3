import { loadRuntime, Runtime } from "../testing/harness";

let rt: Runtime;
beforeAll(async () => {
  rt = await loadRuntime();
}, 120_000);

// The AWS configuration of OPA's conformance cases; a case lists what it changes (null: removed).
const CONFIG = {
  aws_access_key: "MYAWSACCESSKEYGOESHERE",
  aws_secret_access_key: "MYAWSSECRETACCESSKEYGOESHERE",
  aws_service: "s3",
  aws_region: "us-east-1",
};

/** The config with `changes` applied, in Rego syntax (a non-object replaces the config). */
function config(changes: unknown): string {
  if (typeof changes !== "object" || changes === null) return JSON.stringify(changes);
  const merged: Record<string, unknown> = { ...CONFIG };
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return JSON.stringify(merged);
}

function sign(request: unknown, changes: unknown, timeNs: string): string {
  return rt.call("builtin_providers_aws_sign_req", JSON.stringify(request), config(changes), timeNs);
}

// [request, config changes, time_ns in Rego syntax, the signed request] from `opa eval`: OPA's
// conformance cases, then URLs whose path needs escaping or is kept as written (with a query, port,
// userinfo and fragment), opaque and relative URLs, an IPv6 host, unsigned and overriding headers,
// non-string header values, raw_body and session token, and dates from 1969 to 2100.
const results: [unknown, unknown, string, unknown][] = [
  [
    { method: "get", url: "http://example.com" },
    {},
    "1451311705000000000",
    {
      headers: {
        Authorization:
          "AWS4-HMAC-SHA256 Credential=MYAWSACCESSKEYGOESHERE/20151228/us-east-1/s3/aws4_request,SignedHeaders=host;x-amz-content-sha256;x-amz-date,Signature=0047a7016c81e5c7f29cd522f97e911e04fc472fced0aee7916cbc287ad6c8e3",
        host: "example.com",
        "x-amz-content-sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "x-amz-date": "20151228T140825Z",
      },
      method: "get",
      url: "http://example.com",
    },
  ],
  [
    { method: "get", url: "http://example.com", headers: { foo: "bar" } },
    {},
    "1451311705000000000",
    {
      headers: {
        Authorization:
          "AWS4-HMAC-SHA256 Credential=MYAWSACCESSKEYGOESHERE/20151228/us-east-1/s3/aws4_request,SignedHeaders=foo;host;x-amz-content-sha256;x-amz-date,Signature=8f1dc7c9b9978356a0d0989fd26a95307f4f8a4aa264d8220647b7097d839952",
        foo: "bar",
        host: "example.com",
        "x-amz-content-sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "x-amz-date": "20151228T140825Z",
      },
      method: "get",
      url: "http://example.com",
    },
  ],
  [
    { method: "get", url: "http://example.com" },
    { aws_session_token: "MYAWSSECURITYTOKENGOESHERE" },
    "1451311705000000000",
    {
      headers: {
        Authorization:
          "AWS4-HMAC-SHA256 Credential=MYAWSACCESSKEYGOESHERE/20151228/us-east-1/s3/aws4_request,SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token,Signature=23c31bda8a74630c0a94f6b82a3511e7e74728df98e6f54ed0840488dbbdc8d1",
        host: "example.com",
        "x-amz-content-sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "x-amz-date": "20151228T140825Z",
        "x-amz-security-token": "MYAWSSECURITYTOKENGOESHERE",
      },
      method: "get",
      url: "http://example.com",
    },
  ],
  [
    { method: "get", url: "http://example.com", body: { example: [1, 2, 3, 4] } },
    {},
    "1451311705000000000",
    {
      body: { example: [1, 2, 3, 4] },
      headers: {
        Authorization:
          "AWS4-HMAC-SHA256 Credential=MYAWSACCESSKEYGOESHERE/20151228/us-east-1/s3/aws4_request,SignedHeaders=host;x-amz-content-sha256;x-amz-date,Signature=5fb06ab1cfd74c8fcb3af95b8cce696708cf6155d971dac10f254d79799c6e88",
        host: "example.com",
        "x-amz-content-sha256": "bacff6243c850423883052ac3c336fd645994442933408dfd3f9e858e69bda07",
        "x-amz-date": "20151228T140825Z",
      },
      method: "get",
      url: "http://example.com",
    },
  ],
  [
    { method: "get", url: "http://example.com", raw_body: '{"example": {1, 2, 3, 4}}' },
    {},
    "1451311705000000000",
    {
      headers: {
        Authorization:
          "AWS4-HMAC-SHA256 Credential=MYAWSACCESSKEYGOESHERE/20151228/us-east-1/s3/aws4_request,SignedHeaders=host;x-amz-content-sha256;x-amz-date,Signature=5bf26e169cb8b02330dba39d53932532438fc856c2f10537689a09ed807c7195",
        host: "example.com",
        "x-amz-content-sha256": "22906461e2a98a3e780d0fd260e341bed5e544661e97c5936fc7f3af11aaad8b",
        "x-amz-date": "20151228T140825Z",
      },
      method: "get",
      raw_body: '{"example": {1, 2, 3, 4}}',
      url: "http://example.com",
    },
  ],
  [
    { method: "get", url: "https://example.com", headers: { foo: "bar" } },
    { disable_payload_signing: true },
    "1451311705000000000",
    {
      headers: {
        Authorization:
          "AWS4-HMAC-SHA256 Credential=MYAWSACCESSKEYGOESHERE/20151228/us-east-1/s3/aws4_request,SignedHeaders=foo;host;x-amz-content-sha256;x-amz-date,Signature=c6e6db654e92172f71e18c714c123711de069ac6fd7df1348e5b28fd05532028",
        foo: "bar",
        host: "example.com",
        "x-amz-content-sha256": "UNSIGNED-PAYLOAD",
        "x-amz-date": "20151228T140825Z",
      },
      method: "get",
      url: "https://example.com",
    },
  ],
  [
    {
      method: "get",
      url: "https://example.com",
      headers: { foo: "bar", "x-amz-content-sha256": "existing-value" },
      body: { example: [1, 2, 3, 4] },
    },
    { disable_payload_signing: false },
    "1451311705000000000",
    {
      body: { example: [1, 2, 3, 4] },
      headers: {
        Authorization:
          "AWS4-HMAC-SHA256 Credential=MYAWSACCESSKEYGOESHERE/20151228/us-east-1/s3/aws4_request,SignedHeaders=foo;host;x-amz-content-sha256;x-amz-date,Signature=42bcac7fc6d170e09be72fdf38b62e59361265bc59d5f9156f0d6faf889e98ba",
        foo: "bar",
        host: "example.com",
        "x-amz-content-sha256": "bacff6243c850423883052ac3c336fd645994442933408dfd3f9e858e69bda07",
        "x-amz-date": "20151228T140825Z",
      },
      method: "get",
      url: "https://example.com",
    },
  ],
  [
    {
      method: "POST",
      url: "https://user:pw@api.example.com:8443/a b/ü!*()/x%2Fy?q=1 2&b#frag",
      headers: { "User-Agent": "x", Authorization: "old", "X-Trace": "t", B: 1 },
      raw_body: 5,
    },
    { aws_service: "execute-api", aws_session_token: 3 },
    "1451311705000000000",
    {
      headers: {
        Authorization:
          "AWS4-HMAC-SHA256 Credential=MYAWSACCESSKEYGOESHERE/20151228/us-east-1/execute-api/aws4_request,SignedHeaders=b;host;x-amz-date;x-trace,Signature=41f4787b4bbd405ba8915492be21d3c98ce884552875dde95c86e591ba362557",
        B: "",
        "User-Agent": "x",
        "X-Trace": "t",
        host: "api.example.com:8443",
        "x-amz-date": "20151228T140825Z",
      },
      method: "POST",
      raw_body: 5,
      url: "https://user:pw@api.example.com:8443/a b/ü!*()/x%2Fy?q=1 2&b#frag",
    },
  ],
  [
    { method: "get", url: "http://example.com/valid/%41path;x=1@:$&+,=", headers: { Host: "override" } },
    { aws_service: "glacier" },
    "0",
    {
      headers: {
        Authorization:
          "AWS4-HMAC-SHA256 Credential=MYAWSACCESSKEYGOESHERE/19700101/us-east-1/glacier/aws4_request,SignedHeaders=host;x-amz-content-sha256;x-amz-date,Signature=0d75b1809461c9a8a52f42dd92772bc75d3f00522a8d74d83ec4c0b81c934ce3",
        Host: "override",
        host: "example.com",
        "x-amz-content-sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "x-amz-date": "19700101T000000Z",
      },
      method: "get",
      url: "http://example.com/valid/%41path;x=1@:$&+,=",
    },
  ],
  [
    { method: "get", url: "mailto:someone" },
    {},
    "-1",
    {
      headers: {
        Authorization:
          "AWS4-HMAC-SHA256 Credential=MYAWSACCESSKEYGOESHERE/19691231/us-east-1/s3/aws4_request,SignedHeaders=host;x-amz-content-sha256;x-amz-date,Signature=4b77759562e2f03cc6be06b131bc3eab758eea8a379e7b4be60cdc7cfc25821f",
        host: "",
        "x-amz-content-sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "x-amz-date": "19691231T235959Z",
      },
      method: "get",
      url: "mailto:someone",
    },
  ],
  [
    { method: "get", url: "//example.com/x" },
    {},
    "4102444800123456789",
    {
      headers: {
        Authorization:
          "AWS4-HMAC-SHA256 Credential=MYAWSACCESSKEYGOESHERE/21000101/us-east-1/s3/aws4_request,SignedHeaders=host;x-amz-content-sha256;x-amz-date,Signature=73341888b2d5c321b0a1842a5bfcf1ab86fc13d87782b178c5688944904a3155",
        host: "example.com",
        "x-amz-content-sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "x-amz-date": "21000101T000000Z",
      },
      method: "get",
      url: "//example.com/x",
    },
  ],
  [
    { method: "get", url: "/just/a/path?x" },
    {},
    "951782400000000000",
    {
      headers: {
        Authorization:
          "AWS4-HMAC-SHA256 Credential=MYAWSACCESSKEYGOESHERE/20000229/us-east-1/s3/aws4_request,SignedHeaders=host;x-amz-content-sha256;x-amz-date,Signature=c9038e2b5ead9d079a347ba26453e09e511e650b77458eb2a5f49ab0c6bc6a7d",
        host: "",
        "x-amz-content-sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "x-amz-date": "20000229T000000Z",
      },
      method: "get",
      url: "/just/a/path?x",
    },
  ],
  [
    { method: "get", url: "http://[::1]:80/" },
    {},
    "1451311705000000000",
    {
      headers: {
        Authorization:
          "AWS4-HMAC-SHA256 Credential=MYAWSACCESSKEYGOESHERE/20151228/us-east-1/s3/aws4_request,SignedHeaders=host;x-amz-content-sha256;x-amz-date,Signature=21f852a74737d4c59b791ed26e564d61c6ac18fd71dce90d644670b5cc5bd7e7",
        host: "[::1]:80",
        "x-amz-content-sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "x-amz-date": "20151228T140825Z",
      },
      method: "get",
      url: "http://[::1]:80/",
    },
  ],
];

test.each(results)("sign_req(%j, %j, %s)", (request, changes, timeNs, want) => {
  expect(sign(request, changes, timeNs)).toBe(rt.dump(rt.value(JSON.stringify(want))));
});

// [request, config changes, time_ns, OPA's error] — its operand numbers included.
const errors: [unknown, unknown, string, string][] = [
  ["x", {}, "1451311705000000000", "providers.aws.sign_req: operand 1 must be object but got string"],
  [
    { method: "get", url: "http://a" },
    "x",
    "1451311705000000000",
    "providers.aws.sign_req: operand 1 must be object but got string",
  ],
  [
    { method: "get", url: "http://a" },
    { aws_access_key: null, aws_secret_access_key: null, aws_region: null },
    "1451311705000000000",
    'providers.aws.sign_req: operand 2 missing required AWS config parameters(s): {"aws_access_key", "aws_region", "aws_secret_access_key"}',
  ],
  [
    { method: "get", url: "http://a" },
    { aws_access_key: null, aws_region: 1 },
    "1451311705000000000",
    'providers.aws.sign_req: operand 2 missing required AWS config parameters(s): {"aws_access_key"}',
  ],
  [
    { method: "get", url: "http://a" },
    {},
    '"x"',
    "providers.aws.sign_req: operand 1 must be number but got string",
  ],
  [
    { method: "get", url: "http://a" },
    {},
    "1.5",
    "providers.aws.sign_req: operand 3 could not convert time_ns value into a unix timestamp",
  ],
  [
    { method: "get", url: "http://a" },
    {},
    "1e+30",
    "providers.aws.sign_req: operand 3 could not convert time_ns value into a unix timestamp",
  ],
  [
    { method: "get", url: "http://a", foo: 1, bar: 2 },
    {},
    "1451311705000000000",
    'providers.aws.sign_req: operand 1 invalid request parameters(s): {"bar", "foo"}',
  ],
  [
    { body: "x" },
    {},
    "1451311705000000000",
    'providers.aws.sign_req: operand 1 missing required request parameters(s): {"method", "url"}',
  ],
  [
    { method: 1, url: 2 },
    {},
    "1451311705000000000",
    'providers.aws.sign_req: operand 1 invalid values for required request parameters(s): {"method", "url"}',
  ],
  [
    { method: "get", url: "http://a", headers: "x" },
    {},
    "1451311705000000000",
    "providers.aws.sign_req: operand 0 must be object but got string",
  ],
  [
    { method: "get", url: "http://a" },
    { disable_payload_signing: "yes" },
    "1451311705000000000",
    "providers.aws.sign_req: operand 2 invalid value for 'disable_payload_signing' in AWS config",
  ],
  [
    { method: "get", url: "://a" },
    {},
    "1451311705000000000",
    'providers.aws.sign_req: parse "://a": missing protocol scheme',
  ],
  [
    { method: "get", url: "http://a b/" },
    {},
    "1451311705000000000",
    'providers.aws.sign_req: parse "http://a b/": invalid character " " in host name',
  ],
  [
    { method: "get", url: "http://a/%zz?q" },
    {},
    "1451311705000000000",
    'providers.aws.sign_req: parse "http://a/%zz?q": invalid URL escape "%zz"',
  ],
  [
    { method: "get", url: "http://a/%4" },
    {},
    "1451311705000000000",
    'providers.aws.sign_req: parse "http://a/%4": invalid URL escape "%4"',
  ],
  [
    { method: "get", url: "http://a:x/" },
    {},
    "1451311705000000000",
    'providers.aws.sign_req: parse "http://a:x/": invalid port ":x" after host',
  ],
  [
    { method: "get", url: "1:b/c" },
    {},
    "1451311705000000000",
    'providers.aws.sign_req: parse "1:b/c": first path segment in URL cannot contain colon',
  ],
  [
    { method: "get", url: "http://a/x#%zz" },
    {},
    "1451311705000000000",
    'providers.aws.sign_req: parse "http://a/x#%zz": invalid URL escape "%zz"',
  ],
  [
    { method: "get", url: "http://u%zz@a/" },
    {},
    "1451311705000000000",
    'providers.aws.sign_req: parse "http://u%zz@a/": invalid URL escape "%zz"',
  ],
  [
    { method: "get", url: "http://u{@a/" },
    {},
    "1451311705000000000",
    'providers.aws.sign_req: parse "http://u{@a/": net/url: invalid userinfo',
  ],
  [
    { method: "get", url: "http://a\u0001/" },
    {},
    "1451311705000000000",
    'providers.aws.sign_req: parse "http://a\\x01/": net/url: invalid control character in URL',
  ],
  [
    { method: "get", url: "http://[::1/" },
    {},
    "1451311705000000000",
    "providers.aws.sign_req: parse \"http://[::1/\": missing ']' in host",
  ],
];

test.each(errors)("sign_req(%j, %j, %s) fails", (request, changes, timeNs, message) => {
  expect(() => sign(request, changes, timeNs)).toThrow(message);
});
