// Everything runtime.wasm imports. The decorators are AssemblyScript syntax (not TypeScript), so
// this one file is kept out of prettier.

// The host (the npm SDK supplies them, with opa_builtinN we do not need).
// @ts-ignore: decorator
@external("env", "opa_abort")
export declare function opa_abort(addr: usize): void;

// print's output line, a NUL-terminated string; only a module that calls print keeps the import.
// @ts-ignore: decorator
@external("env", "opa_println")
export declare function opa_println(addr: usize): void;

// The compiled plan: the back end finds these by module/base name, removes the imports and adds
// definitions when it links a policy.
// @ts-ignore: decorator
@external("plan", "eval")
export declare function plan_eval(entrypoint: i32, input: usize, data: usize): usize;

// @ts-ignore: decorator
@external("plan", "entrypoints")
export declare function plan_entrypoints(): usize;

// @ts-ignore: decorator
@external("plan", "builtins")
export declare function plan_builtins(): usize;

// First free byte after all static data (the runtime's and the plan's).
// @ts-ignore: decorator
@external("plan", "heap_start")
export declare const heap_start: i32;
