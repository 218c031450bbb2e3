/**
 * Hostile inputs (issue 5, Hardening): resource policy documents and property values an attacker, a buggy
 * program or a careless author could hand the pack. Every one must end in a mandatory violation, quickly,
 * and leave the pack able to serve the next request. The same texts are driven through the pack over the
 * analyzer protocol (pack.test.ts) and raw into the compiled module through the SDK (runtime.test.ts).
 */
import type { WireObject } from "../../analyzer/wire";

export const networkPolicy = "apigateway-resource-policy-restricts-network";
export const privatePolicy = "apigateway-rest-api-private";
export const stackPolicy = "apigateway-private-api-has-resource-policy";

export interface HostileDocument {
  name: string;
  /** The document's text exactly as it could appear in RestApi.policy. */
  text: string;
  /**
   * Embedded raw in the module's input, the text either makes the whole input invalid JSON ("rejected": the
   * runtime refuses it and the SDK throws) or is a JSON value the rules must judge ("violation").
   */
  runtime: "rejected" | "violation";
  /** Text the pack's violation message contains. */
  mentions: string;
}

const openStatement = { Effect: "Allow", Principal: "*", Action: "execute-api:Invoke", Resource: "*" };
const restrictedStatement = {
  ...openStatement,
  Condition: { StringEquals: { "aws:SourceVpce": "vpce-0a1b2c3d4e5f67890" } },
};
const documentOf = (...statements: object[]) => JSON.stringify({ Statement: statements });
const openText = documentOf(openStatement);
const openVerdict = "allows execute-api:Invoke from any network";

/** A statement whose network condition value is `raw` JSON text (no JSON.stringify: it may be no JSON value). */
const withConditionValue = (raw: string) =>
  `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"*",` +
  `"Condition":{"IpAddress":{"aws:VpcSourceIp":${raw}}}}]}`;

const depth = 20_000;
const statementCount = 5_000;

export const hostileDocuments: HostileDocument[] = [
  { name: "whitespace only", text: " \n\t\r ", runtime: "rejected", mentions: "not valid JSON" },
  { name: "truncated JSON", text: openText.slice(0, 40), runtime: "rejected", mentions: "not valid JSON" },
  { name: "trailing garbage", text: `${openText} }x`, runtime: "rejected", mentions: "not valid JSON" },
  { name: "two documents", text: `${openText}${openText}`, runtime: "rejected", mentions: "not valid JSON" },
  { name: "a raw NUL byte", text: `{"Statement":\u0000[]}`, runtime: "rejected", mentions: "not valid JSON" },
  {
    name: "a raw control character in a string",
    text: `{"Statement":[{"Sid":"a\u0001b"}]}`,
    runtime: "rejected",
    mentions: "not valid JSON",
  },
  { name: "JSON null", text: "null", runtime: "violation", mentions: "is a JSON null, not an object" },
  { name: "a JSON number", text: "42", runtime: "violation", mentions: "is a JSON number, not an object" },
  {
    name: "a JSON array",
    text: `[${JSON.stringify(openStatement)}]`,
    runtime: "violation",
    mentions: "array",
  },
  {
    name: "a JSON string",
    text: '"Allow"',
    runtime: "violation",
    mentions: "is a JSON string, not an object",
  },
  {
    name: "Statement null",
    text: '{"Statement":null}',
    runtime: "violation",
    mentions: "Statement must be an object or a list, not of type null",
  },
  {
    name: "Statement a string",
    text: '{"Statement":"Allow"}',
    runtime: "violation",
    mentions: "Statement must be an object or a list, not of type string",
  },
  {
    name: "Statement a list of non-objects",
    text: '{"Statement":[null, 1, "x", []]}',
    runtime: "violation",
    mentions: "statement 0 is of type null, not an object",
  },
  {
    name: `${depth} levels of nested arrays as a condition value`,
    text: withConditionValue("[".repeat(depth) + "]".repeat(depth)),
    runtime: "rejected",
    mentions: "nested deeper than",
  },
  {
    name: `${depth} levels of nested objects as the document`,
    text: '{"Statement":'.repeat(depth) + "{}" + "}".repeat(depth),
    runtime: "rejected",
    mentions: "nested deeper than",
  },
  {
    name: `${statementCount} statements, the last one open`,
    text: documentOf(...Array.from({ length: statementCount - 1 }, () => restrictedStatement), openStatement),
    runtime: "violation",
    mentions: `statement ${statementCount - 1} ${openVerdict}`,
  },
  {
    name: `${statementCount} open statements`,
    text: documentOf(
      ...Array.from({ length: statementCount }, (_, i) => ({ ...openStatement, Sid: `s${i}` })),
    ),
    runtime: "violation",
    // One finding names the first 20 and counts the rest, so the diagnostic stays small.
    mentions: `statement "s19" (index 19) and 4980 more allow execute-api:Invoke from any network`,
  },
  {
    name: "a huge exponent as a condition value",
    text: withConditionValue("1e400"),
    runtime: "violation",
    mentions: "network condition values must be strings",
  },
  {
    name: "a 10,000-digit integer as a condition value",
    text: withConditionValue("9".repeat(10_000)),
    runtime: "violation",
    mentions: "network condition values must be strings",
  },
  {
    name: "a huge number as the Statement",
    text: '{"Statement":-123456789012345678901234567890.5e-999999}',
    runtime: "violation",
    mentions: "Statement must be an object or a list, not of type number",
  },
  {
    name: "lone surrogate escapes in Sid and keys",
    text: `{"\\ud800":1,"Statement":[{"Sid":"\\udc00\\ud800x",${JSON.stringify(openStatement).slice(1)}]}`,
    runtime: "violation",
    mentions: openVerdict,
  },
  {
    // An Allow whose NotIpAddress compares with no address may admit anyone: IAM's reading is not documented.
    name: "a lone surrogate as the address",
    text: withConditionValue('"\\ud800"').replace('"IpAddress"', '"NotIpAddress"'),
    runtime: "violation",
    mentions: "is not an IP address or CIDR block",
  },
  {
    name: "escaped NUL bytes in Sid, operator and key",
    text:
      `{"Statement":[{"Sid":"a\\u0000b","Effect":"Allow","Principal":"*","Action":"execute-api:Invoke",` +
      `"Resource":"*","Condition":{"StringEquals\\u0000":{"aws:SourceVpce":"vpce-0a1b2c3d4e5f67890"}}}]}`,
    runtime: "violation",
    mentions: openVerdict,
  },
  {
    name: "duplicate Statement keys: the open one last",
    text: `{"Statement":[${JSON.stringify(restrictedStatement)}],"Statement":[${JSON.stringify(openStatement)}]}`,
    runtime: "violation",
    mentions: openVerdict,
  },
  {
    name: "duplicate Effect keys: Allow last",
    text: `{"Statement":[{"Effect":"Deny",${JSON.stringify(openStatement).slice(1)}]}`,
    runtime: "violation",
    mentions: openVerdict,
  },
  {
    name: "duplicate condition keys: the wildcard last",
    text:
      `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"*",` +
      `"Condition":{"StringLike":{"aws:SourceVpce":"vpce-0a1b2c3d4e5f67890","aws:SourceVpce":"*"}}}]}`,
    runtime: "violation",
    mentions: '"*" matches every VPC endpoint',
  },
  {
    name: "non-string values where strings belong",
    text: JSON.stringify({
      Statement: [{ Effect: { Allow: true }, Principal: 7, Action: [1, {}], Resource: null }],
    }),
    runtime: "violation",
    mentions: 'it must be "Allow" or "Deny"',
  },
];

export interface HostileProperties {
  name: string;
  /** Wire properties of an aws:apigateway/restApi:RestApi (or of `type` when given). */
  properties: WireObject;
  type?: string;
  /** The policy that must report the mandatory violation, and text its message contains. */
  policy: string;
  mentions: string;
}

const privateApi = { endpointConfiguration: { types: "PRIVATE" } };

/** A nested YAML alias chain that expands to 10^9 nodes ("billion laughs") if aliases are followed naively. */
const billionLaughs = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...Array.from({ length: 8 }, (_, i) => {
    const [name, prev] = [String.fromCharCode(98 + i), String.fromCharCode(97 + i)];
    return `${name}: &${name} [${Array(10).fill(`*${prev}`).join(",")}]`;
  }),
  "x-amazon-apigateway-policy: *i",
].join("\n");

export const hostileProperties: HostileProperties[] = [
  {
    name: "policy is a number",
    properties: { ...privateApi, policy: 7 },
    policy: networkPolicy,
    mentions: "it is a number, not a JSON string or an object",
  },
  {
    name: "policy is a boolean",
    properties: { ...privateApi, policy: true },
    policy: networkPolicy,
    mentions: "it is a boolean, not a JSON string or an object",
  },
  {
    name: "policy is an object without Statement",
    properties: { ...privateApi, policy: { Allow: "*" } },
    policy: networkPolicy,
    mentions: "the policy document has no Statement",
  },
  {
    name: "policy is a list",
    properties: { ...privateApi, policy: [openStatement] },
    policy: networkPolicy,
    mentions: "is a JSON array, not an object",
  },
  {
    name: "policy is an object whose Statement is a number",
    properties: { ...privateApi, policy: { Statement: 1e308 } },
    policy: networkPolicy,
    mentions: "Statement must be an object or a list, not of type number",
  },
  {
    name: "body is a number",
    properties: { ...privateApi, body: 12 },
    policy: networkPolicy,
    mentions: "the body property has an unexpected type",
  },
  {
    name: "body is a YAML alias bomb",
    properties: { ...privateApi, body: billionLaughs },
    policy: networkPolicy,
    mentions: "the body property is malformed",
  },
  {
    name: "body's x-amazon-apigateway-policy is a string",
    properties: { ...privateApi, body: JSON.stringify({ "x-amazon-apigateway-policy": openText }) },
    policy: networkPolicy,
    mentions: "is a JSON string, not an object",
  },
  {
    name: "endpointConfiguration is a string",
    properties: { endpointConfiguration: "PRIVATE" },
    policy: privatePolicy,
    mentions: "endpointConfiguration is of type string, not an object",
  },
  {
    name: "endpointConfiguration is a list",
    properties: { endpointConfiguration: [{ types: "PRIVATE" }] },
    policy: privatePolicy,
    mentions: "endpointConfiguration is of type array, not an object",
  },
  {
    name: "endpointConfiguration.types is a number",
    properties: { endpointConfiguration: { types: 1 } },
    policy: privatePolicy,
    mentions: "endpointConfiguration.types is of type number",
  },
  {
    name: "endpointConfiguration.types is an object",
    properties: { endpointConfiguration: { types: { PRIVATE: true } } },
    policy: privatePolicy,
    mentions: "endpointConfiguration.types is of type object",
  },
  {
    name: "endpointConfiguration.types lists a non-string",
    properties: { endpointConfiguration: { types: ["PRIVATE", null] } },
    policy: privatePolicy,
    mentions: "endpointConfiguration.types has an element of type null",
  },
  {
    name: "endpointConfiguration.types hides PRIVATE behind NUL",
    properties: { endpointConfiguration: { types: "PRIVATE\u0000" } },
    policy: privatePolicy,
    mentions: "it must be PRIVATE",
  },
];

/** A PRIVATE API with a restricting policy: the pack must pass it, before and after every hostile input. */
/** Keeps every caller out whatever the methods' authorization: a Deny unless the endpoint, then an Allow. */
export const compliantProperties: WireObject = {
  ...privateApi,
  policy: documentOf(
    {
      Effect: "Deny",
      Principal: "*",
      Action: "execute-api:Invoke",
      Resource: "execute-api:/*",
      Condition: { StringNotEquals: { "aws:SourceVpce": "vpce-0a1b2c3d4e5f67890" } },
    },
    openStatement,
  ),
};
