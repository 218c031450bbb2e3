/**
 * The static types the program generator tracks, so that every program passes OPA's type checker:
 * a builtin argument is either of the declared type or of type `any`. `any` here means what OPA's
 * checker infers for input references and for builtins declared to return any (json.unmarshal,
 * object.get): such a term may stand anywhere, which is how runtime type errors get into programs.
 */
export type ScalarKind = "number" | "string" | "boolean" | "null" | "any";

export type Ty = { kind: ScalarKind } | { kind: "array" | "set" | "object"; of: Ty };

export const NUMBER: Ty = { kind: "number" };
export const STRING: Ty = { kind: "string" };
export const BOOLEAN: Ty = { kind: "boolean" };
export const NULL: Ty = { kind: "null" };
export const ANY: Ty = { kind: "any" };

export function arrayOf(of: Ty): Ty {
  return { kind: "array", of };
}

export function setOf(of: Ty): Ty {
  return { kind: "set", of };
}

/** Objects always have string keys here; `of` is the value type. */
export function objectOf(of: Ty): Ty {
  return { kind: "object", of };
}

export function sameTy(a: Ty, b: Ty): boolean {
  if (a.kind !== b.kind) return false;
  return "of" in a && "of" in b ? sameTy(a.of, b.of) : true;
}

/** What `some x in t` binds x to. */
export function elementTy(ty: Ty): Ty {
  return "of" in ty ? ty.of : ANY;
}

export function isCollection(ty: Ty): boolean {
  return ty.kind === "array" || ty.kind === "set" || ty.kind === "object";
}
