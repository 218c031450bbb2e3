/**
 * The mocks a checked program runs against. Every resource gets a stable placeholder ID shaped like the real
 * one (so values built from IDs — a RestApiPolicy's restApiId, a "vpce-…" in a policy condition — are known,
 * as they are when updating a deployed stack) and a state equal to its inputs. Outputs the provider would
 * compute are absent from that state, so the SDK reports them as unknown, as a preview does.
 */
import { createHash } from "node:crypto";

/** ID prefixes AWS uses for the EC2 resources policies commonly reference. */
const awsIdPrefixes: Record<string, string> = {
  "aws:ec2/vpc:Vpc": "vpc-",
  "aws:ec2/vpcEndpoint:VpcEndpoint": "vpce-",
  "aws:ec2/subnet:Subnet": "subnet-",
  "aws:ec2/securityGroup:SecurityGroup": "sg-",
};

export function placeholderId(type: string, name: string): string {
  const digest = createHash("sha256").update(`${type}::${name}`).digest("hex");
  const prefix = awsIdPrefixes[type];
  return prefix ? `${prefix}${digest.slice(0, 17)}` : digest.slice(0, 10);
}

export interface MockResourceArgs {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
  id?: string;
}

export const mocks = {
  newResource(args: MockResourceArgs): { id: string; state: Record<string, unknown> } {
    return { id: args.id || placeholderId(args.type, args.name), state: args.inputs };
  },
  /** Provider functions (data sources) echo their arguments: offline there is nothing to look up. */
  call(args: { token: string; inputs: Record<string, unknown> }): Record<string, unknown> {
    return args.inputs;
  },
};
