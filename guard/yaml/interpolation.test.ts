import { InterpolationError, parseInterpolation, type Part } from "./interpolation";

const access = (root: string, path: Array<string | number>, text: string): Part => ({
  access: { root, path, text },
});

const cases: Array<[string, Part[]]> = [
  ["plain text", [{ text: "plain text" }]],
  ["", [{ text: "" }]],
  ["${endpoint.id}", [access("endpoint", ["id"], "${endpoint.id}")]],
  ["${execute-api-endpoint.id}", [access("execute-api-endpoint", ["id"], "${execute-api-endpoint.id}")]],
  [
    "arn:${api.executionArn}/*",
    [{ text: "arn:" }, access("api", ["executionArn"], "${api.executionArn}"), { text: "/*" }],
  ],
  ['${vpc.tags["Name"]}', [access("vpc", ["tags", "Name"], '${vpc.tags["Name"]}')]],
  ["${subnets[1].id}", [access("subnets", [1, "id"], "${subnets[1].id}")]],
  ["${aws:region}", [access("aws:region", [], "${aws:region}")]],
  ['${res["a.b"].c}', [access("res", ["a.b", "c"], '${res["a.b"].c}')]],
  ["cost $$5 ${x}", [{ text: "cost $5 " }, access("x", [], "${x}")]],
  ["$${not.interpolated}", [{ text: "${not.interpolated}" }]],
];

test.each(cases)("%j", (text, parts) => {
  expect(parseInterpolation(text)).toEqual(parts);
});

const errors: Array<[string, RegExp]> = [
  ["${unterminated", /unterminated interpolation/],
  ["${}", /empty interpolation/],
  ["${a[x]}", /invalid list index/],
  ["${a[1}", /invalid list index|missing closing bracket/],
  ['${a["b}', /missing closing quote/],
];

test.each(errors)("%j is an error", (text, message) => {
  expect(() => parseInterpolation(text)).toThrow(InterpolationError);
  expect(() => parseInterpolation(text)).toThrow(message);
});
