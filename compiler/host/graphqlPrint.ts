/**
 * GraphQL text from gqlparser-shaped ASTs, so that graphql-js can check a query against a schema
 * that arrived as AST objects or was validated by gqlparser's rules: a schema prints as SDL with its
 * extensions folded in, a query document as itself. Fields missing from a policy-built object read
 * as Go's JSON decoding leaves them, empty.
 */
import { type Json, type JsonObject, VALUE_KIND } from "./graphqlAst";
import {
  asObject,
  BUILT_IN_DIRECTIVES,
  DEFER_DIRECTIVE,
  list,
  text,
  typeRef,
  typeString,
  type ValidatedSchema,
} from "./graphqlSchema";

/**
 * The schema's own types (each definition with its extensions, as gqlparser merges them), its own
 * directives, and its root operation types, as SDL for graphql-js. The built-in directives are
 * graphql-js's own, but for gqlparser's @defer, which graphql-js leaves out by default; gqlparser
 * keeps the prelude's declaration of a built-in directive a schema declares again.
 */
export function printSchema(schema: ValidatedSchema, declared: JsonObject): string {
  const types = new Map<string, JsonObject[]>();
  for (const definition of [...list(declared.Definitions), ...list(declared.Extensions)].map(asObject)) {
    const name = text(definition.Name);
    types.set(name, [...(types.get(name) ?? []), definition]);
  }
  const roots = Object.entries(schema.roots).map(([operation, type]) => `${operation}: ${type}`);
  const directives = list(declared.Directives)
    .map(asObject)
    .filter((directive) => !BUILT_IN_DIRECTIVES.has(text(directive.Name)))
    .map(printDirectiveDefinition);
  return [
    roots.length > 0 ? `schema { ${roots.join(" ")} }` : "",
    ...[...types.values()].map(printTypeDefinition),
    ...directives,
    DEFER_DIRECTIVE,
  ].join("\n");
}

/** A type from its definition and extensions, which all have its kind once validated. */
function printTypeDefinition(parts: JsonObject[]): string {
  const [first] = parts;
  const name = text(first.Name);
  const all = (key: string) => parts.flatMap((part) => list(part[key]));
  const directives = printDirectives(all("Directives"));
  switch (text(first.Kind)) {
    case "SCALAR":
      return `scalar ${name}${directives}`;
    case "UNION":
      return `union ${name}${directives} = ${all("Types").map(text).join(" | ")}`;
    case "ENUM": {
      const values = all("EnumValues")
        .map(asObject)
        .map((value) => `${text(value.Name)}${printDirectives(list(value.Directives))}`);
      return `enum ${name}${directives} { ${values.join(" ")} }`;
    }
    default: {
      const keyword = { INTERFACE: "interface", INPUT_OBJECT: "input" }[text(first.Kind)] ?? "type";
      const interfaces = all("Interfaces").map(text);
      const implementsClause = interfaces.length > 0 ? ` implements ${interfaces.join(" & ")}` : "";
      return `${keyword} ${name}${implementsClause}${directives} { ${all("Fields").map(printFieldDefinition).join(" ")} }`;
    }
  }
}

/** A query document: its operations, then its fragments. */
export function printQuery(document: JsonObject): string {
  const operations = list(document.Operations).map((value) => {
    const operation = asObject(value);
    const variables = list(operation.VariableDefinitions).map((variableValue) => {
      const variable = asObject(variableValue);
      const defaultValue = variable.DefaultValue ? ` = ${printValue(variable.DefaultValue)}` : "";
      return `$${text(variable.Variable)}: ${typeString(typeRef(variable.Type))}${defaultValue}${printDirectives(list(variable.Directives))}`;
    });
    const variableList = variables.length > 0 ? `(${variables.join(", ")})` : "";
    return `${text(operation.Operation) || "query"} ${text(operation.Name)}${variableList}${printDirectives(list(operation.Directives))} ${printSelectionSet(operation.SelectionSet)}`;
  });
  const fragments = list(document.Fragments).map((value) => {
    const fragment = asObject(value);
    return `fragment ${text(fragment.Name)} on ${text(fragment.TypeCondition)}${printDirectives(list(fragment.Directives))} ${printSelectionSet(fragment.SelectionSet)}`;
  });
  return [...operations, ...fragments].join("\n");
}

function printSelectionSet(selections: Json | undefined): string {
  return `{ ${list(selections).map(asObject).map(printSelection).join(" ")} }`;
}

/**
 * A selection of an AST object. gqlparser decodes every selection of an AST object as a field (its
 * decoder tries a field first, and any object decodes as one), so a fragment spread or inline
 * fragment given back to a builtin is a field named as the fragment or unnamed, and prints so.
 */
function printSelection(selection: JsonObject): string {
  const alias = text(selection.Alias);
  const name = text(selection.Name);
  const subselection =
    list(selection.SelectionSet).length > 0 ? ` ${printSelectionSet(selection.SelectionSet)}` : "";
  const directives = printDirectives(list(selection.Directives));
  return `${alias !== "" && alias !== name ? `${alias}: ` : ""}${name}${printArguments(list(selection.Arguments))}${directives}${subselection}`;
}

function printFieldDefinition(value: Json): string {
  const field = asObject(value);
  const args = list(field.Arguments).map(printInputValueDefinition);
  const argumentList = args.length > 0 ? `(${args.join(", ")})` : "";
  const defaultValue = field.DefaultValue ? ` = ${printValue(field.DefaultValue)}` : "";
  return `${text(field.Name)}${argumentList}: ${typeString(typeRef(field.Type))}${defaultValue}${printDirectives(list(field.Directives))}`;
}

function printInputValueDefinition(value: Json): string {
  const argument = asObject(value);
  const defaultValue = argument.DefaultValue ? ` = ${printValue(argument.DefaultValue)}` : "";
  return `${text(argument.Name)}: ${typeString(typeRef(argument.Type))}${defaultValue}${printDirectives(list(argument.Directives))}`;
}

function printDirectiveDefinition(directive: JsonObject): string {
  const args = list(directive.Arguments).map(printInputValueDefinition);
  const argumentList = args.length > 0 ? `(${args.join(", ")})` : "";
  const repeatable = directive.IsRepeatable === true ? " repeatable" : "";
  return `directive @${text(directive.Name)}${argumentList}${repeatable} on ${list(directive.Locations).map(text).join(" | ")}`;
}

function printDirectives(directives: Json[]): string {
  return directives
    .map(asObject)
    .map((directive) => ` @${text(directive.Name)}${printArguments(list(directive.Arguments))}`)
    .join("");
}

function printArguments(args: Json[]): string {
  if (args.length === 0) return "";
  return `(${args
    .map(asObject)
    .map((argument) => `${text(argument.Name)}: ${printValue(argument.Value)}`)
    .join(", ")})`;
}

/** A value from its kind and raw text; lists and objects from their children. */
function printValue(value: Json | undefined): string {
  const object = asObject(value);
  const raw = text(object.Raw);
  const children = list(object.Children).map(asObject);
  switch (object.Kind) {
    case VALUE_KIND.Variable:
      return `$${raw}`;
    case VALUE_KIND.String:
    case VALUE_KIND.Block:
      return JSON.stringify(raw);
    case VALUE_KIND.List:
      return `[${children.map((child) => printValue(child.Value)).join(", ")}]`;
    case VALUE_KIND.Object:
      return `{${children.map((child) => `${text(child.Name)}: ${printValue(child.Value)}`).join(", ")}}`;
    default:
      return raw;
  }
}
