/**
 * GraphQL documents in the shape OPA's graphql.* builtins give and take: the Go structs of gqlparser
 * (vektah/gqlparser v2, vendored by OPA) as JSON — `Operations`, `Definitions`, `SelectionSet`, … —
 * with `Position`s, nulls and empty lists or objects pruned away as OPA prunes them. Documents are
 * parsed with graphql-js and converted here; syntax errors are reworded to gqlparser's.
 */
import {
  type ConstDirectiveNode,
  type DefinitionNode,
  type DirectiveNode,
  type DocumentNode,
  type FieldDefinitionNode,
  GraphQLError,
  type InputValueDefinitionNode,
  Kind,
  type NamedTypeNode,
  type OperationTypeDefinitionNode,
  Lexer,
  parse,
  type SelectionNode,
  Source,
  TokenKind,
  type TypeNode,
  type ValueNode,
  type VariableDefinitionNode,
} from "graphql";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** gqlparser's ast.ValueKind, by the order of its constants. */
export const VALUE_KIND = {
  Variable: 0,
  Int: 1,
  Float: 2,
  String: 3,
  Block: 4,
  Boolean: 5,
  Null: 6,
  Enum: 7,
  List: 8,
  Object: 9,
} as const;

/** gqlparser's ast.DefinitionKind of each graphql-js type definition or extension. */
const DEFINITION_KIND: Partial<Record<Kind, string>> = {
  [Kind.SCALAR_TYPE_DEFINITION]: "SCALAR",
  [Kind.SCALAR_TYPE_EXTENSION]: "SCALAR",
  [Kind.OBJECT_TYPE_DEFINITION]: "OBJECT",
  [Kind.OBJECT_TYPE_EXTENSION]: "OBJECT",
  [Kind.INTERFACE_TYPE_DEFINITION]: "INTERFACE",
  [Kind.INTERFACE_TYPE_EXTENSION]: "INTERFACE",
  [Kind.UNION_TYPE_DEFINITION]: "UNION",
  [Kind.UNION_TYPE_EXTENSION]: "UNION",
  [Kind.ENUM_TYPE_DEFINITION]: "ENUM",
  [Kind.ENUM_TYPE_EXTENSION]: "ENUM",
  [Kind.INPUT_OBJECT_TYPE_DEFINITION]: "INPUT_OBJECT",
  [Kind.INPUT_OBJECT_TYPE_EXTENSION]: "INPUT_OBJECT",
};

/** A query document (`graphql.parse_query`): operations and fragments. */
export function parseQueryDocument(text: string): JsonObject {
  return queryAst(parseGraphQL(text));
}

/** The gqlparser AST of a query document graphql-js parsed. */
export function queryAst(document: DocumentNode): JsonObject {
  const operations: Json[] = [];
  const fragments: Json[] = [];
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION)
      operations.push({
        Operation: definition.operation,
        Name: definition.name?.value ?? "",
        VariableDefinitions: definition.variableDefinitions?.map(variableDefinition) ?? [],
        Directives: directives(definition.directives),
        SelectionSet: definition.selectionSet.selections.map(selection),
      });
    else if (definition.kind === Kind.FRAGMENT_DEFINITION)
      fragments.push({
        Name: definition.name.value,
        VariableDefinition: definition.variableDefinitions?.map(variableDefinition) ?? [],
        TypeCondition: definition.typeCondition.name.value,
        Directives: directives(definition.directives),
        SelectionSet: definition.selectionSet.selections.map(selection),
      });
    else throw unexpectedDefinition(definition);
  }
  return prune({ Operations: operations, Fragments: fragments }) as JsonObject;
}

/** A schema document (`graphql.parse_schema`), without the prelude of built-in types. */
export function parseSchemaDocument(text: string): JsonObject {
  const document = parseGraphQL(text);
  const schema: Json[] = [];
  const schemaExtensions: Json[] = [];
  const directiveDefinitions: Json[] = [];
  const definitions: Json[] = [];
  const extensions: Json[] = [];
  for (const definition of document.definitions) {
    switch (definition.kind) {
      case Kind.SCHEMA_DEFINITION:
      case Kind.SCHEMA_EXTENSION:
        (definition.kind === Kind.SCHEMA_DEFINITION ? schema : schemaExtensions).push({
          Description:
            definition.kind === Kind.SCHEMA_DEFINITION ? (definition.description?.value ?? "") : "",
          Directives: directives(definition.directives),
          OperationTypes: definition.operationTypes?.map(operationType) ?? [],
        });
        break;
      case Kind.DIRECTIVE_DEFINITION:
        directiveDefinitions.push({
          Description: definition.description?.value ?? "",
          Name: definition.name.value,
          Arguments: definition.arguments?.map(inputValueDefinition) ?? [],
          IsRepeatable: definition.repeatable,
          Locations: definition.locations.map((location) => location.value),
        });
        break;
      default: {
        const kind = DEFINITION_KIND[definition.kind];
        if (kind === undefined) throw unexpectedDefinition(definition);
        const typeDefinition = definition as typeof definition & {
          description?: { value: string };
          name: { value: string };
          directives?: readonly ConstDirectiveNode[];
          interfaces?: readonly NamedTypeNode[];
          fields?: readonly (FieldDefinitionNode | InputValueDefinitionNode)[];
          types?: readonly NamedTypeNode[];
          values?: readonly {
            description?: { value: string };
            name: { value: string };
            directives?: readonly ConstDirectiveNode[];
          }[];
        };
        (definition.kind.endsWith("Extension") ? extensions : definitions).push({
          Kind: kind,
          Description: typeDefinition.description?.value ?? "",
          Name: typeDefinition.name.value,
          Directives: directives(typeDefinition.directives),
          Interfaces: typeDefinition.interfaces?.map((name) => name.name.value) ?? [],
          Fields: typeDefinition.fields?.map(fieldDefinition) ?? [],
          Types: typeDefinition.types?.map((name) => name.name.value) ?? [],
          EnumValues:
            typeDefinition.values?.map((value) => ({
              Description: value.description?.value ?? "",
              Name: value.name.value,
              Directives: directives(value.directives),
            })) ?? [],
          BuiltIn: false,
        });
      }
    }
  }
  return prune({
    Schema: schema,
    SchemaExtension: schemaExtensions,
    Directives: directiveDefinitions,
    Definitions: definitions,
    Extensions: extensions,
  }) as JsonObject;
}

/**
 * graphql-js's parse, its syntax errors reworded as gqlparser words them and OPA reports them:
 * `Expected Name, found } in GraphQL string at location 1:13`.
 */
export function parseGraphQL(text: string): DocumentNode {
  // gqlparser reads a document of no definitions as empty where graphql-js expects one.
  if (hasNoTokens(text)) return { kind: Kind.DOCUMENT, definitions: [] };
  try {
    // gqlparser's grammar: fragments may declare variables, and a selection set is never empty.
    return parse(text, { experimentalFragmentArguments: true, allowEmptySelectionSets: false });
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    const location = error.locations?.[0];
    // gqlparser leaves punctuators unquoted, says "Unexpected <Invalid>" of a character it cannot
    // lex, and has its own message for an empty `{}` list.
    let message = error.message.replace(/^Syntax Error: /, "").replace(/\.$/, "");
    message = message.replace(/"([!$&()[\]{}|:=@]|\.\.\.)"/g, "$1");
    if (isLexicalError(text, location)) message = "Unexpected <Invalid>";
    if (
      location !== undefined &&
      /^Expected Name, found }$/.test(message) &&
      precededByOpeningBrace(text, location)
    )
      message = "expected at least one definition, found }";
    throw new Error(`${message} in GraphQL string at location ${location?.line}:${location?.column}`);
  }
}

/** Whether the error is the lexer's: the text does not divide into tokens up to the error's location. */
function isLexicalError(text: string, location: { line: number; column: number } | undefined): boolean {
  const lexer = new Lexer(new Source(text));
  try {
    while (lexer.advance().kind !== TokenKind.EOF) {
      const token = lexer.token;
      if (
        location !== undefined &&
        (token.line > location.line || (token.line === location.line && token.column > location.column))
      )
        return false;
    }
    return false;
  } catch {
    return true;
  }
}

function hasNoTokens(text: string): boolean {
  try {
    return new Lexer(new Source(text)).advance().kind === TokenKind.EOF;
  } catch {
    return false; // a character no token begins with, which parse reports
  }
}

function precededByOpeningBrace(text: string, location: { line: number; column: number }): boolean {
  const lines = text.split(/\r\n|\r|\n/);
  const offset = lines.slice(0, location.line - 1).reduce((sum, line) => sum + line.length + 1, 0);
  return text
    .slice(0, offset + location.column - 1)
    .trimEnd()
    .endsWith("{");
}

function unexpectedDefinition(definition: DefinitionNode): Error {
  const start = definition.loc?.startToken;
  const token = start?.kind === TokenKind.NAME ? `Name "${start.value}"` : start?.kind;
  return new Error(`Unexpected ${token} in GraphQL string at location ${start?.line}:${start?.column}`);
}

function selection(node: SelectionNode): JsonObject {
  switch (node.kind) {
    case Kind.FIELD:
      return {
        Alias: node.alias?.value ?? node.name.value,
        Name: node.name.value,
        Arguments:
          node.arguments?.map((argument) => ({ Name: argument.name.value, Value: value(argument.value) })) ??
          [],
        Directives: directives(node.directives),
        SelectionSet: node.selectionSet?.selections.map(selection) ?? [],
      };
    case Kind.FRAGMENT_SPREAD:
      return { Name: node.name.value, Directives: directives(node.directives) };
    case Kind.INLINE_FRAGMENT:
      return {
        TypeCondition: node.typeCondition?.name.value ?? "",
        Directives: directives(node.directives),
        SelectionSet: node.selectionSet.selections.map(selection),
      };
  }
}

function variableDefinition(node: VariableDefinitionNode): JsonObject {
  return {
    Variable: node.variable.name.value,
    Type: type(node.type),
    DefaultValue: node.defaultValue === undefined ? null : value(node.defaultValue),
    Directives: directives(node.directives),
    Used: false,
  };
}

function operationType(node: OperationTypeDefinitionNode): JsonObject {
  return { Operation: node.operation, Type: node.type.name.value };
}

function fieldDefinition(node: FieldDefinitionNode | InputValueDefinitionNode): JsonObject {
  return {
    Description: node.description?.value ?? "",
    Name: node.name.value,
    Arguments: "arguments" in node ? (node.arguments?.map(inputValueDefinition) ?? []) : [],
    DefaultValue: "defaultValue" in node && node.defaultValue !== undefined ? value(node.defaultValue) : null,
    Type: type(node.type),
    Directives: directives(node.directives),
  };
}

function inputValueDefinition(node: InputValueDefinitionNode): JsonObject {
  return {
    Description: node.description?.value ?? "",
    Name: node.name.value,
    DefaultValue: node.defaultValue === undefined ? null : value(node.defaultValue),
    Type: type(node.type),
    Directives: directives(node.directives),
  };
}

function directives(nodes: readonly DirectiveNode[] | undefined): Json[] {
  return (nodes ?? []).map((node) => ({
    Name: node.name.value,
    Arguments:
      node.arguments?.map((argument) => ({ Name: argument.name.value, Value: value(argument.value) })) ?? [],
    Location: "",
  }));
}

function type(node: TypeNode): JsonObject {
  switch (node.kind) {
    case Kind.NAMED_TYPE:
      return { NamedType: node.name.value, NonNull: false };
    case Kind.LIST_TYPE:
      return { NamedType: "", Elem: type(node.type), NonNull: false };
    case Kind.NON_NULL_TYPE:
      return { ...type(node.type), NonNull: true };
  }
}

function value(node: ValueNode): JsonObject {
  const scalar = (kind: number, raw: string): JsonObject => ({
    Raw: raw,
    Kind: kind,
    ExpectedTypeHasDefault: false,
  });
  switch (node.kind) {
    case Kind.VARIABLE:
      return scalar(VALUE_KIND.Variable, node.name.value);
    case Kind.INT:
      return scalar(VALUE_KIND.Int, node.value);
    case Kind.FLOAT:
      return scalar(VALUE_KIND.Float, node.value);
    case Kind.STRING:
      return scalar(node.block === true ? VALUE_KIND.Block : VALUE_KIND.String, node.value);
    case Kind.BOOLEAN:
      return scalar(VALUE_KIND.Boolean, String(node.value));
    case Kind.NULL:
      return scalar(VALUE_KIND.Null, "null");
    case Kind.ENUM:
      return scalar(VALUE_KIND.Enum, node.value);
    case Kind.LIST:
      return {
        ...scalar(VALUE_KIND.List, ""),
        Children: node.values.map((child) => ({ Name: "", Value: value(child) })),
      };
    case Kind.OBJECT:
      return {
        ...scalar(VALUE_KIND.Object, ""),
        Children: node.fields.map((field) => ({ Name: field.name.value, Value: value(field.value) })),
      };
  }
}

/** OPA's pruning of an AST: nulls, and lists and objects that are empty once pruned, go. */
function prune(value: Json): Json {
  if (Array.isArray(value)) return value.map(prune).filter(kept);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== "Position")
      .map(([key, field]) => [key, prune(field)] as const)
      .filter(([, field]) => kept(field)),
  );
}

function kept(value: Json): boolean {
  if (value === null) return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === "object") return Object.keys(value).length > 0;
  return true;
}
