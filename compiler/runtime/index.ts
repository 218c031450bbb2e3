// Entry point of runtime.wasm: everything exported here becomes a wasm export. The back end calls
// rt_* and builtin_* through their export names and strips the non-ABI ones after linking.

export * from "./abi";
export * from "./helpers";
export { rt_builtin_failure } from "./errors";

// Link hooks, not builtins: the builders of builtin error messages, whose bodies a module linked
// without strict builtin errors replaces with rt_builtin_failure's (compiler/wasm/builtinMessages.ts).
export {
  typeError as message_type_error,
  operandError as message_operand_error,
  builtinError as message_builtin_error,
} from "./errors";
export {
  abortOperand as message_abort_operand,
  elementTypeError as message_element_type_error,
} from "./builtins/operands";
export { abortWithText as message_net_text_error } from "./builtins/net";
export { fail as message_glob_syntax_error } from "./builtins/globProgram";

// Builtin families, one file each (builtins native to OPA's own wasm, plus what we add).
export * from "./builtins/arithmetic";
export * from "./builtins/comparison";
export * from "./builtins/aggregates";
export * from "./builtins/arrays";
export * from "./builtins/sets";
export * from "./builtins/types";
export * from "./builtins/membership";
export * from "./builtins/strings";
export * from "./builtins/objects";
export * from "./builtins/json";
export * from "./builtins/regex";
export * from "./builtins/glob";
export * from "./builtins/net";
export * from "./builtins/encoding";
export * from "./builtins/bits";
export * from "./builtins/numbers";
export * from "./builtins/graph";
export * from "./builtins/units";
export * from "./builtins/semver";
export * from "./builtins/jsonpatch";
export * from "./builtins/sprintf";
export * from "./builtins/time";
export * from "./builtins/print";
export * from "./builtins/opa";
export * from "./builtins/templateString";
export * from "./builtins/crypto";
export * from "./builtins/uuid";
export * from "./builtins/providers";
// Last: its literals then lie after every other family's data. Placed earlier it shifts their
// addresses, and a constant in code every module keeps can then land on (and keep) a segment of ours.
export * from "./builtins/jsonschema";
