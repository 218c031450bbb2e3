/**
 * The pack's shortcut, iam.evidently_restricting, against its full judgement, on generated documents: random
 * resource policies (tests/iam/documents.ts, the IAM differential's) and adversarial ones
 * (tests/iam/adversarialDocuments.ts), for several configurations and kinds of caller.
 *
 * The shortcut is "sufficient, not necessary": when it fires, documents.assess answers "restricting" with no
 * findings and the full judgement never runs. So wherever it fires, the full judgement
 * (documents.parsed_assessment: document_problems, then network_verdict) must also say "restricting" — an
 * "open" or "malformed" there is a hole in a security gate — and must have nothing to report (an advisory
 * the shortcut hides). Both sides are evaluated by the real OPA, in one `opa eval` over all cases.
 *
 * The compiled pack (the project's Rego→Wasm compiler, built here from rego/) must decide every document as
 * OPA does, so the shortcut behaves the same in the module that ships.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { createEngine, entrypoint, type Finding } from "../../policies/engine";
import { resourceInput } from "../../policies/input";
import { propertySeed } from "../properties/settings";
import { adversarialPolicies } from "./adversarialDocuments";
import { resourcePolicies } from "./documents";
import { apiId } from "./simulator";

const projectDir = path.join(__dirname, "..", "..");
const opa = path.join(projectDir, ".tools", "bin", "opa");
const randomCount = 1000;
const adversarialCount = 2500;

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

/** Kinds of caller as the policies pass them (iam.caller_kinds); identity and authorizer alone and together. */
const kindSets = [["anonymous"], ["identity"], ["authorizer"], ["anonymous", "identity", "authorizer"]];

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

/**
 * For each (document, configuration, kinds): whether the shortcut fires, and the full judgement's status and
 * number of findings ([] when it is undefined). Then the compiled pack's decisions, as OPA makes them.
 */
const query = `{
  "cases": [[d, c, k, fast, full] |
    some d, doc in input.documents
    some c, cfg in input.configs
    some k, listed in input.kindSets
    kinds := {kind | some kind in listed}
    fast := count([1 | data.private_api_guard.lib.iam.evidently_restricting(doc, cfg, kinds)]) > 0
    full := [[a.status, count(a.findings)] |
      a := data.private_api_guard.lib.documents.parsed_assessment(
        {"state": "parsed", "value": doc, "where": "the document"},
        data.private_api_guard.lib.iam.document_problems(doc), cfg, kinds)]
  ],
  "decisions": [decision |
    some one in input.decisions
    decision := data.private_api_guard.decision with input as one
  ]
}`;

type Case = [document: number, config: number, kinds: number, fast: boolean, full: [string, number][]];

interface OpaAnswers {
  cases: Case[];
  decisions: { findings: Finding[] }[];
}

/** The pack's two decisions on a RestApi carrying the document: the network rule, and the stack rule without Methods. */
function decisionInputs(document: unknown, config: object): Record<string, unknown>[] {
  const resource = resourceInput({
    type: "aws:apigateway/restApi:RestApi",
    urn: "urn:pulumi:dev::p::aws:apigateway/restApi:RestApi::api",
    name: "api",
    props: { endpointConfiguration: { types: "PRIVATE" }, policy: JSON.stringify(document), id: apiId },
  });
  return [
    { policy: "apigateway-resource-policy-restricts-network", config, resource },
    { policy: "apigateway-private-api-has-resource-policy", config, resources: [resource] },
  ];
}

function runOpa(input: object, workDir: string): OpaAnswers {
  const inputPath = path.join(workDir, "input.json");
  writeFileSync(inputPath, JSON.stringify(input));
  const run = spawnSync(opa, ["eval", "-f", "json", "-d", "rego", "-i", inputPath, query], {
    cwd: projectDir,
    encoding: "utf8",
    maxBuffer: 1 << 30,
  });
  if (run.status !== 0)
    throw new Error(`opa eval failed (${run.status}): ${run.stderr}${run.stdout.slice(0, 2000)}`);
  return JSON.parse(run.stdout).result[0].expressions[0].value as OpaAnswers;
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

const describeCase = (documents: unknown[], [d, c, k, fast, full]: Case) =>
  JSON.stringify({ document: documents[d], config: configs[c], kinds: kindSets[k], fast, full });

describe("iam.evidently_restricting never calls restricting what the full judgement calls open", () => {
  const documents = [
    ...usualDocuments.map((u) => u.document),
    ...fc.sample(resourcePolicies, { seed: propertySeed, numRuns: randomCount }),
    ...fc.sample(adversarialPolicies, { seed: propertySeed, numRuns: adversarialCount }),
  ];
  const decisionInputList = documents.flatMap((document) =>
    configs.flatMap((config) => decisionInputs(document, config)),
  );
  let answers: OpaAnswers;
  let compiledDecisions: Finding[][];

  beforeAll(() => {
    const workDir = mkdtempSync(path.join(tmpdir(), "fast-path-"));
    try {
      answers = runOpa({ documents, configs, kindSets, decisions: decisionInputList }, workDir);
      const engine = createEngine({ loadModule: () => buildPack(workDir) });
      compiledDecisions = decisionInputList.map((input) => engine.decide(input));
    } finally {
      rmSync(workDir, { recursive: true, force: true });
    }
    const fired = answers.cases.filter((c) => c[3]);
    const quiet = answers.cases.filter(
      ([, , , fast, full]) => !fast && full[0]?.[0] === "restricting" && full[0][1] === 0,
    );
    console.log(
      `seed ${propertySeed}: ${documents.length} documents (${usualDocuments.length} usual, ${randomCount} random, ` +
        `${adversarialCount} adversarial) x ${configs.length} configurations x ${kindSets.length} kinds of caller = ` +
        `${answers.cases.length} cases; the shortcut fired on ${fired.length}, the full judgement alone found ` +
        `${quiet.length} more restricting with nothing to report`,
    );
  }, 600_000);

  test("OPA judged every case", () => {
    expect(answers.cases).toHaveLength(documents.length * configs.length * kindSets.length);
  });

  test("wherever the shortcut fires, the full judgement says restricting", () => {
    const holes = answers.cases.filter(([, , , fast, full]) => fast && full[0]?.[0] !== "restricting");
    expect(holes.slice(0, 5).map((c) => describeCase(documents, c))).toEqual([]);
  });

  test("wherever the shortcut fires, the full judgement has nothing to report", () => {
    const hidden = answers.cases.filter(([, , , fast, full]) => fast && full[0]?.[1] !== 0);
    expect(hidden.slice(0, 5).map((c) => describeCase(documents, c))).toEqual([]);
  });

  test("the shortcut fires on adversarial documents too, so they test it", () => {
    const adversarialStart = usualDocuments.length + randomCount;
    expect(answers.cases.filter(([d, , , fast]) => fast && d >= adversarialStart).length).toBeGreaterThan(
      100,
    );
  });

  test.each(usualDocuments.map((u, i) => [u.name, i] as const))(
    "the shortcut recognises %s under the default configuration for every kind of caller",
    (_, index) => {
      const fired = answers.cases.filter(([d, c, , fast]) => d === index && c === 0 && fast);
      expect(fired).toHaveLength(kindSets.length);
    },
  );

  test("the compiled pack decides every document as OPA does", () => {
    const differing = decisionInputList
      .map((input, i) => ({ input, opa: answers.decisions[i].findings, compiled: compiledDecisions[i] }))
      .filter(({ opa, compiled }) => !isDeepStrictEqual(opa, compiled));
    expect(differing.slice(0, 3)).toEqual([]);
    expect(answers.decisions).toHaveLength(decisionInputList.length);
  });
});
