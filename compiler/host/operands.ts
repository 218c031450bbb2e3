/**
 * Operand checks for host builtins, with OPA's messages (`operand 2 must be string but got number`).
 * The SDK hands a host builtin its arguments as JSON values, so a set arrives as an array.
 */
export function stringOperand(value: unknown, position: number): string {
  if (typeof value !== "string") throw operandError(value, position, "string");
  return value;
}

export function numberOperand(value: unknown, position: number): number {
  if (typeof value !== "number") throw operandError(value, position, "number");
  return value;
}

export function objectOperand(value: unknown, position: number): Record<string, unknown> {
  if (!isJsonObject(value)) throw operandError(value, position, "object");
  return value;
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function operandError(value: unknown, position: number, wanted: string): Error {
  return new Error(`operand ${position} must be ${wanted} but got ${typeName(value)}`);
}

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}
