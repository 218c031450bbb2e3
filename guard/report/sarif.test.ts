import { sarifProblems } from "../../tests/guard/sarifRequirements";
import { sampleReport } from "../../tests/guard/reports";
import { renderSarif } from "./sarif";

const log = JSON.parse(renderSarif(sampleReport()));
const results = log.runs[0].results;

test("satisfies the SARIF 2.1.0 schema's required fields and GitHub's location needs", () => {
  expect(sarifProblems(log)).toEqual([]);
});

test("the requirement checker does catch a broken log", () => {
  const broken = JSON.parse(renderSarif(sampleReport()));
  delete broken.runs[0].tool.driver.name;
  delete broken.runs[0].results[0].message;
  broken.runs[0].results[1].ruleIndex = 7;
  expect(sarifProblems(broken)).toEqual([
    "runs[0].tool.driver.name is required",
    "runs[0].results[0].message is required",
    "runs[0].results[1].ruleIndex 7 names no rule",
  ]);
});

test("rules are the pack's policies, with GitHub's security severity", () => {
  expect(log.runs[0].tool.driver.rules.map((rule: { id: string }) => rule.id)).toEqual([
    "rest-api-private",
    "api-has-policy",
  ]);
  expect(log.runs[0].tool.driver.rules[0].properties["security-severity"]).toBe("8.0");
  expect(log.runs[0].tool.driver.rules[0].defaultConfiguration.level).toBe("error");
});

const expectedResults: Array<[number, string, string, string, number | undefined]> = [
  [
    0,
    "error",
    'aws:apigateway/restApi:RestApi "public-api": endpoint types are ["EDGE"]',
    "/work/examples/edge/index.ts",
    6,
  ],
  [1, "warning", "the stack: the stack has no policy at all", "examples/edge", undefined],
  [
    2,
    "note",
    'aws:apigateway/restApi:RestApi "fixed-api": remediated by the pack — REST APIs must be PRIVATE.',
    "/work/examples/edge/index.ts",
    6,
  ],
];

test.each(expectedResults)("result %i: level %s, message and location", (index, level, text, uri, line) => {
  const result = results[index];
  expect(result.level).toBe(level);
  expect(result.message.text).toBe(text);
  expect(result.locations[0].physicalLocation.artifactLocation.uri.endsWith(uri)).toBe(true);
  expect(result.locations[0].physicalLocation.region.startLine).toBe(line ?? 1);
});

test("a blamed resource is also a logical location named by its URN", () => {
  expect(results[0].locations[0].logicalLocations[0]).toEqual({
    name: "public-api",
    fullyQualifiedName: "urn:pulumi:dev::edge::aws:apigateway/restApi:RestApi::public-api",
    kind: "resource",
  });
});
