// Entry point of runtime.wasm: everything exported here becomes a wasm export. The back end calls
// rt_* and builtin_* through their export names and strips the non-ABI ones after linking.

export * from "./abi";
export * from "./helpers";
