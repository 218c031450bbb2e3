/**
 * OPA's intermediate representation (v1/ir), in the exact JSON shape `opa build -t plan` prints,
 * so a plan of ours diffs against OPA's golden plans. This file is the seam of the compiler:
 * the planner produces it, the wasm back end consumes it. Plain data only: no classes, no methods.
 */

/** Index into `static.strings`, a local variable, or a boolean constant. */
export type Operand =
  | { type: "local"; value: Local }
  | { type: "string_index"; value: number }
  | { type: "bool"; value: boolean };

/** Locals are integers; 0 is input and 1 is data, in plans and as params[0]/params[1] of funcs. */
export type Local = number;

/** Source position carried by every statement; `file` indexes `static.files`. */
export interface Location {
  file: number;
  row: number;
  col: number;
}

export interface Block {
  stmts: Stmt[];
}

type S<T extends string, B> = { type: T; stmt: B & Location };

export type Stmt =
  | S<"ArrayAppendStmt", { value: Operand; array: Local }>
  | S<"AssignIntStmt", { value: number; target: Local }>
  | S<"AssignVarOnceStmt", { source: Operand; target: Local }>
  | S<"AssignVarStmt", { source: Operand; target: Local }>
  | S<"BlockStmt", { blocks: Block[] | null }>
  | S<"BreakStmt", { index: number }>
  | S<"CallDynamicStmt", { args: Local[]; result: Local; path: Operand[] }>
  | S<"CallStmt", { func: string; args: Operand[] | null; result: Local }>
  | S<"DotStmt", { source: Operand; key: Operand; target: Local }>
  | S<"EqualStmt", { a: Operand; b: Operand }>
  | S<"IsArrayStmt", { source: Operand }>
  | S<"IsDefinedStmt", { source: Local }>
  | S<"IsObjectStmt", { source: Operand }>
  | S<"IsSetStmt", { source: Operand }>
  | S<"IsUndefinedStmt", { source: Local }>
  | S<"LenStmt", { source: Operand; target: Local }>
  | S<"MakeArrayStmt", { capacity: number; target: Local }>
  | S<"MakeNullStmt", { target: Local }>
  | S<"MakeNumberIntStmt", { value: number; target: Local }>
  | S<"MakeNumberRefStmt", { Index: number; target: Local }>
  | S<"MakeObjectStmt", { target: Local }>
  | S<"MakeSetStmt", { target: Local }>
  | S<"NopStmt", Record<string, never>>
  | S<"NotEqualStmt", { a: Operand; b: Operand }>
  | S<"NotStmt", { block: Block }>
  | S<"ObjectInsertOnceStmt", { key: Operand; value: Operand; object: Local }>
  | S<"ObjectInsertStmt", { key: Operand; value: Operand; object: Local }>
  | S<"ObjectMergeStmt", { a: Local; b: Local; target: Local }>
  | S<"ResetLocalStmt", { target: Local }>
  | S<"ResultSetAddStmt", { value: Local }>
  | S<"ReturnLocalStmt", { source: Local }>
  | S<"ScanStmt", { source: Local; key: Local; value: Local; block: Block }>
  | S<"SetAddStmt", { value: Operand; set: Local }>
  | S<"WithStmt", { local: Local; path: number[] | null; value: Operand; block: Block }>;

export type StmtType = Stmt["type"];

export interface Plan {
  name: string;
  blocks: Block[];
}

export interface Func {
  name: string;
  params: Local[];
  return: Local;
  blocks: Block[];
  /** e.g. ["g0", "test", "p"]: the rule's path under data, prefixed by its generation. */
  path?: string[];
}

export interface BuiltinFunc {
  name: string;
  /** OPA's type declaration of the builtin; kept opaque here. */
  decl: unknown;
}

export interface Policy {
  static: {
    strings: { value: string }[];
    builtin_funcs?: BuiltinFunc[];
    files: { value: string }[];
  };
  plans: { plans: Plan[] };
  funcs: { funcs: Func[] | null } | null;
}
