/**
 * The oracle itself, on documents whose answer is known from AWS's documentation: who from outside the network
 * gets in, per authorization mode; how each simulated caller is judged; that the attacker is outside every
 * value the generator counts as restricting; and that each simulator bug worked around is real.
 */
import { anonymousPrincipal, runSimulation, type EvaluationResult } from "@cloud-copilot/iam-simulate";
import { parseBlock } from "./addresses";
import { networkValues } from "./documents";
import {
  OutsideCallerOracle,
  apiAccount,
  apiArn,
  crossAccountRole,
  identityNames,
  methodArns,
  outsideAddresses,
  sameAccountRole,
  simulatedDocument,
  type AuthorizationMode,
} from "./simulator";

type Verdicts = Record<Exclude<AuthorizationMode, "COGNITO_USER_POOLS">, "open" | "closed">;

const invokeAll = {
  Effect: "Allow",
  Principal: "*",
  Action: "execute-api:Invoke",
  Resource: "execute-api:/*",
};
const allowWhen = (condition: object) => ({ ...invokeAll, Condition: condition });
const denyUnless = (condition: object) => ({ ...invokeAll, Effect: "Deny", Condition: condition });
const policy = (...statements: object[]) => ({ Version: "2012-10-17", Statement: statements });

const everywhere = (verdict: "open" | "closed"): Verdicts => ({
  NONE: verdict,
  AWS_IAM: verdict,
  CUSTOM: verdict,
  unknown: verdict,
});
/** Resource-policy Allows only for identities an anonymous caller is not; nothing denies. */
const openButToAnonymous: Verdicts = { NONE: "closed", AWS_IAM: "open", CUSTOM: "open", unknown: "open" };

const cases: [string, unknown, Verdicts][] = [
  [
    "AWS: Deny unless aws:SourceVpce is ours, then Allow *",
    policy(denyUnless({ StringNotEquals: { "aws:SourceVpce": "vpce-0a1b2c3d4e5f67890" } }), invokeAll),
    everywhere("closed"),
  ],
  [
    "Allow with StringEquals aws:SourceVpce alone: identity policies and authorizers need no Allow",
    policy(allowWhen({ StringEquals: { "aws:SourceVpce": "vpce-0a1b2c3d4e5f67890" } })),
    openButToAnonymous,
  ],
  [
    "the control: Deny NotIpAddress aws:VpcSourceIp 10.0.0.0/16",
    policy(invokeAll, denyUnless({ NotIpAddress: { "aws:VPCSourceIp": "10.0.0.0/16" } })),
    everywhere("closed"),
  ],
  [
    "Allow with IpAddressIfExists aws:SourceIp: the key is absent through a VPC endpoint",
    policy(allowWhen({ IpAddressIfExists: { "aws:SourceIp": "10.0.0.0/16" } })),
    everywhere("open"),
  ],
  [
    "Deny NotIpAddress aws:SourceIp: absent, so the negated condition holds and the Deny applies",
    policy(invokeAll, denyUnless({ NotIpAddress: { "aws:SourceIp": "10.0.0.0/16" } })),
    everywhere("closed"),
  ],
  [
    "Allow naming only this account's root",
    policy({ ...invokeAll, Principal: { AWS: `arn:aws:iam::${apiAccount}:root` } }),
    openButToAnonymous,
  ],
  [
    "Allow naming the cross-account role",
    policy({ ...invokeAll, Principal: { AWS: crossAccountRole } }),
    openButToAnonymous,
  ],
  [
    "Allow and Deny for this account: only an authorizer's callers are not stopped",
    policy(
      { ...invokeAll, Principal: { AWS: apiAccount } },
      { ...invokeAll, Effect: "Deny", Principal: { AWS: apiAccount } },
    ),
    { NONE: "closed", AWS_IAM: "closed", CUSTOM: "open", unknown: "open" },
  ],
  [
    "Allow *, Deny for this account and the outsider's: a role in a third account is not denied",
    policy(invokeAll, {
      ...invokeAll,
      Effect: "Deny",
      Principal: { AWS: [apiAccount, "arn:aws:iam::444455556666:root"] },
    }),
    everywhere("open"),
  ],
  [
    "Allow *, Deny for this account: the cross-account role is not denied",
    policy(invokeAll, { ...invokeAll, Effect: "Deny", Principal: { AWS: apiAccount } }),
    everywhere("open"),
  ],
  ["no statement: only identity policies and authorizers let anyone in", policy(), openButToAnonymous],
  [
    "Allow on another stage only: the outside caller tries prod and dev",
    policy({ ...invokeAll, Resource: "execute-api:/dev/*" }),
    everywhere("open"),
  ],
  ["Allow for s3:GetObject only", policy({ ...invokeAll, Action: "s3:GetObject" }), openButToAnonymous],
  [
    "Allow only within the organisation: the outside caller can be a member",
    policy(allowWhen({ StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } })),
    everywhere("open"),
  ],
  [
    "Deny outside the organisation, then Allow *: a member from outside the network gets in",
    policy(invokeAll, denyUnless({ StringNotEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } })),
    everywhere("open"),
  ],
  [
    "Deny unless HTTPS, both ways round: every context is denied by one of them",
    policy(
      invokeAll,
      denyUnless({ Bool: { "aws:SecureTransport": "false" } }),
      denyUnless({ BoolIfExists: { "aws:SecureTransport": "true" } }),
    ),
    everywhere("closed"),
  ],
  [
    "the /0 workaround: Allow IpAddress aws:VpcSourceIp 0.0.0.0/0",
    policy(allowWhen({ IpAddress: { "aws:VpcSourceIp": "0.0.0.0/0" } })),
    everywhere("open"),
  ],
  [
    "the /0 workaround under a set prefix and IfExists: ForAnyValue:IpAddressIfExists 0.0.0.0/0",
    policy(allowWhen({ "ForAnyValue:IpAddressIfExists": { "aws:VpcSourceIp": "0.0.0.0/0" } })),
    everywhere("open"),
  ],
  [
    "the single-address workaround under ForAllValues: the Deny applies to an IPv6 caller too",
    policy(
      allowWhen({ IpAddress: { "aws:VpcSourceIp": "::/0" } }),
      denyUnless({ "ForAllValues:NotIpAddress": { "aws:VpcSourceIp": "192.168.1.10" } }),
    ),
    everywhere("closed"),
  ],
  [
    "Allow NotIpAddress aws:VpcSourceIp 0.0.0.0/0: an IPv6 caller is outside every IPv4 block",
    policy(allowWhen({ NotIpAddress: { "aws:VpcSourceIp": "0.0.0.0/0" } })),
    everywhere("open"),
  ],
  [
    "Allow with a Numeric operator on aws:VpcSourceIp: an address is not a number",
    policy(allowWhen({ "ForAllValues:NumericGreaterThanEquals": { "aws:VpcSourceIp": "10.0.0.0/8" } })),
    openButToAnonymous,
  ],
  [
    "Allow with NumericEquals aws:PrincipalAccount: the caller may be that account",
    policy(allowWhen({ NumericEquals: { "aws:PrincipalAccount": apiAccount } })),
    everywhere("open"),
  ],
  [
    "Allow IpAddress aws:VpcSourceIp ::/0: the outside caller uses IPv6",
    policy(allowWhen({ IpAddress: { "aws:VpcSourceIp": "::/0" } })),
    everywhere("open"),
  ],
  [
    "Allow IpAddress aws:VpcSourceIp 10.0.0.0/4: broader than the minimum prefix, the caller is inside",
    policy(allowWhen({ IpAddress: { "aws:VpcSourceIp": ["10.0.0.0/4", "10.0.0.0/8"] } })),
    everywhere("open"),
  ],
  [
    "Deny NotIpAddress aws:VpcSourceIp 0.0.0.0/0: every IPv4 caller escapes it",
    policy(invokeAll, denyUnless({ NotIpAddress: { "aws:VpcSourceIp": "0.0.0.0/0" } })),
    everywhere("open"),
  ],
  [
    "Deny for everyone on every API of the account (API id written as *)",
    policy(invokeAll, {
      ...invokeAll,
      Effect: "Deny",
      Resource: `arn:aws:execute-api:us-east-1:${apiAccount}:*/*`,
    }),
    everywhere("closed"),
  ],
  [
    "Allow on every API but this one (NotResource with a wildcard API id)",
    policy({
      Effect: "Allow",
      Principal: "*",
      Action: "execute-api:Invoke",
      NotResource: `arn:aws:execute-api:us-east-1:${apiAccount}:a1b2*/*`,
    }),
    openButToAnonymous,
  ],
  [
    // The simulator's reading where AWS documents none: an Arn operator on a value that is not an ARN (an
    // endpoint id) matches nothing, negated or not, so this Deny never applies. Counting ArnNot… on aws:SourceVpce
    // as a restriction is unsafe under this reading; counting ArnLike/ArnEquals Allows is safe under any.
    "Deny ArnNotEquals aws:SourceVpce: an Arn operator on an endpoint id never matches",
    policy(invokeAll, denyUnless({ ArnNotEquals: { "aws:SourceVpce": "vpce-0a1b2c3d4e5f67890" } })),
    everywhere("open"),
  ],
];

const modes = ["NONE", "AWS_IAM", "CUSTOM", "unknown"] as const;

describe("who from outside the network gets in", () => {
  test.each(cases)("%s", async (_name, document, expected) => {
    const oracle = await OutsideCallerOracle.of(document);
    const verdicts = Object.fromEntries(
      modes.map((mode) => [mode, oracle.entryFor(mode) ? "open" : "closed"]),
    );
    expect(verdicts).toEqual(expected);
    expect(oracle.entryFor("COGNITO_USER_POOLS") !== undefined).toBe(expected.CUSTOM === "open");
  });

  test("an entry names the caller, the method and the request context that got in", async () => {
    const oracle = await OutsideCallerOracle.of(cases[1][1]);
    expect(oracle.entryFor("AWS_IAM")).toEqual({
      caller: expect.stringContaining(`arn:aws:iam::${apiAccount}:role/caller with an identity policy`),
      method: methodArns[0],
      context: expect.objectContaining({ "aws:SourceVpce": expect.stringMatching(/^vpce-[0-9a-f]{17}$/) }),
    });
    expect(oracle.entryFor("AWS_IAM")?.context).not.toHaveProperty("aws:SourceIp");
  });
});

describe("each simulated caller is judged as API Gateway's authorization workflow says", () => {
  const resultsOn = async (document: unknown) => {
    const oracle = await OutsideCallerOracle.of(document);
    return Object.fromEntries(
      identityNames.map((identity) => [identity, oracle.result(identity, methodArns[0], 0)]),
    );
  };
  test.each<[string, unknown, Record<string, EvaluationResult>]>([
    [
      "no statement: only the same-account role's identity policy allows",
      policy(),
      {
        anonymous: "ImplicitlyDenied",
        sameAccountWithPolicy: "Allowed",
        sameAccountWithoutPolicy: "ImplicitlyDenied",
        crossAccountWithPolicy: "ImplicitlyDenied",
        strangerWithPolicy: "ImplicitlyDenied",
      },
    ],
    [
      "an Allow for this account trusts its identity policies: a role without one is not let in",
      policy({ ...invokeAll, Principal: { AWS: apiAccount } }),
      {
        anonymous: "ImplicitlyDenied",
        sameAccountWithPolicy: "Allowed",
        sameAccountWithoutPolicy: "ImplicitlyDenied",
        crossAccountWithPolicy: "ImplicitlyDenied",
        strangerWithPolicy: "ImplicitlyDenied",
      },
    ],
    [
      "an Allow naming the role itself needs no identity policy",
      policy({ ...invokeAll, Principal: { AWS: sameAccountRole } }),
      {
        anonymous: "ImplicitlyDenied",
        sameAccountWithPolicy: "Allowed",
        sameAccountWithoutPolicy: "Allowed",
        crossAccountWithPolicy: "ImplicitlyDenied",
        strangerWithPolicy: "ImplicitlyDenied",
      },
    ],
    [
      "an Allow for the other account lets its role in through its identity policy, and no one else",
      policy({ ...invokeAll, Principal: { AWS: "arn:aws:iam::444455556666:root" } }),
      {
        anonymous: "ImplicitlyDenied",
        sameAccountWithPolicy: "Allowed",
        sameAccountWithoutPolicy: "ImplicitlyDenied",
        crossAccountWithPolicy: "Allowed",
        strangerWithPolicy: "ImplicitlyDenied",
      },
    ],
    [
      "an Allow for everyone: cross-account with an identity policy gets in too",
      policy(invokeAll),
      {
        anonymous: "Allowed",
        sameAccountWithPolicy: "Allowed",
        sameAccountWithoutPolicy: "Allowed",
        crossAccountWithPolicy: "Allowed",
        strangerWithPolicy: "Allowed",
      },
    ],
    [
      "an explicit Deny wins for every caller",
      policy(invokeAll, { ...invokeAll, Effect: "Deny" }),
      {
        anonymous: "ExplicitlyDenied",
        sameAccountWithPolicy: "ExplicitlyDenied",
        sameAccountWithoutPolicy: "ExplicitlyDenied",
        crossAccountWithPolicy: "ExplicitlyDenied",
        strangerWithPolicy: "ExplicitlyDenied",
      },
    ],
  ])("%s", async (_name, document, expected) => {
    expect(await resultsOn(document)).toEqual(expected);
  });

  test("the fast entry point agrees with the validating one on every request the table makes", async () => {
    for (const [, document] of cases) {
      const oracle = await OutsideCallerOracle.of(document);
      for (const identity of identityNames) {
        for (const method of methodArns) {
          for (let i = 0; i < oracle.contexts.length; i++) {
            expect(oracle.result(identity, method, i)).toBe(await oracle.checkedResult(identity, method, i));
          }
        }
      }
    }
  });
});

describe("the outside network", () => {
  const closedToAnonymous = async (condition: object) =>
    (await OutsideCallerOracle.of(policy(allowWhen(condition)))).entryFor("NONE") === undefined;

  test.each([
    ...networkValues.endpoint.restricting.map((value) => ["StringLike", "aws:SourceVpce", value]),
    ...networkValues.vpc.restricting.map((value) => ["StringLike", "aws:SourceVpc", value]),
    ...networkValues.address.restricting.map((value) => ["IpAddress", "aws:VpcSourceIp", value]),
  ])("matches no restricting value: %s %s %s", async (operator, key, value) => {
    expect(await closedToAnonymous({ [operator]: { [key]: value } })).toBe(true);
  });

  test.each([
    ...networkValues.endpoint.open.map((value) => ["StringLike", "aws:SourceVpce", value]),
    ...networkValues.vpc.open.map((value) => ["StringLike", "aws:SourceVpc", value]),
    // Non-addresses ("*", "not-an-address") are open to no one: they only must not count as restricting.
    ...networkValues.address.open
      .filter((v) => parseBlock(v))
      .map((v) => ["IpAddress", "aws:VpcSourceIp", v]),
  ])("reaches every pattern or block that matches it: %s %s %s", async (operator, key, value) => {
    expect(await closedToAnonymous({ [operator]: { [key]: value } })).toBe(false);
  });

  test("its source address avoids the restricting blocks and tries each broad block", () => {
    const document = policy(
      allowWhen({ IpAddress: { "aws:VpcSourceIp": ["203.0.113.0/24", "10.0.0.0/4", "10.0.0.0/8", "::/0"] } }),
    );
    expect(outsideAddresses(document)).toEqual(["198.51.100.77", "2600:1f18:0:0:0:0:0:9", "11.0.113.9"]);
  });
});

describe("simulator bugs the oracle works around are real", () => {
  const anonymousResult = async (document: unknown, sourceIp: string) => {
    const result = await runSimulation(
      {
        request: {
          principal: anonymousPrincipal,
          action: "execute-api:Invoke",
          resource: { resource: methodArns[0], accountId: apiAccount },
          contextVariables: { "aws:VpcSourceIp": sourceIp },
        },
        identityPolicies: [],
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        resourcePolicy: document,
      },
      {},
    );
    return result.resultType === "error" ? result.errors.message : result.overallResult;
  };

  test("IpAddress 0.0.0.0/0 matches only 0.0.0.0 as given, every address as two /1 halves", async () => {
    const document = simulatedDocument(policy(allowWhen({ IpAddress: { "aws:VpcSourceIp": "0.0.0.0/0" } })));
    expect(await anonymousResult(document, "203.0.113.9")).toBe("Allowed");
    const [statement] = (document as { Statement: { Resource: string; Condition: object }[] }).Statement;
    const raw = policy({ ...statement, Condition: { IpAddress: { "aws:VpcSourceIp": "0.0.0.0/0" } } });
    expect(await anonymousResult(raw, "203.0.113.9")).toBe("ImplicitlyDenied");
  });

  test("NotIpAddress with a single IPv4 address never holds for an IPv6 caller as given, does as a /32", async () => {
    const deny = denyUnless({ NotIpAddress: { "aws:VpcSourceIp": "192.168.1.10" } });
    const document = simulatedDocument(policy(invokeAll, deny));
    expect(await anonymousResult(document, "2600:1f18::9")).toBe("ExplicitlyDenied");
    const [allow, rewritten] = (document as { Statement: object[] }).Statement;
    const raw = policy(allow, { ...rewritten, Condition: deny.Condition });
    expect(await anonymousResult(raw, "2600:1f18::9")).toBe("Allowed");
  });

  test("a wildcard in the API id of a resource ARN matches nothing as given", async () => {
    const everyApi = policy({ ...invokeAll, Resource: `arn:aws:execute-api:us-east-1:${apiAccount}:*/*` });
    expect(await anonymousResult(everyApi, "203.0.113.9")).toBe("ImplicitlyDenied");
    expect(await anonymousResult(simulatedDocument(everyApi), "203.0.113.9")).toBe("Allowed");
  });

  test("a Numeric operator reads the leading number of an address as given, never as rewritten", async () => {
    const condition = { NumericGreaterThanEquals: { "aws:VpcSourceIp": "5" } };
    const atLeastFive = policy({ ...allowWhen(condition), Resource: `${apiArn}/*` });
    expect(await anonymousResult(atLeastFive, "203.0.113.9")).toBe("Allowed");
    expect(await anonymousResult(simulatedDocument(atLeastFive), "203.0.113.9")).toBe("ImplicitlyDenied");
  });

  test("the resource shorthand execute-api:/… is not known to the simulator", async () => {
    expect(await anonymousResult(policy(invokeAll), "203.0.113.9")).toBe("ImplicitlyDenied");
    expect(await anonymousResult(simulatedDocument(policy(invokeAll)), "203.0.113.9")).toBe("Allowed");
  });
});
