/**
 * apigateway-resource-policy-restricts-network written by hand in TypeScript, for the benchmarks only: the
 * yardstick the compiled Rego is compared with. It reads the same input (policies/input.ts builds it, with
 * the configuration policies/config.ts normalises) and returns the same findings as
 * rego/apigateway/resource_policy_restricts_network.rego with rego/lib/iam.rego and rego/lib/documents.rego,
 * in the order the Rego decision lists them (a set: sorted by kind, then message).
 *
 * The policy judges each document for callers of methods with authorization NONE only (kinds
 * {"anonymous"} in the Rego): such a caller gets in through an Allow for every principal whose conditions
 * it can meet, unless a Deny for all principals covers that Allow. Callers authenticated by IAM or an
 * authorizer are the stack policy's concern, so nothing here judges them.
 *
 * It is written as a TypeScript developer would write it, not as a transcript of the Rego: one pass checks
 * a document's shape, one judges its statements, and sentences are built only when a finding needs them.
 */
import type { NetworkConfig } from "../policies/config";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export interface ReferenceFinding {
  kind: "violation" | "advisory" | "unknown" | "error";
  message: string;
}

// ---------------------------------------------------------------------------------------------------
// Vocabulary

const policyCarryingTypes = new Set([
  "aws:apigateway/restApi:RestApi",
  "aws-native:apigateway:RestApi",
  "aws:apigateway/restApiPolicy:RestApiPolicy",
]);

/** The outside caller's action: the other execute-api actions are no way into a REST API's methods. */
const lowerInvoke = "execute-api:invoke";

type Kind = "endpoint" | "vpc" | "ip";
type Family = "ipv4" | "ipv6";

/** Condition keys that say where a request comes from, by lower-case name (IAM ignores their case). */
const networkKeyKinds = new Map<string, Kind>([
  ["aws:sourcevpce", "endpoint"],
  ["aws:sourcevpc", "vpc"],
  ["aws:vpcsourceip", "ip"],
  ["aws:sourceip", "ip"],
]);
const networkKeyNames = "aws:SourceVpce, aws:SourceVpc, aws:VpcSourceIp or aws:SourceIp";
const isNetworkKey = (key: string) => networkKeyKinds.has(key.toLowerCase());

/** The one network key a request through a VPC endpoint never carries. */
const absentKey = "aws:sourceip";

/** Every id of the kind starts with its prefix. */
const idPrefixes: Record<"endpoint" | "vpc", string> = { endpoint: "vpce-", vpc: "vpc-" };
const kindNouns: Record<Kind, string> = { endpoint: "VPC endpoint", vpc: "VPC", ip: "address" };
const allowListKeys = {
  endpoint: "allowedVpcEndpointIds",
  vpc: "allowedVpcIds",
  ip: "allowedSourceCidrs",
} as const satisfies Record<Kind, keyof NetworkConfig>;

interface OperatorInfo {
  family: "string" | "arn" | "ip";
  negated: boolean;
  /** * and ? match (the *Like operators) rather than being literal text. */
  wildcards: boolean;
}

/**
 * Operators by lower-case name without the ForAnyValue:/ForAllValues: prefix and the IfExists suffix. The
 * Arn operators compare ARNs, which no network key holds.
 */
const conditionOperators = new Map<string, OperatorInfo>([
  ["stringequals", { family: "string", negated: false, wildcards: false }],
  ["stringequalsignorecase", { family: "string", negated: false, wildcards: false }],
  ["stringlike", { family: "string", negated: false, wildcards: true }],
  ["arnequals", { family: "arn", negated: false, wildcards: false }],
  ["arnlike", { family: "arn", negated: false, wildcards: true }],
  ["ipaddress", { family: "ip", negated: false, wildcards: false }],
  ["stringnotequals", { family: "string", negated: true, wildcards: false }],
  ["stringnotequalsignorecase", { family: "string", negated: true, wildcards: false }],
  ["stringnotlike", { family: "string", negated: true, wildcards: true }],
  ["arnnotequals", { family: "arn", negated: true, wildcards: false }],
  ["arnnotlike", { family: "arn", negated: true, wildcards: true }],
  ["notipaddress", { family: "ip", negated: true, wildcards: false }],
]);

/** Negated operators of every family, which IAM makes true when the key is absent. */
const negatedOperators = new Set([
  "stringnotequals",
  "stringnotequalsignorecase",
  "stringnotlike",
  "arnnotequals",
  "arnnotlike",
  "notipaddress",
  "numericnotequals",
  "datenotequals",
]);

/**
 * Numbers, dates, booleans and binary values: no network key's value parses as one, so these positive
 * operators never hold on one (the negated NumericNotEquals and DateNotEquals are left open).
 */
const typedOperators = new Set([
  "numericequals",
  "numericlessthan",
  "numericlessthanequals",
  "numericgreaterthan",
  "numericgreaterthanequals",
  "dateequals",
  "datelessthan",
  "datelessthanequals",
  "dategreaterthan",
  "dategreaterthanequals",
  "bool",
  "binaryequals",
]);

const maxPrefix: Record<Family, number> = { ipv4: 32, ipv6: 128 };

/** A finding names at most this many statements, problems or reasons, then says how many more there are. */
const maxListed = 20;

// ---------------------------------------------------------------------------------------------------
// JSON as the Rego sees and writes it

const isObject = (x: unknown): x is JsonObject => typeof x === "object" && x !== null && !Array.isArray(x);
const has = (o: JsonObject, key: string) => Object.prototype.hasOwnProperty.call(o, key);

function typeName(x: Json): string {
  if (x === null) return "null";
  if (Array.isArray(x)) return "array";
  return typeof x;
}

/**
 * Rego orders strings by their UTF-8 bytes, which is code point order. JavaScript compares UTF-16 units;
 * the two differ only where a surrogate meets a unit from U+E000 to U+FFFF, so surrogates are moved above.
 */
function byBytes(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && x < 0xe000) x += 0x10000;
    if (y >= 0xd800 && y < 0xe000) y += 0x10000;
    return x - y;
  }
  return a.length - b.length;
}

/** json.marshal escapes as Go's encoding/json (1.22 and later): also < > & U+2028 U+2029, as \u escapes. */
const goOnlyEscapes = /[<>&\u2028\u2029]/;
const jsonEscapeOrGoOnly = /\\.|[<>&\u2028\u2029]/g;

function goEscape(match: string): string {
  if (match.length === 2) return match; // an escape both write alike
  return `\\u${match.charCodeAt(0).toString(16).padStart(4, "0")}`;
}

function quote(s: string): string {
  const json = JSON.stringify(s);
  return goOnlyEscapes.test(json) ? json.replace(jsonEscapeOrGoOnly, goEscape) : json;
}

/** json.marshal of any JSON value: object keys in Rego's order. */
function marshal(x: Json): string {
  if (typeof x === "string") return quote(x);
  if (Array.isArray(x)) return `[${x.map(marshal).join(",")}]`;
  if (isObject(x)) {
    const members = Object.keys(x)
      .sort(byBytes)
      .map((key) => `${quote(key)}:${marshal(x[key])}`);
    return `{${members.join(",")}}`;
  }
  return JSON.stringify(x);
}

/**
 * A string-or-list value (Action, Resource, a condition's values) read by index, so that no list is built
 * for the single string.
 */
const valueCount = (x: Json) => (Array.isArray(x) ? x.length : 1);
const valueAt = (x: Json, i: number): Json => (Array.isArray(x) ? x[i] : x);

/** `Statement` may be one object or a list of them. */
function statementsOf(doc: JsonObject): Json[] | undefined {
  if (isObject(doc.Statement)) return [doc.Statement];
  return Array.isArray(doc.Statement) ? doc.Statement : undefined;
}

function statementLabel(stmt: Json, index: number): string {
  return isObject(stmt) && typeof stmt.Sid === "string"
    ? `statement ${quote(stmt.Sid)} (index ${index})`
    : `statement ${index}`;
}

/** The first maxListed of `total` items, listed, then how many more there are. */
const andMore = (listed: string, total: number) =>
  total > maxListed ? `${listed} and ${total - maxListed} more` : listed;

const boundedList = (items: string[], separator: string) =>
  andMore(items.slice(0, maxListed).join(separator), items.length);

/** Reasons are listed sorted (duplicates kept, as the Rego's arrays keep them) in parentheses. */
function reasonsText(reasons: string[]): string {
  return reasons.length === 0 ? "" : ` (${boundedList(reasons.sort(byBytes), "; ")})`;
}

// ---------------------------------------------------------------------------------------------------
// Malformed documents: each problem a sentence naming where it is

/**
 * The problems of the statement being checked, without its label. Reused, so that a well-formed document,
 * the usual case, costs one pass and no allocation.
 */
const found: string[] = [];

function documentProblems(doc: Json): string[] | undefined {
  if (!isObject(doc)) return [`the policy document is a JSON ${typeName(doc)}, not an object`];
  let problems: string[] | undefined;
  if (!has(doc, "Statement")) problems = ["the policy document has no Statement"];
  else if (!isObject(doc.Statement) && !Array.isArray(doc.Statement))
    problems = [`Statement must be an object or a list, not of type ${typeName(doc.Statement)}`];
  const stmts = statementsOf(doc) ?? [];
  found.length = 0;
  for (let i = 0; i < stmts.length; i++) {
    checkStatement(stmts[i]);
    if (found.length === 0) continue;
    const label = statementLabel(stmts[i], i);
    for (const problem of found) (problems ??= []).push(`${label} ${problem}`);
    found.length = 0;
  }
  // A set in the Rego: sorted, each problem once.
  return problems?.sort(byBytes).filter((p, i, sorted) => i === 0 || p !== sorted[i - 1]);
}

function checkStatement(stmt: Json): void {
  if (!isObject(stmt)) {
    found.push(`is of type ${typeName(stmt)}, not an object`);
    return;
  }
  if (!has(stmt, "Effect")) found.push("has no Effect");
  else if (stmt.Effect !== "Allow" && stmt.Effect !== "Deny")
    found.push(`has Effect ${marshal(stmt.Effect)}; it must be "Allow" or "Deny"`);
  checkPair(stmt, "Action", "NotAction");
  checkPair(stmt, "Resource", "NotResource");
  checkPair(stmt, "Principal", "NotPrincipal");
  checkList(stmt, "Action");
  checkList(stmt, "NotAction");
  checkList(stmt, "Resource");
  checkList(stmt, "NotResource");
  checkCondition(stmt);
}

/** Exactly one key of each pair. */
function checkPair(stmt: JsonObject, a: string, b: string): void {
  if (has(stmt, a) && has(stmt, b)) found.push(`has both ${a} and ${b}`);
  else if (!has(stmt, a) && !has(stmt, b)) found.push(`has neither ${a} nor ${b}`);
}

/** A string or a non-empty list of strings; actions are service:action patterns. */
function checkList(stmt: JsonObject, key: string): void {
  if (!has(stmt, key)) return;
  const x = stmt[key];
  if (typeof x !== "string" && !Array.isArray(x)) {
    found.push(`${key} must be a string or a list of strings, not of type ${typeName(x)}`);
    return;
  }
  if (Array.isArray(x) && x.length === 0) found.push(`${key} is an empty list`);
  const actions = key === "Action" || key === "NotAction";
  for (let j = 0; j < valueCount(x); j++) {
    const v = valueAt(x, j);
    if (typeof v !== "string")
      found.push(`${key} has an element of type ${typeName(v)}; elements must be strings`);
    else if (actions && !validActionPattern(v))
      found.push(`has ${key} ${quote(v)}, which is not a service:action pattern`);
  }
}

/** Glob syntax IAM does not have would reach the glob matcher, so such patterns are malformed. */
const notInActions = /[[\]{}\\ ,]/;

function validActionPattern(a: string): boolean {
  if (a === "*") return true;
  const colon = a.indexOf(":");
  return colon > 0 && colon < a.length - 1 && a.indexOf(":", colon + 1) < 0 && !notInActions.test(a);
}

/** Conditions: an object of operator blocks; network values are strings, and Null takes booleans too. */
function checkCondition(stmt: JsonObject): void {
  if (!has(stmt, "Condition")) return;
  const condition = stmt.Condition;
  if (!isObject(condition)) {
    found.push(`has a Condition of type ${typeName(condition)}, not an object`);
    return;
  }
  for (const op in condition) {
    const block = condition[op];
    if (!isObject(block)) {
      found.push(
        `has Condition operator ${op} mapped to a value of type ${typeName(block)}, not to an object of keys`,
      );
      continue;
    }
    const takesBooleans = operatorBase(op.toLowerCase()) === "null";
    for (const key in block) {
      if (!isNetworkKey(key)) continue;
      const raw = block[key];
      for (let j = 0; j < valueCount(raw); j++) {
        const v = valueAt(raw, j);
        if (typeof v !== "string" && !(takesBooleans && typeof v === "boolean"))
          found.push(
            `has a value of type ${typeName(v)} for ${key}; network condition values must be strings (or booleans under Null)`,
          );
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// Actions, principals and resources (of a well-formed statement)

/**
 * glob.match(pattern, [], text) for the texts matched here (an action name, a made-up id): they hold no
 * ".", the default delimiter, and well-formed patterns no glob syntax but * and ?, so * matches any run
 * and ? any one character.
 */
function globMatches(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    const c = pattern.charCodeAt(p);
    if (c === 42 /* * */) {
      star = p++;
      resume = t;
    } else if (p < pattern.length && (c === 63 /* ? */ || c === text.charCodeAt(t))) {
      p++;
      t++;
    } else if (star >= 0) {
      p = star + 1;
      t = ++resume;
    } else return false;
  }
  while (pattern.charCodeAt(p) === 42) p++;
  return p === pattern.length;
}

const hasWildcard = (s: string) => s.includes("*") || s.includes("?");

function anyPatternMatchesInvoke(patterns: Json): boolean {
  for (let i = 0; i < valueCount(patterns); i++) {
    if (globMatches((valueAt(patterns, i) as string).toLowerCase(), lowerInvoke)) return true;
  }
  return false;
}

/** Whether the statement's actions include execute-api:Invoke; IAM compares actions case-insensitively. */
function grantsInvoke(stmt: JsonObject): boolean {
  if (has(stmt, "Action")) return anyPatternMatchesInvoke(stmt.Action);
  return !anyPatternMatchesInvoke(stmt.NotAction);
}

/** "*" and {"AWS": "*"} are everyone, anonymous callers included (AWS documents both for anonymous access). */
function appliesToAllPrincipals(stmt: JsonObject): boolean {
  const principal = stmt.Principal;
  if (principal === "*") return true;
  if (!isObject(principal)) return false;
  const aws = principal.AWS;
  return aws === "*" || (Array.isArray(aws) && aws.includes("*"));
}

/** NotPrincipal names the principals an Allow leaves out, so an Allow with it admits anonymous callers. */
const allowReachesAnonymous = (stmt: JsonObject) => appliesToAllPrincipals(stmt) || has(stmt, "NotPrincipal");

/** An Allow whose NotResource leaves out every method of the API grants nothing. */
const namesSomeMethod = (stmt: JsonObject) =>
  has(stmt, "Resource") || !someNamesEveryMethod(stmt.NotResource);

/**
 * The part of an execute-api resource after the API id ("stage/METHOD/path"), "*" when it names every
 * method, undefined when it is no execute-api resource.
 */
function resourcePath(r: string): string | undefined {
  if (r === "*") return "*";
  if (r.startsWith("execute-api:/")) return everyMethodOr(r.slice("execute-api:/".length));
  // arn:partition:execute-api:region:account:api-id/stage/METHOD/path
  const c1 = r.indexOf(":");
  const c2 = r.indexOf(":", c1 + 1);
  const c3 = c2 < 0 ? -1 : r.indexOf(":", c2 + 1);
  const c4 = c3 < 0 ? -1 : r.indexOf(":", c3 + 1);
  const c5 = c4 < 0 ? -1 : r.indexOf(":", c4 + 1);
  if (c5 < 0 || r.slice(0, c1).toLowerCase() !== "arn" || r.slice(c2 + 1, c3).toLowerCase() !== "execute-api")
    return undefined;
  const slash = r.indexOf("/", c5 + 1);
  if (slash >= 0) return everyMethodOr(r.slice(slash + 1));
  return r.endsWith("*") ? "*" : undefined;
}

/** Every method is stage/METHOD/path with at least two slashes, so one to three "*" segments match all. */
const everyMethodOr = (path: string) => (path === "*" || path === "*/*" || path === "*/*/*" ? "*" : path);

const noWildcards = (s: string) => !hasWildcard(s);

/** Sound, not complete: d covers a when every resource a can name is also named by d. */
function pathCovers(d: string | undefined, a: string | undefined): boolean {
  if (d === undefined || a === undefined) return false;
  if (d === "*" || d === a) return true;
  return d.endsWith("*") && noWildcards(d.slice(0, -1)) && a.startsWith(d.slice(0, -1));
}

/**
 * The resource names the API the policy is attached to for sure: "*", the execute-api:/ shorthand, or an ARN
 * whose region, account and API id are "*" (the pack does not know them).
 */
function namesThisApi(r: string): boolean {
  if (r === "*" || r.startsWith("execute-api:/")) return true;
  const parts = executeApiArnParts(r);
  return parts !== undefined && parts[3] === "*" && parts[4] === "*" && parts[5].split("/")[0] === "*";
}

/** The colon-separated parts of an execute-api ARN (arn:partition:execute-api:region:account:rest…). */
function executeApiArnParts(r: string): string[] | undefined {
  const parts = r.split(":");
  const isArn =
    parts.length >= 6 && parts[0].toLowerCase() === "arn" && parts[2].toLowerCase() === "execute-api";
  return isArn ? parts : undefined;
}

/**
 * A resource covers itself when it is an execute-api resource; otherwise d must name this API and the paths
 * decide.
 */
const resourceCovers = (d: string, a: string) =>
  d === a ? resourcePath(d) !== undefined : namesThisApi(d) && pathCovers(resourcePath(d), resourcePath(a));

/** An execute-api ARN of the API apiId with a path, as its execute-api:/ path; anything else as it is. */
function arnAsPath(r: Json, apiId: string): Json {
  const parts = typeof r === "string" ? executeApiArnParts(r) : undefined;
  if (parts === undefined) return r;
  const rest = parts.slice(5).join(":");
  const slash = rest.indexOf("/");
  if (rest.slice(0, slash < 0 ? rest.length : slash) !== apiId || slash < 0) return r;
  return `execute-api:/${rest.slice(slash + 1)}`;
}

/** The statements with the ARNs of the API apiId (a RestApiPolicy's restApiId) as execute-api:/ paths. */
function statementsForApi(stmts: Json[], apiId: string | undefined): Json[] {
  if (apiId === undefined) return stmts;
  return stmts.map((stmt) => {
    if (!isObject(stmt)) return stmt;
    const copy: JsonObject = { ...stmt };
    for (const key of ["Resource", "NotResource"]) {
      const value = stmt[key];
      if (typeof value === "string") copy[key] = arnAsPath(value, apiId);
      else if (Array.isArray(value)) copy[key] = value.map((r) => arnAsPath(r, apiId));
    }
    return copy;
  });
}

const literalPrefix = (x: string) => {
  const star = x.indexOf("*");
  const question = x.indexOf("?");
  const end = Math.min(star < 0 ? x.length : star, question < 0 ? x.length : question);
  return x.slice(0, end);
};

/** Sound, not complete: no resource matches both patterns. */
function pathsDisjoint(x: string, y: string): boolean {
  const px = literalPrefix(x);
  const py = literalPrefix(y);
  if (!px.startsWith(py) && !py.startsWith(px)) return true;
  return noWildcards(x) && noWildcards(y) && x !== y;
}

/**
 * Whether the Deny names every resource the Allow names. Each statement has either Resource or NotResource,
 * so one of four comparisons decides.
 */
function coversResources(deny: JsonObject, allow: JsonObject): boolean {
  if (has(allow, "Resource")) {
    return has(deny, "Resource")
      ? eachCovered(deny.Resource, allow.Resource)
      : noneExcluded(deny.NotResource, allow.Resource);
  }
  // The Allow names what it does not exclude: only a Deny of every method, or one excluding no more, covers it.
  return has(deny, "Resource")
    ? someNamesEveryMethod(deny.Resource)
    : eachListed(deny.NotResource, allow.NotResource);
}

/** Every allowed resource is covered by some denied one. */
function eachCovered(denied: Json, allowed: Json): boolean {
  for (let i = 0; i < valueCount(allowed); i++) {
    const a = valueAt(allowed, i) as string;
    let covered = false;
    for (let j = 0; !covered && j < valueCount(denied); j++)
      covered = resourceCovers(valueAt(denied, j) as string, a);
    if (!covered) return false;
  }
  return true;
}

/** None of the allowed resources can be one the Deny excludes; a resource that is no execute-api one may. */
function noneExcluded(excluded: Json, allowed: Json): boolean {
  for (let i = 0; i < valueCount(allowed); i++) {
    const a = resourcePath(valueAt(allowed, i) as string);
    for (let j = 0; j < valueCount(excluded); j++) {
      const n = resourcePath(valueAt(excluded, j) as string);
      if (a === undefined || n === undefined || !pathsDisjoint(n, a)) return false;
    }
  }
  return true;
}

function someNamesEveryMethod(resources: Json): boolean {
  for (let i = 0; i < valueCount(resources); i++) {
    const r = valueAt(resources, i) as string;
    if (namesThisApi(r) && resourcePath(r) === "*") return true;
  }
  return false;
}

/** Every resource the Deny excludes, the Allow excludes too (written alike). */
function eachListed(denyExcluded: Json, allowExcluded: Json): boolean {
  for (let j = 0; j < valueCount(denyExcluded); j++) {
    const n = valueAt(denyExcluded, j);
    let listed = false;
    for (let i = 0; !listed && i < valueCount(allowExcluded); i++) listed = valueAt(allowExcluded, i) === n;
    if (!listed) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------------
// Conditions on a request from an outside network
//
// A PRIVATE API is reached only through interface VPC endpoints, so a request from a network the
// organisation does not list carries aws:SourceVpce, aws:SourceVpc and aws:VpcSourceIp with values the
// document does not restrict to, and never aws:SourceIp. On such requests a condition entry is ALWAYS true,
// MAYBE true (as the caller arranges), true only for a listed network (RESTRICTS), or NEVER true for any
// request through a VPC endpoint. Outcomes are bits, so a statement's entries sum up in one number.

const ALWAYS = 1;
const MAYBE = 2;
const RESTRICTS = 4;
const NEVER = 8;

/** What one value of a network condition can match; bits as well, summed over an entry's values. */
const EVERY = 1; // every value of the kind ("*", "vpce-*")
const OUTSIDE = 2; // a value an outside network may have (not in the allow-list, a CIDR broader than allowed)
const LISTED = 4; // only values of the organisation's networks
const IMPOSSIBLE = 8; // no value a request can carry ("vpce-*" compared as literal text)
const UNPARSABLE = 16; // no address or CIDR block: IpAddress cannot match it, NotIpAddress is left open
const EVERY_IPV4 = 32; // 0.0.0.0/0: every IPv4 address
const EVERY_IPV6 = 64; // ::/0: every IPv6 address
const EVERY_FAMILY = EVERY_IPV4 | EVERY_IPV6;

/** Where judgeEntry writes why, when asked: sentences are built only for findings. */
interface Explanation {
  why: string;
}

function operatorBase(lowerOp: string): string {
  let base = lowerOp;
  if (base.startsWith("foranyvalue:")) base = base.slice("foranyvalue:".length);
  else if (base.startsWith("forallvalues:")) base = base.slice("forallvalues:".length);
  return base.endsWith("ifexists") ? base.slice(0, -"ifexists".length) : base;
}

/**
 * Whether some value says the key is absent (true) or present (false), as Null reads its values: a boolean,
 * or "true" or "false" in any case. Other strings say neither.
 */
function someNullValue(raw: Json, absent: boolean): boolean {
  const text = absent ? "true" : "false";
  for (let i = 0; i < valueCount(raw); i++) {
    const v = valueAt(raw, i);
    if (v === absent || (typeof v === "string" && v.toLowerCase() === text)) return true;
  }
  return false;
}

/**
 * The outcome of one condition entry (operator, key, values) on a request from an outside network. In a
 * well-formed document a network key's values are strings, or booleans under Null.
 */
function judgeEntry(
  op: string,
  key: string,
  raw: Json,
  cfg: NetworkConfig,
  explanation?: Explanation,
): number {
  const lowerKey = key.toLowerCase();
  const kind = networkKeyKinds.get(lowerKey);
  // Sentences are built only when asked for: decisions are frequent, findings rare.
  const described = explanation ? `${op} ${key}` : "";
  if (kind === undefined) {
    if (explanation) explanation.why = `${described} is not a network condition`;
    return MAYBE;
  }
  const lowerOp = op.toLowerCase();
  const base = operatorBase(lowerOp);
  if (lowerKey === absentKey) {
    // IAM on a key the request does not carry: Null tests exactly that; ForAllValues: holds (no value fails
    // it) and ForAnyValue: does not (no value matches); …IfExists holds; a negated operator holds.
    const holds =
      base === "null"
        ? someNullValue(raw, true)
        : lowerOp.startsWith("forallvalues:") ||
          (!lowerOp.startsWith("foranyvalue:") &&
            (lowerOp.endsWith("ifexists") || negatedOperators.has(base)));
    if (explanation)
      explanation.why = holds
        ? `${described} holds for every request through a VPC endpoint, which never carries ${key}`
        : `${described} never holds: requests through a VPC endpoint never carry ${key}`;
    return holds ? ALWAYS : NEVER;
  }
  if (base === "null") {
    const holds = someNullValue(raw, false);
    if (explanation)
      explanation.why = holds
        ? `${described} holds for every request through a VPC endpoint, which always carries ${key}`
        : `${described} never holds: every request through a VPC endpoint carries ${key}`;
    return holds ? ALWAYS : NEVER;
  }
  const info = conditionOperators.get(base);
  if (info === undefined) {
    const typed = typedOperators.has(base);
    if (explanation)
      explanation.why = typed
        ? `${described} never holds: ${key} is neither a number, a date nor a boolean`
        : `${described} does not use a String, IpAddress or Null operator`;
    return typed ? NEVER : MAYBE;
  }
  // No network key holds an ARN and no id is an address, so a positive operator of such a family never
  // holds; what IAM makes of a negated one there is not documented, so it is left open.
  if (info.family === "arn" || (info.family === "ip" && kind !== "ip")) {
    if (explanation)
      explanation.why = info.negated
        ? `${described} compares ${kindNouns[kind]} values with a negated operator of the ${info.family} family`
        : info.family === "arn"
          ? `${described} never holds: no ${kindNouns[kind]} value is an ARN`
          : `${described} never holds: no ${kindNouns[kind]} id is an address`;
    return info.negated ? MAYBE : NEVER;
  }
  // Left: string operators on ids, address operators on addresses, string operators on addresses (which
  // compare their text: see addressTextClass).
  const notes: string[] | undefined = explanation ? [] : undefined;
  let classes = 0;
  for (let i = 0; i < valueCount(raw); i++) {
    const v = valueAt(raw, i) as string;
    classes |=
      kind !== "ip"
        ? idClass(kind, info.wildcards, v, cfg, notes)
        : info.family === "ip"
          ? addressClass(v, cfg, notes)
          : addressTextClass(info.wildcards, v, cfg, notes);
  }
  const outcome = valuesOutcome(info.negated, classes);
  if (explanation && notes) explanation.why = valuesWhy(described, outcome, notes);
  return outcome;
}

/**
 * A positive condition holds when the request's value matches one of the values, a negated one when it
 * matches none; an outside network can take any value classed EVERY or OUTSIDE, and no LISTED one. It may
 * send from either address family, so /0 of one family is EVERY beside /0 of the other, OUTSIDE alone.
 */
function valuesOutcome(negated: boolean, classes: number): number {
  const families = classes & EVERY_FAMILY;
  if (classes & EVERY || families === EVERY_FAMILY) return negated ? NEVER : ALWAYS;
  if (classes & OUTSIDE || families !== 0) return MAYBE;
  if (negated) return classes & UNPARSABLE ? MAYBE : ALWAYS;
  return classes & LISTED ? RESTRICTS : NEVER;
}

/** The values' notes, or (all of them LISTED, or none) what the outcome means. */
function valuesWhy(described: string, outcome: number, notes: string[]): string {
  if (notes.length > 0) return `${described}: ${notes.join("; ")}`;
  if (outcome === ALWAYS)
    return `${described} is a negated condition, true for every network it does not list`;
  if (outcome === RESTRICTS) return `${described} holds only for the networks it lists`;
  return `${described} lists no values`;
}

/** The class of a VPC endpoint or VPC id (or pattern); notes say why for every class but LISTED. */
function idClass(
  kind: "endpoint" | "vpc",
  wildcards: boolean,
  v: string,
  cfg: NetworkConfig,
  notes?: string[],
) {
  if (!wildcards && hasWildcard(v)) {
    notes?.push(
      `${quote(v)} is compared as literal text, which no ${kindNouns[kind]} id equals (you probably meant StringLike)`,
    );
    return IMPOSSIBLE;
  }
  if (wildcards && matchesEveryId(v, idPrefixes[kind])) {
    notes?.push(`${quote(v)} matches every ${kindNouns[kind]}`);
    return EVERY;
  }
  const allowed = cfg[allowListKeys[kind]];
  if (allowed.length > 0 && !listedIgnoringCase(v, allowed)) {
    notes?.push(`${quote(v)} is not in ${allowListKeys[kind]}`);
    return OUTSIDE;
  }
  return LISTED;
}

function listedIgnoringCase(v: string, allowed: string[]): boolean {
  const lower = v.toLowerCase();
  for (const a of allowed) if (a.toLowerCase() === lower) return true;
  return false;
}

/**
 * Ids are the prefix and 8 or 17 hex digits. A wildcard pattern matches every id exactly when it matches the
 * prefix followed by characters none of its literals can match (a filler): those are consumed by wildcards
 * only, so any hex digits in their place match too. Glob syntax IAM does not have makes the value a literal.
 */
const fillers = ["~", "#", "%", "!", "^"];
const notInIdPatterns = /[[\]{}\\]/;

function matchesEveryId(v: string, idPrefix: string): boolean {
  const lower = v.toLowerCase();
  if (!hasWildcard(lower) || notInIdPatterns.test(lower)) return false;
  const filler = fillers.find((c) => !lower.includes(c));
  return (
    filler !== undefined &&
    globMatches(lower, idPrefix + filler.repeat(8)) &&
    globMatches(lower, idPrefix + filler.repeat(17))
  );
}

/** The class of a value compared as an address or CIDR block. */
function addressClass(v: string, cfg: NetworkConfig, notes?: string[]) {
  if (validCidr(v)) return validAddressClass(v, cfg, notes);
  notes?.push(`${quote(v)} is not an IP address or CIDR block`);
  return UNPARSABLE;
}

function validAddressClass(v: string, cfg: NetworkConfig, notes?: string[]) {
  const family = ipFamily(v);
  const prefix = cidrPrefix(v);
  if (prefix === 0) {
    notes?.push(`${quote(v)} matches every ${family} address`);
    return family === "ipv4" ? EVERY_IPV4 : EVERY_IPV6;
  }
  const minimum = cfg.minimumCidrPrefix[family];
  if (prefix < minimum) {
    notes?.push(`${quote(v)} is broader than /${minimum} (minimumCidrPrefix.${family})`);
    return OUTSIDE;
  }
  const allowed = cfg.allowedSourceCidrs;
  if (allowed.length > 0 && !withinAllowed(v, family, allowed)) {
    notes?.push(`${quote(v)} is not within allowedSourceCidrs`);
    return OUTSIDE;
  }
  return LISTED;
}

/**
 * An address compared as text: a pattern of wildcards only matches every address, another pattern some
 * outside address may match; a literal address is one address (as a /32 is); any other literal (a CIDR
 * block, a name) is text no address has.
 */
function addressTextClass(wildcards: boolean, v: string, cfg: NetworkConfig, notes?: string[]) {
  if (wildcards && hasWildcard(v)) {
    const every = onlyStars.test(v);
    notes?.push(
      every ? `${quote(v)} matches every address` : `${quote(v)} is a pattern an outside address may match`,
    );
    return every ? EVERY : OUTSIDE;
  }
  if (!v.includes("/") && validCidr(v)) return validAddressClass(v, cfg, notes);
  notes?.push(`${quote(v)} is compared as literal text, which is no address`);
  return IMPOSSIBLE;
}

const onlyStars = /^\*+$/;

function withinAllowed(v: string, family: Family, allowed: string[]): boolean {
  for (const c of allowed) if (validCidr(c) && ipFamily(c) === family && cidrContains(c, v)) return true;
  return false;
}

// ---------------------------------------------------------------------------------------------------
// Addresses and CIDR blocks: the Rego's own validity test, and Go's containment (net.cidr_contains)

const ipFamily = (v: string): Family => (v.includes(":") ? "ipv6" : "ipv4");
const digitsOnly = /^[0-9]+$/;

/** An address Go's parser takes, and a prefix of up to 3 digits within range. */
function validCidr(v: string): boolean {
  const slash = v.indexOf("/");
  if (slash >= 0 && v.indexOf("/", slash + 1) >= 0) return false;
  const ip = slash < 0 ? v : v.slice(0, slash);
  if (!validIp(ip)) return false;
  if (slash < 0) return true;
  const prefix = v.slice(slash + 1);
  return digitsOnly.test(prefix) && prefix.length <= 3 && Number(prefix) <= maxPrefix[ipFamily(v)];
}

const validityScratch = new Uint16Array(8);

function validIp(ip: string): boolean {
  return parseAddress(ip, validityScratch);
}

function cidrPrefix(v: string): number {
  const slash = v.indexOf("/");
  return slash < 0 ? maxPrefix[ipFamily(v)] : Number(v.slice(slash + 1));
}

/** Addresses as eight 16-bit groups, IPv4 as ::ffff:a.b.c.d, the way Go's net package holds them. */
const outerAddress = new Uint16Array(8);
const innerAddress = new Uint16Array(8);

const hexGroup = /^[0-9a-fA-F]{1,4}$/;
const octet = /^(0|[1-9][0-9]{0,2})$/;

/** Go's parser (the Rego's valid_ip accepts the same text); false for text it rejects. */
function parseAddress(text: string, into: Uint16Array): boolean {
  into.fill(0);
  if (!text.includes(":")) {
    into[5] = 0xffff;
    return parseIPv4(text, into, 6);
  }
  // Groups before and after "::" (which stands for at least one zero group); a dotted IPv4 address may
  // end the text and fills two groups.
  const halves = text.split("::");
  if (halves.length > 2) return false;
  const head = halves[0] === "" ? [] : halves[0].split(":");
  const tail = halves.length === 2 && halves[1] !== "" ? halves[1].split(":") : [];
  const groups = head.concat(tail);
  const dotted = groups.length > 0 && groups[groups.length - 1].includes(".");
  if (dotted && halves.length === 2 && tail.length === 0) return false;
  const count = groups.length + (dotted ? 1 : 0);
  if (halves.length === 2 ? count >= 8 : count !== 8) return false;
  for (let g = 0; g < groups.length; g++) {
    const at = g < head.length ? g : 8 - count + g;
    if (dotted && g === groups.length - 1) return parseIPv4(groups[g], into, at);
    if (!hexGroup.test(groups[g])) return false;
    into[at] = parseInt(groups[g], 16);
  }
  return true;
}

function parseIPv4(text: string, into: Uint16Array, group: number): boolean {
  const octets = text.split(".");
  if (octets.length !== 4 || !octets.every((o) => octet.test(o) && Number(o) <= 255)) return false;
  into[group] = (Number(octets[0]) << 8) | Number(octets[1]);
  into[group + 1] = (Number(octets[2]) << 8) | Number(octets[3]);
  return true;
}

/** Whether the first `bits` bits of a and b agree. */
function samePrefix(a: Uint16Array, b: Uint16Array, bits: number): boolean {
  for (let g = 0; bits > 0; g++, bits -= 16) {
    const mask = bits >= 16 ? 0xffff : (0xffff << (16 - bits)) & 0xffff;
    if ((a[g] & mask) !== (b[g] & mask)) return false;
  }
  return true;
}

/**
 * net.cidr_contains(c, v) for valid CIDRs or addresses of one family: every address of v lies in c. Go
 * treats an IPv4-mapped IPv6 address (::ffff:a.b.c.d) as IPv4, which an IPv6 network never contains, so
 * an IPv6 block whose last address is IPv4-mapped lies only in an IPv4-mapped network.
 */
function cidrContains(c: string, v: string): boolean {
  const outerBits = cidrPrefix(c) + (ipFamily(c) === "ipv4" ? 96 : 0);
  const innerBits = cidrPrefix(v) + (ipFamily(v) === "ipv4" ? 96 : 0);
  if (!parseAddress(c.split("/")[0], outerAddress) || !parseAddress(v.split("/")[0], innerAddress))
    return false;
  if (innerBits < outerBits || !samePrefix(outerAddress, innerAddress, outerBits)) return false;
  if (ipFamily(c) === "ipv4" || (outerBits >= 96 && isV4Mapped(outerAddress))) return true;
  // The inner block's last address: its first innerBits bits, then ones.
  const kept = Math.min(Math.max(innerBits - 80, 0), 16);
  const mask = (0xffff << (16 - kept)) & 0xffff;
  const lastIsV4Mapped =
    innerBits >= 80 && samePrefix(innerAddress, zeros, 80) && (innerAddress[5] & mask) === mask;
  return !lastIsV4Mapped;
}

const zeros = new Uint16Array(8);
const isV4Mapped = (a: Uint16Array) => samePrefix(a, zeros, 80) && a[5] === 0xffff;

// ---------------------------------------------------------------------------------------------------
// Who gets in: an unauthenticated caller from an outside network

/** The outcomes of a statement's condition entries, as bits (0 for no condition). */
function conditionOutcomes(stmt: JsonObject, cfg: NetworkConfig): number {
  const condition = stmt.Condition as JsonObject | undefined;
  if (condition === undefined) return 0;
  let outcomes = 0;
  for (const op in condition) {
    const block = condition[op] as JsonObject;
    for (const key in block) outcomes |= judgeEntry(op, key, block[key], cfg);
  }
  return outcomes;
}

/**
 * The findings for a well-formed document: a violation naming the Allows an unauthenticated caller from an
 * outside network gets in by, and an advisory naming the statements that can never apply to a request
 * through a VPC endpoint. Only statements that grant execute-api:Invoke matter to either.
 */
function verdictFindings(
  where: string,
  stmts: Json[],
  cfg: NetworkConfig,
  findings: ReferenceFinding[],
): void {
  let admitting: number[] | undefined;
  let blockingDenies: JsonObject[] | undefined;
  let dead: number[] | undefined;
  for (let i = 0; i < stmts.length; i++) {
    const stmt = stmts[i] as JsonObject;
    if (!grantsInvoke(stmt)) continue;
    const outcomes = conditionOutcomes(stmt, cfg);
    if (outcomes & NEVER) (dead ??= []).push(i);
    if (stmt.Effect === "Allow") {
      // An Allow admits when it names some method and the caller can meet every condition.
      if (allowReachesAnonymous(stmt) && namesSomeMethod(stmt) && (outcomes & (RESTRICTS | NEVER)) === 0)
        (admitting ??= []).push(i);
    } else if (appliesToAllPrincipals(stmt) && (outcomes & ~ALWAYS) === 0) {
      // A Deny stops every outside request on its resources when all its conditions always hold. A Deny
      // with NotPrincipal spares the principals it names, so it never counts.
      (blockingDenies ??= []).push(stmt);
    }
  }
  let open: number[] | undefined;
  if (admitting !== undefined) {
    for (const i of admitting)
      if (!coveredByDeny(stmts[i] as JsonObject, blockingDenies)) (open ??= []).push(i);
  }
  if (open !== undefined) findings.push({ kind: "violation", message: openMessage(where, stmts, open, cfg) });
  if (dead !== undefined) findings.push({ kind: "advisory", message: deadMessage(where, stmts, dead, cfg) });
}

function coveredByDeny(allow: JsonObject, denies: JsonObject[] | undefined): boolean {
  if (denies !== undefined) for (const deny of denies) if (coversResources(deny, allow)) return true;
  return false;
}

// ---------------------------------------------------------------------------------------------------
// Explanations

/** The statements' labels, bounded: only the ones listed are made, however many statements there are. */
const labels = (stmts: Json[], indices: number[]) =>
  andMore(
    indices
      .slice(0, maxListed)
      .map((i) => statementLabel(stmts[i], i))
      .join(", "),
    indices.length,
  );

/** Calls back with each condition entry of a statement and its judgement, explained. */
function forEachJudgedEntry(
  stmt: JsonObject,
  cfg: NetworkConfig,
  visit: (key: string, outcome: number, why: string) => void,
): void {
  const condition = stmt.Condition as JsonObject | undefined;
  if (condition === undefined) return;
  const explanation = { why: "" };
  for (const op in condition) {
    const block = condition[op] as JsonObject;
    for (const key in block) visit(key, judgeEntry(op, key, block[key], cfg, explanation), explanation.why);
  }
}

function openMessage(where: string, stmts: Json[], open: number[], cfg: NetworkConfig): string {
  const reasons: string[] = [];
  // Why the open Allows' own network conditions (all of which the caller can meet) do not keep it out.
  for (const i of open.slice(0, maxListed)) {
    forEachJudgedEntry(stmts[i] as JsonObject, cfg, (key, _, why) => {
      if (isNetworkKey(key)) reasons.push(why);
    });
  }
  denyReasons(stmts, stmts[open[0]] as JsonObject, cfg, reasons);
  const one = open.length === 1;
  return (
    `the resource policy in ${where}: ${labels(stmts, open)}${one ? " allows" : " allow"} execute-api:Invoke ` +
    "from any network to callers the resource policy alone admits (authorization NONE). No restricting " +
    `network condition (${networkKeyNames}) and no Deny for all principals whose conditions hold for every ` +
    `outside network covers ${one ? "it" : "them"}${reasonsText(reasons)}. Add this statement to the policy: ` +
    suggestedDeny(cfg)
  );
}

/**
 * Why each Deny that tries to restrict the network (it has a network condition) does not stop outside
 * callers on the resources of `target`, the first open Allow. Each Deny's problems are a set in the Rego.
 */
function denyReasons(stmts: Json[], target: JsonObject, cfg: NetworkConfig, reasons: string[]): void {
  stmts.forEach((s, index) => {
    const stmt = s as JsonObject;
    if (stmt.Effect !== "Deny") return;
    let networkEntry = false;
    let allAlways = true;
    const problems: string[] = [];
    forEachJudgedEntry(stmt, cfg, (key, outcome, why) => {
      networkEntry ||= isNetworkKey(key);
      if (outcome === ALWAYS) return;
      allAlways = false;
      const problem = `does not stop every outside network: ${why}`;
      if (!problems.includes(problem)) problems.push(problem);
    });
    if (!networkEntry) return;
    const allPrincipals = appliesToAllPrincipals(stmt);
    const invoke = grantsInvoke(stmt);
    if (!allPrincipals) problems.push("does not apply to all principals");
    if (!invoke) problems.push("does not deny execute-api:Invoke");
    if (allPrincipals && invoke && allAlways && !coversResources(stmt, target))
      problems.push("does not cover every resource");
    const label = statementLabel(stmt, index);
    for (const problem of problems) reasons.push(`Deny ${label} ${problem}`);
  });
}

function deadMessage(where: string, stmts: Json[], dead: number[], cfg: NetworkConfig): string {
  const reasons: string[] = [];
  for (const i of dead.slice(0, maxListed)) {
    forEachJudgedEntry(stmts[i] as JsonObject, cfg, (_, outcome, why) => {
      if (outcome === NEVER) reasons.push(why);
    });
  }
  const one = dead.length === 1;
  return (
    `the resource policy in ${where}: ${labels(stmts, dead)} can never apply to a request through a VPC ` +
    `endpoint, so ${one ? "it grants or denies" : "they grant or deny"} nothing${reasonsText(reasons)}`
  );
}

/** The Deny that closes the API to outside networks: every method, only the configured networks. */
function suggestedDeny(cfg: NetworkConfig): string {
  const condition =
    cfg.allowedVpcEndpointIds.length > 0
      ? `{"StringNotEquals":{"aws:SourceVpce":${marshal(cfg.allowedVpcEndpointIds)}}}`
      : cfg.allowedVpcIds.length > 0
        ? `{"StringNotEquals":{"aws:SourceVpc":${marshal(cfg.allowedVpcIds)}}}`
        : cfg.allowedSourceCidrs.length > 0
          ? `{"NotIpAddress":{"aws:VpcSourceIp":${marshal(cfg.allowedSourceCidrs)}}}`
          : `{"StringNotEquals":{"aws:SourceVpce":"vpce-xxxxxxxxxxxxxxxxx"}}`;
  return `{"Action":"execute-api:Invoke","Condition":${condition},"Effect":"Deny","Principal":"*","Resource":"execute-api:/*"}`;
}

// ---------------------------------------------------------------------------------------------------
// Documents of a resource and the decision

interface DocumentInput {
  state: string;
  value?: Json;
  error?: string;
}

const bodyPolicyKey = "x-amazon-apigateway-policy";

/** The value at path, or something inside it, or something containing it, is unknown during preview. */
function unknownWithin(unknowns: string[], path: string): boolean {
  for (const u of unknowns) {
    if (u === path || u.startsWith(`${path}.`) || path.startsWith(`${u}.`)) return true;
  }
  return false;
}

/** The findings for one document entry (resources.document_entries); each state gives its own. */
function assess(
  where: string,
  state: string,
  document: DocumentInput,
  cfg: NetworkConfig,
  findings: ReferenceFinding[],
  apiId?: string,
): void {
  const subject = `the resource policy in ${where}`;
  if (state === "unknown") {
    findings.push({
      kind: "unknown",
      message: `${subject} is not known during preview, so whether it restricts the network could not be checked; it is enforced on update`,
    });
  } else if (state === "invalid") {
    findings.push({ kind: "violation", message: `${subject} is malformed: ${document.error}` });
  } else if (state === "wrong_type") {
    findings.push({ kind: "error", message: `${subject} has an unexpected type: ${document.error}` });
  } else if (state === "parsed") {
    const doc = document.value ?? null;
    const problems = documentProblems(doc);
    if (problems !== undefined)
      findings.push({
        kind: "violation",
        message: `${subject} is malformed: ${boundedList(problems, "; ")}`,
      });
    else verdictFindings(where, statementsForApi(statementsOf(doc as JsonObject)!, apiId), cfg, findings);
  }
}

/** The findings of the network policy for one resource input {policy, config, resource}. */
export function networkFindings(input: Record<string, unknown>): ReferenceFinding[] {
  const resource = input.resource as {
    type: string;
    props: Record<string, unknown>;
    unknowns: string[];
    documents: Record<string, DocumentInput>;
  };
  const findings: ReferenceFinding[] = [];
  if (!policyCarryingTypes.has(resource.type)) return findings;
  const cfg = input.config as NetworkConfig;
  const { policy, body } = resource.documents;
  // A parsed document with an unknown value inside (an object property built from outputs) is unknown.
  if (policy !== undefined && policy.state !== "absent") {
    const state =
      policy.state === "parsed" && unknownWithin(resource.unknowns, "policy") ? "unknown" : policy.state;
    const restApiId = resource.props?.restApiId;
    const apiId =
      resource.type === "aws:apigateway/restApiPolicy:RestApiPolicy" && typeof restApiId === "string"
        ? restApiId
        : undefined;
    assess("the policy property", state, policy, cfg, findings, apiId);
  }
  if (body?.state === "unknown" || body?.state === "invalid" || body?.state === "wrong_type") {
    assess("the body property", body.state, body, cfg, findings);
  } else if (body?.state === "parsed" && isObject(body.value) && has(body.value, bodyPolicyKey)) {
    const path = `body.${bodyPolicyKey}`;
    const state = unknownWithin(resource.unknowns, path) ? "unknown" : "parsed";
    assess(`the body's ${bodyPolicyKey}`, state, { state, value: body.value[bodyPolicyKey] }, cfg, findings);
  }
  // A set in the Rego: sorted by kind, then message. No two findings are equal: each document gives at
  // most one of each kind, and every message names its document.
  return findings.length > 1
    ? findings.sort((a, b) => (a.kind !== b.kind ? byBytes(a.kind, b.kind) : byBytes(a.message, b.message)))
    : findings;
}
