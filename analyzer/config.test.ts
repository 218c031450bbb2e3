import { PolicyConfigError, reconcilePolicyConfig } from "./config";
import type { AnalyzerInfo, PolicyInfo } from "./types";

function policy(
  name: string,
  enforcementLevel: PolicyInfo["enforcementLevel"],
  schema?: PolicyInfo["configSchema"],
): PolicyInfo {
  return {
    name,
    displayName: "",
    description: name,
    message: "",
    enforcementLevel,
    kind: "resource",
    tags: [],
    configSchema: schema,
  };
}

const info: AnalyzerInfo = {
  name: "pack",
  displayName: "",
  version: "1.0.0",
  description: "",
  supportsConfig: true,
  initialConfig: { network: { enforcementLevel: "advisory", properties: { allowedCidrs: ["10.0.0.0/8"] } } },
  policies: [
    policy("private", "mandatory"),
    policy("network", "mandatory", {
      properties: {
        allowedCidrs: { type: "array", items: { type: "string" } },
        requireVpce: { type: "boolean", default: true },
      },
      required: [],
    }),
  ],
};

const valid: Array<
  [string, unknown, Record<string, { level: string; properties: Record<string, unknown> }>]
> = [
  [
    "no file: pack levels, schema defaults, initial properties (not the initial level)",
    {},
    {
      private: { level: "mandatory", properties: {} },
      network: { level: "mandatory", properties: { requireVpce: true, allowedCidrs: ["10.0.0.0/8"] } },
    },
  ],
  [
    "all sets every level",
    { all: "advisory" },
    {
      private: { level: "advisory", properties: {} },
      network: { level: "advisory", properties: { requireVpce: true, allowedCidrs: ["10.0.0.0/8"] } },
    },
  ],
  [
    "a policy's own entry beats all",
    { all: { enforcementLevel: "disabled" }, private: "mandatory" },
    {
      private: { level: "mandatory", properties: {} },
      network: { level: "disabled", properties: { requireVpce: true, allowedCidrs: ["10.0.0.0/8"] } },
    },
  ],
  [
    "properties override defaults; level kept",
    { network: { requireVpce: false, allowedCidrs: [] } },
    {
      private: { level: "mandatory", properties: {} },
      network: { level: "mandatory", properties: { requireVpce: false, allowedCidrs: [] } },
    },
  ],
];

test.each(valid)("%s", (_name, file, expected) => {
  const config = reconcilePolicyConfig(info, file);
  const shaped = Object.fromEntries(
    Object.entries(config).map(([name, entry]) => [
      name,
      { level: entry.enforcementLevel, properties: entry.properties },
    ]),
  );
  expect(shaped).toEqual(expected);
});

const invalid: Array<[string, unknown, string[]]> = [
  ["not an object", [], ['the configuration must be a JSON object keyed by policy name or "all"']],
  [
    "unknown level",
    { private: "strict" },
    ['private: "strict" is not an enforcement level (advisory, mandatory, remediate, disabled)'],
  ],
  [
    "unknown level in object",
    { private: { enforcementLevel: 1 } },
    ["private.enforcementLevel: 1 is not one of advisory, mandatory, remediate, disabled"],
  ],
  ["unknown policy", { typo: "advisory" }, ["typo: the pack pack has no such policy"]],
  [
    "properties for all",
    { all: { enforcementLevel: "advisory", x: 1 } },
    ["all: only an enforcement level may be set for all policies"],
  ],
  [
    "schema violation",
    { network: { requireVpce: "yes" } },
    ["network.requireVpce must be boolean, not string"],
  ],
  ["entry of the wrong kind", { private: 3 }, ["private: expected an enforcement level or an object"]],
];

test.each(invalid)("rejects %s", (_name, file, problems) => {
  let caught: unknown;
  try {
    reconcilePolicyConfig(info, file);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(PolicyConfigError);
  expect((caught as PolicyConfigError).problems).toEqual(problems);
});
