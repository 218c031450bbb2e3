/**
 * The part of Pulumi's package schema (https://www.pulumi.com/docs/iac/extending-pulumi/schema/) the stand-in
 * emits: what the engine's schema loader and the YAML language host need to resolve and type-check resource
 * and function tokens.
 */

/** A property's type: a primitive, an array, a map, a reference to a named type, or a union of those. */
export interface TypeSpec {
  type?: "string" | "number" | "integer" | "boolean" | "array" | "object";
  items?: TypeSpec;
  additionalProperties?: TypeSpec;
  $ref?: string;
  oneOf?: TypeSpec[];
}

export interface ObjectSpec {
  properties: Record<string, TypeSpec>;
  required: string[];
}

export interface ObjectTypeSpec extends ObjectSpec {
  type: "object";
}

export interface ResourceSpec {
  inputProperties: Record<string, TypeSpec>;
  requiredInputs: string[];
  properties: Record<string, TypeSpec>;
  required: string[];
}

export interface FunctionSpec {
  inputs: ObjectSpec;
  outputs: ObjectSpec;
}

export interface PackageSpec {
  name: string;
  version: string;
  meta: { moduleFormat: string };
  provider: ResourceSpec;
  resources: Record<string, ResourceSpec>;
  functions: Record<string, FunctionSpec>;
  types: Record<string, ObjectTypeSpec>;
}
