import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { requiredPackages } from "./requiredPackages";

/** Writes files (path → content, JSON for objects) under a fresh folder. */
function tree(files: Record<string, unknown>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "required-packages-"));
  for (const [file, content] of Object.entries(files)) {
    const full = path.join(root, file);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, typeof content === "string" ? content : JSON.stringify(content));
  }
  return root;
}

const aws = {
  name: "@pulumi/aws",
  version: "7.48.0",
  pulumi: { resource: true, name: "aws", version: "7.48.0" },
};

test.each<[string, Record<string, unknown>, string[], number]>([
  [
    "a provider package in node_modules",
    { "node_modules/@pulumi/aws/package.json": aws },
    ["aws v7.48.0"],
    0,
  ],
  [
    "name from the @pulumi scope, version from the package",
    {
      "node_modules/@pulumi/random/package.json": {
        name: "@pulumi/random",
        version: "4.1.0",
        pulumi: { resource: true },
      },
    },
    ["random v4.1.0"],
    0,
  ],
  [
    "a package without a plugin, and the SDK itself",
    {
      "node_modules/left-pad/package.json": { name: "left-pad", version: "1.0.0" },
      "node_modules/@pulumi/pulumi/package.json": { name: "@pulumi/pulumi", version: "3.276.0" },
    },
    [],
    0,
  ],
  [
    "nested node_modules of a package",
    {
      "node_modules/thing/package.json": {},
      "node_modules/thing/node_modules/@pulumi/aws/package.json": aws,
    },
    ["aws v7.48.0"],
    0,
  ],
  ["the program's own package.json is not a dependency", { "package.json": aws }, [], 0],
  [
    "a policy pack's plugins are not the program's",
    { "pack/PulumiPolicy.yaml": "runtime: nodejs", "pack/node_modules/@pulumi/aws/package.json": aws },
    [],
    0,
  ],
  [
    "a third-party package must name its plugin",
    {
      "node_modules/@acme/x/package.json": { name: "@acme/x", version: "1.0.0", pulumi: { resource: true } },
    },
    [],
    1,
  ],
  [
    "an unreadable manifest is a problem, not a stop",
    { "node_modules/bad/package.json": "{", "node_modules/@pulumi/aws/package.json": aws },
    ["aws v7.48.0"],
    1,
  ],
])("%s", (_, files, expected, problems) => {
  const result = requiredPackages(tree(files));
  expect(result.packages.map((p) => `${p.name} ${p.version}`)).toEqual(expected);
  expect(result.problems).toHaveLength(problems);
});

test("a parameterized package and a server", () => {
  const root = tree({
    "node_modules/@acme/tf/package.json": {
      name: "@acme/tf",
      version: "0.1.0",
      pulumi: {
        resource: true,
        name: "terraform-provider",
        version: "0.8.0",
        server: "https://example.invalid/plugins",
        parameterization: { name: "acme", version: "0.1.0", value: Buffer.from("param").toString("base64") },
      },
    },
  });
  const [pkg] = requiredPackages(root).packages;
  expect(pkg).toMatchObject({
    name: "terraform-provider",
    version: "v0.8.0",
    server: "https://example.invalid/plugins",
  });
  expect(Buffer.from(pkg.parameterization!.value).toString()).toBe("param");
});

test("a linked node_modules is followed once, whatever links to it", () => {
  const shared = tree({ "@pulumi/aws/package.json": aws });
  const root = tree({});
  fs.symlinkSync(shared, path.join(root, "node_modules"), "dir");
  fs.mkdirSync(path.join(root, "sub"));
  fs.symlinkSync(shared, path.join(root, "sub", "node_modules"), "dir");
  expect(requiredPackages(root).packages.map((p) => p.name)).toEqual(["aws"]);
});
