/**
 * Property: a valid export, mutated at random (a member deleted or set to a value of another type, a value
 * encrypted or made unknown, an entry repeated, the text truncated or prefixed), never passes an audit
 * (exit 0) unless it was still read whole and judged whole. The audit runs as the CLI runs it (the reader,
 * the real pack, the exit code); the conditions are checked by an oracle written independently of the reader.
 */
import * as fc from "fast-check";
import * as path from "node:path";
import { UsageError } from "../../guard/errors";
import { parseStackExport } from "../../guard/export";
import { exitCodeOf } from "../../guard/report/exitCode";
import { summarize } from "../../guard/report/model";
import { PackSession } from "../../guard/session";
import {
  api,
  encrypted,
  resource,
  restApiPolicyType,
  restApiType,
  restrictingPolicy,
  stackExport,
  urnOf,
  vpce,
} from "./exportBuilder";

jest.setTimeout(600_000);

const base = stackExport([
  api("api", { name: "api", endpointConfiguration: { types: ["PRIVATE"], vpcEndpointIds: [vpce] } }),
  resource(
    restApiPolicyType,
    "api-policy",
    {
      inputs: { restApiId: "api-id", policy: restrictingPolicy },
      outputs: { restApiId: "api-id", policy: restrictingPolicy, id: "api-id" },
    },
    {
      dependencies: [urnOf(restApiType, "api")],
      propertyDependencies: { restApiId: [urnOf(restApiType, "api")] },
    },
  ),
]);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = Array<string | number>;

function paths(value: Json, at: Path = []): Path[] {
  const here = at.length > 0 ? [at] : [];
  if (Array.isArray(value)) return [...here, ...value.flatMap((item, index) => paths(item, [...at, index]))];
  if (value !== null && typeof value === "object") {
    return [...here, ...Object.entries(value).flatMap(([key, member]) => paths(member, [...at, key]))];
  }
  return here;
}

const replacements: Record<string, () => Json | undefined> = {
  delete: () => undefined,
  null: () => null,
  number: () => 7,
  string: () => "x",
  emptyString: () => "",
  boolean: () => true,
  array: () => [],
  object: () => ({}),
  encrypted: () => encrypted(),
  unknown: () => "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
  hugeString: () => "y".repeat(200_000),
};

type Mutation =
  | { kind: "replace"; at: number; with: keyof typeof replacements }
  | { kind: "repeat"; at: number }
  | { kind: "truncate"; at: number }
  | { kind: "bom" };

function mutate(document: Json, mutations: Mutation[]): string {
  const copy = structuredClone(document) as Json;
  for (const mutation of mutations) {
    if (mutation.kind === "bom") continue;
    if (mutation.kind === "truncate") continue;
    const all = paths(copy);
    const target = all[mutation.at % all.length];
    const parent = target
      .slice(0, -1)
      .reduce<Json>((node, key) => (node as Record<string, Json>)[key], copy) as
      Record<string, Json> | Json[];
    const key = target[target.length - 1];
    if (mutation.kind === "repeat") {
      if (Array.isArray(parent)) parent.push(structuredClone(parent[key as number]));
      continue;
    }
    const value = replacements[mutation.with]();
    if (value === undefined) {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key as string];
    } else {
      (parent as Record<string | number, Json>)[key] = value;
    }
  }
  let text = JSON.stringify(copy, null, 2);
  for (const mutation of mutations) {
    if (mutation.kind === "truncate") text = text.slice(0, mutation.at % text.length);
    if (mutation.kind === "bom") text = `\uFEFF${text}`;
  }
  return text;
}

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant("replace" as const),
      at: fc.nat(),
      with: fc.constantFrom(...(Object.keys(replacements) as Array<keyof typeof replacements>)),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("repeat" as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.constant({ kind: "bom" as const }) },
);

const unreadableStrings = new Set(["04da6b54-80e4-46f7-96ec-b56ff0331ba9"]);
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function holdsUnreadable(value: unknown): boolean {
  if (typeof value === "string") return unreadableStrings.has(value);
  if (Array.isArray(value)) return value.some(holdsUnreadable);
  if (!isObject(value)) return false;
  if ("ciphertext" in value) return true;
  return Object.values(value).some(holdsUnreadable);
}

/**
 * Why an export that passed was not read whole, or undefined when nothing is wrong: the necessary conditions
 * of "fully read and judged", from the document itself.
 */
function notFullyRead(text: string, judgedResources: number): string | undefined {
  let document: unknown;
  try {
    document = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch {
    return "the text is not JSON";
  }
  if (!isObject(document)) return "the export is no object";
  if (document.version !== 3 && document.version !== 4) return "the version is neither 3 nor 4";
  const deployment = document.deployment;
  if (!isObject(deployment)) return "there is no deployment object";
  if (
    "pending_operations" in deployment &&
    !(Array.isArray(deployment.pending_operations) && deployment.pending_operations.length === 0)
  ) {
    return "operations were pending";
  }
  const resources = deployment.resources ?? [];
  if (!Array.isArray(resources)) return "resources is no array";
  if (judgedResources !== resources.length)
    return `${resources.length} resources listed, ${judgedResources} judged`;
  for (const entry of resources) {
    if (!isObject(entry) || typeof entry.urn !== "string" || typeof entry.type !== "string")
      return "an entry is malformed";
    const outputs =
      isObject(entry.outputs) && Object.keys(entry.outputs).length > 0 ? entry.outputs : undefined;
    if (holdsUnreadable(outputs ?? entry.inputs)) return `${entry.urn} holds a value that cannot be read`;
  }
  return undefined;
}

let pack: PackSession;
beforeAll(async () => {
  pack = await PackSession.open(path.resolve(__dirname, "..", ".."), undefined);
});
afterAll(() => pack?.stop());

async function audit(text: string): Promise<{ code: number; judged: number }> {
  let stackExport;
  try {
    stackExport = parseStackExport(text, "mutated.json");
  } catch (error) {
    if (error instanceof UsageError) return { code: 2, judged: 0 };
    throw error;
  }
  const { project, stack, resources } = stackExport;
  const report = await pack.analyze(
    [{ kind: "stack-export", path: "mutated.json", project, stack, resources, stackExport }],
    {
      command: "audit",
      dryRun: false,
    },
  );
  return {
    code: exitCodeOf(summarize(report), { exitZero: false, allowUnchecked: false }),
    judged: report.targets[0].resourceCount,
  };
}

test("the unmutated export passes (else the property below would prove nothing)", async () => {
  const text = JSON.stringify(base);
  expect(await audit(text)).toEqual({ code: 0, judged: 4 });
  expect(notFullyRead(text, 4)).toBeUndefined();
});

test("a mutated export exits 0 only when it was still read whole and judged whole", async () => {
  let passed = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (mutations) => {
      const text = mutate(base as unknown as Json, mutations);
      const { code, judged } = await audit(text);
      expect([0, 1, 2, 3]).toContain(code);
      if (code !== 0) return;
      passed++;
      expect(notFullyRead(text, judged)).toBeUndefined();
    }),
    { numRuns: 150 },
  );
  // Some mutations (a name, a timestamp) leave a passing export: the property must have met them.
  expect(passed).toBeGreaterThan(0);
});
