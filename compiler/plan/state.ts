/**
 * The planner's mutable state: the policy being assembled (static strings, files, builtins,
 * funcs) and the function currently being planned (its local counter, the block statements are
 * appended to, and the variable bindings in scope). Planning is continuation-passing, as in OPA's
 * planner: a construct that iterates opens a nested block and plans "the rest" inside it, so the
 * current block and the bindings are swapped in and out around each nested plan.
 */
import type { Position, Rule, Term } from "../syntax/ast";
import type { Block, BuiltinFunc, Func, Local, Location, Operand, Stmt, StmtType } from "./ir";
import type { RuleTrie } from "./trie";

type StmtBody<T extends StmtType> = Omit<Extract<Stmt, { type: T }>["stmt"], "file" | "row" | "col">;

/** What a `with` replaces while the rules it affects are planned again in a new generation. */
export interface Mocks {
  /** Rule paths (`a.b`, under data) whose rules are hidden: lookups read the (upserted) base document. */
  hiddenData: string[];
  /** Function or builtin name (`data.pkg.f`, `count`) → what a call evaluates to instead. */
  functions: Map<string, FunctionMock>;
  /**
   * How many mock values are computed at run time (`with f as x` for a local x). Funcs of the
   * generation receive them as extra params after their arguments, so calls pass them along.
   */
  captured: number;
}

export type FunctionMock =
  /** Call another function or builtin, planned without any mocks (it may call the original). */
  | { type: "function"; name: string }
  /** Evaluate to a constant term. */
  | { type: "constant"; term: Term }
  /** Evaluate to the captured mock value with this index. */
  | { type: "captured"; index: number };

export const NO_MOCKS: Mocks = { hiddenData: [], functions: new Map(), captured: 0 };

interface FuncState {
  nextLocal: number;
  block: Block;
  scopes: Map<string, Local>[];
  /** The locals holding the captured mock values, by index. */
  mockLocals: Local[];
}

export class PlanState {
  private readonly stringIndex = new Map<string, number>();
  readonly strings: string[] = [];
  private readonly fileIndex = new Map<string, number>();
  readonly files: string[] = [];
  readonly builtins = new Map<string, BuiltinFunc>();
  readonly funcs: Func[] = [];
  /** `<generation>:<rule path>` → planned func name; funcs are planned once, when first called. */
  readonly funcNames = new Map<string, string>();
  /** The generation funcs are planned in; each `with` that mocks rules or functions opens one. */
  generation = 0;
  private generations = 0;
  mocks: Mocks = NO_MOCKS;
  /** Call terms already planned ahead of their expression (terms.ts, planCallsFirst), by identity. */
  readonly precomputed = new Map<Term, Operand>();

  /** The rule whose body is being planned (for `rego.metadata.*`). */
  currentRule?: { rule: Rule; path: string[]; packagePath: string[] };

  private fn: FuncState = { nextLocal: 2, block: { stmts: [] }, scopes: [new Map()], mockLocals: [] };
  private loc: Location = { file: 0, row: 0, col: 0 };

  constructor(
    readonly trie: RuleTrie,
    files: string[],
  ) {
    for (const f of files) this.file(f);
  }

  // ------------------------------------------------------------------ static data

  str(value: string): number {
    let i = this.stringIndex.get(value);
    if (i === undefined) {
      i = this.strings.length;
      this.strings.push(value);
      this.stringIndex.set(value, i);
    }
    return i;
  }

  file(name: string): number {
    let i = this.fileIndex.get(name);
    if (i === undefined) {
      i = this.files.length;
      this.files.push(name);
      this.fileIndex.set(name, i);
    }
    return i;
  }

  // ------------------------------------------------------------------ functions and blocks

  /** Runs `plan` as the body of a new function (locals from `firstLocal`), then restores the caller. */
  inFunction<T>(firstLocal: number, plan: () => T): T {
    const saved = this.fn;
    const savedLoc = this.loc;
    const savedRule = this.currentRule;
    this.fn = { nextLocal: firstLocal, block: { stmts: [] }, scopes: [new Map()], mockLocals: [] };
    try {
      return plan();
    } finally {
      this.fn = saved;
      this.loc = savedLoc;
      this.currentRule = savedRule;
    }
  }

  /** A new generation for rules planned while `mocks` apply; `mockLocals` hold its captured values here. */
  inGeneration<T>(mocks: Mocks, mockLocals: Local[], plan: () => T): T {
    return this.inGenerationOf(++this.generations, mocks, mockLocals, plan);
  }

  /** Plans in a given generation, e.g. an earlier one for the rest of a body after a `with`. */
  inGenerationOf<T>(generation: number, mocks: Mocks, mockLocals: Local[], plan: () => T): T {
    const savedGen = this.generation;
    const savedMocks = this.mocks;
    const savedLocals = this.fn.mockLocals;
    this.generation = generation;
    this.mocks = mocks;
    this.fn.mockLocals = mockLocals;
    try {
      return plan();
    } finally {
      this.generation = savedGen;
      this.mocks = savedMocks;
      this.fn.mockLocals = savedLocals;
    }
  }

  /** Captured mock values of the current function (extra params of funcs in mocking generations). */
  get mockLocals(): Local[] {
    return this.fn.mockLocals;
  }

  set mockLocals(locals: Local[]) {
    this.fn.mockLocals = locals;
  }

  newLocal(): Local {
    return this.fn.nextLocal++;
  }

  get block(): Block {
    return this.fn.block;
  }

  /** Plans into `block` instead of the current block, then switches back. */
  into<T>(block: Block, plan: () => T): T {
    const saved = this.fn.block;
    this.fn.block = block;
    try {
      return plan();
    } finally {
      this.fn.block = saved;
    }
  }

  /** A fresh block filled by `plan`; statements after it keep the position they had before. */
  blockOf(plan: () => void): Block {
    const block: Block = { stmts: [] };
    const savedLoc = this.loc;
    this.into(block, plan);
    this.loc = savedLoc;
    return block;
  }

  at(pos: Position | undefined): void {
    if (pos) this.loc = { file: this.file(pos.file), row: pos.row, col: pos.col };
  }

  emit<T extends StmtType>(type: T, body: StmtBody<T>): void {
    const { file, row, col } = this.loc;
    this.fn.block.stmts.push({ type, stmt: { ...body, file, col, row } } as unknown as Stmt);
  }

  // ------------------------------------------------------------------ variables

  lookup(name: string): Local | undefined {
    const scopes = this.fn.scopes;
    for (let i = scopes.length - 1; i >= 0; i--) {
      const l = scopes[i].get(name);
      if (l !== undefined) return l;
    }
    return undefined;
  }

  bind(name: string, local: Local): void {
    this.fn.scopes[this.fn.scopes.length - 1].set(name, local);
  }

  /** Bindings made by `plan` are forgotten afterwards (negation, comprehensions, `every`). */
  scoped<T>(plan: () => T): T {
    this.fn.scopes.push(new Map());
    try {
      return plan();
    } finally {
      this.fn.scopes.pop();
    }
  }

  /** The operand for a local. */
  static local(value: Local): Operand {
    return { type: "local", value };
  }

  /** `operand` as a local: statements like Scan and IsDefined read locals only. */
  asLocal(operand: Operand): Local {
    if (operand.type === "local") return operand.value;
    const target = this.newLocal();
    this.emit("AssignVarStmt", { source: operand, target });
    return target;
  }
}

export class PlanError extends Error {
  constructor(
    message: string,
    readonly loc?: Position,
  ) {
    super(loc ? `${loc.file}:${loc.row}:${loc.col}: rego_planning_error: ${message}` : message);
    this.name = "PlanError";
  }
}
