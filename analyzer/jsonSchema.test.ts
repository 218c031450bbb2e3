import { validate, type Schema } from "./jsonSchema";

const cases: Array<[string, unknown, Schema, string[]]> = [
  ["matching type", true, { type: "boolean" }, []],
  ["wrong type", "yes", { type: "boolean" }, ["config must be boolean, not string"]],
  ["integer is a number", 3, { type: "number" }, []],
  ["fraction is not an integer", 1.5, { type: "integer" }, ["config must be integer, not number"]],
  ["one of several types", null, { type: ["string", "null"] }, []],
  ["enum member", "a", { enum: ["a", "b"] }, []],
  ["enum outsider", "c", { enum: ["a", "b"] }, ['config must be one of "a", "b"']],
  ["const", 2, { const: 1 }, ["config must be 1"]],
  ["minimum", 0, { type: "number", minimum: 1 }, ["config must be ≥ 1"]],
  ["maximum", 9, { type: "number", maximum: 8 }, ["config must be ≤ 8"]],
  ["pattern", "vpc-1", { type: "string", pattern: "^vpce-" }, ["config must match ^vpce-"]],
  ["string length", "", { type: "string", minLength: 1 }, ["config must have at least 1 characters"]],
  [
    "array items",
    ["vpce-1", 2],
    { type: "array", items: { type: "string" } },
    ["config[1] must be string, not integer"],
  ],
  ["array size", [], { type: "array", minItems: 1 }, ["config must have at least 1 items"]],
  ["required member", {}, { type: "object", required: ["cidrs"] }, ["config.cidrs is required"]],
  [
    "nested member",
    { cidrs: [1] },
    { type: "object", properties: { cidrs: { type: "array", items: { type: "string" } } } },
    ["config.cidrs[0] must be string, not integer"],
  ],
  [
    "closed object",
    { extra: 1 },
    { type: "object", additionalProperties: false },
    ["config.extra is not a known property"],
  ],
  ["open object", { extra: 1 }, { type: "object" }, []],
  [
    "typed extra members",
    { a: "x" },
    { type: "object", additionalProperties: { type: "number" } },
    ["config.a must be number, not string"],
  ],
  ["unsupported keyword ignored", "x", { format: "uri" }, []],
];

test.each(cases)("%s", (_name, value, schema, errors) => {
  expect(validate(value, schema)).toEqual(errors);
});
