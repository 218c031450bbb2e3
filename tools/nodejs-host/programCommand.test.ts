import { programCommand, type ProgramRun } from "./programCommand";

const base: ProgramRun = {
  monitorAddress: "127.0.0.1:4001",
  engineAddress: "127.0.0.1:4000",
  organization: "organization",
  project: "orders",
  stack: "dev",
  rootDirectory: "/src/orders",
  programDirectory: "/src/orders",
  entryPoint: ".",
  args: [],
  dryRun: true,
  parallel: 16,
  config: {},
  configSecretKeys: [],
  options: {},
};

test("a preview of a TypeScript program", () => {
  expect(programCommand(base, "/sdk/cmd/run")).toEqual({
    args: [
      "/sdk/cmd/run",
      "--monitor",
      "127.0.0.1:4001",
      "--engine",
      "127.0.0.1:4000",
      "--organization",
      "organization",
      "--project",
      "orders",
      "--root-directory",
      "/src/orders",
      "--stack",
      "dev",
      "--pwd",
      "/src/orders",
      "--dry-run",
      "--parallel",
      "16",
      ".",
    ],
    env: { PULUMI_CONFIG: "{}", PULUMI_CONFIG_SECRET_KEYS: "[]", PULUMI_NODEJS_TYPESCRIPT: "true" },
  });
});

test.each<[string, Partial<ProgramRun>, Partial<ReturnType<typeof programCommand>>]>([
  [
    "an update: no --dry-run, empty flags left out, node arguments first, program arguments last",
    {
      dryRun: false,
      organization: "",
      engineAddress: "",
      args: ["--x"],
      options: { nodeargs: "--trace-warnings", typescript: false },
    },
    {
      args: [
        "--trace-warnings",
        "/sdk/cmd/run",
        "--monitor",
        "127.0.0.1:4001",
        "--project",
        "orders",
        "--root-directory",
        "/src/orders",
        "--stack",
        "dev",
        "--pwd",
        "/src/orders",
        "--parallel",
        "16",
        ".",
        "--x",
      ],
    },
  ],
  [
    "configuration in the SDK's key form, secret keys as given",
    {
      config: { "aws:region": "eu-west-1", "orders:config:tier": "prod" },
      configSecretKeys: ["orders:token"],
    },
    {
      env: {
        PULUMI_CONFIG: JSON.stringify({ "aws:config:region": "eu-west-1", "orders:config:tier": "prod" }),
        PULUMI_CONFIG_SECRET_KEYS: '["orders:token"]',
        PULUMI_NODEJS_TYPESCRIPT: "true",
      },
    },
  ],
])("%s", (_, change, expected) => {
  expect(programCommand({ ...base, ...change }, "/sdk/cmd/run")).toMatchObject(expected);
});

test.each(["region", "a:b:c", ":name"])("config key %j is refused", (key) => {
  expect(() => programCommand({ ...base, config: { [key]: "x" } }, "/sdk/cmd/run")).toThrow(
    `could not parse ${key} as a configuration key`,
  );
});
