/**
 * private-api-guard: API Gateway REST APIs must be PRIVATE and their resource policies must restrict the
 * network. Every decision is made by the Rego rules in rego/, compiled to policies/generated/policy.wasm.
 * The policies come from the library module (policies/index.ts), which other packs import too.
 */
import { PolicyPack } from "@pulumi/policy";
import { privateApiPolicies } from "./policies/index";

new PolicyPack("private-api-guard", { policies: privateApiPolicies() });
