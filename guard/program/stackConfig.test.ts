import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { chooseStack, readStackConfig, undecryptedPlaceholder } from "./stackConfig";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "guard-stack-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

let count = 0;
function project(files: Record<string, string>): string {
  const dir = path.join(root, `p${++count}`);
  fs.mkdirSync(dir);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const choices: Array<[string, Record<string, string>, string | undefined, string]> = [
  ["--stack wins", { "Pulumi.prod.yaml": "" }, "qa", "qa"],
  ["the only stack file", { "Pulumi.prod.yaml": "" }, undefined, "prod"],
  ["several stack files: dev", { "Pulumi.prod.yaml": "", "Pulumi.test.yaml": "" }, undefined, "dev"],
  ["no stack file: dev", {}, undefined, "dev"],
  ["a .yml stack file counts", { "Pulumi.staging.yml": "" }, undefined, "staging"],
];

test.each(choices)("chooseStack: %s", (_, files, requested, expected) => {
  expect(chooseStack(project(files), requested)).toBe(expected);
});

test("stack values overlay project config; keys are namespaced; objects travel as JSON; secure values are secret", () => {
  const dir = project({
    "Pulumi.prod.yaml": [
      "config:",
      "  aws:region: eu-central-1",
      "  cidr: 10.0.0.0/16",
      "  shop:tags: {team: payments}",
      "  shop:replicas: 3",
      "  shop:token:",
      "    secure: v1:AAAA:BBBB",
    ].join("\n"),
  });
  const stack = readStackConfig(dir, "shop", { "shop:cidr": "10.9.0.0/16", "shop:owner": "me" }, "prod");
  expect(stack).toEqual({
    stack: "prod",
    file: path.join(dir, "Pulumi.prod.yaml"),
    config: {
      "aws:region": "eu-central-1",
      "shop:cidr": "10.0.0.0/16",
      "shop:owner": "me",
      "shop:tags": '{"team":"payments"}',
      "shop:replicas": "3",
      "shop:token": undecryptedPlaceholder,
    },
    secretKeys: ["shop:token"],
  });
});

test("stackConfigDir is where the stack files are", () => {
  const dir = project({ "stacks/Pulumi.dev.yaml": "config:\n  aws:region: us-west-2\n" });
  expect(chooseStack(dir, undefined, "stacks")).toBe("dev");
  expect(readStackConfig(dir, "p", {}, "dev", "stacks").config).toEqual({ "aws:region": "us-west-2" });
});

test("a stack file that is no mapping of config is an input error", () => {
  const dir = project({ "Pulumi.dev.yaml": "config: [a, b]\n" });
  expect(() => readStackConfig(dir, "p", {}, "dev")).toThrow(/config must be a mapping/);
});
