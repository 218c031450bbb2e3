/**
 * gqlparser's schema validation (validator.ValidateSchemaDocument), which OPA's graphql.* builtins
 * run on a schema document merged after the prelude of built-in scalars, directives and
 * introspection types. Its rules are not graphql-js's: an `extend type` of a type defined nowhere
 * defines it, no Query type is required, and built-in directives may be declared again. The checks
 * follow gqlparser's in order; the first failure is the error.
 */
import { type Json, type JsonObject, parseSchemaDocument } from "./graphqlAst";

/** What the validation keeps of a schema: its types by name, directives, and root operation types. */
export interface ValidatedSchema {
  types: Map<string, Definition>;
  directives: Map<string, DirectiveDefinition>;
  roots: { query?: string; mutation?: string; subscription?: string };
}

interface TypeRef {
  NamedType: string;
  Elem?: TypeRef;
  NonNull: boolean;
}
interface Directive {
  Name: string;
}
interface ArgumentDefinition {
  Name: string;
  Type: TypeRef;
  DefaultValue?: Json;
  Directives: Directive[];
}
interface FieldDefinition extends ArgumentDefinition {
  Arguments: ArgumentDefinition[];
}
interface Definition {
  Kind: string;
  Name: string;
  Directives: Directive[];
  Interfaces: string[];
  Fields: FieldDefinition[];
  Types: string[];
  EnumValues: { Name: string; Directives: Directive[] }[];
  BuiltIn: boolean;
}
interface DirectiveDefinition {
  Name: string;
  Arguments: ArgumentDefinition[];
  IsRepeatable: boolean;
  Locations: string[];
}

/** gqlparser's @defer, which graphql-js does not declare by default. */
export const DEFER_DIRECTIVE =
  "directive @defer(if: Boolean = true, label: String) on FRAGMENT_SPREAD | INLINE_FRAGMENT";

/** The built-in definitions gqlparser's prelude declares. */
const PRELUDE = `
${DEFER_DIRECTIVE}
scalar Int
scalar Float
scalar String
scalar Boolean
scalar ID
directive @include(if: Boolean!) on FIELD | FRAGMENT_SPREAD | INLINE_FRAGMENT
directive @skip(if: Boolean!) on FIELD | FRAGMENT_SPREAD | INLINE_FRAGMENT
directive @deprecated(reason: String = "No longer supported") on FIELD_DEFINITION | ARGUMENT_DEFINITION | INPUT_FIELD_DEFINITION | ENUM_VALUE
directive @specifiedBy(url: String!) on SCALAR
directive @oneOf on INPUT_OBJECT
type __Schema { description: String types: [__Type!]! queryType: __Type! mutationType: __Type subscriptionType: __Type directives: [__Directive!]! }
type __Type { kind: __TypeKind! name: String description: String fields(includeDeprecated: Boolean = false): [__Field!] interfaces: [__Type!] possibleTypes: [__Type!] enumValues(includeDeprecated: Boolean = false): [__EnumValue!] inputFields(includeDeprecated: Boolean = false): [__InputValue!] ofType: __Type specifiedByURL: String isOneOf: Boolean }
type __Field { name: String! description: String args(includeDeprecated: Boolean = false): [__InputValue!]! type: __Type! isDeprecated: Boolean! deprecationReason: String }
type __InputValue { name: String! description: String type: __Type! defaultValue: String isDeprecated: Boolean! deprecationReason: String }
type __EnumValue { name: String! description: String isDeprecated: Boolean! deprecationReason: String }
enum __TypeKind { SCALAR OBJECT INTERFACE UNION ENUM INPUT_OBJECT LIST NON_NULL }
type __Directive { name: String! description: String locations: [__DirectiveLocation!]! args(includeDeprecated: Boolean = false): [__InputValue!]! isRepeatable: Boolean! }
enum __DirectiveLocation { QUERY MUTATION SUBSCRIPTION FIELD FRAGMENT_DEFINITION FRAGMENT_SPREAD INLINE_FRAGMENT VARIABLE_DEFINITION SCHEMA SCALAR OBJECT FIELD_DEFINITION ARGUMENT_DEFINITION INTERFACE UNION ENUM ENUM_VALUE INPUT_OBJECT INPUT_FIELD_DEFINITION }
`;

/** Directives the prelude declares, which a schema may declare again (the prelude's stays). */
export const BUILT_IN_DIRECTIVES = new Set([
  "include",
  "skip",
  "deprecated",
  "specifiedBy",
  "defer",
  "oneOf",
]);

const INPUT_KINDS = ["SCALAR", "ENUM", "INPUT_OBJECT"];
const OUTPUT_KINDS = ["SCALAR", "OBJECT", "INTERFACE", "UNION", "ENUM"];

/** Validates a schema document (parsed, or an AST object given to a builtin); throws the first error. */
export function validateSchema(document: JsonObject): ValidatedSchema {
  const prelude = schemaParts(parseSchemaDocument(PRELUDE), true);
  const user = schemaParts(document, false);
  const types = new Map<string, Definition>();
  for (const definition of [...prelude.definitions, ...user.definitions]) {
    if (types.has(definition.Name)) throw new Error(`Cannot redeclare type ${definition.Name}.`);
    types.set(definition.Name, definition);
  }
  for (const extension of user.extensions) {
    let definition = types.get(extension.Name);
    if (definition === undefined) {
      // gqlparser lets an extension stand for a type defined nowhere.
      definition = { ...extension, Directives: [], Interfaces: [], Fields: [], Types: [], EnumValues: [] };
      types.set(extension.Name, definition);
    }
    if (definition.Kind !== extension.Kind)
      throw new Error(
        `Cannot extend type ${extension.Name} because the base type is a ${definition.Kind}, not ${extension.Kind}.`,
      );
    definition.Directives.push(...extension.Directives);
    definition.Interfaces.push(...extension.Interfaces);
    definition.Fields.push(...extension.Fields);
    definition.Types.push(...extension.Types);
    definition.EnumValues.push(...extension.EnumValues);
  }

  const directives = new Map<string, DirectiveDefinition>();
  for (const directive of [...prelude.directives, ...user.directives]) {
    if (directives.has(directive.Name)) {
      if (BUILT_IN_DIRECTIVES.has(directive.Name)) continue;
      throw new Error(`Cannot redeclare directive ${directive.Name}.`);
    }
    directives.set(directive.Name, directive);
  }

  if (user.schema.length > 1)
    throw new Error("Cannot have multiple schema entry points, consider schema extensions instead.");
  const roots: ValidatedSchema["roots"] = {};
  for (const entry of [...user.schema, ...user.schemaExtensions]) {
    for (const operationType of list(entry.OperationTypes).map(asObject)) {
      const operation = text(operationType.Operation) as keyof ValidatedSchema["roots"];
      const type = text(operationType.Type);
      if (!types.has(type))
        throw new Error(`Schema root ${operation} refers to a type ${type} that does not exist.`);
      roots[operation] = type;
    }
  }

  const schema: ValidatedSchema = { types, directives, roots };
  for (const name of [...types.keys()].sort()) validateDefinition(schema, types.get(name) as Definition);
  for (const name of [...directives.keys()].sort()) {
    const directive = directives.get(name) as DirectiveDefinition;
    validateName(directive.Name);
    validateArguments(schema, directive.Arguments, directive);
  }
  // Root types are inferred by name only when there is no schema definition.
  if (user.schema.length === 0)
    for (const [operation, name] of [
      ["query", "Query"],
      ["mutation", "Mutation"],
      ["subscription", "Subscription"],
    ] as const)
      if (roots[operation] === undefined && types.has(name)) roots[operation] = name;
  return schema;
}

function validateDefinition(schema: ValidatedSchema, definition: Definition): void {
  for (const field of definition.Fields) {
    validateName(field.Name);
    validateTypeRef(schema, field.Type);
    validateArguments(schema, field.Arguments, undefined);
    validateDirectives(
      schema,
      field.Directives,
      definition.Kind === "INPUT_OBJECT" ? "INPUT_FIELD_DEFINITION" : "FIELD_DEFINITION",
      undefined,
    );
  }
  for (const member of definition.Types) {
    const memberType = schema.types.get(member);
    if (memberType === undefined) throw new Error(`Undefined type "${member}".`);
    if (memberType.Kind !== "OBJECT") throw new Error(`${definition.Kind} type "${member}" must be OBJECT.`);
  }
  for (const name of definition.Interfaces) validateImplements(schema, definition, name);

  switch (definition.Kind) {
    case "OBJECT":
    case "INTERFACE":
      if (definition.Fields.length === 0)
        throw new Error(`${definition.Kind} ${definition.Name}: must define one or more fields.`);
      for (const field of definition.Fields)
        if (!OUTPUT_KINDS.includes(schema.types.get(namedType(field.Type))?.Kind ?? "SCALAR"))
          throw new Error(
            `${definition.Kind} ${definition.Name}: field must be one of ${OUTPUT_KINDS.join(", ")}.`,
          );
      break;
    case "ENUM":
      if (definition.EnumValues.length === 0)
        throw new Error(`${definition.Kind} ${definition.Name}: must define one or more unique enum values.`);
      for (const value of definition.EnumValues) {
        if (["true", "false", "null"].includes(value.Name))
          throw new Error(`${definition.Kind} ${definition.Name}: non-enum value ${value.Name}.`);
        validateDirectives(schema, value.Directives, "ENUM_VALUE", undefined);
      }
      firstDuplicate(
        definition.EnumValues,
        (name) => `Enum value ${definition.Name}.${name} can only be defined once.`,
      );
      break;
    case "INPUT_OBJECT":
      if (definition.Fields.length === 0)
        throw new Error(`${definition.Kind} ${definition.Name}: must define one or more input fields.`);
      for (const field of definition.Fields)
        if (!INPUT_KINDS.includes(schema.types.get(namedType(field.Type))?.Kind ?? "SCALAR"))
          throw new Error(
            `${definition.Kind} ${definition.Name}: field must be one of ${INPUT_KINDS.join(", ")}.`,
          );
      break;
  }
  firstDuplicate(definition.Fields, (name) => `Field ${definition.Name}.${name} can only be defined once.`);
  // The prelude's introspection types are the ones whose names may begin with "__".
  if (!definition.BuiltIn) validateName(definition.Name);
  validateDirectives(schema, definition.Directives, definition.Kind, undefined);
}

function validateImplements(schema: ValidatedSchema, definition: Definition, name: string): void {
  const implemented = schema.types.get(name);
  if (implemented === undefined) throw new Error(`Undefined type "${name}".`);
  if (implemented.Kind !== "INTERFACE")
    throw new Error(`"${name}" is a non interface type ${implemented.Kind}.`);
  const prefix = `For ${definition.Name} to implement ${name}`;
  for (const required of implemented.Fields) {
    const found = definition.Fields.find((field) => field.Name === required.Name);
    if (found === undefined) throw new Error(`${prefix} it must have a field called ${required.Name}.`);
    if (!isCovariant(schema, required.Type, found.Type))
      throw new Error(`${prefix} the field ${required.Name} must have type ${typeString(required.Type)}.`);
    for (const requiredArgument of required.Arguments) {
      const foundArgument = found.Arguments.find((argument) => argument.Name === requiredArgument.Name);
      if (foundArgument === undefined)
        throw new Error(
          `${prefix} the field ${required.Name} must have the same arguments but it is missing ${requiredArgument.Name}.`,
        );
      if (typeString(requiredArgument.Type) !== typeString(foundArgument.Type))
        throw new Error(
          `${prefix} the field ${required.Name} must have the same arguments but ${requiredArgument.Name} has the wrong type.`,
        );
    }
    for (const argument of found.Arguments)
      if (
        !required.Arguments.some((requiredArgument) => requiredArgument.Name === argument.Name) &&
        argument.Type.NonNull &&
        argument.DefaultValue === undefined
      )
        throw new Error(
          `${prefix} any additional arguments on ${found.Name} must be optional or have a default value but ${argument.Name} is required.`,
        );
  }
  for (const transitive of implemented.Interfaces)
    if (!definition.Interfaces.includes(transitive))
      throw new Error(
        transitive === definition.Name
          ? `Type ${definition.Name} cannot implement ${name} because it would create a circular reference.`
          : `Type ${definition.Name} must implement ${transitive} because it is implemented by ${name}.`,
      );
}

/** Whether a field of type `actual` may implement an interface field of type `required`. */
function isCovariant(schema: ValidatedSchema, required: TypeRef, actual: TypeRef): boolean {
  if (required.NonNull && !actual.NonNull) return false;
  if (required.NamedType !== "")
    return (
      required.NamedType === actual.NamedType ||
      possibleTypes(schema, required.NamedType).includes(actual.NamedType)
    );
  if (required.Elem !== undefined && actual.Elem === undefined) return false;
  return (
    required.Elem !== undefined &&
    actual.Elem !== undefined &&
    isCovariant(schema, required.Elem, actual.Elem)
  );
}

/** The object (and input object) types that are a union's members or implement an interface. */
function possibleTypes(schema: ValidatedSchema, name: string): string[] {
  const definition = schema.types.get(name);
  if (definition?.Kind === "UNION") return definition.Types;
  return [...schema.types.values()]
    .filter(
      (type) =>
        (type.Kind === "OBJECT" || type.Kind === "INPUT_OBJECT") &&
        (type.Name === name || type.Interfaces.includes(name)),
    )
    .map((type) => type.Name);
}

function validateArguments(
  schema: ValidatedSchema,
  args: ArgumentDefinition[],
  directive: DirectiveDefinition | undefined,
): void {
  for (const argument of args) {
    validateName(argument.Name);
    validateTypeRef(schema, argument.Type);
    const kind = schema.types.get(namedType(argument.Type))?.Kind ?? "";
    if (!INPUT_KINDS.includes(kind))
      throw new Error(
        `cannot use ${typeString(argument.Type)} as argument ${argument.Name} because ${kind} is not a valid input type`,
      );
    validateDirectives(schema, argument.Directives, "ARGUMENT_DEFINITION", directive);
  }
  firstDuplicate(args, (name) => `Argument ${name} can only be defined once.`);
}

function validateDirectives(
  schema: ValidatedSchema,
  directives: Directive[],
  location: string,
  enclosing: DirectiveDefinition | undefined,
): void {
  for (const directive of directives) {
    validateName(directive.Name);
    if (enclosing !== undefined && directive.Name === enclosing.Name)
      throw new Error(`Directive ${enclosing.Name} cannot refer to itself.`);
    const definition = schema.directives.get(directive.Name);
    if (definition === undefined) throw new Error(`Undefined directive ${directive.Name}.`);
    if (!definition.Locations.includes(location))
      throw new Error(`Directive ${directive.Name} is not applicable on ${location}.`);
    if (!definition.IsRepeatable && directives.filter((other) => other.Name === directive.Name).length > 1)
      throw new Error(`Directive ${directive.Name} is not repeatable but has been used multiple times.`);
  }
}

function validateTypeRef(schema: ValidatedSchema, type: TypeRef): void {
  if (!schema.types.has(namedType(type))) throw new Error(`Undefined type ${namedType(type)}.`);
}

function validateName(name: string): void {
  if (name.startsWith("__"))
    throw new Error(`Name "${name}" must not begin with "__", which is reserved by GraphQL introspection.`);
}

function firstDuplicate(items: { Name: string }[], message: (name: string) => string): void {
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item.Name)) throw new Error(message(item.Name));
    seen.add(item.Name);
  }
}

function namedType(type: TypeRef): string {
  return type.Elem === undefined ? type.NamedType : namedType(type.Elem);
}

/** A type as GraphQL writes it: `[String!]!`. */
export function typeString(type: TypeRef): string {
  const inner = type.Elem === undefined ? type.NamedType : `[${typeString(type.Elem)}]`;
  return type.NonNull ? `${inner}!` : inner;
}

/**
 * The parts of a schema document, its missing fields filled as Go's JSON decoding leaves them
 * (empty), so that an AST object a policy built validates as the parsed one would.
 */
function schemaParts(document: JsonObject, builtIn: boolean) {
  const definition = (value: Json): Definition => {
    const object = asObject(value);
    return {
      Kind: text(object.Kind),
      Name: text(object.Name),
      Directives: list(object.Directives).map(directive),
      Interfaces: list(object.Interfaces).map(text),
      Fields: list(object.Fields).map(fieldDefinition),
      Types: list(object.Types).map(text),
      EnumValues: list(object.EnumValues).map((enumValue) => ({
        Name: text(asObject(enumValue).Name),
        Directives: list(asObject(enumValue).Directives).map(directive),
      })),
      BuiltIn: builtIn,
    };
  };
  return {
    definitions: list(document.Definitions).map(definition),
    extensions: list(document.Extensions).map(definition),
    directives: list(document.Directives).map((value): DirectiveDefinition => {
      const object = asObject(value);
      return {
        Name: text(object.Name),
        Arguments: list(object.Arguments).map(argumentDefinition),
        IsRepeatable: object.IsRepeatable === true,
        Locations: list(object.Locations).map(text),
      };
    }),
    schema: list(document.Schema).map(asObject),
    schemaExtensions: list(document.SchemaExtension).map(asObject),
  };
}

function fieldDefinition(value: Json): FieldDefinition {
  return { ...argumentDefinition(value), Arguments: list(asObject(value).Arguments).map(argumentDefinition) };
}

function argumentDefinition(value: Json): ArgumentDefinition {
  const object = asObject(value);
  return {
    Name: text(object.Name),
    Type: typeRef(object.Type),
    DefaultValue: object.DefaultValue ?? undefined,
    Directives: list(object.Directives).map(directive),
  };
}

export function typeRef(value: Json | undefined): TypeRef {
  const object = asObject(value ?? null);
  return {
    NamedType: text(object.NamedType),
    Elem: object.Elem === undefined || object.Elem === null ? undefined : typeRef(object.Elem),
    NonNull: object.NonNull === true,
  };
}

function directive(value: Json): Directive {
  return { Name: text(asObject(value).Name) };
}

export function list(value: Json | undefined): Json[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new Error("GraphQL AST object has a list field that is not an array");
  return value;
}

export function asObject(value: Json | undefined): JsonObject {
  if (value === undefined || value === null) return {};
  if (typeof value !== "object" || Array.isArray(value)) throw new Error("GraphQL AST object is malformed");
  return value;
}

export function text(value: Json | undefined): string {
  if (value === undefined || value === null) return "";
  if (typeof value !== "string") throw new Error("GraphQL AST object has a name that is not a string");
  return value;
}
