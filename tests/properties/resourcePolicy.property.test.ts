/**
 * Property (issue 5, b; issue 8): on random API Gateway resource policies, the pack's Rego decision (through
 * policies/engine.ts, as the pack asks it) names exactly the statements an independent oracle finds open to
 * unauthenticated callers (methods with authorization NONE) from an outside network.
 *
 * The oracle is written here from the issues' text, not from the Rego. A request from an outside network
 * arrives through a VPC endpoint, so it carries aws:SourceVpce, aws:SourceVpc and aws:VpcSourceIp with
 * values no restricting condition lists, and no aws:SourceIp. Each condition entry is "always" true on such
 * requests, "maybe" (the caller arranges it), "restricts" (false for them, true for a listed network) or
 * "never" (false for every request through a VPC endpoint). An Allow for everyone that grants
 * execute-api:Invoke admits the outside caller when none of its entries restricts or never holds, unless a
 * Deny for everyone that denies execute-api:Invoke, whose entries always hold, names every method the Allow
 * names. Wildcard actions and resources are matched against the concrete actions and method ARNs of one API;
 * what each network value can match is a hand-written label on each value the generator can draw.
 * The differential test against an IAM simulator (tests/iam) checks the same ground from the other side.
 */
import fc from "fast-check";
import { networkConfig } from "../../policies/config";
import { engine } from "../../policies/engine";
import { resourceInput } from "../../policies/input";
import { propertyRuns } from "./settings";

type KeyKind = "endpoint" | "vpc" | "ip";

// ---------------------------------------------------------------------------------------------------
// What the generator draws, with the facts the oracle needs

/** Network condition keys in the spellings authors use (IAM compares key names case-insensitively). */
const networkKeys: Record<string, KeyKind> = {
  "aws:SourceVpce": "endpoint",
  "aws:sourcevpce": "endpoint",
  "AWS:SOURCEVPCE": "endpoint",
  "aws:SourceVpc": "vpc",
  "aws:SourceVPC": "vpc",
  "aws:VpcSourceIp": "ip",
  "aws:VPCSourceIp": "ip",
  "aws:SourceIp": "ip",
};
const otherKeys = ["aws:PrincipalOrgID", "aws:SecureTransport", "aws:SourceVpceTag"];

/**
 * Values per key kind, labelled with what they can match: "listed" only the organisation's networks, "every"
 * every value of the kind (ids: under the *Like operators; compared as literal text a wildcard value matches
 * no id at all), "outside" some outside network's value.
 */
type ValueClass = "listed" | "every" | "outside" | "every ipv4" | "every ipv6";
const labelledValues: Record<KeyKind, Record<string, ValueClass>> = {
  endpoint: {
    "vpce-0a1b2c3d4e5f67890": "listed",
    "vpce-11112222": "listed",
    "vpce-0*": "listed",
    "*": "every",
    "vpce-*": "every",
    "vpce*": "every",
    "vpce-?*": "every",
    // Patterns that match every endpoint id without starting with a prefix of "vpce-".
    "*-*": "every",
    "*vpce*": "every",
    "?pce-*": "every",
  },
  vpc: {
    "vpc-1a2b3c4d": "listed",
    "vpc-0f*": "listed",
    "*": "every",
    "vpc-*": "every",
    "*-*": "every",
  },
  ip: {
    "10.0.0.0/16": "listed",
    "10.0.0.0/8": "listed",
    "192.168.1.10": "listed",
    "203.0.113.7/32": "listed",
    "2001:db8::/48": "listed",
    "2001:db8::/32": "listed",
    // An outside network may send from either family: each /0 matches every address of its own only.
    "0.0.0.0/0": "every ipv4",
    "::/0": "every ipv6",
    "0.0.0.0/1": "outside",
    "10.0.0.0/4": "outside",
    "2001:db8::/16": "outside",
  },
};
const otherValues = ["o-a1b2c3d4e5", "true", "*"];

/** Condition operators by base name: the family they compare in and whether they are negated. */
const operators: Record<string, { family: "string" | "ip" | "arn"; negated: boolean; wildcards: boolean }> = {
  StringEquals: { family: "string", negated: false, wildcards: false },
  StringLike: { family: "string", negated: false, wildcards: true },
  StringEqualsIgnoreCase: { family: "string", negated: false, wildcards: false },
  ArnEquals: { family: "arn", negated: false, wildcards: false },
  ArnLike: { family: "arn", negated: false, wildcards: true },
  IpAddress: { family: "ip", negated: false, wildcards: false },
  StringNotEquals: { family: "string", negated: true, wildcards: false },
  StringNotLike: { family: "string", negated: true, wildcards: true },
  StringNotEqualsIgnoreCase: { family: "string", negated: true, wildcards: false },
  ArnNotEquals: { family: "arn", negated: true, wildcards: false },
  ArnNotLike: { family: "arn", negated: true, wildcards: true },
  NotIpAddress: { family: "ip", negated: true, wildcards: false },
};
const otherOperators = ["Bool", "Null", "NumericEquals", "DateLessThan"];
const setPrefixes = ["ForAnyValue:", "ForAllValues:"];

const actionPatterns = [
  "execute-api:Invoke",
  "execute-api:invoke",
  "execute-api:*",
  "execute-api:Inv*",
  "execute-api:*Cache",
  "execute-api:InvalidateCache",
  "execute-api:ManageConnections",
  "*",
  "s3:GetObject",
];

/** The API the policy is attached to; `execute-api:/…` resources are shorthand for its ARN. */
const apiArn = "arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5";
const resourcePatterns = [
  "*",
  "execute-api:/*",
  "execute-api:/*/*/*",
  `${apiArn}/*`,
  "arn:aws:execute-api:*:*:*",
  "execute-api:/prod/*",
  "execute-api:/prod/GET/pets",
];
/** One method ARN from each class the patterns above tell apart. */
const methodArns = ["prod/GET/pets", "prod/POST/pets", "dev/GET/pets"].map((path) => `${apiArn}/${path}`);

const everyone = ["*", { AWS: "*" }, { AWS: ["*"] }, { AWS: ["arn:aws:iam::123456789012:root", "*"] }];
const someone = [{ AWS: "arn:aws:iam::123456789012:root" }, { Service: "lambda.amazonaws.com" }];

// ---------------------------------------------------------------------------------------------------
// Generators

type Statement = Record<string, unknown>;
type Condition = Record<string, Record<string, string | string[]>>;

const oneOrList = <T>(arb: fc.Arbitrary<T>) =>
  fc.oneof(arb, fc.array(arb, { minLength: 1, maxLength: 3 })) as fc.Arbitrary<T | T[]>;

/** Operators of the polarity a statement of this effect needs to restrict, drawn most often. */
const operatorNames = (effect: string) => {
  const names = Object.keys(operators);
  const wanted = names.filter((name) => operators[name].negated === (effect === "Deny"));
  const unwanted = names.filter((name) => !wanted.includes(name));
  return fc
    .tuple(
      fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...wanted) },
        { weight: 1, arbitrary: fc.constantFrom(...unwanted) },
        { weight: 1, arbitrary: fc.constantFrom(...otherOperators) },
      ),
      fc.constantFrom("", "", ...setPrefixes),
      fc.boolean(),
    )
    .map(([base, prefix, ifExists]) => `${prefix}${base}${ifExists ? "IfExists" : ""}`);
};

/** Values of a key, those that restrict drawn more often than those that do not. */
function valuesOf(key: string): fc.Arbitrary<string> {
  const kind = networkKeys[key];
  if (!kind) return fc.constantFrom(...otherValues);
  const labelled = Object.entries(labelledValues[kind]);
  const restricting = labelled.filter(([, label]) => label === "listed").map(([value]) => value);
  const open = labelled.filter(([, label]) => label !== "listed").map(([value]) => value);
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...restricting) },
    { weight: 2, arbitrary: fc.constantFrom(...open) },
  );
}

const keyValuePairs = fc
  .oneof(
    { weight: 4, arbitrary: fc.constantFrom(...Object.keys(networkKeys)) },
    { weight: 1, arbitrary: fc.constantFrom(...otherKeys) },
  )
  .chain((key) => fc.tuple(fc.constant(key), oneOrList(valuesOf(key))));

const conditions = (effect: string): fc.Arbitrary<Condition> =>
  fc
    .array(fc.tuple(operatorNames(effect), fc.array(keyValuePairs, { minLength: 1, maxLength: 2 })), {
      minLength: 1,
      maxLength: 2,
    })
    .map((blocks) => {
      const condition: Condition = {};
      for (const [operator, entries] of blocks) {
        condition[operator] = { ...condition[operator], ...Object.fromEntries(entries) };
      }
      return condition;
    });

const executeApiPatterns = actionPatterns.filter((p) => p.startsWith("execute-api:") || p === "*");

const statements: fc.Arbitrary<Statement> = fc
  .constantFrom("Allow", "Allow", "Deny")
  .chain((Effect) =>
    fc.record({
      Effect: fc.constant(Effect),
      Principal: fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom<unknown>(...everyone) },
        { weight: 1, arbitrary: fc.constantFrom<unknown>(...someone) },
      ),
      actionKey: fc.constantFrom("Action", "Action", "NotAction"),
      actions: fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...executeApiPatterns) },
        { weight: 1, arbitrary: oneOrList(fc.constantFrom(...actionPatterns)) },
      ),
      resourceKey: fc.constantFrom("Resource", "Resource", "Resource", "NotResource"),
      resources: oneOrList(fc.constantFrom(...resourcePatterns)),
      Condition: fc.option(conditions(Effect), { nil: undefined, freq: 3 }),
    }),
  )
  .map(({ actionKey, actions, resourceKey, resources, Condition, ...rest }) => ({
    ...rest,
    [actionKey]: actions,
    [resourceKey]: resources,
    ...(Condition ? { Condition } : {}),
  }));

/** Denies shaped as the AWS examples write them, so that coverage is exercised often. */
const networkDenies: fc.Arbitrary<Statement> = fc
  .record({
    Principal: fc.constantFrom<unknown>(...everyone),
    Action: fc.constantFrom("execute-api:Invoke", "execute-api:*", "*", "execute-api:Inv*"),
    Resource: oneOrList(fc.constantFrom(...resourcePatterns)),
    operator: fc.constantFrom(...Object.keys(operators).filter((name) => operators[name].negated)),
    key: fc.constantFrom(...Object.keys(networkKeys)),
  })
  .chain(({ operator, key, ...rest }) =>
    fc.record({
      Effect: fc.constant("Deny"),
      ...Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, fc.constant(v)])),
      Condition: oneOrList(valuesOf(key)).map((values) => ({ [operator]: { [key]: values } })),
    }),
  );

const documents = fc
  .array(fc.oneof({ weight: 3, arbitrary: statements }, { weight: 1, arbitrary: networkDenies }), {
    minLength: 1,
    maxLength: 4,
  })
  .chain((list) =>
    fc.constantFrom<unknown>(
      { Version: "2012-10-17", Statement: list },
      ...(list.length === 1 ? [{ Version: "2012-10-17", Statement: list[0] }] : []),
    ),
  );

// ---------------------------------------------------------------------------------------------------
// The oracle

const asList = <T>(x: T | T[]): T[] => (Array.isArray(x) ? x : [x]);

/** IAM wildcards: `*` any run of characters (slashes included), `?` one character. */
function globMatches(pattern: string, text: string, ignoreCase: boolean): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${source}$`, ignoreCase ? "is" : "s").test(text);
}

/** Action names are case-insensitive in IAM. */
function grants(statement: Statement, action: string): boolean {
  const matches = (key: string) =>
    asList(statement[key] as string | string[]).some((p) => globMatches(p, action, true));
  return "Action" in statement ? matches("Action") : !matches("NotAction");
}

/** The method ARNs the statement names, `execute-api:/` standing for this API's ARN. */
function namedMethods(statement: Statement): string[] {
  const expand = (pattern: string) =>
    pattern.startsWith("execute-api:/") ? `${apiArn}/${pattern.slice("execute-api:/".length)}` : pattern;
  const matches = (key: string, arn: string) =>
    asList(statement[key] as string | string[]).some((p) => globMatches(expand(p), arn, false));
  return methodArns.filter((arn) =>
    "Resource" in statement ? matches("Resource", arn) : !matches("NotResource", arn),
  );
}

function forEveryone(statement: Statement): boolean {
  const principal = statement.Principal as string | { AWS?: string | string[] };
  if (principal === "*") return true;
  return typeof principal === "object" && principal.AWS !== undefined && asList(principal.AWS).includes("*");
}

function baseOperator(operator: string): string {
  const prefix = setPrefixes.find((p) => operator.startsWith(p)) ?? "";
  const base = operator.slice(prefix.length);
  return base.endsWith("IfExists") ? base.slice(0, -"IfExists".length) : base;
}

type Outcome = "always" | "maybe" | "restricts" | "never";
const negatedFamilies = new Set([...Object.keys(operators).filter((o) => operators[o].negated)]);

/** IAM on a key the request lacks (aws:SourceIp through a VPC endpoint). */
function absentKeyHolds(operator: string, values: string[]): boolean {
  const base = baseOperator(operator);
  if (base === "Null") return values.some((v) => String(v).toLowerCase() === "true");
  if (operator.startsWith("ForAllValues:")) return true;
  if (operator.startsWith("ForAnyValue:")) return false;
  if (operator.endsWith("IfExists")) return true;
  return negatedFamilies.has(base);
}

/** What one condition entry does on a request from an outside network through a VPC endpoint. */
function entryOutcome(operator: string, key: string, raw: string | string[]): Outcome {
  const values = asList(raw);
  const kind = Object.entries(networkKeys).find(([k]) => k.toLowerCase() === key.toLowerCase())?.[1];
  if (!kind) return "maybe";
  if (key.toLowerCase() === "aws:sourceip") return absentKeyHolds(operator, values) ? "always" : "never";
  const base = baseOperator(operator);
  if (base === "Null") return values.some((v) => String(v).toLowerCase() === "false") ? "always" : "never";
  // No network key's value is a number, a date or a boolean.
  if (["Bool", "NumericEquals", "DateLessThan"].includes(base)) return "never";
  const info = operators[base];
  if (!info) return "maybe";
  // A positive operator of a family foreign to the key never holds (no network value is an ARN, no id an
  // address); a negated one is left open.
  if (info.family === "arn" || (info.family === "ip" && kind !== "ip"))
    return info.negated ? "maybe" : "never";
  // An address compared as text: the generator's literal addresses are /32s, its CIDR blocks no address.
  const asText = info.family === "string" && kind === "ip";
  const classes = new Set<string>(
    values.map((v) => {
      if (asText) return v.includes("/") ? "impossible" : labelledValues.ip[v];
      return kind !== "ip" && !info.wildcards && /[*?]/.test(v) ? "impossible" : labelledValues[kind][v];
    }),
  );
  if (classes.has("every ipv4") || classes.has("every ipv6")) {
    classes.add(classes.has("every ipv4") && classes.has("every ipv6") ? "every" : "outside");
  }
  if (info.negated) return classes.has("every") ? "never" : classes.has("outside") ? "maybe" : "always";
  if (classes.has("every")) return "always";
  if (classes.has("outside")) return "maybe";
  return classes.has("listed") ? "restricts" : "never";
}

function conditionEntriesOf(statement: Statement): [string, string, string | string[]][] {
  const condition = (statement.Condition ?? {}) as Condition;
  return Object.entries(condition).flatMap(([operator, block]) =>
    Object.entries(block).map(
      ([key, values]) => [operator, key, values] as [string, string, string | string[]],
    ),
  );
}

const outcomesOf = (statement: Statement) =>
  conditionEntriesOf(statement).map(([operator, key, values]) => entryOutcome(operator, key, values));

function admitsOutsideCaller(allow: Statement): boolean {
  return (
    allow.Effect === "Allow" &&
    forEveryone(allow) &&
    grants(allow, "execute-api:Invoke") &&
    namedMethods(allow).length > 0 &&
    outcomesOf(allow).every((o) => o === "always" || o === "maybe")
  );
}

function coveredBy(deny: Statement, allow: Statement): boolean {
  if (deny.Effect !== "Deny" || !forEveryone(deny) || !grants(deny, "execute-api:Invoke")) return false;
  if (!outcomesOf(deny).every((o) => o === "always")) return false;
  const denied = new Set(namedMethods(deny));
  return namedMethods(allow).every((arn) => denied.has(arn));
}

/** Indices of the statements that allow execute-api:Invoke to an outside caller. */
function oracleOpenStatements(document: { Statement: Statement | Statement[] }): number[] {
  const list = asList(document.Statement);
  return list.flatMap((statement, index) =>
    admitsOutsideCaller(statement) && !list.some((deny) => coveredBy(deny, statement)) ? [index] : [],
  );
}

// ---------------------------------------------------------------------------------------------------
// The pack's decision

const networkPolicy = "apigateway-resource-policy-restricts-network";

/**
 * The document on a RestApiPolicy attached by the API's id (the pack then reads `${apiArn}/…` as this API's), or
 * inline on the RestApi, whose own id the pack cannot know: there a written-out ARN names this API only where a
 * Deny names the Allow's resources as written (README: "a resource names this API for sure").
 */
type Carrier = "RestApiPolicy" | "RestApi";

function regoOpenStatements(document: unknown, carrier: Carrier = "RestApiPolicy"): number[] {
  const resource = resourceInput(
    carrier === "RestApiPolicy"
      ? {
          type: "aws:apigateway/restApiPolicy:RestApiPolicy",
          urn: "urn:pulumi:dev::app::aws:apigateway/restApiPolicy:RestApiPolicy::api-policy",
          name: "api-policy",
          props: { restApiId: "a1b2c3d4e5", policy: JSON.stringify(document) },
        }
      : {
          type: "aws:apigateway/restApi:RestApi",
          urn: "urn:pulumi:dev::app::aws:apigateway/restApi:RestApi::api",
          name: "api",
          props: { endpointConfiguration: { types: "PRIVATE" }, policy: JSON.stringify(document) },
        },
  );
  const findings = engine.decide({ policy: networkPolicy, config: networkConfig({}), resource });
  // One violation names the open statements (generated documents have fewer than 20) before " allow";
  // advisories (statements that grant nothing) are not open.
  return findings.flatMap((finding) => {
    if (finding.kind === "advisory") return [];
    const named =
      /^the resource policy in the policy property: (.*?) allows? execute-api:Invoke from any network/.exec(
        finding.message,
      );
    if (finding.kind !== "violation" || !named) throw new Error(`unexpected finding: ${finding.message}`);
    return [...named[1].matchAll(/statement (\d+)/g)].map((m) => Number(m[1]));
  });
}

describe("the Rego network decision agrees with the oracle", () => {
  // Sound: the pack never passes a statement the oracle finds open (a miss here lets an open API deploy).
  test("every statement the oracle finds open is reported", () => {
    fc.assert(
      fc.property(documents, fc.constantFrom<Carrier>("RestApiPolicy", "RestApi"), (document, carrier) => {
        const reported = regoOpenStatements(document, carrier);
        const expected = oracleOpenStatements(document as { Statement: Statement });
        expect(expected.filter((i) => !reported.includes(i))).toEqual([]);
      }),
      propertyRuns(500),
    );
  });

  // Exact: nothing else is reported either. The Rego decides resource coverage syntactically ("sound, not
  // complete", rego/lib/iam.rego), so an Allow with NotResource can be reported although a Deny covers it;
  // such documents are left to the soundness property above.
  test("nothing else is reported for statements naming their resources", () => {
    const withResources = documents.filter((d) =>
      asList((d as { Statement: Statement | Statement[] }).Statement).every((s) => "Resource" in s),
    );
    fc.assert(
      fc.property(withResources, (document) => {
        const expected = oracleOpenStatements(document as { Statement: Statement });
        expect(regoOpenStatements(document).sort()).toEqual(expected);
      }),
      propertyRuns(500),
    );
  });

  // Counterexamples the soundness property found (the Rego then counted them as restrictions), kept as
  // plain cases so each stays visible on its own.
  const allowFrom = (condition: Condition) => ({
    Statement: {
      Effect: "Allow",
      Principal: "*",
      Action: "execute-api:Invoke",
      Resource: "*",
      Condition: condition,
    },
  });
  test.each([
    ["StringLike aws:SourceVpce *-*", allowFrom({ StringLike: { "aws:SourceVpce": "*-*" } })],
    ["StringLike aws:SourceVpce *vpce*", allowFrom({ StringLike: { "aws:SourceVpce": "*vpce*" } })],
    ["StringLike aws:SourceVpce ?pce-*", allowFrom({ StringLike: { "aws:SourceVpce": "?pce-*" } })],
    ["StringLike aws:SourceVpc *-*", allowFrom({ StringLike: { "aws:SourceVpc": "*-*" } })],
  ])("a pattern matching every id does not restrict: %s", (_name, document) => {
    expect(oracleOpenStatements(document)).toEqual([0]);
    expect(regoOpenStatements(document)).toEqual([0]);
  });
});
