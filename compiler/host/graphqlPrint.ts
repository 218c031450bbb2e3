/**
 * GraphQL text from gqlparser-shaped ASTs, so that graphql-js can check a query against a schema
 * that arrived as AST objects or was validated by gqlparser's rules: a schema prints as SDL with its
 * extensions folded in, a query document as itself. Fields missing from a policy-built object read
 * as Go's JSON decoding leaves them, empty.
 */
import { type Json, type JsonObject, VALUE_KIND } from "./graphqlAst";
import { asObject, list, text, typeRef, typeString, type ValidatedSchema } from "./graphqlSchema";

/** Directives of gqlparser's prelude that graphql-js does not declare itself. */
const PRELUDE_DIRECTIVES_UNKNOWN_TO_GRAPHQL_JS = new Set(["defer"]);
const GRAPHQL_JS_DIRECTIVES = new Set(["include", "skip", "deprecated", "specifiedBy", "oneOf"]);

/** The schema's own types, directives and root operation types as SDL. */
export function printSchema(schema: ValidatedSchema, declared: JsonObject): string {
  const parts: string[] = [];
  const roots = Object.entries(schema.roots).map(([operation, type]) => `${operation}: ${type}`);
  if (roots.length > 0) parts.push(`schema { ${roots.join(" ")} }`);
  for (const definition of schema.types.values()) {
    if (definition.BuiltIn) continue;
    const body = (definition as unknown as JsonObject).Fields as Json[];
    const directives = printDirectives(definition.Directives as unknown as Json[]);
    switch (definition.Kind) {
      case "SCALAR":
        parts.push(`scalar ${definition.Name}${directives}`);
        break;
      case "UNION":
        parts.push(`union ${definition.Name}${directives} = ${definition.Types.join(" | ")}`);
        break;
      case "ENUM":
        parts.push(
          `enum ${definition.Name}${directives} { ${definition.EnumValues.map((value) => `${value.Name}${printDirectives(value.Directives as unknown as Json[])}`).join(" ")} }`,
        );
        break;
      default: {
        const keyword =
          { OBJECT: "type", INTERFACE: "interface", INPUT_OBJECT: "input" }[definition.Kind] ?? "type";
        const implementsClause =
          definition.Interfaces.length > 0 ? ` implements ${definition.Interfaces.join(" & ")}` : "";
        parts.push(
          `${keyword} ${definition.Name}${implementsClause}${directives} { ${body.map(printFieldDefinition).join(" ")} }`,
        );
      }
    }
  }
  for (const directive of list(declared.Directives).map(asObject))
    if (!GRAPHQL_JS_DIRECTIVES.has(text(directive.Name))) parts.push(printDirectiveDefinition(directive));
  for (const directive of schema.directives.values())
    if (
      PRELUDE_DIRECTIVES_UNKNOWN_TO_GRAPHQL_JS.has(directive.Name) &&
      !list(declared.Directives).some((d) => asObject(d).Name === directive.Name)
    )
      parts.push(printDirectiveDefinition(directive as unknown as JsonObject));
  return parts.join("\n");
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
