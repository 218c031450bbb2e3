// Aborting evaluation: every runtime error ends here, as a NUL-terminated UTF-8 message handed to
// the host's opa_abort, which the SDK turns into a JavaScript exception.
//
// Two kinds of errors: a builtin's (abortBuiltin and the helpers built on it), which a module linked
// without strict builtin errors catches around the builtin call and turns into undefined as OPA's
// default mode does, and every other (abort: out of memory, conflicts, AssemblyScript's own
// failures), which always ends evaluation. The exception carries no kind, so the kind of the last
// abort is kept here for the catching code to ask (rt_builtin_error_recoverable).
//
// abort() must not allocate: the allocator itself aborts when memory cannot grow, and a message
// allocated on the exhausted heap would fail again and recurse until the host's stack overflows.
// Messages built on the heap (typeError, builtinError, ...) are safe: if their allocation fails,
// the allocator's abort ends evaluation with "out of memory" instead.

import { alloc } from "./alloc";
import { T_NULL, T_BOOLEAN, T_NUMBER, T_STRING, T_ARRAY, T_OBJECT, T_SET, typeOf } from "./value";

import { opa_abort } from "./imports";

/** Bytes needed to encode the AS (UTF-16) string `s` as UTF-8. */
function utf8Length(s: string): i32 {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = <u32>s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

// Static space for abort()'s message: the longest message is cut to fit (rune by rune).
const ABORT_MESSAGE_CAPACITY: i32 = 1024;
const abortMessage: usize = memory.data(ABORT_MESSAGE_CAPACITY);

/**
 * Writes `s` as UTF-8 at `dst`, stopping before a rune that would pass `capacity` bytes; returns the
 * bytes written. Lone surrogates become U+FFFD.
 */
export function writeUtf8(dst: usize, s: string, capacity: i32 = i32.MAX_VALUE): i32 {
  let out = dst;
  for (let i = 0; i < s.length; i++) {
    if (<i32>(out - dst) > capacity - 4) {
      // Fewer than 4 bytes left: check the exact width of this rune before writing it.
      const next = <u32>s.charCodeAt(i);
      const width = next < 0x80 ? 1 : next < 0x800 ? 2 : next >= 0xd800 && next < 0xdc00 ? 4 : 3;
      if (<i32>(out - dst) + width > capacity) break;
    }
    let c = <u32>s.charCodeAt(i);
    if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length) {
      const low = <u32>s.charCodeAt(i + 1);
      if (low >= 0xdc00 && low < 0xe000) {
        c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
        i++;
      } else c = 0xfffd;
    } else if (c >= 0xd800 && c < 0xe000) c = 0xfffd;
    if (c < 0x80) {
      store<u8>(out++, c);
    } else if (c < 0x800) {
      store<u8>(out++, 0xc0 | (c >> 6));
      store<u8>(out++, 0x80 | (c & 0x3f));
    } else if (c < 0x10000) {
      store<u8>(out++, 0xe0 | (c >> 12));
      store<u8>(out++, 0x80 | ((c >> 6) & 0x3f));
      store<u8>(out++, 0x80 | (c & 0x3f));
    } else {
      store<u8>(out++, 0xf0 | (c >> 18));
      store<u8>(out++, 0x80 | ((c >> 12) & 0x3f));
      store<u8>(out++, 0x80 | ((c >> 6) & 0x3f));
      store<u8>(out++, 0x80 | (c & 0x3f));
    }
  }
  return <i32>(out - dst);
}

const ABORT_NONE: u8 = 0;
const ABORT_BUILTIN: u8 = 1;
const ABORT_FATAL: u8 = 2;
let lastAbort: u8 = ABORT_NONE;

/** Ends evaluation with `msg`, written to static memory. Never returns: callers follow it with unreachable(). */
export function abort(msg: string): void {
  const n = writeUtf8(abortMessage, msg, ABORT_MESSAGE_CAPACITY - 1);
  store<u8>(abortMessage + <usize>n, 0);
  lastAbort = ABORT_FATAL;
  opa_abort(abortMessage);
  unreachable();
}

/** Ends a builtin call with its error, an already NUL-terminated UTF-8 message. */
export function abortBuiltin(addr: usize): void {
  lastAbort = ABORT_BUILTIN;
  opa_abort(addr);
  unreachable();
}

/**
 * Asked by the code catching an exception around a builtin call: whether it may become undefined.
 * Only a fatal abort may not; an exception that passed no abort here is a host builtin's own error.
 * Clears the kind, so the next catch sees only what happens after it.
 */
export function rt_builtin_error_recoverable(): i32 {
  const fatal = lastAbort == ABORT_FATAL;
  lastAbort = ABORT_NONE;
  return fatal ? 0 : 1;
}

/** A new evaluation forgets a fatal abort that ended the last one. */
export function resetAbortKind(): void {
  lastAbort = ABORT_NONE;
}

export function typeName(v: usize): string {
  if (v == 0) return "undefined";
  switch (typeOf(v)) {
    case T_NULL:
      return "null";
    case T_BOOLEAN:
      return "boolean";
    case T_NUMBER:
      return "number";
    case T_STRING:
      return "string";
    case T_ARRAY:
      return "array";
    case T_OBJECT:
      return "object";
    case T_SET:
      return "set";
  }
  return "undefined";
}

/** Aborts with OPA's operand type error: "<fname>: operand <n> must be <expected> but got <type>". */
export function typeError(fname: string, operand: i32, expected: string, got: usize): void {
  const gotName = typeName(got);
  const size = utf8Length(fname) + 12 + 9 + utf8Length(expected) + 9 + utf8Length(gotName) + 1;
  const ptr = alloc(<usize>size);
  let p = writeOperandPrefix(ptr, fname, operand);
  p += <usize>writeUtf8(p, " must be ");
  p += <usize>writeUtf8(p, expected);
  p += <usize>writeUtf8(p, " but got ");
  p += <usize>writeUtf8(p, gotName);
  store<u8>(p, 0);
  abortBuiltin(ptr);
}

/** Aborts with "<fname>: operand <n> <detail>", e.g. detail "must be integer number but got floating-point number". */
export function operandError(fname: string, operand: i32, detail: string): void {
  const ptr = alloc(<usize>(utf8Length(fname) + 12 + 1 + utf8Length(detail) + 1));
  let p = writeOperandPrefix(ptr, fname, operand);
  store<u8>(p++, 0x20);
  p += <usize>writeUtf8(p, detail);
  store<u8>(p, 0);
  abortBuiltin(ptr);
}

/** Writes "<fname>: operand <n>" (n < 100) at ptr; returns the end. */
function writeOperandPrefix(ptr: usize, fname: string, operand: i32): usize {
  let p = ptr + <usize>writeUtf8(ptr, fname);
  p += <usize>writeUtf8(p, ": operand ");
  if (operand >= 10) store<u8>(p++, 0x30 + <u8>(operand / 10));
  store<u8>(p++, 0x30 + <u8>(operand % 10));
  return p;
}

/** Aborts with "<fname>: <detail>", OPA's wording for builtin errors other than operand types. */
export function builtinError(fname: string, detail: string): void {
  const ptr = alloc(<usize>(utf8Length(fname) + 2 + utf8Length(detail) + 1));
  let p = ptr;
  p += <usize>writeUtf8(p, fname);
  p += <usize>writeUtf8(p, ": ");
  p += <usize>writeUtf8(p, detail);
  store<u8>(p, 0);
  abortBuiltin(ptr);
}

const NO_MESSAGE: usize = memory.data<u8>([0]);

/**
 * What the builders of builtin error messages (the message_* exports of index.ts) become in a module
 * linked without strict builtin errors: there the error is caught around the builtin call and the call
 * is undefined, so no message is ever read, and the linker leaves out the code and text that build
 * them (compiler/wasm/builtinMessages.ts).
 */
export function rt_builtin_failure(): void {
  abortBuiltin(NO_MESSAGE);
}

/** Target of `--use abort=errors/asAbort`: AssemblyScript's own failures end the same way as ours. */
export function asAbort(message: string | null, fileName: string | null, line: u32, column: u32): void {
  abort(message != null ? message : "runtime error");
}
