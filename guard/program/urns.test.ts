import { engineUrn, nameResourcesAsTheEngine, qualifiedTypeOf } from "./urns";

const stackUrn = "urn:pulumi:dev::proj::pulumi:pulumi:Stack::proj-dev";
const componentUrn = "urn:pulumi:dev::proj::my:comp:Comp::api";
const nestedUrn = "urn:pulumi:dev::proj::my:comp:Comp$my:comp:Inner::inner";

const cases: Array<[string, string | undefined, string, string, string]> = [
  ["the root stack itself", undefined, "pulumi:pulumi:Stack", "proj-dev", stackUrn],
  [
    "a child of the root stack carries its own type alone",
    stackUrn,
    "aws:apigateway/restApi:RestApi",
    "api",
    "urn:pulumi:dev::proj::aws:apigateway/restApi:RestApi::api",
  ],
  [
    "a resource without a parent (a default provider)",
    undefined,
    "pulumi:providers:aws",
    "default",
    "urn:pulumi:dev::proj::pulumi:providers:aws::default",
  ],
  [
    "a child of a component carries the component's type",
    componentUrn,
    "aws:apigateway/restApi:RestApi",
    "api",
    "urn:pulumi:dev::proj::my:comp:Comp$aws:apigateway/restApi:RestApi::api",
  ],
  [
    "a grandchild keeps the whole chain (the mock monitor keeps the last link only)",
    nestedUrn,
    "aws:apigateway/restApi:RestApi",
    "api",
    "urn:pulumi:dev::proj::my:comp:Comp$my:comp:Inner$aws:apigateway/restApi:RestApi::api",
  ],
  [
    "a name with :: in it",
    stackUrn,
    "aws:s3/bucket:Bucket",
    "a::b",
    "urn:pulumi:dev::proj::aws:s3/bucket:Bucket::a::b",
  ],
];

test.each(cases)("%s", (_, parent, type, name, expected) => {
  expect(engineUrn("dev", "proj", parent, type, name)).toBe(expected);
});

test("qualifiedTypeOf reads the type chain of a URN whose name contains ::", () => {
  expect(qualifiedTypeOf("urn:pulumi:dev::proj::my:comp:Comp$aws:s3/bucket:Bucket::a::b")).toBe(
    "my:comp:Comp$aws:s3/bucket:Bucket",
  );
});

test("the monitor's naming is replaced; the SDK passes an empty parent for none", () => {
  const monitor = { newUrn: (parent: string, type: string, name: string) => `${parent}|${type}|${name}` };
  nameResourcesAsTheEngine(monitor, "prod", "shop");
  expect(monitor.newUrn("", "pulumi:pulumi:Stack", "shop-prod")).toBe(
    "urn:pulumi:prod::shop::pulumi:pulumi:Stack::shop-prod",
  );
  expect(
    monitor.newUrn("urn:pulumi:prod::shop::pulumi:pulumi:Stack::shop-prod", "aws:s3/bucket:Bucket", "b"),
  ).toBe("urn:pulumi:prod::shop::aws:s3/bucket:Bucket::b");
});

test("a monitor that names resources some other way fails closed", () => {
  expect(() => nameResourcesAsTheEngine({}, "dev", "proj")).toThrow(/no newUrn method/);
});
