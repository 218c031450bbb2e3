/**
 * private-api-guard: API Gateway REST APIs must be PRIVATE and their resource policies must restrict the
 * network. Every decision is made by the Rego rules in rego/, compiled to policies/generated/policy.wasm.
 */
import { PolicyPack } from "@pulumi/policy";
import { policies } from "./policies/pack";

new PolicyPack("private-api-guard", { policies });
