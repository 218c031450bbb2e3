/**
 * The benchmarks' "null" pack: the real pack's TypeScript, names and metadata, served the same way, but every
 * policy decides nothing and the compiled module is never loaded. What the pack costs beyond this is the
 * cost of its decisions.
 */
import { PolicyPack } from "@pulumi/policy";
import { policies } from "../../policies/pack";

const idle = policies.map((policy) =>
  "validateResource" in policy
    ? { ...policy, validateResource: () => undefined, remediateResource: undefined }
    : { ...policy, validateStack: () => undefined },
);

new PolicyPack("private-api-guard", { policies: idle });
