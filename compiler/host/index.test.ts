/** The registry: every declared host builtin is implemented, and the checker accepts each. */
import { lookupBuiltin } from "../check/builtins";
import { HOST_BUILTINS, HOST_CAPABILITIES } from "./index";

test("the declarations and the implementations name the same builtins", () => {
  expect(HOST_CAPABILITIES.map((entry) => entry.name).sort()).toEqual(Object.keys(HOST_BUILTINS).sort());
});

test.each(HOST_CAPABILITIES.map((entry) => [entry.name, entry]))(
  "%s is in the default builtin table with OPA's declaration",
  (name, entry) => {
    expect(lookupBuiltin(name)?.decl).toEqual(entry.decl);
  },
);

test("an implementation's error carries the builtin's name, as OPA's do", () => {
  expect(() => HOST_BUILTINS["io.jwt.decode"]("x" as never)).toThrow(
    "io.jwt.decode: encoded JWT had no period separators",
  );
});
