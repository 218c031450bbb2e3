/**
 * Resource policies shaped to trip a shortcut that reads a document "at a glance": the spellings IAM accepts
 * beside the usual one (key and operator case, ...IfExists, ForAnyValue:/ForAllValues:), the negative
 * elements (NotAction, NotResource, NotPrincipal), principals that are or are not everyone, resources that name
 * some methods only, absent keys (aws:SourceIp never reaches a PRIVATE API), empty lists, non-string values,
 * duplicates, address edge cases (/0, IPv6, leading zeros, mapped IPv4) and ids written in another case.
 *
 * Most statements are one small change away from the AWS-guide shape (a Deny for everyone unless from listed
 * networks, beside an Allow for everyone), so that a shortcut has every chance to accept a document it should
 * not. tests/iam/documents.ts draws the usual population; this file only adds the awkward part.
 */
import fc from "fast-check";
import { apiArn } from "./simulator";

/** Values of each network kind: listed (in tests/opa/fastPath.test.ts's configurations), outside, or odd. */
const endpointIds = [
  "vpce-0a1b2c3d4e5f67890",
  "VPCE-0A1B2C3D4E5F67890",
  "vpce-11112222",
  "vpce-99998888",
  "vpce-0a1b2c3d4e5f67890 ",
  "vpce-*",
  "vpce-0*",
  "*",
  "",
];
const vpcIds = ["vpc-1a2b3c4d", "VPC-1A2B3C4D", "vpc-99998888", "vpc-*", "*"];
const addresses = [
  "10.0.0.0/16",
  "10.0.0.0/8",
  "10.0.0.1",
  "10.0.0.1/32",
  "010.0.0.0/16",
  "10.0.0.0/016",
  "0.0.0.0/0",
  "0.0.0.0/1",
  "128.0.0.0/1",
  "::/0",
  "::/1",
  "2001:db8::/48",
  "2001:DB8::/48",
  "2001:db8::/16",
  "::ffff:0.0.0.0/96",
  "::ffff:10.0.0.0/104",
  "::ffff:a00:0/104",
  "::/96",
  "10.0.0.0/33",
  "10.0.0.0/",
  "10.0.0.0/8/8",
  "1.2.3",
  "*",
  "10.*",
];
const networkValues = { endpoint: endpointIds, vpc: vpcIds, ip: addresses };

const keysByKind: Record<keyof typeof networkValues, string[]> = {
  endpoint: ["aws:SourceVpce", "aws:sourcevpce", "AWS:SOURCEVPCE", "Aws:SourceVPCE", " aws:SourceVpce"],
  vpc: ["aws:SourceVpc", "aws:SOURCEVPC", "aws:sourcevpc"],
  ip: [
    "aws:VpcSourceIp",
    "aws:vpcsourceip",
    "AWS:VPCSOURCEIP",
    "aws:SourceIp",
    "aws:sourceip",
    "AWS:SourceIP",
  ],
};

const baseOperators = [
  "StringNotEquals",
  "StringNotEquals",
  "StringEquals",
  "StringEquals",
  "StringNotEqualsIgnoreCase",
  "StringEqualsIgnoreCase",
  "StringLike",
  "StringNotLike",
  "IpAddress",
  "IpAddress",
  "NotIpAddress",
  "NotIpAddress",
  "ArnEquals",
  "ArnNotLike",
  "Null",
  "NumericNotEquals",
  "DateNotEquals",
  "Bool",
  "BinaryEquals",
  "StringNotEqualsIfExistsIfExists",
];

/**
 * Every network condition entry of one operator and one key the pools above make: each base operator (and
 * those of its family the random draw may miss) in five spellings, the usual and an odd spelling of each
 * network key (and aws:SourceIp, which no request through a VPC endpoint carries), and each value of the key's
 * kind alone or beside another kind's value, all of them in one list, or an empty list.
 */
export function everyNetworkEntry(): { operator: string; key: string; raw: unknown }[] {
  const operators = [...new Set([...baseOperators, "ArnLike", "ArnNotEquals", "NumericEquals"])].flatMap(
    (base) => [base, base.toLowerCase(), `${base}IfExists`, `ForAnyValue:${base}`, `ForAllValues:${base}`],
  );
  const keys = {
    endpoint: ["aws:SourceVpce", "Aws:SourceVPCE"],
    vpc: ["aws:SourceVpc", "aws:SOURCEVPC"],
    ip: ["aws:VpcSourceIp", "AWS:VPCSOURCEIP", "aws:SourceIp"],
  };
  const kinds = Object.keys(keys) as (keyof typeof keys)[];
  return kinds.flatMap((kind) => {
    const other = networkValues[kind === "ip" ? "endpoint" : "ip"][0];
    const raws: unknown[] = [...networkValues[kind].flatMap((v) => [v, [v, other]]), networkValues[kind], []];
    return keys[kind].flatMap((key) =>
      operators.flatMap((operator) => raws.map((raw) => ({ operator, key, raw }))),
    );
  });
}

/** The operator's spelling: case changed, a set prefix (either case, or twice), an IfExists suffix. */
const operatorSpelling = fc
  .record({
    base: fc.constantFrom(...baseOperators),
    casing: fc.constantFrom("as written", "as written", "lower", "upper"),
    prefix: fc.constantFrom(
      "",
      "",
      "",
      "ForAnyValue:",
      "ForAllValues:",
      "forallvalues:",
      "ForAnyValue:ForAllValues:",
    ),
    suffix: fc.constantFrom("", "", "", "IfExists", "ifexists"),
  })
  .map(({ base, casing, prefix, suffix }) => {
    const operator = `${prefix}${base}${suffix}`;
    return casing === "lower"
      ? operator.toLowerCase()
      : casing === "upper"
        ? operator.toUpperCase()
        : operator;
  });

/** A value list as authors write it: one value, a list, an empty list, duplicates, or a non-string among them. */
function valuesOf(pool: string[]): fc.Arbitrary<unknown> {
  const value = fc.constantFrom(...pool);
  return fc.oneof(
    { weight: 4, arbitrary: value },
    { weight: 4, arbitrary: fc.array(value, { minLength: 1, maxLength: 3 }) },
    { weight: 1, arbitrary: fc.constant([]) },
    { weight: 1, arbitrary: value.map((v) => [v, v]) },
    {
      weight: 1,
      arbitrary: fc.constantFrom<unknown>(true, "true", "false", 5, null, { a: "vpce-11112222" }),
    },
    { weight: 1, arbitrary: value.map((v) => [v, 5]) },
  );
}

const networkEntry = fc
  .constantFrom(...(Object.keys(keysByKind) as (keyof typeof keysByKind)[]))
  .chain((kind) => fc.tuple(fc.constantFrom(...keysByKind[kind]), valuesOf(networkValues[kind])));

const otherEntry = fc.tuple(
  fc.constantFrom("aws:PrincipalOrgID", "aws:SecureTransport", "aws:userid"),
  valuesOf(["o-a1b2c3d4e5", "true", "*"]),
);

/** One operator on one key, as the guide writes its condition. */
const singleCondition = fc
  .tuple(
    operatorSpelling,
    fc.oneof({ weight: 5, arbitrary: networkEntry }, { weight: 1, arbitrary: otherEntry }),
  )
  .map(([operator, [key, values]]) => ({ [operator]: { [key]: values } }));

/** 1–3 operator blocks of 1–2 keys; keys may repeat in another case inside a block. */
const severalConditions = fc
  .array(
    fc.tuple(
      operatorSpelling,
      fc.array(fc.oneof({ weight: 5, arbitrary: networkEntry }, { weight: 1, arbitrary: otherEntry }), {
        minLength: 1,
        maxLength: 2,
      }),
    ),
    { minLength: 1, maxLength: 3 },
  )
  .map((blocks) => {
    const result: Record<string, Record<string, unknown>> = {};
    for (const [operator, entries] of blocks) {
      result[operator] = { ...result[operator], ...Object.fromEntries(entries) };
    }
    return result;
  });

const condition = fc.oneof(singleCondition, severalConditions);

const principals = [
  "*",
  "*",
  { AWS: "*" },
  { AWS: ["*"] },
  { AWS: ["arn:aws:iam::111122223333:root", "*"] },
  { AWS: "*", Service: "lambda.amazonaws.com" },
  { aws: "*" },
  { Service: "*" },
  { Federated: "*" },
  { CanonicalUser: "*" },
  { AWS: [] },
  { AWS: "arn:aws:iam::*:root" },
  { AWS: "111122223333" },
  ["*"],
  "",
  null,
];

const actions = [
  "execute-api:Invoke",
  "execute-api:Invoke",
  "execute-api:invoke",
  "EXECUTE-API:INVOKE",
  "execute-api:*",
  "*",
  "execute-api:I*",
  "execute-api:Invok?",
  "execute-api:InvalidateCache",
  "execute-api:Invoke*",
  "execute-api:Invoke ",
  "s3:*",
];

const resources = [
  "execute-api:/*",
  "execute-api:/*",
  "execute-api:/*/*",
  "execute-api:/*/*/*",
  "execute-api:/*/*/*/*",
  "execute-api:/*/GET/*",
  "execute-api:/prod/*",
  "execute-api:/prod*",
  "execute-api:/prod/GET/*",
  "execute-api:/prod/GET/pets",
  "execute-api:/?/*",
  "execute-api:*",
  `${apiArn}/*`,
  `${apiArn}/prod/*`,
  `${apiArn}`,
  `${apiArn}*`,
  "arn:aws:execute-api:*:*:*",
  "arn:aws:execute-api:*:*:*/*",
  "arn:aws:execute-api:us-east-1:111122223333:*/prod/*",
  "arn:aws:s3:::bucket/*",
  "*",
  "**",
];

type Statement = Record<string, unknown>;

/** Action or NotAction, Resource or NotResource, Principal or NotPrincipal: one string, or a list of them. */
const oneOrMore = <T>(pool: T[]) =>
  fc.oneof(fc.constantFrom(...pool), fc.array(fc.constantFrom(...pool), { minLength: 1, maxLength: 3 }));

const statement: fc.Arbitrary<Statement> = fc
  .record({
    effect: fc.constantFrom("Allow", "Allow", "Deny", "Deny", "Deny", "deny", "DENY"),
    principal: fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom<unknown>(...principals).map((p) => ({ Principal: p })) },
      { weight: 1, arbitrary: fc.constant({ NotPrincipal: { AWS: "arn:aws:iam::111122223333:root" } }) },
      { weight: 1, arbitrary: fc.constant({ Principal: "*", NotPrincipal: { AWS: "111122223333" } }) },
    ),
    action: fc.oneof(
      { weight: 8, arbitrary: oneOrMore(actions).map((a) => ({ Action: a })) },
      { weight: 2, arbitrary: oneOrMore(actions).map((a) => ({ NotAction: a })) },
      { weight: 1, arbitrary: fc.constantFrom({ Action: [] }, { NotAction: [] }, { Action: 5 }) },
    ),
    resource: fc.oneof(
      { weight: 8, arbitrary: oneOrMore(resources).map((r) => ({ Resource: r })) },
      { weight: 2, arbitrary: oneOrMore(resources).map((r) => ({ NotResource: r })) },
      { weight: 1, arbitrary: fc.constantFrom({ Resource: [] }, { NotResource: [] }, { Resource: [5] }) },
    ),
    condition: fc.oneof(
      { weight: 6, arbitrary: condition.map((c) => ({ Condition: c })) },
      { weight: 2, arbitrary: fc.constant({}) },
      { weight: 1, arbitrary: fc.constantFrom({ Condition: {} }, { Condition: { StringNotEquals: {} } }) },
    ),
  })
  .map(({ effect, principal, action, resource, condition }) => ({
    Effect: effect,
    ...principal,
    ...action,
    ...resource,
    ...condition,
  }));

/** The AWS guide's pair, the Deny being the one IAM reads against outside networks. */
const guideDeny: Statement = {
  Effect: "Deny",
  Principal: "*",
  Action: "execute-api:Invoke",
  Resource: "execute-api:/*",
  Condition: { StringNotEquals: { "aws:SourceVpce": "vpce-0a1b2c3d4e5f67890" } },
};
const guideAllow: Statement = {
  Effect: "Allow",
  Principal: "*",
  Action: "execute-api:Invoke",
  Resource: "execute-api:/*",
};

const related: Record<string, string[]> = {
  Effect: ["Effect"],
  Principal: ["Principal", "NotPrincipal"],
  Action: ["Action", "NotAction"],
  Resource: ["Resource", "NotResource"],
  Condition: ["Condition"],
};

/**
 * The statement with one or two of its elements taken from a drawn statement: the nearest a document gets to
 * passing by mistake.
 */
const near = (base: Statement) =>
  fc
    .record({
      drawn: statement,
      elements: fc.uniqueArray(fc.constantFrom(...Object.keys(related)), { minLength: 1, maxLength: 2 }),
    })
    .map(({ drawn, elements }) => {
      const result: Statement = { ...base };
      for (const key of elements.flatMap((element) => related[element])) {
        delete result[key];
        if (key in drawn) result[key] = drawn[key];
      }
      return result;
    });

const policy = (statements: fc.Arbitrary<unknown[]>) =>
  statements.map((Statement) => ({ Version: "2012-10-17", Statement }));

export const adversarialPolicies: fc.Arbitrary<unknown> = fc.oneof(
  // The guide's pair with its Deny, then its Allow, changed: the Deny must still keep everyone out, the Allow
  // must still admit no one.
  { weight: 4, arbitrary: policy(fc.tuple(near(guideDeny), fc.constant(guideAllow))) },
  { weight: 2, arbitrary: policy(fc.tuple(fc.constant(guideAllow), near(guideDeny))) },
  { weight: 3, arbitrary: policy(fc.tuple(fc.constant(guideDeny), near(guideAllow))) },
  {
    weight: 3,
    arbitrary: policy(
      fc.array(
        fc.oneof(
          fc.constant(guideDeny),
          fc.constant(guideAllow),
          near(guideDeny),
          near(guideAllow),
          statement,
        ),
        {
          minLength: 1,
          maxLength: 4,
        },
      ),
    ),
  },
  { weight: 1, arbitrary: near(guideDeny).map((Statement) => ({ Statement })) },
  {
    weight: 1,
    arbitrary: fc.constantFrom<unknown>(
      { Statement: [] },
      { Statement: {} },
      { Statement: null },
      { Statement: "Deny" },
      { statement: [guideDeny, guideAllow] },
      { Statement: [guideDeny, guideAllow, null] },
      { Statement: [[guideDeny], guideAllow] },
      [guideDeny, guideAllow],
      "{}",
      {},
    ),
  },
);
