/**
 * Positioned compile errors shared by every check. Each prints like OPA's:
 * `file:row:col: rego_<kind>_error: message`. Checks return lists of them (so an author sees all
 * problems at once); `CompileErrors` carries a non-empty list when a caller wants to throw.
 */
import type { Position } from "../syntax/ast";

/** OPA's error codes for problems found before evaluation. */
export type CompileErrorCode =
  | "rego_parse_error"
  | "rego_type_error"
  | "rego_compile_error"
  | "rego_recursion_error"
  | "rego_unsafe_var_error";

export class CompileError {
  constructor(
    readonly code: CompileErrorCode,
    readonly message: string,
    readonly loc: Position,
  ) {}

  toString(): string {
    return `${this.loc.file}:${this.loc.row}:${this.loc.col}: ${this.code}: ${this.message}`;
  }
}

export class CompileErrors extends Error {
  constructor(readonly errors: CompileError[]) {
    super(errors.map(String).join("\n"));
    this.name = "CompileErrors";
  }
}

/** Sorts errors by file and position so reports are stable regardless of check order. */
export function sortErrors(errors: CompileError[]): CompileError[] {
  return [...errors].sort(
    (a, b) =>
      a.loc.file.localeCompare(b.loc.file) ||
      a.loc.row - b.loc.row ||
      a.loc.col - b.loc.col ||
      a.message.localeCompare(b.message),
  );
}
