/**
 * Values of the plan's string constants and number literals, made once per module instance.
 *
 * Each is held in an i32 global filled by the module's start function, which runs before the SDK
 * records its base heap pointer, so the values sit below every heap reset and survive all
 * evaluations. Values are immutable once shared, so every use may share one.
 */
import type { Binaryen, BinaryenModule, ExpressionRef } from "./binaryen";
import type { StaticData } from "./staticData";

type Runtime = (name: string, args: ExpressionRef[]) => ExpressionRef;

export class StaticValues {
  private readonly strings = new Map<string, string>();
  private readonly numbers = new Map<string, string>();

  constructor(
    private readonly b: Binaryen,
    private readonly m: BinaryenModule,
    private readonly runtime: Runtime,
  ) {}

  string(text: string): ExpressionRef {
    return this.global(this.strings, "static.string", text);
  }

  /** A number from its literal text, kept at full precision by rt_number_ref. */
  number(literal: string): ExpressionRef {
    return this.global(this.numbers, "static.number", literal);
  }

  /**
   * Places the bytes of every value in `data` and makes the start function create the values,
   * after the runtime's own start function if it has one.
   */
  install(data: StaticData): void {
    const { m, b } = this;
    const make = (helper: string, values: Map<string, string>) =>
      [...values].map(([text, global]) => {
        const bytes = data.utf8(text);
        return m.global.set(global, this.runtime(helper, [m.i32.const(bytes.ptr), m.i32.const(bytes.len)]));
      });
    const body: ExpressionRef[] = [];
    const previousStart = m.getStart();
    if (previousStart) body.push(m.call(b.getFunctionInfo(previousStart).name, [], b.none));
    body.push(...make("rt_string", this.strings), ...make("rt_number_ref", this.numbers));
    if (body.length === 0) return;
    const start = m.addFunction("static.init", b.none, b.none, [], m.block(null, body));
    m.setStart(start);
  }

  private global(globals: Map<string, string>, prefix: string, text: string): ExpressionRef {
    let name = globals.get(text);
    if (name === undefined) {
      name = `${prefix}.${globals.size}`;
      this.m.addGlobal(name, this.b.i32, true, this.m.i32.const(0));
      globals.set(text, name);
    }
    return this.m.global.get(name, this.b.i32);
  }
}
