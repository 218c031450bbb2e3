/**
 * apigateway-resource-policy-restricts-network written by hand in TypeScript, for the benchmarks only: the
 * yardstick the compiled Rego is compared with. It reads the same input (policies/input.ts builds it) and
 * returns the same findings as rego/apigateway/resource_policy_restricts_network.rego, in the order the
 * Rego decision lists them (a set: sorted by kind, then message).
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export interface ReferenceFinding {
  kind: "violation" | "unknown" | "error";
  message: string;
}

type Kind = "endpoint" | "vpc" | "ip";
type Family = "ipv4" | "ipv6";

const policyCarryingTypes = new Set([
  "aws:apigateway/restApi:RestApi",
  "aws-native:apigateway:RestApi",
  "aws:apigateway/restApiPolicy:RestApiPolicy",
]);
const executeApiActions = [
  "execute-api:Invoke",
  "execute-api:InvalidateCache",
  "execute-api:ManageConnections",
];
const invoke = "execute-api:Invoke";
const networkKeyKinds: Record<string, Kind> = {
  "aws:sourcevpce": "endpoint",
  "aws:sourcevpc": "vpc",
  "aws:vpcsourceip": "ip",
  "aws:sourceip": "ip",
};
const networkKeyNames = "aws:SourceVpce, aws:SourceVpc, aws:VpcSourceIp or aws:SourceIp";
const idPrefixes: Partial<Record<Kind, string>> = { endpoint: "vpce-", vpc: "vpc-" };
const kindNouns: Record<Kind, string> = { endpoint: "VPC endpoint", vpc: "VPC", ip: "address" };
const allowListKeys: Record<Kind, string> = {
  endpoint: "allowedVpcEndpointIds",
  vpc: "allowedVpcIds",
  ip: "allowedSourceCidrs",
};
const keyFamilies: Record<Kind, "string" | "ip"> = { endpoint: "string", vpc: "string", ip: "ip" };
const operatorNames: Record<string, { family: "string" | "ip"; negated: boolean }> = {};
for (const name of ["stringequals", "stringequalsignorecase", "stringlike", "arnequals", "arnlike"])
  operatorNames[name] = { family: "string", negated: false };
for (const name of [
  "stringnotequals",
  "stringnotequalsignorecase",
  "stringnotlike",
  "arnnotequals",
  "arnnotlike",
])
  operatorNames[name] = { family: "string", negated: true };
operatorNames.ipaddress = { family: "ip", negated: false };
operatorNames.notipaddress = { family: "ip", negated: true };
const maxPrefix: Record<Family, number> = { ipv4: 32, ipv6: 128 };
const defaultMinimumPrefix: Record<Family, number> = { ipv4: 8, ipv6: 32 };

// ---------------------------------------------------------------------------------------------------
// JSON shapes, as Rego's type_name, json.marshal and set ordering see them

const isObject = (x: unknown): x is JsonObject => typeof x === "object" && x !== null && !Array.isArray(x);
const isString = (x: unknown): x is string => typeof x === "string";
const has = (o: JsonObject, key: string) => Object.prototype.hasOwnProperty.call(o, key);

function typeName(x: Json): string {
  if (x === null) return "null";
  if (Array.isArray(x)) return "array";
  return typeof x === "object" ? "object" : typeof x;
}

/** json.marshal: object keys sorted. */
function marshal(x: Json): string {
  if (Array.isArray(x)) return `[${x.map(marshal).join(",")}]`;
  if (isObject(x)) {
    const members = Object.keys(x)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${marshal(x[key])}`);
    return `{${members.join(",")}}`;
  }
  return JSON.stringify(x);
}

const sortedUnique = (values: Iterable<string>) => [...new Set(values)].sort();
const stringValues = (x: Json | undefined): string[] =>
  isString(x) ? [x] : Array.isArray(x) ? x.filter(isString) : [];
const asList = (x: Json): Json[] => (Array.isArray(x) ? x : [x]);
const objectOrEmpty = (x: Json | undefined): JsonObject => (isObject(x) ? x : {});

// ---------------------------------------------------------------------------------------------------
// Malformed documents

function statements(doc: JsonObject): Json[] | undefined {
  if (isObject(doc.Statement)) return [doc.Statement];
  return Array.isArray(doc.Statement) ? doc.Statement : undefined;
}

function statementLabel(stmt: Json, index: number): string {
  return isObject(stmt) && isString(stmt.Sid)
    ? `statement ${marshal(stmt.Sid)} (index ${index})`
    : `statement ${index}`;
}

function documentProblems(doc: Json): string[] {
  if (!isObject(doc)) return [`the policy document is a JSON ${typeName(doc)}, not an object`];
  const problems: string[] = [];
  if (!has(doc, "Statement")) problems.push("the policy document has no Statement");
  else if (!isObject(doc.Statement) && !Array.isArray(doc.Statement))
    problems.push(`Statement must be an object or a list, not of type ${typeName(doc.Statement)}`);
  (statements(doc) ?? []).forEach((stmt, i) => {
    for (const problem of statementProblems(stmt)) problems.push(`${statementLabel(stmt, i)} ${problem}`);
  });
  return sortedUnique(problems);
}

function statementProblems(stmt: Json): string[] {
  if (!isObject(stmt)) return [`is of type ${typeName(stmt)}, not an object`];
  const problems: string[] = [];
  if (!has(stmt, "Effect")) problems.push("has no Effect");
  else if (stmt.Effect !== "Allow" && stmt.Effect !== "Deny")
    problems.push(`has Effect ${marshal(stmt.Effect)}; it must be "Allow" or "Deny"`);
  for (const [a, b] of [
    ["Action", "NotAction"],
    ["Resource", "NotResource"],
    ["Principal", "NotPrincipal"],
  ]) {
    if (has(stmt, a) && has(stmt, b)) problems.push(`has both ${a} and ${b}`);
    if (!has(stmt, a) && !has(stmt, b)) problems.push(`has neither ${a} nor ${b}`);
  }
  for (const key of ["Action", "NotAction", "Resource", "NotResource"]) {
    if (!has(stmt, key)) continue;
    for (const problem of stringListProblems(stmt[key])) problems.push(`${key} ${problem}`);
    if (key.endsWith("Action")) {
      for (const a of stringValues(stmt[key])) {
        if (!validActionPattern(a))
          problems.push(`has ${key} ${marshal(a)}, which is not a service:action pattern`);
      }
    }
  }
  problems.push(...conditionProblems(stmt));
  return problems;
}

function stringListProblems(x: Json): string[] {
  if (!isString(x) && !Array.isArray(x))
    return [`must be a string or a list of strings, not of type ${typeName(x)}`];
  if (!Array.isArray(x)) return [];
  if (x.length === 0) return ["is an empty list"];
  return x
    .filter((v) => !isString(v))
    .map((v) => `has an element of type ${typeName(v)}; elements must be strings`);
}

function validActionPattern(a: string): boolean {
  if (a === "*") return true;
  const parts = a.split(":");
  return (
    parts.length === 2 &&
    parts[0] !== "" &&
    parts[1] !== "" &&
    !["[", "]", "{", "}", "\\", " ", ","].some((c) => a.includes(c))
  );
}

function conditionProblems(stmt: JsonObject): string[] {
  const problems: string[] = [];
  if (has(stmt, "Condition") && !isObject(stmt.Condition))
    problems.push(`has a Condition of type ${typeName(stmt.Condition)}, not an object`);
  for (const [op, block] of Object.entries(objectOrEmpty(stmt.Condition))) {
    if (!isObject(block))
      problems.push(
        `has Condition operator ${op} mapped to a value of type ${typeName(block)}, not to an object of keys`,
      );
  }
  for (const e of conditionEntries(stmt)) {
    if (!networkKind(e)) continue;
    for (const v of e.values) {
      if (!isString(v))
        problems.push(
          `has a value of type ${typeName(v)} for ${e.key}; network condition values must be strings`,
        );
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------
// Actions, principals and resources

/** glob.match with the default "." delimiter: "*" and "?" do not cross a dot. Patterns compiled once. */
const globPatterns = new Map<string, RegExp>();

function globMatches(pattern: string, text: string): boolean {
  let compiled = globPatterns.get(pattern);
  if (!compiled) {
    const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&");
    compiled = new RegExp(`^${escaped.replace(/\*/g, "[^.]*").replace(/\?/g, "[^.]")}$`);
    globPatterns.set(pattern, compiled);
  }
  return compiled.test(text);
}

const anyActionMatches = (patterns: string[], action: string) =>
  patterns.some((p) => globMatches(p.toLowerCase(), action.toLowerCase()));

function grants(stmt: JsonObject, action: string): boolean {
  return (
    (has(stmt, "Action") && anyActionMatches(stringValues(stmt.Action), action)) ||
    (has(stmt, "NotAction") && !anyActionMatches(stringValues(stmt.NotAction), action))
  );
}

function appliesToAllPrincipals(stmt: JsonObject): boolean {
  if (stmt.Principal === "*") return true;
  return isObject(stmt.Principal) && has(stmt.Principal, "AWS") && asList(stmt.Principal.AWS).includes("*");
}

function everyMethodOr(path: string): string {
  const segments = path.split("/");
  return segments.length <= 3 && segments.every((s) => s === "*") ? "*" : path;
}

function resourcePath(r: string): string | undefined {
  if (r === "*") return "*";
  if (r.startsWith("execute-api:/")) return everyMethodOr(r.slice("execute-api:/".length));
  const parts = r.split(":");
  if (parts.length < 6 || parts[0].toLowerCase() !== "arn" || parts[2].toLowerCase() !== "execute-api")
    return undefined;
  const tail = parts.slice(5).join(":");
  const slash = tail.indexOf("/");
  if (slash >= 0) return everyMethodOr(tail.slice(slash + 1));
  return tail.endsWith("*") ? "*" : undefined;
}

function pathCovers(d: string | undefined, a: string | undefined): boolean {
  if (d === undefined || a === undefined) return false;
  if (d === "*" || d === a) return true;
  if (!d.endsWith("*")) return false;
  const prefix = d.slice(0, -1);
  return !prefix.includes("*") && !prefix.includes("?") && a.startsWith(prefix);
}

function coversResources(deny: JsonObject, allow: JsonObject): boolean {
  if (has(deny, "Resource") && has(allow, "Resource")) {
    const denied = stringValues(deny.Resource).map(resourcePath);
    if (stringValues(allow.Resource).every((a) => denied.some((d) => pathCovers(d, resourcePath(a)))))
      return true;
  }
  if (!has(allow, "NotResource")) return false;
  if (stringValues(deny.Resource ?? []).some((d) => resourcePath(d) === "*")) return true;
  const allowExcluded = stringValues(allow.NotResource);
  return has(deny, "NotResource") && stringValues(deny.NotResource).every((n) => allowExcluded.includes(n));
}

const coversActions = (deny: JsonObject, allow: JsonObject) =>
  executeApiActions.every((a) => !grants(allow, a) || grants(deny, a));

// ---------------------------------------------------------------------------------------------------
// Conditions

interface ConditionEntry {
  operator: string;
  key: string;
  values: Json[];
}

function conditionEntries(stmt: JsonObject): ConditionEntry[] {
  const entries: ConditionEntry[] = [];
  for (const [operator, block] of Object.entries(objectOrEmpty(stmt.Condition))) {
    for (const [key, raw] of Object.entries(objectOrEmpty(block)))
      entries.push({ operator, key, values: asList(raw) });
  }
  return entries;
}

const networkKind = (e: ConditionEntry): Kind | undefined => networkKeyKinds[e.key.toLowerCase()];

function operatorInfo(op: string) {
  let name = op.toLowerCase();
  for (const prefix of ["foranyvalue:", "forallvalues:"])
    if (name.startsWith(prefix)) name = name.slice(prefix.length);
  if (name.endsWith("ifexists")) name = name.slice(0, -"ifexists".length);
  return operatorNames[name];
}

function entryProblems(e: ConditionEntry, cfg: JsonObject, negated: boolean): string[] {
  const describe = `${e.operator} ${e.key}`;
  const kind = networkKind(e);
  if (!kind) return [`${describe} is not a network condition`];
  const problems: string[] = [];
  const info = operatorInfo(e.operator);
  if (!info) problems.push(`${describe} does not use a String, Arn or IpAddress operator`);
  else {
    if (info.negated !== negated)
      problems.push(
        `${describe} ${negated ? "is a positive condition, which in a Deny denies only the listed network" : "is a negated condition, which in an Allow allows every other network"}`,
      );
    if (info.family !== keyFamilies[kind])
      problems.push(`${describe} compares ${kindNouns[kind]} values with a ${info.family} operator`);
  }
  if (e.values.length === 0) problems.push(`${describe} lists no values`);
  for (const v of e.values) for (const p of valueProblems(kind, v, cfg)) problems.push(`${describe}: ${p}`);
  return sortedUnique(problems);
}

const entryRestricts = (e: ConditionEntry, cfg: JsonObject, negated: boolean) =>
  entryProblems(e, cfg, negated).length === 0;

const allowList = (kind: Kind, cfg: JsonObject): string[] => {
  const listed = cfg[allowListKeys[kind]] ?? [];
  return Array.isArray(listed) ? listed.filter(isString) : [];
};

function valueProblems(kind: Kind, v: Json, cfg: JsonObject): string[] {
  if (!isString(v)) return [`${marshal(v)} is not a string`];
  const quoted = marshal(v);
  const problems: string[] = [];
  const idPrefix = idPrefixes[kind];
  if (idPrefix !== undefined) {
    if (matchesEveryId(v, idPrefix)) problems.push(`${quoted} matches every ${kindNouns[kind]}`);
    const allowed = allowList(kind, cfg);
    if (allowed.length > 0 && !allowed.some((a) => a.toLowerCase() === v.toLowerCase()))
      problems.push(`${quoted} is not in ${allowListKeys[kind]}`);
  }
  if (kind !== "ip") return problems;
  if (!validCidr(v)) return [...problems, `${quoted} is not an IP address or CIDR block`];
  const prefix = cidrPrefix(v);
  const family = ipFamily(v);
  if (prefix === 0) problems.push(`${quoted} matches every address`);
  const minimum = minimumPrefix(cfg, family);
  if (prefix > 0 && prefix < minimum)
    problems.push(`${quoted} is broader than /${minimum} (minimumCidrPrefix.${family})`);
  const listed = allowList("ip", cfg);
  if (listed.length > 0 && !listed.filter(validCidr).some((c) => cidrWithin(v, c)))
    problems.push(`${quoted} is not within allowedSourceCidrs`);
  return problems;
}

/** A prefix of the id prefix followed only by wildcards, at least one "*", matches every id. */
function matchesEveryId(v: string, idPrefix: string): boolean {
  const lv = v.toLowerCase();
  for (let n = 0; n <= idPrefix.length && n <= lv.length; n++) {
    const rest = lv.slice(n);
    if (idPrefix.startsWith(lv.slice(0, n)) && rest.includes("*") && /^[*?]*$/.test(rest)) return true;
  }
  return false;
}

function minimumPrefix(cfg: JsonObject, family: Family): number {
  const configured = objectOrEmpty(cfg.minimumCidrPrefix)[family];
  return typeof configured === "number" ? configured : defaultMinimumPrefix[family];
}

const ipFamily = (v: string): Family => (v.includes(":") ? "ipv6" : "ipv4");
const digits = (s: string) => /^[0-9]+$/.test(s);

function validCidr(v: string): boolean {
  const parts = v.split("/");
  if (parts.length > 2 || !validIp(parts[0])) return false;
  if (parts.length === 1) return true;
  return digits(parts[1]) && parts[1].length <= 3 && Number(parts[1]) <= maxPrefix[ipFamily(v)];
}

function validIp(ip: string): boolean {
  if (!ip.includes(":")) {
    const octets = ip.split(".");
    return octets.length === 4 && octets.every((o) => digits(o) && o.length <= 3 && Number(o) <= 255);
  }
  const groups = ip.split(":").length;
  return /^[0-9a-f:.]*$/.test(ip.toLowerCase()) && groups >= 3 && groups <= 9;
}

const cidrPrefix = (v: string) => (v.includes("/") ? Number(v.split("/")[1]) : maxPrefix[ipFamily(v)]);

/** The address as a number (IPv6 with "::" and an embedded IPv4 tail), undefined when it does not parse. */
function addressValue(ip: string): bigint | undefined {
  if (!ip.includes(":")) return ip.split(".").reduce((n, o) => (n << 8n) | BigInt(Number(o)), 0n);
  let text = ip.toLowerCase();
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const n = addressValue(v4[1])!;
    text = `${text.slice(0, -v4[1].length)}${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
  }
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(":") : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(":") : [];
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 1 && missing !== 0) || missing < 0) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...tail];
  if (groups.some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return undefined;
  return groups.reduce((n, g) => (n << 16n) | BigInt(parseInt(g, 16)), 0n);
}

/** net.cidr_contains(c, v) for two addresses or CIDRs of the same family. */
function cidrWithin(v: string, c: string): boolean {
  const family = ipFamily(v);
  if (ipFamily(c) !== family) return false;
  const bits = BigInt(maxPrefix[family]);
  const outer = BigInt(cidrPrefix(c));
  const inner = BigInt(cidrPrefix(v));
  const outerAddress = addressValue(c.split("/")[0]);
  const innerAddress = addressValue(v.split("/")[0]);
  if (outerAddress === undefined || innerAddress === undefined || inner < outer) return false;
  const shift = bits - outer;
  return outerAddress >> shift === innerAddress >> shift;
}

// ---------------------------------------------------------------------------------------------------
// Open statements

function networkDeny(stmt: JsonObject, cfg: JsonObject): boolean {
  return (
    stmt.Effect === "Deny" &&
    appliesToAllPrincipals(stmt) &&
    conditionEntries(stmt).every((e) => entryRestricts(e, cfg, true))
  );
}

function denyProblems(deny: JsonObject, allow: JsonObject, cfg: JsonObject): string[] {
  const entries = conditionEntries(deny);
  if (!entries.some(networkKind)) return [];
  const problems: string[] = [];
  if (!appliesToAllPrincipals(deny)) problems.push("does not apply to all principals");
  for (const e of entries) for (const p of entryProblems(e, cfg, true)) problems.push(`does not count: ${p}`);
  if (networkDeny(deny, cfg)) {
    if (!coversActions(deny, allow)) problems.push("does not deny every execute-api action the Allow grants");
    if (!coversResources(deny, allow)) problems.push("does not cover every resource the Allow names");
  }
  return sortedUnique(problems);
}

function suggestedCondition(cfg: JsonObject): Json {
  if (allowList("endpoint", cfg).length > 0)
    return { StringNotEquals: { "aws:SourceVpce": allowList("endpoint", cfg) } };
  if (allowList("vpc", cfg).length > 0)
    return { StringNotEquals: { "aws:SourceVpc": allowList("vpc", cfg) } };
  if (allowList("ip", cfg).length > 0) return { NotIpAddress: { "aws:VpcSourceIp": allowList("ip", cfg) } };
  return { StringNotEquals: { "aws:SourceVpce": "vpce-xxxxxxxxxxxxxxxxx" } };
}

function suggestedDeny(stmt: JsonObject, cfg: JsonObject): Json {
  const actions = executeApiActions.filter((a) => grants(stmt, a));
  return {
    Effect: "Deny",
    Principal: "*",
    Action:
      actions.length === 1
        ? actions[0]
        : actions.length === executeApiActions.length
          ? "execute-api:*"
          : actions,
    Resource: stmt.Resource ?? "execute-api:/*",
    Condition: suggestedCondition(cfg),
  };
}

function openStatementMessages(where: string, doc: JsonObject, cfg: JsonObject): string[] {
  const stmts = (statements(doc) ?? []) as JsonObject[];
  const messages: string[] = [];
  stmts.forEach((stmt, i) => {
    if (stmt.Effect !== "Allow" || !grants(stmt, invoke)) return;
    const entries = conditionEntries(stmt).filter(networkKind);
    if (entries.some((e) => entryRestricts(e, cfg, false))) return;
    if (stmts.some((d) => networkDeny(d, cfg) && coversActions(d, stmt) && coversResources(d, stmt))) return;
    const reasons = [
      ...entries.flatMap((e) => entryProblems(e, cfg, false)),
      ...stmts.flatMap((d, j) =>
        d.Effect === "Deny" ? denyProblems(d, stmt, cfg).map((p) => `Deny ${statementLabel(d, j)} ${p}`) : [],
      ),
    ].sort();
    messages.push(
      `the resource policy in ${where}: ${statementLabel(stmt, i)} allows execute-api:Invoke from any network. ` +
        `It has no restricting network condition (${networkKeyNames}) and no Deny for all principals with only ` +
        `negated network conditions covers it${reasons.length > 0 ? ` (${reasons.join("; ")})` : ""}` +
        `. Add this statement to the policy: ${marshal(suggestedDeny(stmt, cfg))}`,
    );
  });
  return messages;
}

// ---------------------------------------------------------------------------------------------------
// Documents of a resource and the decision

interface DocumentEntry {
  where: string;
  state: string;
  value?: Json;
  error?: string;
}

function unknownWithin(unknowns: string[], path: string): boolean {
  return unknowns.some((u) => u === path || u.startsWith(`${path}.`) || path.startsWith(`${u}.`));
}

function documentEntries(resource: JsonObject): DocumentEntry[] {
  const documents = objectOrEmpty(resource.documents);
  const unknowns = stringValues(resource.unknowns);
  const entries: DocumentEntry[] = [];
  const parsedOrUnknown = (entry: DocumentEntry, path: string): DocumentEntry =>
    entry.state === "parsed" && unknownWithin(unknowns, path) ? { ...entry, state: "unknown" } : entry;
  const policy = objectOrEmpty(documents.policy);
  if (isString(policy.state) && policy.state !== "absent") {
    entries.push(
      parsedOrUnknown({ ...(policy as object), where: "the policy property" } as DocumentEntry, "policy"),
    );
  }
  const body = objectOrEmpty(documents.body);
  if (body.state === "unknown" || body.state === "invalid" || body.state === "wrong_type") {
    entries.push({ ...(body as object), where: "the body property" } as DocumentEntry);
  }
  const bodyKey = "x-amazon-apigateway-policy";
  if (body.state === "parsed" && isObject(body.value) && has(body.value, bodyKey)) {
    const where = `the body's ${bodyKey}`;
    entries.push(parsedOrUnknown({ where, state: "parsed", value: body.value[bodyKey] }, `body.${bodyKey}`));
  }
  return entries;
}

function assess(entry: DocumentEntry, cfg: JsonObject): ReferenceFinding[] {
  const where = `the resource policy in ${entry.where}`;
  switch (entry.state) {
    case "unknown":
      return [
        {
          kind: "unknown",
          message: `${where} is not known during preview, so whether it restricts the network could not be checked; it is enforced on update`,
        },
      ];
    case "invalid":
      return [{ kind: "violation", message: `${where} is malformed: ${entry.error}` }];
    case "wrong_type":
      return [{ kind: "error", message: `${where} has an unexpected type: ${entry.error}` }];
    case "parsed": {
      const problems = documentProblems(entry.value ?? null);
      if (problems.length > 0)
        return problems.map((p) => ({ kind: "violation", message: `${where} is malformed: ${p}` }));
      return openStatementMessages(entry.where, entry.value as JsonObject, cfg).map((message) => ({
        kind: "violation",
        message,
      }));
    }
    default:
      return [];
  }
}

/** The findings of the network policy for one resource input {policy, config, resource}. */
export function networkFindings(input: Record<string, unknown>): ReferenceFinding[] {
  const resource = objectOrEmpty(input.resource as Json);
  if (!isString(resource.type) || !policyCarryingTypes.has(resource.type)) return [];
  const cfg = objectOrEmpty(input.config as Json);
  const unique = new Map<string, ReferenceFinding>();
  for (const entry of documentEntries(resource)) {
    for (const finding of assess(entry, cfg)) unique.set(`${finding.kind}\0${finding.message}`, finding);
  }
  return [...unique.values()].sort((a, b) =>
    a.kind !== b.kind
      ? a.kind < b.kind
        ? -1
        : 1
      : a.message < b.message
        ? -1
        : a.message > b.message
          ? 1
          : 0,
  );
}
