/**
 * Random API Gateway resource policies for the differential test: every element IAM reads (Effect, Principal
 * and NotPrincipal, Action and NotAction, Resource and NotResource, Condition with operators of every family,
 * IfExists and set prefixes), drawn from values labelled by whether the pack should count them as restricting
 * the network. Statements shaped like AWS's and the control's restrictions are drawn often, so that a good
 * share of documents is closed in every authorization mode and over-blocks can be measured, not only holes.
 */
import fc from "fast-check";
import { apiAccount, apiArn, apiId, crossAccountRole } from "./simulator";

type Values = { restricting: string[]; open: string[] };

/** Values of the network keys; "restricting" ones exclude the attacker (simulator.test.ts proves it). */
export const networkValues: Record<"endpoint" | "vpc" | "address", Values> = {
  endpoint: {
    restricting: ["vpce-0a1b2c3d4e5f67890", "vpce-11112222", "vpce-0*", "vpce-1a2b*"],
    open: ["*", "vpce-*", "vpce*", "*-*", "?pce-*", "vpce-?*"],
  },
  vpc: { restricting: ["vpc-1a2b3c4d", "vpc-0f*"], open: ["*", "vpc-*", "*-*"] },
  address: {
    restricting: [
      "10.0.0.0/16",
      "10.0.0.0/8",
      "192.168.1.10",
      "203.0.113.0/24",
      "2001:db8::/48",
      "2001:db8::/32",
    ],
    open: ["0.0.0.0/0", "0.0.0.0/1", "10.0.0.0/4", "::/0", "2001:db8::/16", "*", "not-an-address"],
  },
};

/** Spellings authors use; IAM compares key names case-insensitively. */
const networkKeys: Record<string, keyof typeof networkValues> = {
  "aws:SourceVpce": "endpoint",
  "aws:sourcevpce": "endpoint",
  "AWS:SOURCEVPCE": "endpoint",
  "aws:SourceVpc": "vpc",
  "aws:SourceVPC": "vpc",
  "aws:VpcSourceIp": "address",
  "aws:VPCSourceIp": "address",
  "aws:vpcsourceip": "address",
  "aws:SourceIp": "address",
  "aws:sourceIP": "address",
};
const otherKeys: Record<string, string[]> = {
  "aws:PrincipalOrgID": ["o-a1b2c3d4e5", "o-*", "*"],
  "aws:principalorgid": ["o-a1b2c3d4e5"],
  "aws:SecureTransport": ["true", "false"],
  "aws:PrincipalAccount": ["111122223333", "444455556666"],
};

/** Operators by family, positive first; each key is compared mostly with its own family. */
const families = {
  string: [
    "StringEquals",
    "StringLike",
    "StringEqualsIgnoreCase",
    "StringNotEquals",
    "StringNotLike",
    "StringNotEqualsIgnoreCase",
  ],
  arn: ["ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike"],
  address: ["IpAddress", "NotIpAddress"],
  null: ["Null"],
  bool: ["Bool"],
  numeric: ["NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericGreaterThanEquals"],
  date: ["DateEquals", "DateNotEquals", "DateLessThan", "DateGreaterThan"],
};
type Family = keyof typeof families;
const negated = (operator: string) => /Not/.test(operator);
const familyValues: Partial<Record<Family, string[]>> = {
  null: ["true", "false"],
  bool: ["true", "false"],
  numeric: ["5", "111122223333"],
  date: ["2020-01-01T00:00:00Z", "2099-01-01T00:00:00Z"],
};

const oneOrList = <T>(arb: fc.Arbitrary<T>) =>
  fc.oneof(arb, fc.array(arb, { minLength: 1, maxLength: 3 })) as fc.Arbitrary<T | T[]>;

const naturalFamilies = (key: string): Family[] =>
  networkKeys[key] === "address"
    ? ["address"]
    : networkKeys[key]
      ? ["string", "arn"]
      : key.toLowerCase().includes("securetransport")
        ? ["bool"]
        : ["string"];

/** An operator for a key in a statement of this effect: its own family and the restricting polarity, mostly. */
function operatorFor(key: string, effect: string): fc.Arbitrary<{ operator: string; family: Family }> {
  const natural = naturalFamilies(key);
  const all = natural.flatMap((family) => families[family].map((operator) => ({ operator, family })));
  // Booleans have no negated operator: a Deny on one uses Bool itself.
  const polarised = all.filter(({ operator }) => negated(operator) === (effect === "Deny"));
  return fc
    .oneof(
      { weight: 6, arbitrary: fc.constantFrom(...(polarised.length > 0 ? polarised : all)) },
      { weight: 2, arbitrary: fc.constantFrom(...all) },
      {
        weight: 2,
        arbitrary: fc.constantFrom(
          ...(Object.keys(families) as Family[]).flatMap((f) =>
            families[f].map((operator) => ({ operator, family: f })),
          ),
        ),
      },
    )
    .chain(({ operator, family }) =>
      fc
        .tuple(
          family === "null"
            ? fc.constant("")
            : fc.constantFrom("", "", "", "", "ForAnyValue:", "ForAllValues:"),
          family === "null" ? fc.constant(false) : fc.boolean(),
        )
        .map(([prefix, ifExists]) => ({
          operator: `${prefix}${operator}${ifExists ? "IfExists" : ""}`,
          family,
        })),
    );
}

function valuesFor(key: string, family: Family): fc.Arbitrary<string | string[]> {
  const fixed = familyValues[family];
  if (fixed) return fc.constantFrom(...fixed);
  const kind = networkKeys[key];
  if (!kind) return oneOrList(fc.constantFrom(...otherKeys[key]));
  return oneOrList(
    fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...networkValues[kind].restricting) },
      { weight: 2, arbitrary: fc.constantFrom(...networkValues[kind].open) },
    ),
  );
}

type Condition = Record<string, Record<string, string | string[]>>;

const conditionEntry = (effect: string) =>
  fc
    .oneof(
      { weight: 4, arbitrary: fc.constantFrom(...Object.keys(networkKeys)) },
      { weight: 1, arbitrary: fc.constantFrom(...Object.keys(otherKeys)) },
    )
    .chain((key) =>
      operatorFor(key, effect).chain(({ operator, family }) =>
        valuesFor(key, family).map((values) => ({ operator, key, values })),
      ),
    );

/**
 * 0–2 operator blocks of 1–2 keys each. A block's keys share its first entry's operator; the others keep the
 * values drawn for their own operator, so a block may compare, say, an address under a Numeric operator —
 * type mismatches are exercised too.
 */
const conditions = (effect: string): fc.Arbitrary<Condition | undefined> =>
  fc.oneof(
    { weight: 1, arbitrary: fc.constant(undefined) },
    {
      weight: 3,
      arbitrary: fc
        .array(fc.array(conditionEntry(effect), { minLength: 1, maxLength: 2 }), {
          minLength: 1,
          maxLength: 2,
        })
        .map((blocks) => {
          const condition: Condition = {};
          for (const block of blocks) {
            const operator = block[0].operator;
            condition[operator] = { ...condition[operator] };
            for (const { key, values } of block) condition[operator][key] = values;
          }
          return condition;
        }),
    },
  );

const everyone = ["*", { AWS: "*" }, { AWS: ["*"] }, { AWS: ["arn:aws:iam::111122223333:root", "*"] }];
const someone = [
  { AWS: "arn:aws:iam::111122223333:root" },
  { AWS: "111122223333" },
  { AWS: crossAccountRole },
  { AWS: ["111122223333", "arn:aws:iam::444455556666:root"] },
  { Service: "lambda.amazonaws.com" },
];
const notPrincipals = [{ AWS: "arn:aws:iam::111122223333:root" }, { AWS: crossAccountRole }];

const actions = [
  "execute-api:Invoke",
  "execute-api:invoke",
  "EXECUTE-API:INVOKE",
  "execute-api:*",
  "*",
  "execute-api:Inv*",
  "execute-api:InvalidateCache",
  "execute-api:ManageConnections",
  "s3:GetObject",
];
const invokeActions = ["execute-api:Invoke", "execute-api:*", "*", "execute-api:Inv*"];

const resources = [
  "execute-api:/*",
  "execute-api:/prod/*",
  "execute-api:/prod/GET/*",
  "execute-api:/dev/GET/x",
  `${apiArn}/*`,
  `${apiArn}/prod/GET/pets`,
  "arn:aws:execute-api:*:*:*",
  "arn:aws:execute-api:us-east-1:111122223333:*/*",
  "*",
  ...otherApis(),
];
const everyMethod = ["execute-api:/*", `${apiArn}/*`, "*"];

/** Every method of another API, or of this API's id in another account or region: a policy copied from elsewhere. */
function otherApis(): string[] {
  return [
    `arn:aws:execute-api:us-east-1:${apiAccount}:otherapi1/*`,
    `arn:aws:execute-api:eu-west-1:${apiAccount}:${apiId}/*`,
    `arn:aws:execute-api:us-east-1:444455556666:${apiId}/*`,
  ];
}

type Statement = Record<string, unknown>;

const statements: fc.Arbitrary<Statement> = fc.constantFrom("Allow", "Allow", "Deny").chain((Effect) =>
  fc
    .record({
      principal: fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom<unknown>(...everyone).map((p) => ["Principal", p] as const) },
        { weight: 3, arbitrary: fc.constantFrom<unknown>(...someone).map((p) => ["Principal", p] as const) },
        {
          weight: 1,
          arbitrary: fc.constantFrom<unknown>(...notPrincipals).map((p) => ["NotPrincipal", p] as const),
        },
      ),
      action: fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...invokeActions).map((a) => ["Action", a] as const) },
        { weight: 2, arbitrary: oneOrList(fc.constantFrom(...actions)).map((a) => ["Action", a] as const) },
        {
          weight: 1,
          arbitrary: oneOrList(fc.constantFrom(...actions)).map((a) => ["NotAction", a] as const),
        },
      ),
      resource: fc.oneof(
        {
          weight: 5,
          arbitrary: oneOrList(fc.constantFrom(...resources)).map((r) => ["Resource", r] as const),
        },
        {
          weight: 1,
          arbitrary: oneOrList(fc.constantFrom(...resources)).map((r) => ["NotResource", r] as const),
        },
      ),
      condition: conditions(Effect),
    })
    .map(({ principal, action, resource, condition }) => ({
      Effect,
      [principal[0]]: principal[1],
      [action[0]]: action[1],
      [resource[0]]: resource[1],
      ...(condition ? { Condition: condition } : {}),
    })),
);

type Restriction = { operator: string; key: string; kind: keyof typeof networkValues };

/** A statement for everyone on every method of the API whose one condition names our networks. */
const networkStatements = (Effect: string, restrictions: Restriction[]): fc.Arbitrary<Statement> =>
  fc
    .record({
      Principal: fc.constantFrom<unknown>(...everyone),
      Action: fc.constantFrom(...invokeActions),
      Resource: fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom(...everyMethod) },
        { weight: 1, arbitrary: fc.constantFrom(...otherApis()) },
      ),
      restriction: fc.constantFrom(...restrictions),
    })
    .chain(({ restriction: { operator, key, kind }, ...rest }) =>
      oneOrList(fc.constantFrom(...networkValues[kind].restricting)).map((values) => ({
        Effect,
        ...rest,
        Condition: { [operator]: { [key]: values } },
      })),
    );

/** Restrictions as AWS's examples and the control write them: Deny unless from our endpoints/VPCs/addresses. */
const networkDenies = networkStatements("Deny", [
  { operator: "StringNotEquals", key: "aws:SourceVpce", kind: "endpoint" },
  { operator: "StringNotLike", key: "aws:SourceVpce", kind: "endpoint" },
  { operator: "StringNotEquals", key: "aws:SourceVpc", kind: "vpc" },
  { operator: "NotIpAddress", key: "aws:VPCSourceIp", kind: "address" },
  { operator: "NotIpAddress", key: "aws:VpcSourceIp", kind: "address" },
]);

/** Allows that name our networks themselves. */
const restrictedAllows = networkStatements("Allow", [
  { operator: "StringEquals", key: "aws:SourceVpce", kind: "endpoint" },
  { operator: "StringLike", key: "aws:SourceVpce", kind: "endpoint" },
  { operator: "StringEquals", key: "aws:SourceVpc", kind: "vpc" },
  { operator: "IpAddress", key: "aws:VpcSourceIp", kind: "address" },
]);

export const resourcePolicies: fc.Arbitrary<Record<string, unknown>> = fc
  .array(
    fc.oneof(
      { weight: 5, arbitrary: statements },
      { weight: 3, arbitrary: networkDenies },
      { weight: 1, arbitrary: restrictedAllows },
    ),
    { minLength: 1, maxLength: 4 },
  )
  .chain((list) =>
    list.length === 1
      ? fc.constantFrom(
          { Version: "2012-10-17", Statement: list },
          { Version: "2012-10-17", Statement: list[0] },
        )
      : fc.constant({ Version: "2012-10-17", Statement: list }),
  );
