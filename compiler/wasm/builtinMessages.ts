/**
 * Leaves the text of builtin errors out of modules linked without strict builtin errors.
 *
 * In OPA's default mode a builtin's error makes its call undefined: the module catches it around the
 * call (calls.ts) and never reads the message. The runtime exports its message builders as link hooks
 * (`message_*`); here each one's body becomes rt_builtin_failure's, which raises the same recoverable
 * builtin error without a message. binaryen's dead-argument pass then drops the arguments nothing reads
 * any more (the names, details and operand numbers the builtins pass), and with them the runtime data
 * only those arguments pointed to (runtimeData.ts). A strict module keeps every message: there the
 * error ends evaluation with OPA's text.
 */
import type { Binaryen, BinaryenModule } from "./binaryen";
import type { RuntimeSymbols } from "./runtimeSymbols";

const MESSAGE_BUILDER_PREFIX = "message_";

export function silenceBuiltinMessages(b: Binaryen, m: BinaryenModule, symbols: RuntimeSymbols): void {
  const failure = symbols.requireExported("rt_builtin_failure");
  for (const name of symbols.exportNames()) {
    if (!name.startsWith(MESSAGE_BUILDER_PREFIX)) continue;
    const builder = symbols.requireExported(name);
    if (builder.result !== b.none) throw new Error(`runtime.wasm's ${name} must return nothing`);
    const body = m.block(null, [m.call(failure.internal, [], b.none), m.unreachable()]);
    setBody(b, m.getFunction(builder.internal), body);
  }
}

/** binaryen.js has Function.setBody, which its type declarations file under Module by mistake. */
function setBody(b: Binaryen, func: number, body: number): void {
  (b as unknown as { Function: { setBody(func: number, body: number): void } }).Function.setBody(func, body);
}
