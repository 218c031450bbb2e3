/** The benchmarks' TypeScript yardstick decides exactly what the compiled Rego decides. */
import { networkConfig } from "../policies/config";
import { createEngine } from "../policies/engine";
import { resourceInput } from "../policies/input";
import { documentCases } from "../tests/policies/documents";
import { networkFindings } from "./referencePolicy";
import { networkPolicyName, restApiPolicyInput, restrictingDocument } from "./workload";

const engine = createEngine();

const configs = {
  defaults: {},
  "allowed endpoint": { allowedVpcEndpointIds: ["vpce-1a2b3c4d5e6f7a8b9"] },
  "allowed CIDR, /16 minimum": { allowedSourceCidrs: ["10.0.0.0/16"], minimumCidrPrefix: { ipv4: 16 } },
  "allowed VPC and IPv6 blocks": {
    allowedVpcIds: ["vpc-2f09a348"],
    allowedSourceCidrs: ["2001:db8::/32", "::/64", "::ffff:10.0.0.0/104"],
  },
};

const allowAll = {
  Effect: "Allow",
  Principal: "*",
  Action: "execute-api:Invoke",
  Resource: "execute-api:/*",
};
const denyAll = { ...allowAll, Effect: "Deny" };
const allowIf = (condition: object, extra: object = {}) => ({ ...allowAll, Condition: condition, ...extra });
const denyUnless = (condition: object, extra: object = {}) => ({
  ...denyAll,
  Condition: condition,
  ...extra,
});
const policy = (...statements: object[]) => ({ Version: "2012-10-17", Statement: statements });
const times = (n: number, statement: (i: number) => object) =>
  Array.from({ length: n }, (_, i) => statement(i));

const extraDocuments: Record<string, unknown> = {
  "the benchmark's document": restrictingDocument("a1b2c3d4e5"),

  // Malformed documents: one finding, problems sorted and bounded.
  "malformed statements": { Statement: [7, { Sid: "x", Effect: "Maybe", Action: [], Resource: ["a", 1] }] },
  "Statement null": { Statement: null },
  "no Statement": { Version: "2012-10-17" },
  "malformed actions, resources and conditions": policy(
    { ...allowAll, Action: ["execute-api:Invoke", "execute-api:[a-z]*", "nocolon", 3, 4], NotAction: "*" },
    { ...allowAll, Resource: {}, Principal: undefined },
    { ...allowAll, Effect: { Allow: true }, NotPrincipal: "*", Condition: [] },
    { ...allowAll, Condition: { StringEquals: "vpce-1", Bool: { "aws:SecureTransport": true } } },
    {
      ...allowAll,
      Condition: { StringEquals: { "aws:SourceVpce": [5, "vpce-1", null], "aws:SOURCEVPC": {} } },
    },
  ),
  "network values of other types are malformed, booleans only under Null": policy(
    allowIf({ IpAddress: { "aws:VpcSourceIp": ["10.0.0.1", 10] } }),
    allowIf({ StringEquals: { "aws:SourceVpce": true } }),
    allowIf({ Null: { "aws:SourceVpc": [false, 0] } }),
  ),
  "more than 20 problems are bounded": policy(...times(25, (i) => ({ Sid: `S${i}`, Effect: "Allow" }))),

  // Whose Allow admits an unauthenticated caller.
  "named principals admit no unauthenticated caller": policy(
    { ...allowAll, Principal: { AWS: "arn:aws:iam::111122223333:root" } },
    { ...allowAll, Principal: { AWS: ["arn:aws:iam::111122223333:root", "arn:aws:iam::444455556666:root"] } },
    { ...allowAll, Principal: { Service: "*" } },
    { ...allowAll, Principal: { Federated: "cognito-identity.amazonaws.com" } },
  ),
  "a wildcard among named AWS principals admits everyone": policy({
    ...allowAll,
    Sid: "Mixed",
    Principal: { AWS: ["arn:aws:iam::111122223333:root", "*"] },
  }),
  'Denies for {"AWS": "*"} stop every caller, on the resources they name': policy(
    allowAll,
    { ...allowAll, Sid: "Stage", Resource: "execute-api:/test/*" },
    {
      ...denyUnless({ StringNotEquals: { "aws:SourceVpce": "vpce-1a2b3c4d5e6f7a8b9" } }),
      Principal: { AWS: ["*"] },
      Resource: ["execute-api:/test/*", "execute-api:/prod/*"],
    },
    {
      ...denyUnless({ StringNotEquals: { "aws:SourceVpce": "vpce-1a2b3c4d5e6f7a8b9" } }),
      Principal: { AWS: "*" },
      Resource: "execute-api:/prod/*",
    },
  ),
  "an Allow with NotPrincipal, and a Deny with NotPrincipal that does not count": policy(
    { ...allowAll, Principal: undefined, NotPrincipal: { AWS: "arn:aws:iam::111122223333:root" } },
    {
      ...denyUnless({ StringNotEquals: { "aws:SourceVpce": "vpce-1a2b3c4d5e6f7a8b9" } }),
      Principal: undefined,
      NotPrincipal: { AWS: "arn:aws:iam::111122223333:root" },
    },
  ),

  // Actions: only execute-api:Invoke, matched case-insensitively with * and ?.
  "action patterns that grant and do not grant Invoke": policy(
    { ...allowAll, Sid: "Star", Action: "*" },
    { ...allowAll, Sid: "Service", Action: "EXECUTE-API:*" },
    { ...allowAll, Sid: "Question", Action: ["s3:GetObject", "execute-api:Inv?ke"] },
    { ...allowAll, Sid: "Other", Action: ["execute-api:InvalidateCache", "execute-api:ManageConnections"] },
    { ...allowAll, Sid: "NotOther", Action: undefined, NotAction: "execute-api:InvalidateCache" },
    { ...allowAll, Sid: "NotInvoke", Action: undefined, NotAction: ["execute-api:invoke"] },
  ),
  "NotAction allow, deny with NotAction Invoke does not deny Invoke": policy(
    { Effect: "Allow", Principal: { AWS: "*" }, NotAction: "s3:*", Resource: "*" },
    {
      ...denyUnless({ StringNotEquals: { "aws:SourceVpce": "vpce-1a2b3c4d5e6f7a8b9" } }),
      Action: undefined,
      NotAction: "execute-api:Invoke",
    },
  ),

  // Conditions on a request through an outside VPC endpoint: aws:SourceIp is never there.
  "absent aws:SourceIp under each kind of operator": policy(
    denyUnless({ StringNotEqualsIfExists: { "aws:SourceIp": "::/0" } }, { Sid: "NegatedIfExists" }),
    allowIf({ IpAddress: { "aws:SourceIp": "10.0.0.0/8" } }, { Sid: "Positive" }),
    allowIf({ "ForAllValues:StringEquals": { "aws:sourceip": "10.0.0.1" } }, { Sid: "ForAll" }),
    allowIf({ "ForAnyValue:StringNotEquals": { "aws:SourceIp": "10.0.0.1" } }, { Sid: "ForAny" }),
    allowIf({ NumericNotEquals: { "aws:SourceIp": "1" } }, { Sid: "NumericNegated" }),
    allowIf({ DateEquals: { "aws:SourceIp": "2020-01-01" } }, { Sid: "Date" }),
    allowIf({ StringLikeIfExists: { "aws:SourceIp": "10.*" } }, { Sid: "IfExists" }),
  ),
  "a deny NotIpAddress aws:SourceIp blocks every request through a VPC endpoint": policy(
    denyUnless({ NotIpAddress: { "aws:SourceIp": ["192.0.2.0/24", "2001:db8::/32"] } }),
    allowAll,
  ),
  "Null on the absent aws:SourceIp": policy(
    allowIf({ Null: { "aws:SourceIp": "true" } }, { Sid: "NullTrue" }),
    allowIf({ Null: { "aws:SourceIp": ["false", "FALSE"] } }, { Sid: "NullFalse" }),
    denyUnless({ "ForAllValues:NullIfExists": { "aws:SourceIp": ["maybe", "TRUE"] } }, { Sid: "DenyNull" }),
  ),
  "Null with booleans": policy(
    allowIf({ Null: { "aws:SourceIp": true } }, { Sid: "AbsentTrue" }),
    allowIf({ Null: { "aws:SourceIp": [false, "FALSE"] } }, { Sid: "AbsentFalse" }),
    allowIf({ Null: { "aws:SourceVpce": false } }, { Sid: "CarriedFalse" }),
    denyUnless({ Null: { "aws:VpcSourceIp": [true, "maybe"] } }, { Sid: "CarriedTrue" }),
  ),
  "Null on keys every request through a VPC endpoint carries": policy(
    allowIf({ Null: { "aws:SourceVpce": "false" } }, { Sid: "Carried" }),
    allowIf({ Null: { "aws:SourceVpc": "true" } }, { Sid: "Missing" }),
    denyUnless({ Null: { "aws:VpcSourceIp": [] } }, { Sid: "NoValues" }),
  ),
  "operators outside the families, wrong families and non-network keys": policy(
    allowIf({ StringEquals: { "aws:PrincipalTag/team": "a", "aws:SourceVpce": "vpce-1a2b3c4d5e6f7a8b9" } }),
    allowIf({ NumericEquals: { "aws:SourceVpce": "1" } }, { Sid: "Numeric" }),
    allowIf({ StringEquals: { "aws:VpcSourceIp": "10.0.0.1" } }, { Sid: "AddressAsString" }),
    denyUnless({ BinaryEquals: { "aws:SourceVpc": "dnBj" } }, { Sid: "Binary" }),
    denyUnless({ StringNotEquals: { "aws:PrincipalAccount": "111122223333" } }, { Sid: "NotNetwork" }),
  ),
  "addresses compared as text": policy(
    allowIf({ StringLike: { "aws:VpcSourceIp": "**" } }, { Sid: "Stars" }),
    allowIf({ StringLike: { "aws:VpcSourceIp": ["10.0.*", "10.0.0.1"] } }, { Sid: "Pattern" }),
    allowIf({ StringEquals: { "aws:VpcSourceIp": "10.0.0.1" } }, { Sid: "Address" }),
    allowIf({ StringEqualsIgnoreCase: { "aws:VpcSourceIp": "::FFFF:10.0.0.1" } }, { Sid: "MappedAddress" }),
    allowIf({ StringEquals: { "aws:VpcSourceIp": ["10.0.0.0/16", "10.0.0.*", "host"] } }, { Sid: "Literal" }),
    denyUnless({ StringNotLike: { "aws:VpcSourceIp": "1?.*" } }, { Sid: "NegatedPattern" }),
  ),
  "a Deny comparing addresses as literal text denies every request": policy(
    { Effect: "Allow", Principal: { AWS: "*" }, NotAction: "s3:*", Resource: "*" },
    denyUnless({ StringNotEquals: { "aws:VpcSourceIp": "10.0.0.0/16" } }, { Action: "execute-api:*" }),
  ),
  "Arn, address and typed operators on network keys": policy(
    allowIf({ ArnLike: { "aws:SourceVpce": "*" } }, { Sid: "ArnOnId" }),
    allowIf({ ArnEquals: { "aws:VpcSourceIp": "10.0.0.1" } }, { Sid: "ArnOnAddress" }),
    allowIf({ IpAddress: { "aws:SourceVpc": "10.0.0.0/16" } }, { Sid: "AddressOnId" }),
    allowIf({ "ForAnyValue:BoolIfExists": { "aws:SourceVpce": "true" } }, { Sid: "Bool" }),
    allowIf({ NumericNotEquals: { "aws:SourceVpc": "1" } }, { Sid: "NumericNegated" }),
    denyUnless({ NotIpAddress: { "aws:SourceVpce": "10.0.0.0/16" } }, { Sid: "NegatedAddressOnId" }),
    denyUnless({ ArnNotLike: { "aws:SourceVpc": "arn:*" } }, { Sid: "ArnNegated" }),
  ),
  "positive operators of a foreign family never hold, whatever their values": policy(
    allowIf({ ArnEquals: { "aws:SourceVpc": "vpc-2f09a348" } }, { Sid: "ArnOnVpc" }),
    allowIf(
      { "ForAnyValue:ArnLikeIfExists": { "aws:VpcSourceIp": ["*", "0.0.0.0/0"] } },
      { Sid: "ArnLikeOnAddress" },
    ),
    allowIf(
      { IpAddress: { "aws:SourceVpce": ["0.0.0.0/0", "::/0", "vpce-1"] } },
      { Sid: "EveryAddressOnEndpoint" },
    ),
    {
      ...denyAll,
      Sid: "DeadDeny",
      Action: "execute-api:*",
      Resource: "*",
      Condition: { IpAddress: { "aws:SourceVpce": "vpce-1" } },
    },
  ),
  "negated operators of a foreign family are left open": policy(
    allowAll,
    denyUnless({ ArnNotEquals: { "aws:VpcSourceIp": "10.0.0.0/16" } }, { Sid: "ArnOnAddress" }),
    denyUnless({ ArnNotLikeIfExists: { "aws:SourceVpce": "vpce-*" } }, { Sid: "ArnOnEndpoint" }),
    denyUnless({ NotIpAddress: { "aws:SourceVpc": ["0.0.0.0/0", "::/0"] } }, { Sid: "AddressOnVpc" }),
  ),
  "patterns that match every id, some ids, or are literal text": policy(
    allowIf({ StringLike: { "aws:SourceVpce": "vpce-*" } }, { Sid: "EveryEndpoint" }),
    allowIf({ StringLike: { "aws:SourceVpce": ["vp*", "vpce-1a2b3c4d5e6f7a8b9"] } }, { Sid: "ShortPrefix" }),
    allowIf({ "ForAnyValue:StringLike": { "aws:SourceVpc": "vpc-????????*" } }, { Sid: "EveryVpc" }),
    allowIf({ StringLike: { "aws:SourceVpc": "vpc-2f09*" } }, { Sid: "SomeVpcs" }),
    allowIf({ StringEqualsIgnoreCase: { "aws:SOURCEVPCE": "VPCE-1A2B3C4D5E6F7A8B9" } }, { Sid: "Case" }),
    allowIf({ ArnLike: { "aws:SourceVpce": "*~#%!^" } }, { Sid: "AllFillers" }),
    allowIf({ StringLike: { "aws:SourceVpce": "vpce-[0-9]*" } }, { Sid: "GlobSyntax" }),
    allowIf({ StringEquals: { "aws:SourceVpce": ["vpce-?", "vpc-*"] } }, { Sid: "Literal" }),
    allowIf({ StringEquals: { "aws:SourceVpc": [] } }, { Sid: "NoValues" }),
  ),
  "negated patterns in Denies": policy(
    allowAll,
    denyUnless({ StringNotLike: { "aws:SourceVpce": ["vpce-1a2b3c4d5e6f7a8b9", "*"] } }, { Sid: "Every" }),
    denyUnless({ ArnNotEquals: { "aws:SourceVpce": "vpce-*" } }, { Sid: "Literal" }),
    denyUnless({ StringNotEquals: { "aws:SourceVpc": [] } }, { Sid: "NoValues" }),
    denyUnless({ StringNotEqualsIgnoreCase: { "aws:SourceVpc": "vpc-0000000f" } }, { Sid: "Unlisted" }),
  ),
  "address values: every address, broader than the minimum, outside the allowed blocks": policy(
    allowIf({ IpAddress: { "aws:VpcSourceIp": ["0.0.0.0/0", "::/0"] } }, { Sid: "Every" }),
    allowIf({ IpAddress: { "aws:VpcSourceIp": "0.0.0.0/0" } }, { Sid: "EveryIpv4" }),
    allowIf({ IpAddress: { "aws:VpcSourceIp": ["10.0.0.0/12", "10.0.0.0/16"] } }, { Sid: "Broad" }),
    allowIf({ IpAddress: { "aws:VPCSourceIP": "10.1.0.0/16" } }, { Sid: "Elsewhere" }),
    allowIf({ IpAddress: { "aws:VpcSourceIp": ["10.0.1.25", "10.0.2.0/24"] } }, { Sid: "Inside" }),
    allowIf({ IpAddress: { "aws:VpcSourceIp": "2001:db8:1::/48" } }, { Sid: "V6Inside" }),
    allowIf({ IpAddress: { "aws:VpcSourceIp": "2001:db8::/16" } }, { Sid: "V6Broad" }),
    allowIf({ IpAddress: { "aws:VpcSourceIp": "::/0" } }, { Sid: "V6Every" }),
    allowIf({ IpAddress: { "aws:VpcSourceIp": "::1" } }, { Sid: "V6Loopback" }),
    // Go holds ::ffff:a.b.c.d as IPv4: ::ffff:10.0.0.0/104 contains the first, ::/64 neither (though its
    // first 64 bits are zero).
    allowIf({ IpAddress: { "aws:VpcSourceIp": "::ffff:10.0.0.1" } }, { Sid: "V4Mapped" }),
    allowIf({ IpAddress: { "aws:VpcSourceIp": "::ffff:11.0.0.0/104" } }, { Sid: "V4MappedElsewhere" }),
  ),
  "deny NotIpAddress with addresses of both families": policy(
    allowAll,
    denyUnless({ NotIpAddress: { "aws:VpcSourceIp": ["10.0.0.0/16", "::1/128", "0.0.0.0/0"] } }),
  ),
  "/0 of one family is every address only beside /0 of the other": policy(
    allowAll,
    denyUnless({ NotIpAddress: { "aws:VpcSourceIp": "::/0" } }, { Sid: "Ipv6Only" }),
    denyUnless({ NotIpAddress: { "aws:VpcSourceIp": ["10.0.0.0/0", "10.0.0.0/16"] } }, { Sid: "Ipv4Only" }),
    denyUnless({ NotIpAddressIfExists: { "aws:VpcSourceIp": ["::/000", "0.0.0.0/0"] } }, { Sid: "Both" }),
    allowIf(
      { "ForAnyValue:IpAddress": { "aws:VpcSourceIp": ["::ffff:0.0.0.0/0", "0.0.0.0/0"] } },
      { Sid: "Mapped" },
    ),
  ),
  "unparsable addresses are no problem: IpAddress cannot match one, NotIpAddress is left open": policy(
    allowIf({ IpAddress: { "aws:VpcSourceIp": ["10.0.0.256", "1.2.3", "::g"] } }, { Sid: "OnlyUnparsable" }),
    allowIf({ IpAddress: { "aws:VpcSourceIp": ["010.0.0.1", "10.0.0.1"] } }, { Sid: "BesideAnAddress" }),
    allowIf(
      { NotIpAddressIfExists: { "aws:PrincipalTag/x": ["10.0.0.0/33", 5] } },
      { Sid: "NotANetworkKey" },
    ),
    denyUnless({ NotIpAddress: { "aws:VpcSourceIp": ["10.0.0.0/16", "10.0.0.0/16/1"] } }, { Sid: "Negated" }),
  ),
  "addresses as Go reads them": policy(
    allowIf({
      IpAddress: {
        "aws:VpcSourceIp": [
          "1:2:3:4:5:6:7::",
          "::10.0.0.1",
          "1:2:3:4:5:6:10.0.0.1",
          "1.2.3.4::",
          "1:2:3:4:5:6:7:8:9",
          "1::2::3",
          "fe80::1%eth0",
          "::ffff:10.0.0.1/128",
          "10.0.0.1/032",
          "10.0.0.1/",
        ],
      },
    }),
  ),

  // Statements that can never apply to a request through a VPC endpoint.
  "one dead Deny": policy(
    allowIf({ StringEquals: { "aws:SourceVpce": "vpce-1a2b3c4d5e6f7a8b9" } }),
    denyUnless({ IpAddress: { "aws:SourceIp": "192.0.2.0/24" } }, { Sid: "DeadDeny" }),
  ),
  "dead statements with several reasons, and one that grants no Invoke": policy(
    allowIf(
      {
        IpAddress: { "aws:SourceIp": "192.0.2.0/24" },
        StringEquals: { "aws:SourceVpce": ["vpce-*", "vpce-?1"] },
      },
      { Sid: "TwoReasons" },
    ),
    allowIf({ Null: { "aws:SourceVpce": "true" } }, { Action: "execute-api:InvalidateCache" }),
    allowIf({ StringEquals: { "aws:SourceVpce": [] } }),
  ),
  "more than 20 dead statements are bounded": policy(
    ...times(23, (i) => allowIf({ IpAddress: { "aws:SourceIp": `10.0.${i}.0/24` } }, { Sid: `Dead${i}` })),
  ),

  // Open Allows: one finding, statements and reasons bounded.
  "more than 20 open statements are bounded": policy(
    ...times(25, (i) =>
      allowIf({ StringLike: { "aws:SourceVpce": i % 2 === 0 ? "*" : "vpce-*" } }, { Sid: `Open${i}` }),
    ),
    denyUnless(
      { StringNotEquals: { "aws:SourceVpce": "vpce-1a2b3c4d5e6f7a8b9" } },
      { Resource: "execute-api:/a/*" },
    ),
  ),
  "open and dead statements together": policy(
    allowAll,
    { ...allowAll, Sid: "Second", Resource: ["execute-api:/prod/GET/*", "execute-api:/prod/POST/*"] },
    allowIf({ IpAddress: { "aws:SourceIp": "192.0.2.0/24" } }),
  ),
  "Sids sorted by code point and escaped as Go does": policy(
    { ...allowAll, Sid: '<a&b>\u2028\b\f\t"\\' },
    denyUnless({ StringNotLike: { "aws:SourceVpce": "vpce-*" } }, { Sid: "\u{1F600}" }),
    denyUnless({ StringNotLike: { "aws:SourceVpce": "vpce-*" } }, { Sid: "\uFF21" }),
    denyUnless({ StringNotLike: { "aws:SourceVpce": "vpce-*" } }, { Sid: 5 }),
  ),

  // Which Denies cover which Allows.
  "resources a Deny covers and does not cover": policy(
    {
      ...allowAll,
      Sid: "Arn",
      Resource: "arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/prod/GET/pets",
    },
    { ...allowAll, Sid: "Stage", Resource: "execute-api:/test/*" },
    { ...allowAll, Sid: "NotResource", Resource: undefined, NotResource: "execute-api:/admin/*" },
    { ...allowAll, Sid: "NotArn", Resource: "arn:aws:s3:::bucket/*" },
    denyUnless(
      { StringNotEquals: { "aws:SourceVpce": "vpce-1a2b3c4d5e6f7a8b9" } },
      { Resource: ["arn:aws:execute-api:us-east-1:123456789012:*/prod/*", "arn:aws:s3:::bucket/*"] },
    ),
  ),
  "a Deny with NotResource covers the Allows it cannot exclude": policy(
    { ...allowAll, Sid: "Prod", Resource: "execute-api:/prod/*" },
    { ...allowAll, Sid: "Admin", Resource: "execute-api:/admin/GET/x" },
    { ...allowAll, Sid: "Wild", Resource: "execute-api:/*/GET/x" },
    denyUnless(
      { StringNotEquals: { "aws:SourceVpce": "vpce-1a2b3c4d5e6f7a8b9" } },
      { Resource: undefined, NotResource: ["execute-api:/admin/*", "execute-api:/health/GET/"] },
    ),
  ),
  "a resource that is no execute-api one may be one a NotResource Deny leaves out": policy(
    { ...allowAll, Sid: "Bucket", Resource: "arn:aws:s3:::bucket/*" },
    { ...allowAll, Sid: "Region", Resource: ["arn:aws:execute-api:us-east-1:*", "execute-api:/admin/GET/x"] },
    { ...allowAll, Sid: "Prod", Resource: "execute-api:/prod/GET/x" },
    denyUnless(
      { StringNotEquals: { "aws:SourceVpce": "vpce-1a2b3c4d5e6f7a8b9" } },
      { Resource: undefined, NotResource: ["execute-api:/prod/*", "arn:aws:s3:::bucket/*"] },
    ),
  ),
  "an Allow with NotResource: a Deny of everything or of fewer exclusions covers it": policy(
    { ...allowAll, Sid: "A", Resource: undefined, NotResource: ["execute-api:/admin/*", "execute-api:/x/*"] },
    denyUnless(
      { StringNotEquals: { "aws:SourceVpce": "vpce-1a2b3c4d5e6f7a8b9" } },
      { Resource: undefined, NotResource: "execute-api:/admin/*" },
    ),
  ),
  "Allows whose NotResource leaves out every method are not open": policy(
    { ...allowAll, Resource: undefined, NotResource: "*" },
    { ...allowAll, Resource: undefined, NotResource: ["execute-api:/prod/*", "execute-api:/*/*"] },
    {
      ...allowAll,
      Resource: undefined,
      NotResource: "arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/*",
    },
    {
      ...allowAll,
      Sid: "Some",
      Resource: undefined,
      NotResource: "arn:aws:execute-api:us-east-1:1:a1b2c3d4e5",
    },
  ),
  "an Allow with NotResource a narrower Deny does not cover": policy(
    { ...allowAll, Resource: undefined, NotResource: "execute-api:/admin/*" },
    denyUnless(
      { StringNotEquals: { "aws:SourceVpce": "vpce-1a2b3c4d5e6f7a8b9" } },
      { Resource: ["execute-api:/prod/*", "arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/*/*"] },
    ),
  ),
  "a statement as one object, resources in odd forms": {
    Statement: {
      ...allowAll,
      Resource: ["arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5", "ARN:aws:EXECUTE-API:r:a:api*"],
    },
  },
};

const documents = [
  ...documentCases.map((c) => [c.name, c.document] as const),
  ...Object.entries(extraDocuments),
];

const cases = Object.entries(configs).flatMap(([configName, rawConfig]) =>
  documents.map(([documentName, document]) => ({
    name: `${documentName} (${configName})`,
    document,
    rawConfig,
  })),
);

function inputFor(document: unknown, rawConfig: Record<string, unknown>) {
  const resource = resourceInput({
    type: "aws:apigateway/restApiPolicy:RestApiPolicy",
    urn: "urn:pulumi:dev::app::aws:apigateway/restApiPolicy:RestApiPolicy::p",
    name: "p",
    props: { restApiId: "a1b2c3d4e5", policy: JSON.stringify(document) },
  });
  return { policy: networkPolicyName, config: networkConfig(rawConfig), resource };
}

test.each(cases)("$name", ({ document, rawConfig }) => {
  const input = inputFor(document, rawConfig);
  expect(networkFindings(input)).toEqual(engine.decide(input));
});

/**
 * Documents drawn from the pieces people combine (principals, actions, resources, operators, keys and values
 * of every kind above), with a fixed seed so that a failure reproduces.
 */
function randomDocuments(count: number, seed: number): unknown[] {
  let state = seed;
  const random = () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x80000000;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const principals = [
    "*",
    { AWS: "*" },
    { AWS: ["arn:aws:iam::111122223333:root", "*"] },
    { AWS: "arn:aws:iam::1:root" },
  ];
  const actions = [
    "execute-api:Invoke",
    "execute-api:*",
    "*",
    "execute-api:InvalidateCache",
    ["s3:*", "execute-api:Inv?ke"],
  ];
  const resources = [
    "execute-api:/*",
    "*",
    "execute-api:/prod/*",
    "execute-api:/*/GET/*",
    "arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/*",
    "arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/prod/*",
    "arn:aws:s3:::bucket/*",
  ];
  const operators = [
    "StringEquals",
    "StringNotEquals",
    "StringLike",
    "StringNotLike",
    "StringEqualsIgnoreCase",
    "ArnLike",
    "ArnNotEquals",
    "IpAddress",
    "NotIpAddress",
    "NotIpAddressIfExists",
    "Null",
    "NumericEquals",
    "NumericNotEquals",
    "ForAllValues:StringEquals",
    "ForAnyValue:StringLike",
  ];
  const keys = [
    "aws:SourceVpce",
    "aws:SourceVpc",
    "aws:VpcSourceIp",
    "aws:SourceIp",
    "aws:PrincipalTag/team",
  ];
  const ids = ["vpce-1a2b3c4d5e6f7a8b9", "vpce-*", "*", "vpc-2f09a348", "vpc-*", "vp?*", "true", "false"];
  const addresses = [
    "10.0.0.0/16",
    "10.0.0.1",
    "0.0.0.0/0",
    "10.0.0.0/8",
    "::/0",
    "2001:db8:1::/48",
    "::ffff:10.0.0.1",
    "10.0.0.256",
    "010.0.0.1/8",
  ];
  const nullValues = [true, false, "true", "FALSE"];
  const condition = () => {
    const blocks: Record<string, Record<string, unknown>> = {};
    for (let n = Math.floor(random() * 3); n > 0; n--) {
      const operator = pick(operators);
      const values =
        operator === "Null" ? nullValues : operator.includes("IpAddress") || random() < 0.4 ? addresses : ids;
      const chosen = [pick<unknown>(values), pick<unknown>(values)].slice(0, 1 + Math.floor(random() * 2));
      (blocks[operator] ??= {})[pick(keys)] = chosen.length === 1 && random() < 0.5 ? chosen[0] : chosen;
    }
    return Object.keys(blocks).length > 0 ? blocks : undefined;
  };
  const statement = (i: number) => ({
    Sid: random() < 0.3 ? `S${i}` : undefined,
    Effect: random() < 0.55 ? "Allow" : "Deny",
    ...(random() < 0.15 ? { NotPrincipal: { AWS: "arn:aws:iam::1:root" } } : { Principal: pick(principals) }),
    ...(random() < 0.15 ? { NotAction: pick(actions) } : { Action: pick(actions) }),
    ...(random() < 0.2 ? { NotResource: pick(resources) } : { Resource: pick(resources) }),
    Condition: condition(),
  });
  return Array.from({ length: count }, () =>
    policy(...Array.from({ length: 1 + Math.floor(random() * 4) }, (_, i) => statement(i))),
  );
}

test("seeded random documents, each under every configuration", () => {
  for (const document of randomDocuments(250, 20261206)) {
    for (const rawConfig of Object.values(configs)) {
      const input = inputFor(document, rawConfig);
      expect({ document, findings: networkFindings(input) }).toEqual({
        document,
        findings: engine.decide(input),
      });
    }
  }
});

/** The unknown-value sentinel @pulumi/policy leaves in deserialized properties. */
const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const bodyWith = (document: unknown) =>
  JSON.stringify({ openapi: "3.0.1", "x-amazon-apigateway-policy": document });

const restApis: Record<string, Record<string, unknown>> = {
  "policy and body both judged, findings sorted across documents": {
    policy: JSON.stringify(policy(allowIf({ IpAddress: { "aws:SourceIp": "192.0.2.0/24" } }))),
    body: bodyWith(policy(allowAll)),
  },
  "policy malformed JSON, body without a policy": { policy: "{", body: JSON.stringify({ openapi: "3.0.1" }) },
  "policy unknown, body a number": { policy: unknown, body: 7 },
  "body unknown, policy absent": { body: unknown },
  "an unknown inside the policy object, a body policy of null": {
    policy: { Statement: [{ ...allowAll, Resource: unknown }] },
    body: bodyWith(null),
  },
  "an unknown inside the body's policy, a YAML body": {
    policy: policy(allowAll),
    body: { "x-amazon-apigateway-policy": { Statement: [{ ...allowAll, Condition: unknown }] } },
  },
  "a YAML body with a policy": { body: "openapi: 3.0.1\nx-amazon-apigateway-policy:\n  Statement: []\n" },
};

test.each(Object.entries(restApis))("RestApi: %s", (_, props) => {
  const resource = resourceInput({
    type: "aws:apigateway/restApi:RestApi",
    urn: "urn:pulumi:dev::app::aws:apigateway/restApi:RestApi::api",
    name: "api",
    props: { name: "api", ...props },
  });
  const input = { policy: networkPolicyName, config: networkConfig(configs["allowed endpoint"]), resource };
  expect(networkFindings(input)).toEqual(engine.decide(input));
});

test("a resource that carries no resource policy is not judged", () => {
  const resource = resourceInput({
    type: "aws:ec2/vpcEndpoint:VpcEndpoint",
    urn: "urn:pulumi:dev::app::aws:ec2/vpcEndpoint:VpcEndpoint::e",
    name: "e",
    props: { policy: JSON.stringify(policy(allowAll)) },
  });
  const input = { policy: networkPolicyName, config: networkConfig({}), resource };
  expect(engine.decide(input)).toEqual([]);
  expect(networkFindings(input)).toEqual([]);
});

test("the benchmark's input is decided restricting by both", () => {
  const input = restApiPolicyInput();
  expect(engine.decide(input)).toEqual([]);
  expect(networkFindings(input)).toEqual([]);
});
