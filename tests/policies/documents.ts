/**
 * Resource policy documents as people write them, with what the pack must decide about each. Sources: the
 * API Gateway developer guide's private API examples, the knowledge-center article the control cites,
 * and the control's own NotIpAddress aws:VPCSourceIp clause.
 */
export interface DocumentCase {
  name: string;
  document: unknown;
  /** "restricting": no violation; "open": one violation per open statement; "malformed": a violation naming the problem. */
  decision: "restricting" | "open" | "malformed";
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
    name: "knowledge center: cross-account allow with no network condition",
    document: policy({
      Sid: "CrossAccount",
      Effect: "Allow",
      Principal: { AWS: ["arn:aws:iam::111122223333:root"] },
      Action: "execute-api:Invoke",
      Resource: "execute-api:/prod/GET/*",
    }),
    decision: "open",
    mentions: 'statement "CrossAccount" (index 0) allows execute-api:Invoke from any network',
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
    name: "deny NotIpAddress 0.0.0.0/0 denies nothing",
    document: policy(denyUnless({ NotIpAddress: { "aws:SourceIp": "0.0.0.0/0" } }), invokeAll),
    decision: "open",
    mentions: '"0.0.0.0/0" matches every address',
  },
  {
    name: "deny on a single stage does not cover an allow on every stage",
    document: policy(
      denyUnless({ StringNotEquals: { "aws:SourceVpce": "vpce-1" } }, { Resource: "execute-api:/prod/*" }),
      invokeAll,
    ),
    decision: "open",
    mentions: "does not cover every resource the Allow names",
  },
  {
    name: "an allow with execute-api:* needs a deny covering every execute-api action",
    document: policy(denyUnless({ StringNotEquals: { "aws:SourceVpce": "vpce-1" } }), {
      ...invokeAll,
      Action: "execute-api:*",
    }),
    decision: "open",
    mentions: "does not deny every execute-api action the Allow grants",
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
