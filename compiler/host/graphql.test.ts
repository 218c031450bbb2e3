/**
 * The graphql.* builtins against OPA's answers (`opa eval`, OPA v1.22.4) for the same calls: the
 * gqlparser schema rules that differ from graphql-js's, queries valid and not, the AST JSON of
 * queries and schemas, and parse errors as gqlparser words them.
 */
import { HOST_BUILTINS } from "./index";

const call = (name: string, ...args: unknown[]) => HOST_BUILTINS[name](...(args as never[]));

const SCHEMA_IS_VALID: [unknown, boolean][] = [
  ["type Query { a: Int }", true],
  ["extend type User { id: ID! } type Query { u: User }", true],
  ["", true],
  ["type Foo { a: Int }", true],
  ["scalar Int type Query { a: Int }", false],
  ["directive @skip(if: Boolean!) on FIELD type Query { a: Int }", true],
  ["directive @foo on FIELD directive @foo on FIELD type Query { a: Int }", false],
  ["type Query { a(x: Int, x: Int): Int }", false],
  ["type Query { a: Int @deprecated @deprecated }", false],
  ["enum E { A A } type Query { a: Int }", false],
  ["enum E { true } type Query { a: Int }", false],
  ["type Query { a(x: Query): Int }", false],
  ["input I { a: Int } type Query { a: I }", false],
  ["input I { a: Query } type Query { a: Int }", false],
  ["union U = Int type Query { a: Int }", false],
  ["type A implements Query { a: Int } type Query { a: Int }", false],
  ["interface I { a: Int } type A implements I { b: Int } type Query { a: Int }", false],
  ["interface I { a: Int! } type A implements I { a: Int } type Query { a: Int }", false],
  [
    "interface I { a(x: Int): Int } type A implements I { a(x: Int, y: Int!): Int } type Query { a: Int }",
    false,
  ],
  [
    "interface I { a: Int } interface J implements I { a: Int } type A implements J { a: Int } type Query { a: Int }",
    false,
  ],
  ["scalar A extend type A { a: Int } type Query { a: Int }", false],
  ["schema { query: Query } schema { query: Query } type Query { a: Int }", false],
  ["schema { query: Q } type Query { a: Int }", false],
  ["type __Foo { a: Int }", false],
  ["type Query { __a: Int }", false],
  ["type Query { a: Int @include(if: true) }", false],
  ["directive @d(a: Int @d) on ARGUMENT_DEFINITION type Query { a: Int }", false],
  ["type Query { a: Int } type Query { b: Int }", false],
  ["query { a }", false],
  ["type Query { a: Undefined }", false],
  [
    { Definitions: [{ Kind: "OBJECT", Name: "Query", Fields: [{ Name: "a", Type: { NamedType: "Int" } }] }] },
    true,
  ],
  [{ Definitions: [{ Kind: "OBJECT", Name: "Query" }] }, false],
  [{}, true],
];

const IS_VALID: [unknown, unknown, boolean][] = [
  ["{ a }", "type Query { a: Int }", true],
  ["", "type Query { a: Int }", true],
  ["{ z }", "type Query { a: Int }", false],
  ["{ b }", "type Query { b(x: Int!): Int }", false],
  ["query Q($x: Int) { a }", "type Query { a: Int }", false],
  ["{ a } query Q { a }", "type Query { a: Int }", false],
  ["{ o }", "type Query { o: O } type O { c: Int }", false],
  ["{ __typename __schema { types { name } } }", "type Query { a: Int }", true],
  ["{ ... @defer { a } }", "type Query { a: Int }", true],
  ["{ a }", "type Foo { a: Int }", false],
  ["mutation { a }", "type Query { a: Int }", false],
  ["{ a }", "schema { query: Q } type Q { a: Int }", true],
  ["{ u { id } }", "extend type User { id: ID! } extend type Query { u: User }", true],
  ['{ a(x: "s") }', "type Query { a(x: Int): Int }", false],
  ["{ a(x: 1.5) }", "type Query { a(x: Float): Int }", true],
  ["{ a(x: {k: [1, 2]}) }", "input I { k: [Int] } type Query { a(x: I): Int }", true],
  ["{ a(x: RED) }", "enum C { RED } type Query { a(x: C): Int }", true],
  ["{ ...F } fragment F on Query { a }", "type Query { a: Int }", true],
  ["{ a } fragment F on Query { a }", "type Query { a: Int }", false],
  [
    { Operations: [{ Operation: "query", SelectionSet: [{ Alias: "a", Name: "a" }] }] },
    "type Query { a: Int }",
    true,
  ],
  [
    {
      Operations: [{ Operation: "query", SelectionSet: [{ Name: "F" }] }],
      Fragments: [{ Name: "F", TypeCondition: "Query", SelectionSet: [{ Alias: "a", Name: "a" }] }],
    },
    "type Query { a: Int }",
    false,
  ],
  [{ Operations: [{ Operation: "query", SelectionSet: [{ Name: "a" }] }] }, "type Query { a: Int }", true],
];

const VALUES: [string, unknown[], unknown][] = [
  [
    "graphql.parse_query",
    ["{ a }"],
    {
      Operations: [
        { Description: "", Name: "", Operation: "query", SelectionSet: [{ Alias: "a", Name: "a" }] },
      ],
    },
  ],
  ["graphql.parse_query", [""], {}],
  ["graphql.parse_query", ["# only a comment"], {}],
  [
    "graphql.parse_query",
    [
      'query Q($v: [Int!]! = [1]) @dir(a: null) { x: a(s: "q\\"\\u00e9", b: """  block\n  text""", f: -1.5e3, o: {a: $v}) ... on T @skip(if: true) { b } ...F }',
    ],
    {
      Operations: [
        {
          Description: "",
          Directives: [
            {
              Arguments: [{ Name: "a", Value: { ExpectedTypeHasDefault: false, Kind: 6, Raw: "null" } }],
              Location: "",
              Name: "dir",
            },
          ],
          Name: "Q",
          Operation: "query",
          SelectionSet: [
            {
              Alias: "x",
              Arguments: [
                { Name: "s", Value: { ExpectedTypeHasDefault: false, Kind: 3, Raw: 'q"é' } },
                { Name: "b", Value: { ExpectedTypeHasDefault: false, Kind: 4, Raw: "  block\ntext" } },
                { Name: "f", Value: { ExpectedTypeHasDefault: false, Kind: 2, Raw: "-1.5e3" } },
                {
                  Name: "o",
                  Value: {
                    Children: [{ Name: "a", Value: { ExpectedTypeHasDefault: false, Kind: 0, Raw: "v" } }],
                    ExpectedTypeHasDefault: false,
                    Kind: 9,
                    Raw: "",
                  },
                },
              ],
              Name: "a",
            },
            {
              Directives: [
                {
                  Arguments: [{ Name: "if", Value: { ExpectedTypeHasDefault: false, Kind: 5, Raw: "true" } }],
                  Location: "",
                  Name: "skip",
                },
              ],
              SelectionSet: [{ Alias: "b", Name: "b" }],
              TypeCondition: "T",
            },
            { Name: "F" },
          ],
          VariableDefinitions: [
            {
              DefaultValue: {
                Children: [{ Name: "", Value: { ExpectedTypeHasDefault: false, Kind: 1, Raw: "1" } }],
                ExpectedTypeHasDefault: false,
                Kind: 8,
                Raw: "",
              },
              Description: "",
              Type: { Elem: { NamedType: "Int", NonNull: true }, NamedType: "", NonNull: true },
              Used: false,
              Variable: "v",
            },
          ],
        },
      ],
    },
  ],
  [
    "graphql.parse_schema",
    ["type Query { a: Int }"],
    {
      Definitions: [
        {
          BuiltIn: false,
          Description: "",
          Fields: [{ Description: "", Name: "a", Type: { NamedType: "Int", NonNull: false } }],
          Kind: "OBJECT",
          Name: "Query",
        },
      ],
    },
  ],
  ["graphql.parse_schema", [""], {}],
  [
    "graphql.parse_schema",
    [
      '"""\n  Multi\n  line\n"""\ntype A implements B & C @d { f(a: Int = 1 @x): [A!] } input I { a: Int = 3 } extend schema @d { subscription: S } extend union U = X extend enum E { B } extend input I { b: Int } extend interface F { g: Int } extend scalar S @d',
    ],
    {
      Definitions: [
        {
          BuiltIn: false,
          Description: "Multi\nline",
          Directives: [{ Location: "", Name: "d" }],
          Fields: [
            {
              Arguments: [
                {
                  DefaultValue: { ExpectedTypeHasDefault: false, Kind: 1, Raw: "1" },
                  Description: "",
                  Directives: [{ Location: "", Name: "x" }],
                  Name: "a",
                  Type: { NamedType: "Int", NonNull: false },
                },
              ],
              Description: "",
              Name: "f",
              Type: { Elem: { NamedType: "A", NonNull: true }, NamedType: "", NonNull: false },
            },
          ],
          Interfaces: ["B", "C"],
          Kind: "OBJECT",
          Name: "A",
        },
        {
          BuiltIn: false,
          Description: "",
          Fields: [
            {
              DefaultValue: { ExpectedTypeHasDefault: false, Kind: 1, Raw: "3" },
              Description: "",
              Name: "a",
              Type: { NamedType: "Int", NonNull: false },
            },
          ],
          Kind: "INPUT_OBJECT",
          Name: "I",
        },
      ],
      Extensions: [
        { BuiltIn: false, Description: "", Kind: "UNION", Name: "U", Types: ["X"] },
        {
          BuiltIn: false,
          Description: "",
          EnumValues: [{ Description: "", Name: "B" }],
          Kind: "ENUM",
          Name: "E",
        },
        {
          BuiltIn: false,
          Description: "",
          Fields: [{ Description: "", Name: "b", Type: { NamedType: "Int", NonNull: false } }],
          Kind: "INPUT_OBJECT",
          Name: "I",
        },
        {
          BuiltIn: false,
          Description: "",
          Fields: [{ Description: "", Name: "g", Type: { NamedType: "Int", NonNull: false } }],
          Kind: "INTERFACE",
          Name: "F",
        },
        {
          BuiltIn: false,
          Description: "",
          Directives: [{ Location: "", Name: "d" }],
          Kind: "SCALAR",
          Name: "S",
        },
      ],
      SchemaExtension: [
        {
          Description: "",
          Directives: [{ Location: "", Name: "d" }],
          OperationTypes: [{ Operation: "subscription", Type: "S" }],
        },
      ],
    },
  ],
  [
    "graphql.parse_and_verify",
    ["{ a }", "type Query { a: Int }"],
    [
      true,
      {
        Operations: [
          { Description: "", Name: "", Operation: "query", SelectionSet: [{ Alias: "a", Name: "a" }] },
        ],
      },
      {
        Definitions: [
          {
            BuiltIn: false,
            Description: "",
            Fields: [{ Description: "", Name: "a", Type: { NamedType: "Int", NonNull: false } }],
            Kind: "OBJECT",
            Name: "Query",
          },
        ],
      },
    ],
  ],
  ["graphql.parse_and_verify", ["{ b }", "type Query { a: Int }"], [false, {}, {}]],
  ["graphql.parse_and_verify", ["{ b", "type Query { a: Int }"], [false, {}, {}]],
  [
    "graphql.parse",
    ["{ a }", "type Query { a: Int }"],
    [
      {
        Operations: [
          { Description: "", Name: "", Operation: "query", SelectionSet: [{ Alias: "a", Name: "a" }] },
        ],
      },
      {
        Definitions: [
          {
            BuiltIn: false,
            Description: "",
            Fields: [{ Description: "", Name: "a", Type: { NamedType: "Int", NonNull: false } }],
            Kind: "OBJECT",
            Name: "Query",
          },
        ],
      },
    ],
  ],
];

const ERRORS: [string, unknown[], string][] = [
  [
    "graphql.parse",
    ["query Q($x: Int) { a }", "type Query { a: Int }"],
    'graphql.parse: Variable "$x" is never used in operation "Q" in GraphQL string at location 1:9',
  ],
  [
    "graphql.parse_query",
    ["type Query { a: Int }"],
    'graphql.parse_query: Unexpected Name "type" in GraphQL string at location 1:1',
  ],
  [
    "graphql.parse_query",
    ["{ a"],
    "graphql.parse_query: Expected Name, found <EOF> in GraphQL string at location 1:4",
  ],
  [
    "graphql.parse_query",
    ['{ a(x: "unterminated) }'],
    "graphql.parse_query: Unexpected <Invalid> in GraphQL string at location 1:24",
  ],
  [
    "graphql.parse_query",
    ["{ a } {"],
    "graphql.parse_query: Expected Name, found <EOF> in GraphQL string at location 1:8",
  ],
  ["graphql.parse_schema", ["{ a }"], "graphql.parse_schema: Unexpected { in GraphQL string at location 1:1"],
  [
    "graphql.parse_schema",
    ["type Query { a: Int } query { a }"],
    'graphql.parse_schema: Unexpected Name "query" in GraphQL string at location 1:23',
  ],
  [
    "graphql.parse_schema",
    ["enum E { }"],
    "graphql.parse_schema: expected at least one definition, found } in GraphQL string at location 1:10",
  ],
  [
    "graphql.parse",
    ["{ b }", "type Query { a: Int }"],
    'graphql.parse: Cannot query field "b" on type "Query". Did you mean "a"?\n in GraphQL string at location 1:3',
  ],
];

/**
 * OPA 1.22.4's gqlparser gives each operation and operation variable an empty Description that the
 * OPA of the conformance suite (open-policy-agent/opa 2605e2c7) does not; the builtins follow the
 * suite, so these keys are taken out of OPA 1.22.4's answers.
 */
function withoutOperationDescriptions(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutOperationDescriptions);
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value).map(([key, field]) => {
    if (key !== "Operations" || !Array.isArray(field)) return [key, withoutOperationDescriptions(field)];
    return [key, field.map(withoutDescription)];
  });
  return Object.fromEntries(entries);
}

function withoutDescription(operation: Record<string, unknown>): Record<string, unknown> {
  const { Description: _description, VariableDefinitions, ...rest } = operation;
  if (!Array.isArray(VariableDefinitions)) return rest;
  return {
    ...rest,
    VariableDefinitions: VariableDefinitions.map(({ Description: _variable, ...variable }) => variable),
  };
}

test.each(SCHEMA_IS_VALID)("graphql.schema_is_valid(%j) is %j", (schema, valid) => {
  expect(call("graphql.schema_is_valid", schema)).toBe(valid);
});

test.each(IS_VALID)("graphql.is_valid(%j, %j) is %j", (query, schema, valid) => {
  expect(call("graphql.is_valid", query, schema)).toBe(valid);
});

test.each(VALUES)("%s(%j)", (name, args, value) => {
  expect(call(name, ...args)).toEqual(withoutOperationDescriptions(value));
});

test.each(ERRORS)("%s(%j) fails as OPA does", (name, args, message) => {
  expect(() => call(name, ...args)).toThrow(message);
});
