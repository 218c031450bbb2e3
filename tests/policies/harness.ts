/**
 * Calls the pack's policies with arguments shaped exactly as @pulumi/policy's server builds them: wire-form
 * properties through its own deserializeProperties and unknownCheckingProxy, and a reportViolation that
 * resolves enforcement levels as server.js makeReportViolationFun does.
 */
import {
  unknownCheckingProxy,
  type EnforcementLevel,
  type PolicyResource,
  type ResourceValidationPolicy,
  type StackValidationPolicy,
} from "@pulumi/policy";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { deserializeProperties } = require("@pulumi/policy/deserialize") as {
  deserializeProperties: (struct: Struct, proxySecrets: boolean) => Record<string, unknown>;
};

export const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
export const secret = (value: unknown) => ({
  "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
  value,
});

export interface Reported {
  message: string;
  enforcementLevel: EnforcementLevel;
  urn?: string;
}

/** Analyze passes secrets unwrapped; Remediate (proxySecrets) keeps them as Secret behind a proxy. */
export function props(wire: Record<string, unknown>, proxySecrets = false): Record<string, unknown> {
  return unknownCheckingProxy(deserializeProperties(Struct.fromJavaScript(wire as never), proxySecrets));
}

function collector(level: EnforcementLevel, reported: Reported[]) {
  return (
    violation: string | { message: string; enforcementLevel?: EnforcementLevel; urn?: string },
    urn?: string,
  ) => {
    if (typeof violation === "object") {
      reported.push({
        message: violation.message,
        enforcementLevel: violation.enforcementLevel ?? level,
        urn: violation.urn,
      });
    } else {
      reported.push({ message: violation, enforcementLevel: level, urn });
    }
  };
}

const neverCalled = () => {
  throw new Error("not expected in these tests");
};

export async function validateResource(
  policy: ResourceValidationPolicy,
  type: string,
  wire: Record<string, unknown>,
  config: Record<string, unknown> = {},
): Promise<Reported[]> {
  const reported: Reported[] = [];
  const validate = policy.validateResource;
  if (typeof validate !== "function") throw new Error(`${policy.name} has no single validateResource`);
  const name = "api";
  await validate(
    {
      type,
      props: props(wire),
      urn: `urn:pulumi:dev::app::${type}::${name}`,
      name,
      opts: {
        protect: false,
        ignoreChanges: [],
        aliases: [],
        additionalSecretOutputs: [],
        customTimeouts: {},
      } as never,
      stackTags: new Map(),
      isType: () => false,
      asType: () => undefined,
      getConfig: <T extends object>() => config as T,
      notApplicable: neverCalled,
    } as never,
    collector(policy.enforcementLevel ?? "advisory", reported) as never,
  );
  return reported;
}

export interface StackResource {
  type: string;
  name: string;
  props: Record<string, unknown>;
  /** Property → names of the resources (in the same list) that property's value came from. */
  dependsOn?: Record<string, string[]>;
}

export const urnOf = (r: { type: string; name: string }) => `urn:pulumi:dev::app::${r.type}::${r.name}`;

export async function validateStack(
  policy: StackValidationPolicy,
  resources: StackResource[],
  config: Record<string, unknown> = {},
): Promise<Reported[]> {
  const reported: Reported[] = [];
  const built: PolicyResource[] = resources.map((r) => ({
    type: r.type,
    name: r.name,
    urn: urnOf(r),
    props: props(r.props),
    opts: {} as never,
    dependencies: [],
    propertyDependencies: {},
    isType: () => false,
    asType: () => undefined,
  }));
  resources.forEach((r, i) => {
    for (const [property, names] of Object.entries(r.dependsOn ?? {})) {
      built[i].propertyDependencies[property] = names.map(
        (n) => built[resources.findIndex((x) => x.name === n)],
      );
    }
  });
  await policy.validateStack(
    {
      resources: built,
      stackTags: new Map(),
      getConfig: <T extends object>() => config as T,
      notApplicable: neverCalled,
    },
    collector(policy.enforcementLevel ?? "advisory", reported) as never,
  );
  return reported;
}
