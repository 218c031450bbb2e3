// What OPA says about itself. A compiled module runs outside any OPA process: no configuration,
// environment or version to report, so opa.runtime() is the empty object, as OPA's own is when a
// query is evaluated without a runtime (the rego package without rego.Runtime).

import { makeObject } from "../value";

export function builtin_opa_runtime(): usize {
  return makeObject();
}
