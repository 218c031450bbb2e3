/**
 * guard's YAML evaluation against the real YAML language host: for each YAML program, the resources the host
 * registers with the engine during `pulumi preview` (its RegisterResource calls, from the engine's gRPC debug
 * log, PULUMI_DEBUG_GRPC) must be those guard registers for the same program and stack — type, name, inputs,
 * parent, dependencies, property dependencies, explicit provider, protect. Where they differ, guard is wrong.
 *
 * One difference is by design and accepted value by value: guard previews a program as an update of an
 * existing stack, so a value built from another resource's ID is known to guard (the mocks' placeholder ID)
 * where the engine's preview of a new stack has it unknown. It is accepted only where the engine's value is
 * unknown AND the property depends on another resource in both. Secrets are compared unwrapped: the host also
 * marks properties its schema calls secret, which guard, without schemas, does not (the pack unwraps secrets).
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { unknownValue } from "../../analyzer/wire";
import { readProject } from "../../guard/program/project";
import { checkProgram } from "../../guard/program/run";
import type { LocatedResource } from "../../guard/resource";
import { settle } from "../../guard/yaml/values";
import type { Json, JsonObject } from "./protoJson";
import { repoDir, requireTools } from "./tools";
import { cliTestTimeoutMs, fileWorkspace } from "./workspace";

/** Every YAML program the repository has that the host accepts (yaml-misspelled is rejected by design). */
const programs = [
  "examples/private-api-yaml",
  "tests/pulumi/programs/yaml-private",
  "tests/pulumi/programs/yaml-regional",
  "tests/pulumi/programs/yaml-private-and-regional",
  "tests/pulumi/programs/yaml-options",
  "tests/pulumi/programs/yaml-config",
];

interface Registered {
  type: string;
  name: string;
  inputs: Json;
  parent?: string;
  dependencies: string[];
  propertyDependencies: Record<string, string[]>;
  provider?: string;
  protect: boolean;
}

/** The RegisterResource requests the host sent, as the engine logged them (protojson). */
function hostRegistrations(logFile: string): Registered[] {
  return readFileSync(logFile, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { method: string; progress?: string; request?: JsonObject })
    .filter((entry) => entry.method === "/pulumirpc.ResourceMonitor/RegisterResource")
    .filter((entry) => entry.progress !== "request_started" && entry.request)
    .map(({ request }) => {
      const r = request as Record<string, never>;
      const byProperty = (r.propertyDependencies ?? {}) as Record<string, { urns?: string[] }>;
      const provider = (r.provider as string | undefined) ?? "";
      return {
        type: r.type,
        name: r.name,
        inputs: settle((r.object ?? {}) as never).value as Json,
        parent: r.parent || undefined,
        dependencies: [...((r.dependencies as string[] | undefined) ?? [])].sort(),
        propertyDependencies: sortedDependencies(
          Object.fromEntries(
            Object.entries(byProperty)
              .filter(([, deps]) => (deps.urns ?? []).length > 0)
              .map(([key, deps]) => [key, deps.urns!]),
          ),
        ),
        // "<provider URN>::<provider ID>"; empty for the default provider, which the engine adds.
        provider: provider ? provider.slice(0, provider.lastIndexOf("::")) : undefined,
        protect: r.protect === true,
      };
    });
}

/** What guard registers, leaving out the default providers it adds as the engine does (nobody registers those). */
function guardRegistrations(resources: LocatedResource[]): Registered[] {
  const explicitProviders = new Set(
    resources.filter((r) => r.provider && !r.provider.name.startsWith("default")).map((r) => r.provider!.urn),
  );
  return resources
    .filter(
      (r) =>
        !(
          r.type.startsWith("pulumi:providers:") &&
          r.name.startsWith("default") &&
          !explicitProviders.has(r.urn)
        ),
    )
    .map((r) => ({
      type: r.type,
      name: r.name,
      inputs: settle(r.inputs).value as Json,
      parent: r.parent,
      dependencies: [...r.dependencies].sort(),
      propertyDependencies: sortedDependencies(r.propertyDependencies),
      provider: r.provider && !r.provider.name.startsWith("default") ? r.provider.urn : undefined,
      protect: r.options?.protect === true,
    }));
}

/** Paths where the two inputs differ, but for values the engine has unknown and guard built from an ID. */
function inputDifferences(host: Json, guard: Json, dependent: boolean, at: string): string[] {
  if (host === unknownValue && dependent) return [];
  if (Array.isArray(host) && Array.isArray(guard) && host.length === guard.length) {
    return host.flatMap((item, index) => inputDifferences(item, guard[index], dependent, `${at}[${index}]`));
  }
  const isObject = (value: Json) => typeof value === "object" && value !== null && !Array.isArray(value);
  if (isObject(host) && isObject(guard)) {
    const [h, g] = [host as JsonObject, guard as JsonObject];
    return [...new Set([...Object.keys(h), ...Object.keys(g)])]
      .sort()
      .flatMap((key) =>
        key in h && key in g
          ? inputDifferences(h[key], g[key], dependent, `${at}.${key}`)
          : [`${at}.${key}: host ${JSON.stringify(h[key])}, guard ${JSON.stringify(g[key])}`],
      );
  }
  return JSON.stringify(host) === JSON.stringify(guard)
    ? []
    : [`${at}: host ${JSON.stringify(host)}, guard ${JSON.stringify(guard)}`];
}

/** Property dependencies with properties and URNs in order, so that JSON compares them as sets. */
function sortedDependencies(byProperty: Record<string, string[]>): Record<string, string[]> {
  return Object.fromEntries(
    Object.keys(byProperty)
      .sort()
      .map((key) => [key, [...byProperty[key]].sort()]),
  );
}

function differences(host: Registered[], guard: Registered[]): string[] {
  const key = (r: Registered) => `${r.type}::${r.name}`;
  const guardByKey = new Map(guard.map((r) => [key(r), r]));
  const lines: string[] = [];
  for (const h of host) {
    const g = guardByKey.get(key(h));
    guardByKey.delete(key(h));
    if (!g) {
      lines.push(`${key(h)}: registered by the host, not by guard`);
      continue;
    }
    const inputs = h.inputs as JsonObject;
    for (const property of Object.keys({ ...inputs, ...(g.inputs as JsonObject) })) {
      const dependent =
        (h.propertyDependencies[property] ?? []).length > 0 &&
        (g.propertyDependencies[property] ?? []).length > 0;
      lines.push(
        ...inputDifferences(
          inputs[property] ?? null,
          (g.inputs as JsonObject)[property] ?? null,
          dependent,
          `${key(h)} ${property}`,
        ),
      );
    }
    for (const field of ["parent", "dependencies", "propertyDependencies", "provider", "protect"] as const) {
      if (JSON.stringify(h[field]) !== JSON.stringify(g[field])) {
        lines.push(`${key(h)} ${field}: host ${JSON.stringify(h[field])}, guard ${JSON.stringify(g[field])}`);
      }
    }
  }
  for (const k of guardByKey.keys()) lines.push(`${k}: registered by guard, not by the host`);
  return lines;
}

if (requireTools()) {
  const workspace = fileWorkspace();

  test.each(programs)(
    "%s: guard registers what the YAML language host registers",
    async (source) => {
      const program = await workspace().program(source);
      const log = path.join(program.dir, "grpc-debug.jsonl");
      const result = await program.preview({ env: { PULUMI_DEBUG_GRPC: log } });
      const host = hostRegistrations(log);
      // The host registers the root stack first; nothing else means it failed before registering anything.
      expect({ registered: host.length > 1, transcript: host.length > 1 ? "" : result.output }).toEqual({
        registered: true,
        transcript: "",
      });
      const run = await checkProgram(readProject(program.dir), { packDir: repoDir, stack: program.stack });
      expect(differences(host, guardRegistrations(run.resources))).toEqual([]);
    },
    cliTestTimeoutMs,
  );
}
