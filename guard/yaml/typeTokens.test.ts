import * as fs from "node:fs";
import * as path from "node:path";
import { canonicalToken, packageOf, toLowerCamel, TypeTokenError } from "./typeTokens";

const camel: Array<[string, string]> = [
  ["RestApi", "restApi"],
  ["VpcEndpoint", "vpcEndpoint"],
  ["EIP", "eIP"],
  ["ID", "id"],
  ["getVpc", "getVpc"],
  ["S3Bucket", "s3Bucket"],
  ["Bucket_v2", "bucketV2"],
  ["Route53Record", "route53Record"],
];

test.each(camel)("toLowerCamel(%s) is %s, as strcase writes it", (text, expected) => {
  expect(toLowerCamel(text)).toBe(expected);
});

const tokens: Array<[string, string]> = [
  ["aws:apigateway:RestApi", "aws:apigateway/restApi:RestApi"],
  ["aws:apigateway:RestApiPolicy", "aws:apigateway/restApiPolicy:RestApiPolicy"],
  ["aws:ec2:VpcEndpoint", "aws:ec2/vpcEndpoint:VpcEndpoint"],
  ["aws:ec2:getVpc", "aws:ec2/getVpc:getVpc"],
  ["aws:apigateway/restApi:RestApi", "aws:apigateway/restApi:RestApi"],
  ["aws:Provider", "aws:index/provider:Provider"],
  ["aws:index:Provider", "aws:index/provider:Provider"],
  ["pulumi:providers:aws", "pulumi:providers:aws"],
  ["pulumi:pulumi:StackReference", "pulumi:pulumi:StackReference"],
];

test.each(tokens)("%s resolves to %s", (written, canonical) => {
  expect(canonicalToken(written)).toBe(canonical);
});

test.each(["aws", "a:b:c:d", "aws::RestApi", ""])("%j is no type token", (written) => {
  expect(() => canonicalToken(written)).toThrow(TypeTokenError);
});

test("packageOf names the provider package, for provider resources too", () => {
  expect(packageOf("aws:apigateway/restApi:RestApi")).toBe("aws");
  expect(packageOf("pulumi:providers:aws")).toBe("aws");
});

/** Every resource and function token @pulumi/aws declares (`__pulumiType = '…'` and `invoke("…")`). */
function awsTokens(): string[] {
  const root = path.dirname(require.resolve("@pulumi/aws/package.json"));
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "node_modules") walk(full);
      } else if (entry.name.endsWith(".js")) {
        const text = fs.readFileSync(full, "utf8");
        for (const match of text.matchAll(/__pulumiType = '([^']+)'|invoke\("([^"]+)"/g))
          found.add(match[1] ?? match[2]);
      }
    }
  };
  walk(root);
  return [...found].filter((token) => token.startsWith("aws:"));
}

/**
 * Tokens whose member is not strcase's lowerCamel of the type name: the YAML host cannot resolve their short
 * form either (it tries the same candidates against the schema), so programs spell them in full.
 */
const unreachableByShortForm = [
  "aws:lex/v2modelsBot:V2modelsBot",
  "aws:lex/v2modelsBotLocale:V2modelsBotLocale",
  "aws:lex/v2modelsBotVersion:V2modelsBotVersion",
  "aws:lex/v2modelsIntent:V2modelsIntent",
  "aws:lex/v2modelsSlot:V2modelsSlot",
  "aws:lex/v2modelsSlotType:V2modelsSlotType",
  "aws:lightsail/disk_attachment:Disk_attachment",
];

test("the short form of every other @pulumi/aws resource and function resolves back to its token", () => {
  const all = awsTokens();
  expect(all.length).toBeGreaterThan(2000);
  const shortForm = (token: string) => {
    const [pkg, moduleAndMember, name] = token.split(":");
    return `${pkg}:${moduleAndMember.split("/")[0]}:${name}`;
  };
  expect(all.filter((token) => canonicalToken(shortForm(token)) !== token)).toEqual(unreachableByShortForm);
});
