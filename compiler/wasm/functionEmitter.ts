/**
 * Turns the blocks of one IR func or plan into the body of one wasm function.
 *
 * Each IR block becomes a labelled wasm block. A statement that is undefined branches out of the
 * innermost block (execution continues after it, as the IR says); BreakStmt{index} branches to the
 * label index+1 levels up the stack of IR blocks. Locals are i32 value pointers, 0 meaning undefined,
 * which is also what wasm zero-initialises locals to.
 *
 * Locals 0 and 1, input and data, are the same in every func of an evaluation: every call passes the
 * caller's own, and only a WithStmt changes them, until its block ends. They live in two globals
 * rather than in params, so calls do not pass them.
 */
import type { Block, Local, Operand, Stmt } from "../plan/ir";
import type { Binaryen, BinaryenModule, ExpressionRef } from "./binaryen";
import { allStmts } from "./irWalk";
import { type LocalFacts, localFacts, writesOf } from "./localFacts";
import type { StaticBooleans } from "./staticBooleans";

/** What statement emission needs from the module being linked. */
/** The globals holding IR locals 0 (input) and 1 (data); the linker defines them. */
export const INPUT_GLOBAL = "plan.input";
export const DATA_GLOBAL = "plan.data";

export interface EmitEnv {
  readonly b: Binaryen;
  readonly m: BinaryenModule;
  /** Call of a runtime helper (rt_*) by its export name. */
  runtime(name: string, args: ExpressionRef[]): ExpressionRef;
  /** The string value of static string `index`, created once per instance. */
  stringValue(index: number): ExpressionRef;
  /** The text of static string `index`. */
  stringText(index: number): string;
  /** The number value of the literal text in static string `index`. */
  numberRefValue(index: number): ExpressionRef;
  /** Whether `name` is a planned func (which takes input and data) rather than a builtin. */
  isFunc(name: string): boolean;
  /** Whether `name` is a planned func whose value is true or undefined. */
  isOnlyTrue(name: string): boolean;
  /**
   * Call of a planned func or builtin by its IR name; returns the result value (0 = undefined). A
   * func's args leave out input and data.
   */
  call(name: string, args: ExpressionRef[]): ExpressionRef;
  /**
   * Calls the planned func whose path equals the values of `path` (0 if none does). Operands are
   * pure, so `segment` and `args` build a fresh expression each time they are asked. The args leave
   * out input and data.
   */
  callDynamic(
    path: Operand[],
    segment: (index: number) => ExpressionRef,
    args: () => ExpressionRef[],
  ): ExpressionRef;
  /** A new array of the values, in order (as MakeArrayStmt and one ArrayAppendStmt each). */
  arrayOf(values: ExpressionRef[]): ExpressionRef;
  /**
   * A new object of the entries, inserted in order (as MakeObjectStmt and ObjectInsertStmts);
   * `ascending` when each key is greater than those before it, so that each insert appends.
   */
  objectOf(entries: [ExpressionRef, ExpressionRef][], ascending: boolean): ExpressionRef;
  /** 1 when the value is undefined (0) or the boolean false, else 0. */
  undefinedOrFalse(value: ExpressionRef): ExpressionRef;
  /** Name of the i32 global counting the `with` blocks being evaluated (memoization is off inside). */
  readonly withDepthGlobal: string;
  /** Where the runtime's static true and false live: the only boolean values (staticBooleans.ts). */
  readonly booleans: StaticBooleans;
}

export class FunctionEmitter {
  private readonly wasmLocals = new Map<Local, number>();
  private varCount = 0;
  /** The IR blocks being emitted, innermost last; `restore` undoes a WithStmt when a break skips past it. */
  private readonly labels: { name: string; restore?: () => ExpressionRef[] }[] = [];
  private labelCounter = 0;
  private resultSet: number | undefined;
  /** Wasm params: the IR params after input and data. */
  private readonly paramCount: number;
  private facts: LocalFacts = { reads: new Map(), firstAssignments: new Set() };
  /**
   * Exit flags of the statements being emitted (see exitFlag), each with the index in `labels` of the
   * block that setting it leaves.
   */
  private readonly exitFlags = new Map<Local, number>();

  /** `params` are the IR func's params: input and data (locals 0 and 1), then its arguments. */
  constructor(
    private readonly env: EmitEnv,
    private readonly params: Local[],
    private readonly name: string,
  ) {
    if (params[0] !== INPUT || params[1] !== DATA) {
      throw new Error(`${name}: params must begin with input and data (locals 0 and 1)`);
    }
    params.slice(2).forEach((local, index) => this.wasmLocals.set(local, index));
    this.paramCount = params.length - 2;
  }

  /** Non-param locals, in wasm index order after the params. */
  varTypes(): number[] {
    return new Array<number>(this.varCount).fill(this.env.b.i32);
  }

  /** Body of a func: its blocks, then its return local (funcs end with ReturnLocalStmt anyway). */
  funcBody(blocks: Block[], returnLocal: Local): ExpressionRef {
    const { m, b } = this.env;
    this.facts = localFacts(this.params, blocks);
    return m.block(null, [...blocks.map((block) => this.block(block)), this.get(returnLocal)], b.i32);
  }

  /** Body of a plan: a fresh result set filled by ResultSetAddStmt, returned at the end. */
  planBody(blocks: Block[]): ExpressionRef {
    const { m, b } = this.env;
    this.facts = localFacts(this.params, blocks);
    const resultSet = this.scratch();
    this.resultSet = resultSet;
    return m.block(
      null,
      [
        m.local.set(resultSet, this.env.runtime("rt_result_set_new", [])),
        ...blocks.map((block) => this.block(block)),
        m.local.get(resultSet, b.i32),
      ],
      b.i32,
    );
  }

  /**
   * `completion` runs only when the block's statements all complete (nothing broke out of it);
   * `restore` runs when a BreakStmt leaves this block and the one around it.
   */
  private block(
    block: Block,
    completion: ExpressionRef[] = [],
    restore?: () => ExpressionRef[],
  ): ExpressionRef {
    const label = this.openLabel(restore);
    const body = [...this.stmts(block.stmts), ...completion];
    this.labels.pop();
    return this.env.m.block(label, body.length ? body : [this.env.m.nop()]);
  }

  private openLabel(restore?: () => ExpressionRef[]): string {
    const name = `b${this.labelCounter++}`;
    this.labels.push({ name, restore });
    return name;
  }

  /** BreakStmt: branch out of index+1 blocks, first undoing the WithStmts it leaves behind. */
  private break(index: number): ExpressionRef {
    const { m } = this.env;
    const target = this.labelAbove(index);
    const skipped = this.labels.slice(this.labels.length - index).reverse();
    const restores = skipped.flatMap((label) => label.restore?.() ?? []);
    return restores.length ? m.block(null, [...restores, m.br(target)]) : m.br(target);
  }

  private stmts(stmts: Stmt[]): ExpressionRef[] {
    const emitted: ExpressionRef[] = [];
    for (let i = 0; i < stmts.length; i++) {
      const checked = this.checkedCall(stmts[i], stmts[i + 1]);
      const built = checked ? undefined : this.built(stmts, i);
      if (checked) {
        emitted.push(checked);
        i++;
      } else if (built) {
        emitted.push(built.expression);
        i += built.statements - 1;
      } else {
        const flag = this.exitFlag(stmts[i], stmts[i + 1]);
        if (flag !== undefined) this.exitFlags.set(flag, this.labels.length - 1);
        emitted.push(this.stmt(stmts[i]));
        if (flag !== undefined) {
          // The flag is never set (setting it leaves the block): its test always passes.
          this.exitFlags.delete(flag);
          i++;
        }
      }
    }
    return emitted;
  }

  /**
   * An array or object literal, as OPA plans it: MakeArrayStmt{capacity: n} then n ArrayAppendStmts,
   * or MakeObjectStmt then ObjectInsertStmts, into a local nothing else in between reads. One call
   * builds it.
   */
  private built(stmts: Stmt[], at: number): { expression: ExpressionRef; statements: number } | undefined {
    const make = stmts[at];
    if (make.type !== "MakeArrayStmt" && make.type !== "MakeObjectStmt") return undefined;
    const target = make.stmt.target;
    const isTarget = (operand: Operand) => operand.type === "local" && operand.value === target;
    if (make.type === "MakeArrayStmt") {
      const count = make.stmt.capacity;
      const appends = stmts.slice(at + 1, at + 1 + count);
      const values: Operand[] = [];
      for (const append of appends) {
        if (append.type !== "ArrayAppendStmt" || append.stmt.array !== target || isTarget(append.stmt.value))
          break;
        values.push(append.stmt.value);
      }
      if (count === 0 || values.length !== count) return undefined;
      const array = this.env.arrayOf(values.map((value) => this.operand(value)));
      return { expression: this.set(target, array), statements: count + 1 };
    }
    const entries: [Operand, Operand][] = [];
    for (const insert of stmts.slice(at + 1)) {
      if (insert.type !== "ObjectInsertStmt" || insert.stmt.object !== target) break;
      if (isTarget(insert.stmt.key) || isTarget(insert.stmt.value)) break;
      entries.push([insert.stmt.key, insert.stmt.value]);
    }
    if (entries.length === 0) return undefined;
    const { ordered, ascending } = this.inKeyOrder(entries);
    const object = this.env.objectOf(
      ordered.map(([key, value]) => [this.operand(key), this.operand(value)]),
      ascending,
    );
    return { expression: this.set(target, object), statements: entries.length + 1 };
  }

  /**
   * A literal's entries with static string keys in the order of an object's keys (bytes of UTF-8), so
   * that each insert appends; `ascending` when they are then distinct too. Operands are pure, so the
   * order of their reads does not matter; the sort is stable, so a repeated key keeps its last value.
   */
  private inKeyOrder(entries: [Operand, Operand][]): { ordered: [Operand, Operand][]; ascending: boolean } {
    const texts = entries.map(([key]) =>
      key.type === "string_index" ? this.env.stringText(key.value) : undefined,
    );
    if (texts.some((text) => text === undefined)) return { ordered: entries, ascending: false };
    const bytes = texts.map((text) => Buffer.from(text as string, "utf8"));
    const order = entries.map((_, index) => index).sort((a, b) => Buffer.compare(bytes[a], bytes[b]));
    const ascending = order.every((index, at) => at === 0 || !bytes[order[at - 1]].equals(bytes[index]));
    return { ordered: order.map((index) => entries[index]), ascending };
  }

  /**
   * The local a statement sets as its last act and the next statement tests, read nowhere else: setting
   * it is emitted as leaving the enclosing block at once, which is what that IsUndefinedStmt does next.
   * OPA plans `every` with two: in each element, a block that runs the body and ends setting `ok`,
   * then IsUndefinedStmt(ok) (the element holds: on to the next); in the scan's body, last, setting
   * `failed`, then IsUndefinedStmt(failed) after the scan. For a scan, leaving at once also skips the
   * remaining elements, as OPA's evaluator stops `every` at the first element that fails.
   */
  private exitFlag(stmt: Stmt, test: Stmt | undefined): Local | undefined {
    if (test?.type !== "IsUndefinedStmt") return undefined;
    const inner =
      stmt.type === "ScanStmt"
        ? stmt.stmt.block
        : stmt.type === "BlockStmt" && stmt.stmt.blocks?.length === 1
          ? stmt.stmt.blocks[0]
          : undefined;
    const flag = test.stmt.source;
    if (inner === undefined || this.facts.reads.get(flag) !== 1) return undefined;
    const writes = [...allStmts([inner])].filter((each) => writesOf(each).includes(flag));
    const last = inner.stmts[inner.stmts.length - 1];
    const setsLast = last?.type === "AssignVarStmt" && last.stmt.source.type === "bool";
    return writes.length === 1 && writes[0] === last && setsLast ? flag : undefined;
  }

  /**
   * A call whose result only `result != false` reads (what OPA plans for a call used as an
   * expression) is one test of the value, which then needs no local. A type-test builtin (is_string,
   * ...) is its argument's type test, as IsObjectStmt; a func that is true or undefined (`f(x) if`) is
   * tested for being defined only.
   */
  private checkedCall(call: Stmt, check: Stmt | undefined): ExpressionRef | undefined {
    if (call.type !== "CallStmt" || check?.type !== "NotEqualStmt") return undefined;
    const result = call.stmt.result;
    const isResult = (operand: Operand) => operand.type === "local" && operand.value === result;
    const isFalse = (operand: Operand) => operand.type === "bool" && !operand.value;
    const { a, b } = check.stmt;
    if (!((isResult(a) && isFalse(b)) || (isFalse(a) && isResult(b)))) return undefined;
    if (this.facts.reads.get(result) !== 1 || documentGlobal(result)) return undefined;
    const typeTag = TYPE_TEST_TAGS.get(call.stmt.func);
    const args = call.stmt.args ?? [];
    if (typeTag !== undefined && args.length === 1 && !this.env.isFunc(call.stmt.func)) {
      return this.breakUnlessType(args[0], typeTag);
    }
    if (this.env.isOnlyTrue(call.stmt.func)) return this.breakIf(this.env.m.i32.eqz(this.callOf(call.stmt)));
    return this.breakIf(this.env.undefinedOrFalse(this.callOf(call.stmt)));
  }

  private callOf(call: { func: string; args: Operand[] | null }): ExpressionRef {
    const operands = call.args ?? [];
    const passed = this.env.isFunc(call.func) ? this.argumentsOfFunc(operands) : operands;
    return this.env.call(
      call.func,
      passed.map((arg) => this.operand(arg)),
    );
  }

  private stmt(stmt: Stmt): ExpressionRef {
    const { m, b } = this.env;
    const rt = (name: string, args: ExpressionRef[]) => this.env.runtime(name, args);
    switch (stmt.type) {
      case "ArrayAppendStmt":
        return this.effect(rt("rt_array_append", [this.get(stmt.stmt.array), this.operand(stmt.stmt.value)]));
      case "AssignIntStmt":
        return this.set(stmt.stmt.target, rt("rt_number_int", [this.i64(stmt.stmt.value)]));
      case "AssignVarOnceStmt":
        // With nothing assigned before, there is nothing to conflict with.
        if (this.facts.firstAssignments.has(stmt))
          return this.set(stmt.stmt.target, this.operand(stmt.stmt.source));
        return this.assignOnce(stmt.stmt.target, this.operand(stmt.stmt.source));
      case "AssignVarStmt": {
        const leaves = this.exitFlags.get(stmt.stmt.target);
        if (leaves !== undefined) return this.break(this.labels.length - 1 - leaves);
        return this.set(stmt.stmt.target, this.operand(stmt.stmt.source));
      }
      case "BlockStmt": {
        const collection = everyDomainCheck(stmt.stmt.blocks);
        if (collection !== undefined)
          return this.breakIf(m.i32.eqz(rt("rt_is_collection", [this.operand(collection)])));
        return m.block(null, [...(stmt.stmt.blocks ?? []).map((block) => this.block(block)), m.nop()]);
      }
      case "BreakStmt":
        return this.break(stmt.stmt.index);
      case "CallDynamicStmt": {
        const { path, args } = stmt.stmt;
        const passed = this.argumentsOfFunc(args.map((value): Operand => ({ type: "local", value })));
        const result = this.env.callDynamic(
          path,
          (index) => this.operand(path[index]),
          () => passed.map((arg) => this.operand(arg)),
        );
        return this.setOrBreak(stmt.stmt.result, result);
      }
      case "CallStmt":
        return this.setOrBreak(stmt.stmt.result, this.callOf(stmt.stmt));
      case "DotStmt":
        return this.setOrBreak(
          stmt.stmt.target,
          rt("rt_dot", [this.operand(stmt.stmt.source), this.operand(stmt.stmt.key)]),
        );
      case "EqualStmt":
        return this.breakIf(m.i32.eqz(this.equal(stmt.stmt.a, stmt.stmt.b)));
      case "IsArrayStmt":
        return this.breakUnlessType(stmt.stmt.source, TYPE_TAGS.array);
      case "IsDefinedStmt":
        return this.breakIf(m.i32.eqz(this.get(stmt.stmt.source)));
      case "IsObjectStmt":
        return this.breakUnlessType(stmt.stmt.source, TYPE_TAGS.object);
      case "IsSetStmt":
        return this.breakUnlessType(stmt.stmt.source, TYPE_TAGS.set);
      case "IsUndefinedStmt":
        return this.breakIf(this.get(stmt.stmt.source));
      case "LenStmt":
        return this.setOrBreak(stmt.stmt.target, rt("rt_length", [this.operand(stmt.stmt.source)]));
      case "MakeArrayStmt":
        return this.set(stmt.stmt.target, rt("rt_array_new", [m.i32.const(stmt.stmt.capacity)]));
      case "MakeNullStmt":
        return this.set(stmt.stmt.target, rt("rt_null", []));
      case "MakeNumberIntStmt":
        return this.set(stmt.stmt.target, rt("rt_number_int", [this.i64(stmt.stmt.value)]));
      case "MakeNumberRefStmt":
        return this.set(stmt.stmt.target, this.env.numberRefValue(stmt.stmt.Index));
      case "MakeObjectStmt":
        return this.set(stmt.stmt.target, rt("rt_object_new", []));
      case "MakeSetStmt":
        return this.set(stmt.stmt.target, rt("rt_set_new", []));
      case "NopStmt":
        return m.nop();
      case "NotEqualStmt":
        return this.notEqual(stmt.stmt.a, stmt.stmt.b);
      case "NotStmt":
        return this.not(stmt.stmt.block);
      case "ObjectInsertOnceStmt":
        return this.effect(
          rt("rt_object_insert_once", [
            this.get(stmt.stmt.object),
            this.operand(stmt.stmt.key),
            this.operand(stmt.stmt.value),
          ]),
        );
      case "ObjectInsertStmt":
        return this.effect(
          rt("rt_object_insert", [
            this.get(stmt.stmt.object),
            this.operand(stmt.stmt.key),
            this.operand(stmt.stmt.value),
          ]),
        );
      case "ObjectMergeStmt":
        return this.set(
          stmt.stmt.target,
          rt("rt_object_merge", [this.get(stmt.stmt.a), this.get(stmt.stmt.b)]),
        );
      case "ResetLocalStmt":
        return this.set(stmt.stmt.target, m.i32.const(0));
      case "ResultSetAddStmt":
        if (this.resultSet === undefined) throw new Error(`${this.name}: ResultSetAddStmt outside a plan`);
        return this.effect(rt("rt_set_add", [m.local.get(this.resultSet, b.i32), this.get(stmt.stmt.value)]));
      case "ReturnLocalStmt":
        return m.return(this.get(stmt.stmt.source));
      case "ScanStmt":
        return this.scan(stmt.stmt);
      case "SetAddStmt":
        return this.effect(rt("rt_set_add", [this.get(stmt.stmt.set), this.operand(stmt.stmt.value)]));
      case "WithStmt":
        return this.with(stmt.stmt);
    }
  }

  /** Not is undefined when its block completes: the block's end branches out of the enclosing block. */
  private not(block: Block): ExpressionRef {
    const { m } = this.env;
    const enclosing = this.labelAbove(0);
    const label = this.openLabel();
    const body = this.stmts(block.stmts);
    this.labels.pop();
    return m.block(label, [...body, m.br(enclosing)]);
  }

  /**
   * Runs the block once per element, in OPA's order, until rt_iter_value finds none (it is 0 past the
   * end, and for an undefined source or one that is no collection); the key is set before each run
   * unless nothing reads it, the value is always fetched, since it tells where the scan ends.
   */
  private scan(scan: { source: Local; key: Local; value: Local; block: Block }): ExpressionRef {
    const { m, b } = this.env;
    const index = this.scratch();
    const exit = `scan_exit${this.labelCounter}`;
    const loop = `scan_loop${this.labelCounter++}`;
    const source = () => this.get(scan.source);
    const body = this.block(scan.block);
    const element = this.env.runtime("rt_iter_value", [source(), m.local.get(index, b.i32)]);
    const end = m.i32.eqz(this.facts.reads.has(scan.value) ? this.tee(scan.value, element) : element);
    const key = this.facts.reads.has(scan.key)
      ? [this.set(scan.key, this.env.runtime("rt_iter_key", [source(), m.local.get(index, b.i32)]))]
      : [];
    return m.block(exit, [
      m.local.set(index, m.i32.const(0)),
      m.loop(
        loop,
        m.block(null, [
          m.br(exit, end),
          ...key,
          body,
          m.local.set(index, m.i32.add(m.local.get(index, b.i32), m.i32.const(1))),
          m.br(loop),
        ]),
      ),
    ]);
  }

  /**
   * Upserts the value into the local for the duration of the block, then restores it whatever the
   * outcome. The statement is undefined when the block did not complete.
   */
  private with(stmt: { local: Local; path: number[] | null; value: Operand; block: Block }): ExpressionRef {
    const { m, b } = this.env;
    const saved = this.scratch();
    const incomplete = this.scratch();
    const path = stmt.path ?? [];
    let replaced: ExpressionRef;
    if (path.length === 0) {
      replaced = this.operand(stmt.value);
    } else {
      const pathArray = this.scratch();
      const build = [m.local.set(pathArray, this.env.runtime("rt_array_new", [m.i32.const(path.length)]))];
      for (const segment of path) {
        build.push(
          this.effect(
            this.env.runtime("rt_array_append", [
              m.local.get(pathArray, b.i32),
              this.env.stringValue(segment),
            ]),
          ),
        );
      }
      replaced = m.block(
        null,
        [
          ...build,
          this.env.runtime("rt_with_upsert", [
            this.get(stmt.local),
            m.local.get(pathArray, b.i32),
            this.operand(stmt.value),
          ]),
        ],
        b.i32,
      );
    }
    const depth = (delta: number) =>
      m.global.set(
        this.env.withDepthGlobal,
        m.i32.add(m.global.get(this.env.withDepthGlobal, b.i32), m.i32.const(delta)),
      );
    const restore = () => [this.set(stmt.local, m.local.get(saved, b.i32)), depth(-1)];
    const enclosing = this.labelAbove(0);
    const body = this.block(stmt.block, [m.local.set(incomplete, m.i32.const(0))], restore);
    return m.block(null, [
      m.local.set(saved, this.get(stmt.local)),
      m.local.set(incomplete, m.i32.const(1)),
      this.set(stmt.local, replaced),
      depth(1),
      body,
      ...restore(),
      m.br(enclosing, m.local.get(incomplete, b.i32)),
    ]);
  }

  private assignOnce(target: Local, source: ExpressionRef): ExpressionRef {
    return this.set(target, this.env.runtime("rt_assign_once", [this.get(target), source]));
  }

  /**
   * `x != false` is what OPA plans after most expressions: since false is one static value, an
   * address comparison, not a full one.
   */
  private notEqual(a: Operand, b: Operand): ExpressionRef {
    return this.breakIf(this.equal(a, b));
  }

  /**
   * 1 when the operands are equal. A boolean constant is compared by address: the static true and
   * false are the only boolean values (staticBooleans.ts), and an undefined operand (0) is neither.
   */
  private equal(a: Operand, b: Operand): ExpressionRef {
    const { m } = this.env;
    if (a.type === "bool") return m.i32.eq(this.operand(b), this.operand(a));
    if (b.type === "bool") return m.i32.eq(this.operand(a), this.operand(b));
    return this.env.runtime("rt_equal", [this.operand(a), this.operand(b)]);
  }

  /** A helper called for its effect; whatever it returns is dropped. */
  private effect(call: ExpressionRef): ExpressionRef {
    const { m, b } = this.env;
    return b.getExpressionInfo(call).type === b.none ? call : m.drop(call);
  }

  /** Leaves the block unless the source is defined and of the type: its tag is read in place. */
  private breakUnlessType(source: Operand, typeTag: number): ExpressionRef {
    const { m, b } = this.env;
    const value = this.scratch();
    return m.block(null, [
      m.local.set(value, this.operand(source)),
      this.breakIf(m.i32.eqz(m.local.get(value, b.i32))),
      this.breakIf(m.i32.ne(m.i32.load(0, 4, m.local.get(value, b.i32)), m.i32.const(typeTag))),
    ]);
  }

  /** A func's call passes input and data, which it reads from their globals: the rest are its args. */
  private argumentsOfFunc(args: Operand[]): Operand[] {
    const passes = (arg: Operand | undefined, local: Local) => arg?.type === "local" && arg.value === local;
    if (!passes(args[0], INPUT) || !passes(args[1], DATA)) {
      throw new Error(`${this.name}: a call of a func must pass input and data (locals 0 and 1) first`);
    }
    return args.slice(2);
  }

  private setOrBreak(target: Local, value: ExpressionRef): ExpressionRef {
    const { m, b } = this.env;
    const global = documentGlobal(target);
    if (global)
      return m.block(null, [m.global.set(global, value), this.breakIf(m.i32.eqz(this.get(target)))]);
    return this.breakIf(m.i32.eqz(m.local.tee(this.wasmLocal(target), value, b.i32)));
  }

  private breakIf(condition: ExpressionRef): ExpressionRef {
    return this.env.m.br(this.labelAbove(0), condition);
  }

  private labelAbove(index: number): string {
    const label = this.labels[this.labels.length - 1 - index];
    if (label === undefined) throw new Error(`${this.name}: BreakStmt index ${index} leaves the function`);
    return label.name;
  }

  private operand(operand: Operand): ExpressionRef {
    switch (operand.type) {
      case "local":
        return this.get(operand.value);
      case "string_index":
        return this.env.stringValue(operand.value);
      case "bool": {
        const { trueAddress, falseAddress } = this.env.booleans;
        return this.env.m.i32.const(operand.value ? trueAddress : falseAddress);
      }
    }
  }

  private i64(value: number): ExpressionRef {
    const big = BigInt.asUintN(64, BigInt(value));
    return this.env.m.i64.const(Number(big & 0xffffffffn) | 0, Number(big >> 32n) | 0);
  }

  private get(local: Local): ExpressionRef {
    const { m, b } = this.env;
    const global = documentGlobal(local);
    return global ? m.global.get(global, b.i32) : m.local.get(this.wasmLocal(local), b.i32);
  }

  private set(local: Local, value: ExpressionRef): ExpressionRef {
    const { m } = this.env;
    const global = documentGlobal(local);
    return global ? m.global.set(global, value) : m.local.set(this.wasmLocal(local), value);
  }

  /** Sets the local and yields the value. */
  private tee(local: Local, value: ExpressionRef): ExpressionRef {
    const { m, b } = this.env;
    if (documentGlobal(local)) return m.block(null, [this.set(local, value), this.get(local)], b.i32);
    return m.local.tee(this.wasmLocal(local), value, b.i32);
  }

  private wasmLocal(local: Local): number {
    let index = this.wasmLocals.get(local);
    if (index === undefined) {
      index = this.paramCount + this.varCount++;
      this.wasmLocals.set(local, index);
    }
    return index;
  }

  private scratch(): number {
    return this.paramCount + this.varCount++;
  }
}

const INPUT: Local = 0;
const DATA: Local = 1;

function documentGlobal(local: Local): string | undefined {
  return local === INPUT ? INPUT_GLOBAL : local === DATA ? DATA_GLOBAL : undefined;
}

// Type tags, a value's first u32 (compiler/runtime/README.md), by type name.
const TYPE_TAGS = { null: 0, boolean: 1, number: 2, string: 3, array: 4, object: 5, set: 6 };

/** The type-test builtins (is_null ... is_set), which a checked call tests in place as IsObjectStmt does. */
const TYPE_TEST_TAGS = new Map(Object.entries(TYPE_TAGS).map(([name, tag]) => [`is_${name}`, tag]));

const COLLECTION_TESTS = ["IsArrayStmt", "IsObjectStmt", "IsSetStmt"];

/**
 * The source of what OPA plans to check an `every` domain, one block holding a block per collection
 * type (`IsArrayStmt; BreakStmt 1`, ...) and then `BreakStmt 1`: it continues when the source is an
 * array, object or set and leaves the enclosing block otherwise. Emitted as one test instead of
 * three type reads and five branches, in every `every`.
 */
function everyDomainCheck(blocks: Block[] | null): Operand | undefined {
  if (blocks?.length !== 1) return undefined;
  const [inner, leave] = blocks[0].stmts;
  if (blocks[0].stmts.length !== 2 || inner.type !== "BlockStmt" || !isBreak(leave, 1)) return undefined;
  const tests = (inner.stmt.blocks ?? []).map(({ stmts }) =>
    stmts.length === 2 && COLLECTION_TESTS.includes(stmts[0].type) && isBreak(stmts[1], 1)
      ? stmts[0]
      : undefined,
  );
  const types = new Set(tests.map((test) => test?.type));
  if (tests.length !== 3 || types.size !== 3 || types.has(undefined)) return undefined;
  const sources = tests.map((test) => JSON.stringify((test?.stmt as { source: Operand }).source));
  return sources.every((source) => source === sources[0])
    ? (tests[0]?.stmt as { source: Operand }).source
    : undefined;
}

function isBreak(stmt: Stmt | undefined, index: number): boolean {
  return stmt?.type === "BreakStmt" && stmt.stmt.index === index;
}
