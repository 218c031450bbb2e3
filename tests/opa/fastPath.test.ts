/**
 * The pack's shortcut, iam.evidently_restricting, against its full judgement, on generated documents: random
 * resource policies (tests/iam/documents.ts, the IAM differential's) and adversarial ones
 * (tests/iam/adversarialDocuments.ts), for several configurations and kinds of caller.
 *
 * The shortcut is "sufficient, not necessary": when it fires, documents.assess answers "restricting" with no
 * findings and the full judgement never runs. So wherever it fires, the full judgement
 * (documents.parsed_assessment: document_problems, then network_verdict) must also say "restricting" — an
 * "open" or "malformed" there is a hole in a security gate — and must have nothing to report (an advisory
 * the shortcut hides). Both sides are evaluated by the real OPA, in one `opa eval` over all cases (so this file
 * is in the tier that needs the Go-built tools: npm run test:opa).
 *
 * The compiled pack (the project's Rego→Wasm compiler, built here from rego/) must agree, so that the module
 * that ships behaves the same: its network rule blocks a document exactly when OPA's full judgement does not
 * call it restricting for unauthenticated callers, and reports nothing where the shortcut fires.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import fc from "fast-check";
import { createEngine, entrypoint, type Finding } from "../../policies/engine";
import { resourceInput } from "../../policies/input";
import { propertySeed } from "../properties/settings";
import { adversarialPolicies, everyNetworkEntry } from "../iam/adversarialDocuments";
import { resourcePolicies } from "../iam/documents";
import { apiId } from "../iam/simulator";

const projectDir = path.join(__dirname, "..", "..");
const opa = path.join(projectDir, ".tools", "bin", "opa");
const randomCount = 500;
const adversarialCount = 1500;

/** The configurations a document is judged under: the defaults, allow-lists, and the widest settings allowed. */
const configs = [
  {
    allowedVpcEndpointIds: [],
    allowedVpcIds: [],
    allowedSourceCidrs: [],
    minimumCidrPrefix: { ipv4: 8, ipv6: 32 },
  },
  {
    allowedVpcEndpointIds: ["vpce-0a1b2c3d4e5f67890", "vpce-11112222"],
    allowedVpcIds: ["vpc-1a2b3c4d"],
    allowedSourceCidrs: ["10.0.0.0/8", "2001:db8::/32"],
    minimumCidrPrefix: { ipv4: 16, ipv6: 48 },
  },
  {
    allowedVpcEndpointIds: ["VPCE-0A1B2C3D4E5F67890"],
    allowedVpcIds: [],
    allowedSourceCidrs: ["::ffff:0.0.0.0/96"],
    minimumCidrPrefix: { ipv4: 0, ipv6: 0 },
  },
];

/**
 * Kinds of caller as the policies pass them (iam.caller_kinds): the rules treat "identity" and "authorizer"
 * alike (callers that need no Allow), so one of them stands for both.
 */
const kindSets = [["anonymous"], ["identity"], ["anonymous", "identity", "authorizer"]];

/** Documents the shortcut exists for: it must recognise them, or it protects nothing and speeds nothing. */
const guideDeny = {
  Effect: "Deny",
  Principal: "*",
  Action: "execute-api:Invoke",
  Resource: "execute-api:/*",
  Condition: { StringNotEquals: { "aws:SourceVpce": ["vpce-0a1b2c3d4e5f67890", "vpce-11112222"] } },
};
const guideAllow = {
  Effect: "Allow",
  Principal: "*",
  Action: "execute-api:Invoke",
  Resource: "execute-api:/*",
};
const usualDocuments = [
  {
    name: "the AWS guide's Deny and Allow",
    document: { Version: "2012-10-17", Statement: [guideDeny, guideAllow] },
  },
  {
    name: "the control's Deny by VPC source address",
    document: {
      Statement: [
        guideAllow,
        { ...guideDeny, Condition: { NotIpAddress: { "aws:VpcSourceIp": ["10.0.0.0/16"] } } },
      ],
    },
  },
  {
    name: "an Allow only from listed endpoints beside the guide's Deny",
    document: {
      Statement: [
        guideDeny,
        { ...guideAllow, Condition: { StringEquals: { "aws:SourceVpce": "vpce-0a1b2c3d4e5f67890" } } },
      ],
    },
  },
];

/** A Deny for everyone on every method unless from a listed endpoint, with one element changed. */
const guideDenyWith = (change: object) => ({
  Version: "2012-10-17",
  Statement: [{ ...guideDeny, ...change }, guideAllow],
});

/**
 * Documents one change away from the guide's that the full judgement does not call restricting for some
 * kind of caller (the test checks it does not, under the default configuration): the shortcut must not fire.
 */
const nearMisses = [
  {
    name: "a Deny whose StringNotLike matches every endpoint, so never holds",
    document: guideDenyWith({ Condition: { StringNotLike: { "aws:SourceVpce": "vpce-*" } } }),
  },
  {
    name: "a Deny for one account only",
    document: guideDenyWith({ Principal: { AWS: "arn:aws:iam::111122223333:root" } }),
  },
  { name: 'a Deny for "aws": "*" (the key is AWS)', document: guideDenyWith({ Principal: { aws: "*" } }) },
  { name: "a Deny on one stage only", document: guideDenyWith({ Resource: "execute-api:/prod/*" }) },
  {
    name: "a Deny on no method",
    document: guideDenyWith({ Resource: undefined, NotResource: "execute-api:/*" }),
  },
  {
    name: "a Deny from every IPv4 address but no IPv6 one",
    document: guideDenyWith({ Condition: { NotIpAddress: { "aws:VpcSourceIp": "0.0.0.0/0" } } }),
  },
  {
    name: "a Deny that also needs another key",
    document: guideDenyWith({
      Condition: {
        StringNotEquals: { "aws:SourceVpce": "vpce-0a1b2c3d4e5f67890", "aws:PrincipalOrgID": "o-a1b2c3d4e5" },
      },
    }),
  },
  { name: "a Deny of another action", document: guideDenyWith({ Action: "execute-api:InvalidateCache" }) },
  {
    name: "a Deny of every action but Invoke",
    document: guideDenyWith({ Action: undefined, NotAction: "execute-api:Invoke" }),
  },
  {
    name: "a Deny on aws:SourceIp, which no request through an endpoint carries",
    document: guideDenyWith({ Condition: { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } } }),
  },
  { name: "a Deny spelled deny", document: guideDenyWith({ Effect: "deny" }) },
];

/**
 * cases: for each (document, configuration, kinds of caller), whether the shortcut fires, how many problems
 * the document has (the full path reports a malformed document and judges nothing else), and the full
 * verdict's status and number of dead statements (each one an advisory) when it has none. Statuses are those
 * documents.assess reports, from documents.restriction_status; the sentences are not built.
 *
 * entries: for each well-formed network condition entry and configuration the shortcut judges
 * (quick_outcome is not "unknown"), its outcome and judge_entry's outcomes (one, if the rules are right).
 */
const query = `{"cases": [[d, c, k, fast, problems, judged] |
  some d, doc in input.documents
  some c, cfg in input.configs
  some k, listed in input.kindSets
  kinds := {kind | some kind in listed}
  fast := count([1 | data.private_api_guard.lib.iam.evidently_restricting(doc, cfg, kinds)]) > 0
  problems := count(data.private_api_guard.lib.iam.document_problems(doc))
  judged := [[data.private_api_guard.lib.documents.restriction_status(verdict), count(verdict.dead)] |
    problems == 0
    verdict := data.private_api_guard.lib.iam.network_verdict(doc, cfg, kinds)
  ]
], "entries": [[i, c, quick, full] |
  some i, e in input.entries
  some c, cfg in input.configs
  data.private_api_guard.lib.iam.well_formed_condition({"Condition": {e.operator: {e.key: e.raw}}})
  quick := data.private_api_guard.lib.iam.quick_outcome(e.operator, e.key, e.raw, cfg)
  quick != "unknown"
  entry := {"operator": e.operator, "key": e.key, "values": data.private_api_guard.lib.iam.as_list(e.raw)}
  full := [judged.outcome | judged := data.private_api_guard.lib.iam.judge_entry(entry, cfg)]
]}`;

type OpaCase = [number, number, number, boolean, number, [string, number][]];

/** One (document, configuration, kinds) as OPA judged it. */
interface Judged {
  document: number;
  config: number;
  kinds: number;
  fast: boolean;
  /** "malformed", "open" or "restricting"; "undefined" if the full path gives no verdict. */
  status: string;
  /** Findings the full path reports beside the status: advisories for dead statements. */
  dead: number;
}

function judged([document, config, kinds, fast, problems, verdicts]: OpaCase): Judged {
  if (problems > 0) return { document, config, kinds, fast, status: "malformed", dead: 0 };
  const [status, dead] = verdicts[0] ?? ["undefined", 0];
  return { document, config, kinds, fast, status, dead };
}

/** An entry the shortcut judged: its index in the input, the configuration's, and both outcomes. */
type JudgedEntry = [entry: number, config: number, quick: string, full: string[]];

function runOpa(input: object, workDir: string): { cases: Judged[]; entries: JudgedEntry[] } {
  const inputPath = path.join(workDir, "input.json");
  writeFileSync(inputPath, JSON.stringify(input));
  const run = spawnSync(opa, ["eval", "-f", "json", "-d", "rego", "-i", inputPath, query], {
    cwd: projectDir,
    encoding: "utf8",
    maxBuffer: 1 << 30,
  });
  if (run.status !== 0) {
    throw new Error(`opa eval failed (${run.status}): ${run.stderr}${run.stdout.slice(0, 2000)}`);
  }
  const answers = JSON.parse(run.stdout).result[0].expressions[0].value as {
    cases: OpaCase[];
    entries: JudgedEntry[];
  };
  return { cases: answers.cases.map(judged), entries: answers.entries };
}

function buildPack(workDir: string): Uint8Array {
  const modulePath = path.join(workDir, "policy.wasm");
  const run = spawnSync(
    process.execPath,
    [require.resolve("tsx/cli"), "compiler/cli.ts", "build", "-e", entrypoint, "-o", modulePath, "rego"],
    { cwd: projectDir, encoding: "utf8" },
  );
  if (run.status !== 0) throw new Error(`building the pack failed: ${run.stderr}`);
  return readFileSync(modulePath);
}

/** The network rule's decision on a RestApi carrying the document; it judges for unauthenticated callers. */
function networkRuleInput(document: unknown, config: object): Record<string, unknown> {
  const resource = resourceInput({
    type: "aws:apigateway/restApi:RestApi",
    urn: "urn:pulumi:dev::p::aws:apigateway/restApi:RestApi::api",
    name: "api",
    props: { endpointConfiguration: { types: "PRIVATE" }, policy: JSON.stringify(document), id: apiId },
  });
  return { policy: "apigateway-resource-policy-restricts-network", config, resource };
}

const blocks = (findings: Finding[]) => findings.some((f) => f.kind === "violation" || f.kind === "error");

describe("iam.evidently_restricting never calls restricting what the full judgement calls open", () => {
  const documents = [
    ...usualDocuments.map((u) => u.document),
    ...nearMisses.map((n) => n.document),
    ...fc.sample(resourcePolicies, { seed: propertySeed, numRuns: randomCount }),
    ...fc.sample(adversarialPolicies, { seed: propertySeed, numRuns: adversarialCount }),
  ];
  const nearMissesStart = usualDocuments.length;
  const adversarialStart = nearMissesStart + nearMisses.length + randomCount;
  const anonymousOnly = kindSets.findIndex((kinds) => kinds.length === 1 && kinds[0] === "anonymous");
  const entries = everyNetworkEntry();
  let cases: Judged[];
  let judgedEntries: JudgedEntry[];
  /** The compiled pack's network-rule findings, by configuration then document. */
  let compiled: Finding[][][];

  const shown = (list: Judged[]) =>
    list.slice(0, 5).map((c) => ({
      ...c,
      document: documents[c.document],
      config: configs[c.config],
      kinds: kindSets[c.kinds],
    }));

  beforeAll(() => {
    const workDir = mkdtempSync(path.join(tmpdir(), "fast-path-"));
    try {
      ({ cases, entries: judgedEntries } = runOpa({ documents, configs, kindSets, entries }, workDir));
      const engine = createEngine({ loadModule: () => buildPack(workDir) });
      compiled = configs.map((config) =>
        documents.map((document) => engine.decide(networkRuleInput(document, config))),
      );
    } finally {
      rmSync(workDir, { recursive: true, force: true });
    }
    const fired = cases.filter((c) => c.fast).length;
    const quiet = cases.filter((c) => c.status === "restricting" && c.dead === 0).length;
    console.log(
      `seed ${propertySeed}: ${documents.length} documents (${usualDocuments.length} usual, ${nearMisses.length} near misses, ` +
        `${randomCount} random, ${adversarialCount} adversarial) x ${configs.length} configurations x ${kindSets.length} sets of ` +
        `callers = ${cases.length} cases; restricting with nothing to report ${quiet}, of which the shortcut ` +
        `recognised ${fired} (${((100 * fired) / quiet).toFixed(1)}%); ${entries.length} condition entries x ` +
        `${configs.length} configurations, ${judgedEntries.length} of them judged by the shortcut`,
    );
  }, 600_000);

  test("OPA judged every case", () => {
    expect(cases).toHaveLength(documents.length * configs.length * kindSets.length);
    expect(cases.filter((c) => c.status === "undefined")).toEqual([]);
  });

  test("wherever the shortcut fires, the full judgement says restricting", () => {
    expect(shown(cases.filter((c) => c.fast && c.status !== "restricting"))).toEqual([]);
  });

  test("wherever the shortcut fires, the full judgement has nothing to report", () => {
    expect(shown(cases.filter((c) => c.fast && c.dead > 0))).toEqual([]);
  });

  test("every condition entry the shortcut judges, it judges as judge_entry does", () => {
    const differing = judgedEntries
      .filter(([, , quick, full]) => full.length !== 1 || full[0] !== quick)
      .map(([entry, config, quick, full]) => ({ ...entries[entry], config: configs[config], quick, full }));
    expect(differing.slice(0, 5)).toEqual([]);
    expect(judgedEntries.length).toBeGreaterThan(1000);
  });

  test("the shortcut fires on adversarial documents too, so they test it", () => {
    expect(cases.filter((c) => c.fast && c.document >= adversarialStart).length).toBeGreaterThan(100);
  });

  test.each(usualDocuments.map((u, i) => [u.name, i] as const))(
    "the shortcut recognises %s under the default configuration for every set of callers",
    (_, index) => {
      const fired = cases.filter((c) => c.document === index && c.config === 0 && c.fast);
      expect(fired).toHaveLength(kindSets.length);
    },
  );

  test.each(nearMisses.map((n, i) => [n.name, nearMissesStart + i] as const))(
    "%s: not restricting for some kind of caller, and the shortcut does not say it is",
    (_, index) => {
      const judgedHere = cases.filter((c) => c.document === index && c.config === 0);
      expect(judgedHere.some((c) => c.status !== "restricting")).toBe(true);
      expect(judgedHere.filter((c) => c.fast && c.status !== "restricting")).toEqual([]);
    },
  );

  test("the compiled network rule blocks exactly the documents OPA's full judgement does not call restricting", () => {
    const differing = cases
      .filter((c) => c.kinds === anonymousOnly)
      .filter((c) => blocks(compiled[c.config][c.document]) !== (c.status !== "restricting"));
    expect(shown(differing)).toEqual([]);
  });

  test("the compiled network rule reports nothing wherever the shortcut fires", () => {
    const reported = cases
      .filter((c) => c.kinds === anonymousOnly && c.fast)
      .filter((c) => compiled[c.config][c.document].length > 0);
    expect(shown(reported)).toEqual([]);
  });
});
