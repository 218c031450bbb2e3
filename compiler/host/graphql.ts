/**
 * The graphql.* builtins. OPA runs them on gqlparser (its vendored copy of vektah/gqlparser v2): a
 * document parses to gqlparser's AST, given and taken as JSON (graphqlAst.ts); a schema validates by
 * gqlparser's rules after its prelude (graphqlSchema.ts); a query validates against it by the
 * GraphQL specification's rules, which gqlparser ports from graphql-js and graphql-js runs here.
 * The query and schema operands are GraphQL text or AST objects from graphql.parse_query and
 * graphql.parse_schema.
 */
import { buildASTSchema, type DocumentNode, GraphQLError, parse, specifiedRules, validate } from "graphql";
import {
  type Json,
  type JsonObject,
  parseGraphQL,
  parseQueryDocument,
  parseSchemaDocument,
  queryAst,
} from "./graphqlAst";
import { printQuery, printSchema } from "./graphqlPrint";
import { type ValidatedSchema, validateSchema } from "./graphqlSchema";
import { isJsonObject, stringOperand } from "./operands";

/** A query operand: parsed, or read as an AST object. */
function queryOperand(value: unknown, position: number): { ast: JsonObject; document: DocumentNode } {
  if (typeof value === "string") {
    const document = parseGraphQL(value);
    return { ast: queryAst(document), document };
  }
  if (isJsonObject(value)) {
    const ast = value as JsonObject;
    return { ast, document: parse(printQuery(ast)) };
  }
  throw new Error(`operand ${position} must be one of {string, object} but got ${typeName(value)}`);
}

/** A schema operand: parsed, or read as an AST object. */
function schemaOperand(value: unknown, position: number): JsonObject {
  if (typeof value === "string") return parseSchemaDocument(value);
  if (isJsonObject(value)) return value as JsonObject;
  throw new Error(`operand ${position} must be one of {string, object} but got ${typeName(value)}`);
}

/** Validates the query against the schema; throws the first error as OPA reports it. */
function verify(query: DocumentNode, schemaAst: JsonObject): void {
  let schema: ValidatedSchema;
  try {
    schema = validateSchema(schemaAst);
  } catch (error) {
    throw new Error(`Error in gqlparser SchemaDocument to Schema conversion: ${(error as Error).message}`);
  }
  // The schema passed gqlparser's rules, so graphql-js is told to trust it rather than apply its own.
  const built = buildASTSchema(parse(printSchema(schema, schemaAst)), {
    assumeValid: true,
    assumeValidSDL: true,
  });
  const [first] = validate(built, query, specifiedRules);
  if (first !== undefined) throw new Error(queryErrorMessage(first));
}

/**
 * A validation error as OPA words it: gqlparser's messages end in a newline, and OPA trims a final
 * ".\n" but leaves any other.
 */
function queryErrorMessage(error: GraphQLError): string {
  const location = error.locations?.[0];
  const where = location === undefined ? "" : ` at location ${location.line}:${location.column}`;
  const message = error.message.endsWith(".") ? error.message.slice(0, -1) : `${error.message}\n`;
  return `${message} in GraphQL string${where}`;
}

export function schemaIsValid(schema: unknown): boolean {
  try {
    validateSchema(schemaOperand(schema, 1));
    return true;
  } catch {
    return false;
  }
}

export function isValid(query: unknown, schema: unknown): boolean {
  try {
    verify(queryOperand(query, 1).document, schemaOperand(schema, 2));
    return true;
  } catch {
    return false;
  }
}

/** `[query AST, schema AST]` of a query valid against the schema; an error otherwise. */
export function parseBoth(query: unknown, schema: unknown): [Json, Json] {
  const parsedQuery = queryOperand(query, 1);
  const parsedSchema = schemaOperand(schema, 2);
  verify(parsedQuery.document, parsedSchema);
  return [parsedQuery.ast, parsedSchema];
}

/** `[true, query AST, schema AST]`, or `[false, {}, {}]` when anything fails. */
export function parseAndVerify(query: unknown, schema: unknown): [boolean, Json, Json] {
  try {
    return [true, ...parseBoth(query, schema)];
  } catch {
    return [false, {}, {}];
  }
}

export function parseQuery(query: unknown): JsonObject {
  return parseQueryDocument(stringOperand(query, 1));
}

export function parseSchema(schema: unknown): JsonObject {
  return parseSchemaDocument(stringOperand(schema, 1));
}

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

export const GRAPHQL_BUILTINS = {
  "graphql.schema_is_valid": schemaIsValid,
  "graphql.is_valid": isValid,
  "graphql.parse": parseBoth,
  "graphql.parse_and_verify": parseAndVerify,
  "graphql.parse_query": parseQuery,
  "graphql.parse_schema": parseSchema,
};
