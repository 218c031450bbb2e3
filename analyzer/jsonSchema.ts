/**
 * The subset of JSON Schema that policy configuration schemas use, enough to reject a wrong policy-pack config
 * the way the engine does before it calls Configure: type, enum, const, required, properties,
 * additionalProperties, items, numeric and length bounds, pattern. Unsupported keywords are ignored.
 */

export type Schema = Record<string, unknown>;

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function hasType(value: unknown, type: string): boolean {
  const actual = typeOf(value);
  return actual === type || (type === "number" && actual === "integer");
}

function isSchema(value: unknown): value is Schema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Returns one message per violation, each naming the offending path; an empty list means valid. */
export function validate(value: unknown, schema: Schema, at = "config"): string[] {
  const errors: string[] = [];
  const types = schema.type === undefined ? [] : ([] as unknown[]).concat(schema.type).map(String);
  if (types.length > 0 && !types.some((type) => hasType(value, type))) {
    return [`${at} must be ${types.join(" or ")}, not ${typeOf(value)}`];
  }
  if (
    Array.isArray(schema.enum) &&
    !schema.enum.some((allowed) => JSON.stringify(allowed) === JSON.stringify(value))
  ) {
    errors.push(`${at} must be one of ${schema.enum.map((allowed) => JSON.stringify(allowed)).join(", ")}`);
  }
  if ("const" in schema && JSON.stringify(schema.const) !== JSON.stringify(value)) {
    errors.push(`${at} must be ${JSON.stringify(schema.const)}`);
  }
  if (typeof value === "number") {
    if (typeof schema.minimum === "number" && value < schema.minimum)
      errors.push(`${at} must be ≥ ${schema.minimum}`);
    if (typeof schema.maximum === "number" && value > schema.maximum)
      errors.push(`${at} must be ≤ ${schema.maximum}`);
  }
  if (typeof value === "string") {
    if (typeof schema.minLength === "number" && value.length < schema.minLength) {
      errors.push(`${at} must have at least ${schema.minLength} characters`);
    }
    if (typeof schema.maxLength === "number" && value.length > schema.maxLength) {
      errors.push(`${at} must have at most ${schema.maxLength} characters`);
    }
    if (typeof schema.pattern === "string" && !new RegExp(schema.pattern, "u").test(value)) {
      errors.push(`${at} must match ${schema.pattern}`);
    }
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === "number" && value.length < schema.minItems) {
      errors.push(`${at} must have at least ${schema.minItems} items`);
    }
    if (typeof schema.maxItems === "number" && value.length > schema.maxItems) {
      errors.push(`${at} must have at most ${schema.maxItems} items`);
    }
    if (isSchema(schema.items)) {
      const itemSchema = schema.items;
      value.forEach((item, index) => errors.push(...validate(item, itemSchema, `${at}[${index}]`)));
    }
  }
  if (isSchema(value)) {
    const properties = isSchema(schema.properties) ? schema.properties : {};
    for (const name of Array.isArray(schema.required) ? schema.required.map(String) : []) {
      if (!(name in value)) errors.push(`${at}.${name} is required`);
    }
    for (const [name, member] of Object.entries(value)) {
      const memberSchema = properties[name];
      if (isSchema(memberSchema)) errors.push(...validate(member, memberSchema, `${at}.${name}`));
      else if (schema.additionalProperties === false) errors.push(`${at}.${name} is not a known property`);
      else if (isSchema(schema.additionalProperties)) {
        errors.push(...validate(member, schema.additionalProperties, `${at}.${name}`));
      }
    }
  }
  return errors;
}
