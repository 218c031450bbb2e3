/**
 * Resource policy documents as people write them, with what the pack must decide about each. Sources: the
 * API Gateway developer guide's private API examples, the knowledge-center article the control cites,
 * and the control's own NotIpAddress aws:VPCSourceIp clause.
 */
export interface DocumentCase {
  name: string;
  document: unknown;
  /**
   * What the pack decides for callers of a method with authorization NONE, who need an Allow: "restricting":
   * nothing reported; "open": a violation naming the open statements; "malformed": a violation naming the
   * problem; "grants nothing": only an advisory (a statement no request through a VPC endpoint can match).
   */
  decision: "restricting" | "open" | "malformed" | "grants nothing";
  /** Text the violation message must contain. */
  mentions?: string;
}

const invokeAll = {
  Effect: "Allow",
  Principal: "*",
  Action: "execute-api:Invoke",
  Resource: "execute-api:/*",
};
const denyUnless = (condition: object, extra: object = {}) => ({
  Effect: "Deny",
  Principal: "*",
  Action: "execute-api:Invoke",
  Resource: "execute-api:/*",
  Condition: condition,
  ...extra,
});
const policy = (...statements: object[]) => ({ Version: "2012-10-17", Statement: statements });

export const documentCases: DocumentCase[] = [
  {
    name: "AWS docs: deny unless from one VPC endpoint, then allow",
    document: policy(
      denyUnless({ StringNotEquals: { "aws:SourceVpce": "vpce-1a2b3c4d5e6f7a8b9" } }),
      invokeAll,
    ),
    decision: "restricting",
  },
  {
    name: "AWS docs: deny unless from one VPC, then allow",
    document: policy(denyUnless({ StringNotEquals: { "aws:SourceVpc": "vpc-2f09a348" } }), invokeAll),
    decision: "restricting",
  },
  {
    name: "AWS docs: allow only from listed VPC endpoints",
    document: policy({
      ...invokeAll,
      Condition: { StringEquals: { "aws:SourceVpce": ["vpce-1a2b3c4d", "vpce-5e6f7a8b"] } },
    }),
    decision: "restricting",
  },
  {
    name: "the control: deny NotIpAddress aws:VPCSourceIp",
    document: policy(
      {
        Effect: "Deny",
        Principal: "*",
        Action: "execute-api:Invoke",
        Resource: "arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/*",
        Condition: { NotIpAddress: { "aws:VPCSourceIp": ["10.0.1.25", "10.0.2.0/24"] } },
      },
      { ...invokeAll, Resource: "arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/*" },
    ),
    decision: "restricting",
  },
  {
    name: "statement as one object with an IpAddress aws:VpcSourceIp allow",
    document: {
      Version: "2012-10-17",
      Statement: { ...invokeAll, Condition: { IpAddress: { "aws:VpcSourceIp": "10.0.0.0/16" } } },
    },
    decision: "restricting",
  },
  {
    // An unauthenticated caller is no IAM principal: the statement admits it nowhere. (With AWS_IAM methods
    // the stack policy blames this document: only a Deny keeps IAM principals out.)
    name: "knowledge center: cross-account allow admits no unauthenticated caller",
    document: policy({
      Sid: "CrossAccount",
      Effect: "Allow",
      Principal: { AWS: ["arn:aws:iam::111122223333:root"] },
      Action: "execute-api:Invoke",
      Resource: "execute-api:/prod/GET/*",
    }),
    decision: "restricting",
  },
  {
    name: "allow for everyone from any endpoint, through a NotPrincipal",
    document: policy({
      Sid: "AllButOne",
      Effect: "Allow",
      NotPrincipal: { AWS: ["arn:aws:iam::111122223333:root"] },
      Action: "execute-api:Invoke",
      Resource: "execute-api:/*",
    }),
    decision: "open",
    mentions: 'statement "AllButOne" (index 0) allows execute-api:Invoke from any network',
  },
  {
    name: "allow everyone, no condition",
    document: policy(invokeAll),
    decision: "open",
    mentions: "statement 0 allows execute-api:Invoke from any network",
  },
  {
    name: "deny StringNotLike vpce-* denies nothing",
    document: policy(denyUnless({ StringNotLike: { "aws:SourceVpce": "vpce-*" } }), invokeAll),
    decision: "open",
    mentions: '"vpce-*" matches every VPC endpoint',
  },
  {
    // An outside network may send from an IPv6 address, which 0.0.0.0/0 does not contain.
    name: "deny NotIpAddress aws:VpcSourceIp 0.0.0.0/0 stops nobody who sends over IPv4",
    document: policy(denyUnless({ NotIpAddress: { "aws:VpcSourceIp": "0.0.0.0/0" } }), invokeAll),
    decision: "open",
    mentions: '"0.0.0.0/0" matches every ipv4 address',
  },
  {
    name: "deny NotIpAddress aws:VpcSourceIp of both families' /0 denies nothing",
    document: policy(denyUnless({ NotIpAddress: { "aws:VpcSourceIp": ["0.0.0.0/0", "::/0"] } }), invokeAll),
    decision: "open",
    mentions: '"::/0" matches every ipv6 address',
  },
  {
    // Requests through a VPC endpoint carry no aws:SourceIp, and a negated operator holds on an absent key.
    name: "deny NotIpAddress aws:SourceIp denies every request through a VPC endpoint",
    document: policy(denyUnless({ NotIpAddress: { "aws:SourceIp": "192.0.2.0/24" } }), invokeAll),
    decision: "restricting",
  },
  {
    name: "allow IpAddressIfExists aws:SourceIp admits every request through a VPC endpoint",
    document: policy({ ...invokeAll, Condition: { IpAddressIfExists: { "aws:SourceIp": "192.0.2.0/24" } } }),
    decision: "open",
    mentions: "holds for every request through a VPC endpoint, which never carries aws:SourceIp",
  },
  {
    name: "allow IpAddress aws:SourceIp grants nothing through a VPC endpoint",
    document: policy({ ...invokeAll, Condition: { IpAddress: { "aws:SourceIp": "192.0.2.0/24" } } }),
    decision: "grants nothing",
    mentions: "never holds: requests through a VPC endpoint never carry aws:SourceIp",
  },
  {
    name: "allow StringEquals on the literal text vpce-* grants nothing",
    document: policy({ ...invokeAll, Condition: { StringEquals: { "aws:SourceVpce": "vpce-*" } } }),
    decision: "grants nothing",
    mentions: "you probably meant StringLike",
  },
  {
    name: "deny on a single stage does not cover an allow on every stage",
    document: policy(
      denyUnless({ StringNotEquals: { "aws:SourceVpce": "vpce-1" } }, { Resource: "execute-api:/prod/*" }),
      invokeAll,
    ),
    decision: "open",
    mentions: "does not cover every resource",
  },
  {
    // The outside caller's action is execute-api:Invoke: denying it closes an Allow of every action.
    name: "a deny of execute-api:Invoke closes an allow of execute-api:*",
    document: policy(denyUnless({ StringNotEquals: { "aws:SourceVpce": "vpce-1" } }), {
      ...invokeAll,
      Action: "execute-api:*",
    }),
    decision: "restricting",
  },
  {
    name: "a deny of another execute-api action leaves execute-api:Invoke open",
    document: policy(
      denyUnless(
        { StringNotEquals: { "aws:SourceVpce": "vpce-1" } },
        { Action: "execute-api:InvalidateCache" },
      ),
      invokeAll,
    ),
    decision: "open",
    mentions: "does not deny execute-api:Invoke",
  },
  {
    name: "an array instead of a policy object",
    document: [invokeAll],
    decision: "malformed",
    mentions: "the policy document is a JSON array, not an object",
  },
  {
    name: "a statement without Effect",
    document: policy({ Principal: "*", Action: "execute-api:Invoke", Resource: "*" }),
    decision: "malformed",
    mentions: "statement 0 has no Effect",
  },
];
