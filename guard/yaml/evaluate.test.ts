/**
 * The YAML evaluator on small programs: what each construct registers (inputs, property dependencies,
 * options), what it lists as unchecked, and the positioned errors. The comparison with the real YAML language
 * host is tests/pulumi/yamlGuardVsHost.test.ts.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { secret, unknownValue } from "../../analyzer/wire";
import { placeholderId } from "../program/mocks";
import { readProject } from "../program/project";
import type { StackConfig } from "../program/stackConfig";
import type { LocatedResource } from "../resource";
import { runYamlProgram, type YamlRun } from "./run";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "guard-yaml-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

let count = 0;
function program(files: Record<string, string>, stack: Partial<StackConfig> = {}): YamlRun {
  const dir = path.join(root, `p${++count}`);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  const project = readProject(dir);
  return runYamlProgram(project, { stack: "dev", config: project.config, secretKeys: [], ...stack });
}

const header = "name: p\nruntime: yaml\n";
const resources = (body: string) => program({ "Pulumi.yaml": `${header}resources:\n${body}` });
const named = (run: YamlRun, name: string) => run.resources.find((r) => r.name === name) as LocatedResource;
const urn = (type: string, name: string) => `urn:pulumi:dev::p::${type}::${name}`;
const vpcType = "aws:ec2/vpc:Vpc";
const vpcUrn = urn(vpcType, "vpc");
const vpc = "  vpc:\n    type: aws:ec2:Vpc\n    properties:\n      cidrBlock: 10.0.0.0/16\n";

const inputs: Array<[string, string, Record<string, unknown>, Record<string, string[]>]> = [
  ["a literal", "      a: text", { a: "text" }, {}],
  ["an ID", "      a: ${vpc.id}", { a: placeholderId(vpcType, "vpc") }, { a: [vpcUrn] }],
  ["a URN", "      a: ${vpc.urn}", { a: vpcUrn }, { a: [vpcUrn] }],
  ["an input read back", "      a: ${vpc.cidrBlock}", { a: "10.0.0.0/16" }, { a: [vpcUrn] }],
  ["an output the provider computes", "      a: ${vpc.arn}", { a: unknownValue }, { a: [vpcUrn] }],
  ["text around an unknown", "      a: arn:${vpc.arn}/x", { a: unknownValue }, { a: [vpcUrn] }],
  ["text around an ID", "      a: x-${vpc.id}", { a: `x-${placeholderId(vpcType, "vpc")}` }, { a: [vpcUrn] }],
  ["$$ escapes", "      a: $${vpc.id}", { a: "${vpc.id}" }, {}],
  [
    "fn::toJSON as Go writes it: keys sorted, HTML characters escaped",
    '      a:\n        fn::toJSON: {b: "<&>", a: [1, true, null]}',
    { a: '{"a":[1,true,null],"b":"\\u003c\\u0026\\u003e"}' },
    {},
  ],
  [
    "fn::toJSON of an unknown",
    "      a:\n        fn::toJSON: {arn: '${vpc.arn}'}",
    { a: unknownValue },
    { a: [vpcUrn] },
  ],
  ["fn::join", "      a:\n        fn::join: ['-', [a, b, '${pulumi.stack}']]", { a: "a-b-dev" }, {}],
  [
    "fn::split then fn::select",
    "      a:\n        fn::select: [1, {fn::split: [',', 'x,y,z']}]",
    { a: "y" },
    {},
  ],
  ["fn::secret", "      a:\n        fn::secret: s3cr3t", { a: secret("s3cr3t") }, {}],
  ["a secret in text", "      a: pre-${sec}", { a: secret("pre-hidden") }, {}],
  ["fn::toBase64", "      a:\n        fn::toBase64: hi", { a: "aGk=" }, {}],
  [
    "fn::invoke echoes its arguments, as guard's mocks do",
    "      a:\n        fn::invoke: {function: aws:ec2:getVpc, arguments: {id: vpc-1}, return: id}",
    { a: "vpc-1" },
    {},
  ],
  ["a null property is left out", "      a: null\n      b: 1", { b: 1 }, {}],
];

test.each(inputs)("%s", (_, properties, expected, dependencies) => {
  const run = program({
    "Pulumi.yaml": `${header}variables:\n  sec:\n    fn::secret: hidden\nresources:\n${vpc}  r:\n    type: aws:s3:Bucket\n    properties:\n${properties}\n`,
  });
  const resource = named(run, "r");
  expect(resource.inputs).toEqual(expected);
  expect(resource.propertyDependencies).toEqual(dependencies);
  expect(resource.dependencies).toEqual([...new Set(Object.values(dependencies).flat())]);
});

test("a RestApiPolicy depends on its RestApi through restApiId, so the stack policy links them", () => {
  const run = resources(
    "  api:\n    type: aws:apigateway:RestApi\n  policy:\n    type: aws:apigateway:RestApiPolicy\n    properties:\n      restApiId: ${api.id}\n      policy: '{}'\n",
  );
  const api = named(run, "api");
  expect(api.type).toBe("aws:apigateway/restApi:RestApi");
  expect(named(run, "policy").propertyDependencies).toEqual({ restApiId: [api.urn] });
});

test("resources register after what they refer to, the root stack and default provider first", () => {
  const run = resources(
    "  b:\n    type: aws:s3:Bucket\n    properties:\n      x: ${a.id}\n  a:\n    type: aws:s3:Bucket\n",
  );
  expect(run.resources.map((r) => r.name)).toEqual(["p-dev", "default", "a", "b"]);
  expect(named(run, "a").parent).toBe(urn("pulumi:pulumi:Stack", "p-dev"));
  expect(named(run, "a").provider?.urn).toBe(urn("pulumi:providers:aws", "default"));
});

test("options: explicit provider, parent, dependsOn, protect, version, name", () => {
  const run = resources(
    `  east:\n    type: pulumi:providers:aws\n    properties:\n      region: us-east-1\n${vpc}` +
      "  sub:\n    type: aws:ec2:Subnet\n    name: subnet-a\n    options:\n      parent: ${vpc}\n      provider: ${east}\n" +
      "      dependsOn: ['${east}']\n      protect: true\n" +
      "  other:\n    type: aws:s3:Bucket\n    options:\n      version: 7.1.0\n",
  );
  const sub = named(run, "subnet-a");
  expect(sub.urn).toBe(urn("aws:ec2/vpc:Vpc$aws:ec2/subnet:Subnet", "subnet-a"));
  expect(sub.parent).toBe(vpcUrn);
  expect(sub.provider).toEqual({
    type: "pulumi:providers:aws",
    name: "east",
    urn: urn("pulumi:providers:aws", "east"),
    properties: { region: "us-east-1" },
  });
  expect(sub.dependencies).toEqual([urn("pulumi:providers:aws", "east")]);
  expect(sub.options?.protect).toBe(true);
  expect(named(run, "other").provider?.name).toBe("default_7_1_0");
});

test("Main.yaml in the main folder is the program when Pulumi.yaml names that folder", () => {
  const run = program({
    "Pulumi.yaml": `${header}main: infra/\nresources:\n  ignored:\n    type: aws:s3:Bucket\n`,
    "infra/Main.yaml": "resources:\n  used:\n    type: aws:s3:Bucket\n",
  });
  expect(run.resources.map((r) => r.name)).toEqual(["p-dev", "default", "used"]);
  expect(named(run, "used").sourcePosition?.uri).toMatch(/infra\/Main\.yaml$/);
});

test("configuration: typed defaults, stack values, namespaced keys, secure values as unknown secrets", () => {
  const run = program(
    {
      "Pulumi.yaml": `${header}config:\n  port:\n    type: Integer\n    default: 443\n  names:\n    type: List<String>\nresources:\n  r:\n    type: aws:s3:Bucket\n    properties:\n      port: \${port}\n      first: \${names[0]}\n      region: \${aws:region}\n      token: \${token}\n`,
    },
    {
      config: { "p:names": '["a","b"]', "aws:region": "eu-west-1", "p:token": "[secret]" },
      secretKeys: ["p:token"],
    },
  );
  expect(named(run, "r").inputs).toEqual({
    port: 443,
    first: "a",
    region: "eu-west-1",
    token: secret(unknownValue),
  });
});

test("a provider function whose answer guard cannot know is unknown, and listed as unchecked", () => {
  const run = resources(
    "  r:\n    type: aws:s3:Bucket\n    properties:\n      vpc:\n        fn::invoke:\n          function: aws:ec2:getVpc\n          arguments: {default: true}\n          return: id\n",
  );
  expect(named(run, "r").inputs).toEqual({ vpc: unknownValue });
  expect(run.unchecked).toEqual([
    {
      reason: expect.stringMatching(
        /^provider function aws:ec2\/getVpc:getVpc \(.*Pulumi\.yaml:8:9\): guard cannot call it offline, so its result "id" is unknown/,
      ),
    },
  ]);
});

test("a multi-language component is registered and listed as unchecked, with why", () => {
  const run = resources(
    "  api:\n    type: aws-apigateway:index:RestAPI\n    properties:\n      routes: []\n",
  );
  const component = named(run, "api");
  expect(component.type).toBe("aws-apigateway:index/restAPI:RestAPI");
  expect(component.provider).toBeUndefined();
  expect(run.unchecked).toEqual([
    {
      resource: expect.objectContaining({ urn: component.urn, name: "api" }),
      reason: expect.stringContaining("multi-language component"),
    },
  ]);
});

const errors: Array<[string, string, RegExp]> = [
  [
    "an unknown name",
    "  r:\n    type: aws:s3:Bucket\n    properties:\n      a: ${nothing.id}\n",
    /Pulumi\.yaml:7:10: \$\{nothing\.id\}: "nothing" is no resource, variable or configuration key/,
  ],
  ["a type that is no token", "  r:\n    type: Bucket\n", /Pulumi\.yaml:5:11: invalid type token "Bucket"/],
  [
    "a function guard does not know",
    "  r:\n    type: aws:s3:Bucket\n    properties:\n      a:\n        fn::std:abs: 1\n",
    /Pulumi\.yaml:8:9: guard does not evaluate fn::std:abs/,
  ],
  [
    "a cycle",
    "  a:\n    type: aws:s3:Bucket\n    properties:\n      x: ${b.id}\n  b:\n    type: aws:s3:Bucket\n    properties:\n      x: ${a.id}\n",
    /Pulumi\.yaml:11:10: resource "a" depends on itself/,
  ],
  [
    "an unknown field",
    "  r:\n    type: aws:s3:Bucket\n    propertes: {}\n",
    /Pulumi\.yaml:6:5: resources have no field "propertes"/,
  ],
  [
    "an unterminated interpolation",
    "  r:\n    type: aws:s3:Bucket\n    properties:\n      a: ${x\n",
    /Pulumi\.yaml:7:10: unterminated interpolation/,
  ],
  [
    "a resource as a value",
    `${vpc}  r:\n    type: aws:s3:Bucket\n    properties:\n      a: \${vpc}\n`,
    /Pulumi\.yaml:11:10: \$\{vpc\} is a resource/,
  ],
  [
    "a provider option that is no provider",
    `${vpc}  r:\n    type: aws:s3:Bucket\n    options:\n      provider: \${vpc}\n`,
    /Pulumi\.yaml:11:17: provider must be a provider resource/,
  ],
  [
    "fn::select out of range",
    "  r:\n    type: aws:s3:Bucket\n    properties:\n      a:\n        fn::select: [3, [a]]\n",
    /Pulumi\.yaml:8:22: index 3 out of bounds/,
  ],
];

test.each(errors)("%s is an error at file:line:col", (_, body, message) => {
  expect(() => resources(body)).toThrow(message);
});

test("YAML syntax errors are positioned too", () => {
  expect(() => program({ "Pulumi.yaml": `${header}resources:\n  r: [unclosed\n` })).toThrow(
    /Pulumi\.yaml:\d+:\d+: /,
  );
});

test("a resource read with get is listed as unchecked, not judged; what is read from it is unknown but its ID", () => {
  const run = resources(
    "  legacy:\n    type: aws:apigateway:RestApi\n    get:\n      id: a1b2c3d4e5\n  policy:\n    type: aws:apigateway:RestApiPolicy\n    properties:\n      restApiId: ${legacy.id}\n      name: ${legacy.name}\n",
  );
  expect(run.resources.map((r) => r.name)).toEqual(["p-dev", "default", "policy"]);
  const legacyUrn = urn("aws:apigateway/restApi:RestApi", "legacy");
  expect(named(run, "policy").inputs).toEqual({ restApiId: "a1b2c3d4e5", name: unknownValue });
  expect(named(run, "policy").propertyDependencies).toEqual({ restApiId: [legacyUrn], name: [legacyUrn] });
  expect(run.unchecked).toEqual([
    {
      resource: expect.objectContaining({ urn: legacyUrn, name: "legacy" }),
      reason: expect.stringMatching(/^read with get \(id "a1b2c3d4e5"\): an existing resource/),
    },
  ]);
});

test("a variable no resource uses is evaluated too: its error fails the program, as under the YAML host", () => {
  expect(() =>
    program({ "Pulumi.yaml": `${header}variables:\n  unused:\n    fn::select: [5, [a]]\nresources: {}\n` }),
  ).toThrow(/Pulumi\.yaml:5:18: index 5 out of bounds/);
});
