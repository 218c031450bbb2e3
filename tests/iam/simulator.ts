/**
 * An independent oracle for "does a caller from outside the organisation's network get into this PRIVATE REST
 * API?", built on the third-party IAM simulator @cloud-copilot/iam-simulate (AGPL-3.0: tests only).
 *
 * It follows AWS's "How API Gateway resource policies affect authorization workflow":
 * - NONE: the caller is anonymous; it gets in when the resource policy explicitly allows it and no Deny applies.
 * - AWS_IAM: a same-account role with an identity policy allowing execute-api:* gets in unless an explicit Deny
 *   applies; a same-account role without identity policy, and cross-account roles with that identity policy
 *   (one in an account the documents name, one in an account they never name), need a resource-policy Allow
 *   too. The simulator's default authorizer implements exactly these rules.
 * - CUSTOM and COGNITO_USER_POOLS: Denies are checked first; if none applies, an allowing authorizer is enough.
 *   Simulated as an anonymous caller that gets in unless the result is an explicit Deny.
 * - unknown (no Method says how the API authorizes): any of these callers.
 *
 * Every request comes through an interface VPC endpoint in the attacker's network: aws:SourceVpce,
 * aws:SourceVpc and aws:VpcSourceIp are present, aws:SourceIp is absent. The endpoint and VPC ids match none
 * of the values tests/iam/documents.ts counts as restricting (simulator.test.ts checks this with the simulator
 * itself); the source address is chosen per document, outside every block the pack counts as restricting.
 * Keys of other kinds the document names are tried absent, with each value the document compares them to,
 * and with another value. A mode is open when any (caller, context, method of the API) is admitted.
 */
import {
  anonymousPrincipal,
  runSimulation,
  runUnsafeSimulation,
  type EvaluationResult,
  type Simulation,
  type SimulationIdentityPolicy,
  type SimulationRequestPrincipal,
} from "@cloud-copilot/iam-simulate";
import { networkConfig } from "../../policies/config";
import { addressInside, contains, formatAddress, parseBlock, type Block } from "./addresses";

export const apiAccount = "111122223333";
export const apiId = "a1b2c3d4e5";
export const apiArn = `arn:aws:execute-api:us-east-1:${apiAccount}:${apiId}`;
/** Methods of the API the outside caller tries: two stages, two verbs, two paths. */
export const methodArns = ["prod/GET/pets", "prod/POST/orders", "dev/GET/x"].map(
  (path) => `${apiArn}/${path}`,
);

export const sameAccountRole = `arn:aws:iam::${apiAccount}:role/caller`;
export const crossAccountRole = "arn:aws:iam::444455556666:role/outsider";
/** A role in an account no generated document names: a Deny singling out the outsider's account misses it. */
const strangerRole = "arn:aws:iam::999988887777:role/stranger";

/** The attacker's interface VPC endpoint and VPC: fresh ids, 17 hex digits. */
const outsideEndpoint = "vpce-f9e8d7c6b5a493827";
const outsideVpc = "vpc-f9e8d7c6b5a493827";
/**
 * Source addresses the attacker may use, and the host bits of the addresses it tries inside the broad blocks
 * of a document. 203.0.113.9 lies in 203.0.113.0/24, which documents.ts draws, so the fallback is exercised.
 */
const addressPool = ["203.0.113.9", "198.51.100.77", "2600:1f18:0:0:0:0:0:9", "fd12:3456:0:0:0:0:0:1"].map(
  (text) => parseBlock(text) as Block,
);

export type AuthorizationMode = "NONE" | "AWS_IAM" | "CUSTOM" | "COGNITO_USER_POOLS" | "unknown";

const invokeAnything: SimulationIdentityPolicy = {
  name: "execute-api-everything",
  policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "execute-api:*", Resource: "*" }] },
};

/** Who IAM sees behind a request. */
const identities = {
  anonymous: { principal: anonymousPrincipal, identityPolicies: [] },
  sameAccountWithPolicy: { principal: sameAccountRole, identityPolicies: [invokeAnything] },
  sameAccountWithoutPolicy: { principal: sameAccountRole, identityPolicies: [] },
  crossAccountWithPolicy: { principal: crossAccountRole, identityPolicies: [invokeAnything] },
  strangerWithPolicy: { principal: strangerRole, identityPolicies: [invokeAnything] },
} satisfies Record<
  string,
  { principal: SimulationRequestPrincipal; identityPolicies: SimulationIdentityPolicy[] }
>;
type IdentityName = keyof typeof identities;

interface Caller {
  description: string;
  identity: IdentityName;
  admitted: (result: EvaluationResult) => boolean;
  /**
   * A caller this one can only get in where it gets in too: identity policies only add Allows, so a role
   * without one is admitted only where the same role with one is. Its requests are simulated only there.
   */
  within?: IdentityName;
}

const allowed = (result: EvaluationResult) => result === "Allowed";
const callers: Record<string, Caller> = {
  anonymous: { description: "anonymous caller (no authorizer)", identity: "anonymous", admitted: allowed },
  authorized: {
    description: "caller an allowing Lambda/Cognito authorizer lets through (anonymous to IAM)",
    identity: "anonymous",
    admitted: (result) => result !== "ExplicitlyDenied",
  },
  sameAccount: {
    description: `${sameAccountRole} with an identity policy allowing execute-api:*`,
    identity: "sameAccountWithPolicy",
    admitted: allowed,
  },
  sameAccountWithoutPolicy: {
    description: `${sameAccountRole} without identity policy`,
    identity: "sameAccountWithoutPolicy",
    admitted: allowed,
    within: "sameAccountWithPolicy",
  },
  crossAccount: {
    description: `${crossAccountRole} with an identity policy allowing execute-api:*`,
    identity: "crossAccountWithPolicy",
    admitted: allowed,
  },
  stranger: {
    description: `${strangerRole} with an identity policy allowing execute-api:*`,
    identity: "strangerWithPolicy",
    admitted: allowed,
  },
};

const callersOf: Record<AuthorizationMode, Caller[]> = {
  NONE: [callers.anonymous],
  AWS_IAM: [callers.sameAccount, callers.sameAccountWithoutPolicy, callers.crossAccount, callers.stranger],
  CUSTOM: [callers.authorized],
  COGNITO_USER_POOLS: [callers.authorized],
  unknown: Object.values(callers),
};

/** The request that got in. */
export interface Entry {
  caller: string;
  method: string;
  context: Record<string, string>;
}

type Statement = Record<string, unknown>;

const networkKeys = new Set(["aws:sourcevpce", "aws:sourcevpc", "aws:vpcsourceip", "aws:sourceip"]);
/** "Another value" per key, besides the document's own; booleans have exactly two. */
const otherValues: Record<string, string[]> = { "aws:securetransport": ["true", "false"] };
const defaultOtherValues = ["another-value"];

const asList = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

function statementsOf(document: unknown): Statement[] {
  const statement = (document as { Statement?: unknown } | null)?.Statement;
  return asList(statement ?? []).filter((s): s is Statement => typeof s === "object" && s !== null);
}

/** [operator, key, values] of every condition entry in the document. */
function conditionEntries(document: unknown): [string, string, string[]][] {
  return statementsOf(document).flatMap((statement) =>
    Object.entries((statement.Condition ?? {}) as Record<string, Record<string, unknown>>).flatMap(
      ([operator, block]) =>
        Object.entries(block ?? {}).map(
          ([key, values]) => [operator, key, asList(values).map(String)] as [string, string, string[]],
        ),
    ),
  );
}

/** The operator without ForAnyValue:/ForAllValues: and IfExists, lower case. */
export function baseOperator(operator: string): string {
  return operator
    .toLowerCase()
    .replace(/^for(anyvalue|allvalues):/, "")
    .replace(/ifexists$/, "");
}

/** An execute-api ARN whose API id has a wildcard, followed by a path. */
const wildcardApiId = /^arn:[^:]*:execute-api:[^:]*:[^:]*:[^/]*[*?][^/]*\//;

function wildcardMatches(pattern: string, text: string): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${source}$`, "s").test(text);
}

/** A value the simulator's number parser rejects, as IAM rejects any value that is not a number. */
const notANumber = "not-a-number";

/** Values of a Numeric operator's entry, as IAM compares them (see simulatedDocument). */
function strictNumbers(key: string, values: unknown[]): unknown[] {
  // The attacker's endpoint and VPC ids and source addresses are never numbers.
  if (networkKeys.has(key.toLowerCase())) return values.map(() => notANumber);
  return values.map((value) =>
    typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value) ? value : notANumber,
  );
}

/**
 * The document as the simulator must see it. API Gateway expands the resource shorthand `execute-api:/…` to
 * the API's ARN before evaluation; the simulator does not know the shorthand, so it is expanded here.
 *
 * Simulator bug (iam-simulate 0.1.173, condition/ipaddress/ipv4.js isIpInCidrV4): the mask of an IPv4 block is
 * `-1 << (32 - prefix)`, and JavaScript takes shift counts modulo 32, so a /0 block gets the mask of a /32 —
 * `IpAddress 0.0.0.0/0` matches only 0.0.0.0 (not 203.0.113.9), and `NotIpAddress 0.0.0.0/0` matches nearly
 * everything. An IPv4 /0 is therefore given as its two /1 halves, which the simulator evaluates correctly.
 * IPv6 blocks are masked with BigInt, where `::/0` works (simulator.test.ts checks both families).
 *
 * Simulator bug (0.1.173, resource/resource.js singleResourceMatchesRequest): the text before the first "/" of
 * an ARN's resource part is taken as a product name that must match literally, but in an execute-api ARN it
 * is the API id, where IAM wildcards apply: `arn:aws:execute-api:us-east-1:111122223333:a1b2?3d4e5/prod/GET/pets`
 * (and any API id written with `*`) matches no method, and as a NotResource excludes none. Such a resource is replaced by the methods of the API it
 * matches under IAM's wildcard rules (`*` any run of characters, `?` one), or by an ARN matching none.
 *
 * Simulator bug (0.1.173, condition/numeric/numeric.js parseNumber): numbers are read with parseFloat/parseInt,
 * which accept any numeric prefix, so "203.0.113.9" is 203 and "10.0.0.0/8" is 10, and
 * `NumericGreaterThanEquals aws:VpcSourceIp 5` holds for 203.0.113.9. IAM compares numbers only. A Numeric
 * operator's values that are not numbers are replaced by one the parser rejects, and so are all the values of
 * one on a network key, whose request values (ids, addresses) are never numbers. Other keys' request values
 * are the document's own or plain words; only a date compared elsewhere with the same key could still be read
 * as its year.
 *
 * Simulator bug (0.1.173, condition/ipaddress/ip.js checkIfIpAddress): a single address without prefix is
 * compared as `isValidIpV4(request) && (policy === request) == expectInCidr`, so `NotIpAddress 192.168.1.10`
 * is false for every IPv6 caller (and likewise an IPv6 address for IPv4 callers): a Deny written so never
 * applies to them. A single address is therefore given as the block of one address it means, /32 or /128.
 */
export function simulatedDocument(document: unknown): unknown {
  if (typeof document !== "object" || document === null) return document;
  const expand = (resource: unknown) => {
    if (typeof resource !== "string") return [resource];
    const arn = resource.startsWith("execute-api:/")
      ? `${apiArn}/${resource.slice("execute-api:/".length)}`
      : resource;
    if (!wildcardApiId.test(arn)) return [arn];
    const matching = methodArns.filter((method) => wildcardMatches(arn, method));
    return matching.length > 0 ? matching : [`${apiArn}/no-such-stage`];
  };
  const asBlocks = (value: unknown) => {
    const block = typeof value === "string" ? parseBlock(value) : undefined;
    if (block?.family === "ipv4" && block.prefix === 0) return ["0.0.0.0/1", "128.0.0.0/1"];
    return block && !String(value).includes("/") ? [`${value}/${block.prefix}`] : [value];
  };
  const statement = (raw: unknown): unknown => {
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return raw;
    const out: Statement = { ...(raw as Statement) };
    for (const key of ["Resource", "NotResource"]) {
      if (Array.isArray(out[key])) out[key] = (out[key] as unknown[]).flatMap(expand);
      else if (key in out) {
        const expanded = expand(out[key]);
        out[key] = expanded.length === 1 ? expanded[0] : expanded;
      }
    }
    if (typeof out.Condition === "object" && out.Condition !== null) {
      out.Condition = Object.fromEntries(
        Object.entries(out.Condition as Record<string, unknown>).map(([operator, block]) => {
          const base = baseOperator(operator);
          const rewrite =
            base === "ipaddress" || base === "notipaddress"
              ? (_key: string, values: unknown[]) => values.flatMap(asBlocks)
              : base.startsWith("numeric")
                ? strictNumbers
                : undefined;
          if (!rewrite || typeof block !== "object" || block === null) return [operator, block];
          return [
            operator,
            Object.fromEntries(
              Object.entries(block).map(([key, values]) => [key, rewrite(key, asList(values))]),
            ),
          ];
        }),
      );
    }
    return out;
  };
  const source = document as { Statement?: unknown };
  return {
    ...source,
    Statement: Array.isArray(source.Statement)
      ? source.Statement.map(statement)
      : statement(source.Statement),
  };
}

/**
 * aws:VpcSourceIp values for the attacker: outside every block of the document the pack counts as restricting
 * (prefix at least the configured minimum), one per distinct pattern of membership in the broader blocks:
 * addresses in the same blocks are indistinguishable to the document, so one of each suffices. IPv4 addresses
 * come first in the pool, IPv6 ones are chosen when only they reach a pattern (inside ::/0, say).
 */
export function outsideAddresses(document: unknown): string[] {
  const minimum = networkConfig({}).minimumCidrPrefix;
  const blocks = conditionEntries(document).flatMap(([, , values]) =>
    values.map(parseBlock).filter((b): b is Block => b !== undefined),
  );
  const restricting = blocks.filter((b) => b.prefix >= minimum[b.family]);
  const broad = blocks.filter((b) => b.prefix < minimum[b.family]);
  const candidates = [
    ...addressPool,
    ...broad.flatMap((b) =>
      addressPool.filter((a) => a.family === b.family).map((a) => addressInside(b, a.network)),
    ),
  ].filter((address) => !restricting.some((b) => contains(b, address)));
  const chosen = new Map<string, Block>();
  for (const address of candidates) {
    // The simulator treats an address of the other family as outside a block, as IAM does.
    const membership = broad.map((b) => (contains(b, address) ? 1 : 0)).join("");
    if (!chosen.has(membership)) chosen.set(membership, address);
  }
  return [...chosen.values()].map(formatAddress);
}

/**
 * The API's methods that the document can tell apart: one of each group that every Resource and NotResource of
 * the (simulated) document matches alike under IAM's wildcard rules. The others would get the same answers.
 */
function distinctMethods(simulated: unknown): string[] {
  const patterns = statementsOf(simulated).flatMap((statement) =>
    ["Resource", "NotResource"].flatMap((key) =>
      asList(statement[key] ?? []).filter((p) => typeof p === "string"),
    ),
  ) as string[];
  const chosen = new Map<string, string>();
  for (const method of methodArns) {
    const signature = patterns.map((pattern) => (wildcardMatches(pattern, method) ? 1 : 0)).join("");
    if (!chosen.has(signature)) chosen.set(signature, method);
  }
  return [...chosen.values()];
}

/** Every request context the attacker tries on this document. */
function outsideContexts(document: unknown): Record<string, string>[] {
  const tried = new Map<string, { key: string; values: Set<string> }>();
  for (const [, key, values] of conditionEntries(document)) {
    const lower = key.toLowerCase();
    if (networkKeys.has(lower)) continue;
    const entry = tried.get(lower) ?? { key, values: new Set(otherValues[lower] ?? defaultOtherValues) };
    values.forEach((v) => entry.values.add(v));
    tried.set(lower, entry);
  }
  let contexts: Record<string, string>[] = outsideAddresses(document).map((address) => ({
    "aws:SourceVpce": outsideEndpoint,
    "aws:SourceVpc": outsideVpc,
    "aws:VpcSourceIp": address,
  }));
  for (const { key, values } of tried.values()) {
    // Absent, or any of the values.
    contexts = contexts.flatMap((context) => [
      context,
      ...[...values].map((value) => ({ ...context, [key]: value })),
    ]);
  }
  return contexts;
}

/** Asks the simulator about one document, remembering every answer so that the modes share the work. */
export class OutsideCallerOracle {
  private readonly results = new Map<string, EvaluationResult>();
  private readonly entries = new Map<AuthorizationMode, Entry | undefined>();

  private constructor(
    readonly document: unknown,
    readonly simulated: unknown,
    readonly contexts: Record<string, string>[],
    readonly methods: string[],
  ) {}

  /** Rejects a document the simulator's validation refuses: the oracle has nothing to say about it. */
  static async of(document: unknown): Promise<OutsideCallerOracle> {
    const simulated = simulatedDocument(document);
    const oracle = new OutsideCallerOracle(
      document,
      simulated,
      outsideContexts(document),
      distinctMethods(simulated),
    );
    const checked = await runSimulation(
      oracle.simulation("anonymous", methodArns[0], 0, oracle.simulated),
      {},
    );
    if (checked.resultType === "error") {
      throw new Error(`the simulator rejects ${JSON.stringify(document)}: ${JSON.stringify(checked.errors)}`);
    }
    return oracle;
  }

  /** The first request of this mode's callers that gets in, or undefined when the API is closed to them. */
  entryFor(mode: AuthorizationMode): Entry | undefined {
    if (!this.entries.has(mode)) this.entries.set(mode, this.search(mode));
    return this.entries.get(mode);
  }

  private search(mode: AuthorizationMode): Entry | undefined {
    for (const caller of callersOf[mode]) {
      for (const method of this.methods) {
        for (let i = 0; i < this.contexts.length; i++) {
          if (caller.within && this.result(caller.within, method, i) !== "Allowed") continue;
          if (caller.admitted(this.result(caller.identity, method, i))) {
            return { caller: caller.description, method, context: this.contexts[i] };
          }
        }
      }
    }
    return undefined;
  }

  /**
   * The simulator's decision through its unvalidated entry point, twice as fast as runSimulation (the document
   * was validated once in `of`; simulator.test.ts checks that both entry points agree).
   *
   * Simulator bug (0.1.173): runUnsafeSimulation loads the resource policy without metadata, then reads its name
   * and throws a TypeError. Given in the validated-policy shape its loader also accepts, it carries a name.
   */
  result(identity: IdentityName, method: string, contextIndex: number): EvaluationResult {
    const key = `${identity} ${method} ${contextIndex}`;
    let result = this.results.get(key);
    if (result === undefined) {
      const named = {
        __validated: true,
        policyDocument: this.simulated,
        metadata: { name: "resource policy" },
        errors: [],
      };
      result = runUnsafeSimulation(this.simulation(identity, method, contextIndex, named), {});
      this.results.set(key, result);
    }
    return result;
  }

  /** The same decision through the validating entry point. */
  async checkedResult(
    identity: IdentityName,
    method: string,
    contextIndex: number,
  ): Promise<EvaluationResult> {
    const checked = await runSimulation(this.simulation(identity, method, contextIndex, this.simulated), {});
    if (checked.resultType === "error") throw new Error(JSON.stringify(checked.errors));
    return checked.overallResult;
  }

  private simulation(
    identity: IdentityName,
    method: string,
    contextIndex: number,
    resourcePolicy: unknown,
  ): Simulation {
    return {
      request: {
        principal: identities[identity].principal,
        action: "execute-api:Invoke",
        resource: { resource: method, accountId: apiAccount },
        contextVariables: this.contexts[contextIndex],
      },
      identityPolicies: identities[identity].identityPolicies,
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy,
    };
  }
}

export const identityNames = Object.keys(identities) as IdentityName[];
