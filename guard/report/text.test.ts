import { sampleReport } from "../../tests/guard/reports";
import { renderJson } from "./json";
import { renderText } from "./text";

const plain = renderText(sampleReport(), false);

test("groups violations by resource, with level, policy, description and detail", () => {
  expect(plain).toContain(
    [
      "    public-api  aws:apigateway/restApi:RestApi  /work/examples/edge/index.ts:6:13",
      "        [mandatory]  rest-api-private  pack@v1.0.0",
      "            REST APIs must be PRIVATE.",
      '            endpoint types are ["EDGE"]',
      "    (the stack as a whole)",
      "        [advisory]  api-has-policy  pack@v1.0.0",
    ].join("\n"),
  );
});

test("lists remediations under their resource", () => {
  expect(plain).toContain(
    [
      "    fixed-api  aws:apigateway/restApi:RestApi  /work/examples/edge/index.ts:6:13",
      "        [remediated]  rest-api-private  pack@v1.0.0",
      "            REST APIs must be PRIVATE.",
    ].join("\n"),
  );
});

test("says so when a target has no violation", () => {
  expect(plain).toContain("program examples/private  (private/dev, 9 resources)\n    no policy violations");
});

test("ends with a summary line", () => {
  expect(plain.trimEnd().split("\n").pop()).toBe(
    "FAILED: 1 mandatory violation, 1 advisory violation; 1 of 12 resources blamed in 2 programs; 1 remediation",
  );
});

const colourCases: Array<[string, boolean, boolean]> = [
  ["plain when not asked", false, false],
  ["coloured when asked", true, true],
];

test.each(colourCases)("%s", (_name, useColour, hasEscapes) => {
  expect(renderText(sampleReport(), useColour).includes("\u001b[")).toBe(hasEscapes);
});

test("passes when nothing is mandatory", () => {
  const report = sampleReport();
  report.targets[0].violations = report.targets[0].violations.filter(
    (v) => v.enforcementLevel !== "mandatory",
  );
  expect(renderText(report, false)).toContain("PASSED: 0 mandatory violations, 1 advisory violation");
});

test("the JSON report carries the model and its summary", () => {
  const json = JSON.parse(renderJson(sampleReport()));
  expect(json.summary).toEqual({
    mandatory: 1,
    advisory: 1,
    remediated: 1,
    unchecked: 0,
    resources: 12,
    blamedResources: 1,
    targets: 2,
  });
  expect(json.targets[0].violations[0].resource.name).toBe("public-api");
});
