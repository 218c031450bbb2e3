/**
 * The project's host builtins: what OPA computes with public-key cryptography, key parsing, a clock,
 * randomness or a GraphQL parser, which the runtime does not do natively. A compiled module calls them through the
 * SDK's `opa_builtinN` import, so whoever loads it with `@open-policy-agent/opa-wasm` passes
 * HOST_BUILTINS as loadPolicy's `customBuiltins`. Each one's errors carry its name, as OPA's do.
 */
import { CLOCK_BUILTINS } from "./clock";
import type { CustomBuiltins, HostBuiltin } from "./customBuiltins";
import { GRAPHQL_BUILTINS } from "./graphql";
import { JWT_BUILTINS } from "./jwt";
import { RANDOM_BUILTINS } from "./random";
import { X509_BUILTINS } from "./x509";

export { HOST_CAPABILITIES } from "./declarations";

function named(builtins: Record<string, HostBuiltin>): CustomBuiltins {
  return Object.fromEntries(
    Object.entries(builtins).map(([name, implementation]) => [
      name,
      (...args: never[]) => {
        try {
          return implementation(...args);
        } catch (error) {
          throw new Error(`${name}: ${error instanceof Error ? error.message : String(error)}`);
        }
      },
    ]),
  );
}

export const HOST_BUILTINS: CustomBuiltins = named({
  ...JWT_BUILTINS,
  ...CLOCK_BUILTINS,
  ...RANDOM_BUILTINS,
  ...X509_BUILTINS,
  ...GRAPHQL_BUILTINS,
});
