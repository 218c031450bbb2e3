/**
 * guard's mock run names resources as the engine does: no `pulumi:pulumi:Stack$` in any URN it records, the
 * whole parent chain for nested components, and the same URN wherever a resource is referred to.
 */
import * as path from "node:path";
import { readProject } from "../../guard/program/project";
import { runProgram } from "../../guard/program/run";
import type { LocatedResource } from "../../guard/resource";
import { fixtures, repoRoot } from "./cliHarness";

jest.setTimeout(120_000);

let resources: LocatedResource[];
beforeAll(async () => {
  resources = await runProgram(readProject(path.join(fixtures, "nested-components")), { packDir: repoRoot });
});

const urnOf = (name: string) => resources.find((resource) => resource.name === name)?.urn;
const prefix = "urn:pulumi:dev::nested-components::";

const expectedUrns: Array<[string, string]> = [
  ["nested-components-dev", `${prefix}pulumi:pulumi:Stack::nested-components-dev`],
  ["east", `${prefix}pulumi:providers:aws::east`],
  ["top-api", `${prefix}aws:apigateway/restApi:RestApi::top-api`],
  ["top-policy", `${prefix}aws:apigateway/restApiPolicy:RestApiPolicy::top-policy`],
  ["outer", `${prefix}my:comp:Outer::outer`],
  ["outer-inner", `${prefix}my:comp:Outer$my:comp:Inner::outer-inner`],
  ["outer-api", `${prefix}my:comp:Outer$my:comp:Inner$aws:apigateway/restApi:RestApi::outer-api`],
];

test.each(expectedUrns)("%s is %s", (name, urn) => {
  expect(urnOf(name)).toBe(urn);
});

test("every URN recorded (urn, parent, dependencies, property dependencies, provider) is one of a resource", () => {
  const urns = new Set(resources.map((resource) => resource.urn));
  const referred = resources.flatMap((resource) => [
    resource.urn,
    ...(resource.parent ? [resource.parent] : []),
    ...resource.dependencies,
    ...Object.values(resource.propertyDependencies).flat(),
    ...(resource.provider ? [resource.provider.urn] : []),
  ]);
  expect(referred.filter((urn) => urn.includes("pulumi:pulumi:Stack$"))).toEqual([]);
  expect(referred.filter((urn) => !urns.has(urn))).toEqual([]);
});

test("the references point at the right resources", () => {
  const policy = resources.find((resource) => resource.name === "top-policy")!;
  expect(policy.parent).toBe(urnOf("nested-components-dev"));
  expect(policy.dependencies).toContain(urnOf("top-api"));
  expect(policy.propertyDependencies.restApiId).toEqual([urnOf("top-api")]);
  expect(resources.find((resource) => resource.name === "top-api")!.provider?.urn).toBe(urnOf("east"));
  expect(resources.find((resource) => resource.name === "outer-api")!.parent).toBe(urnOf("outer-inner"));
});
