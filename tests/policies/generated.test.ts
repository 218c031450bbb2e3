import { readFileSync } from "node:fs";
import { loadPolicySync } from "@open-policy-agent/opa-wasm";
import { entrypoint, modulePath } from "../../policies/engine";
import { metadataPath, policyMetadata } from "../../policies/metadata";
import { policies } from "../../policies/pack";
import { digestPath, regoDigest } from "../../policies/regoDigest";

describe("the shipped module", () => {
  test("was compiled from the current rego/ (run `npm run build:rego` after changing the rules)", () => {
    expect(readFileSync(digestPath, "utf8").trim()).toBe(regoDigest());
  });

  test("exports the decision entrypoint and loads with the unmodified SDK", () => {
    const policy = loadPolicySync(readFileSync(modulePath));
    expect(Object.keys(policy.entrypoints)).toEqual([entrypoint]);
  });

  test.each(policies.map((p) => p.name))("carries the METADATA of %s", (name) => {
    const metadata = policyMetadata(name, metadataPath);
    expect(metadata.description.length).toBeGreaterThan(40);
    expect(metadata.remediation.length).toBeGreaterThan(40);
    expect(metadata.resourceTypes.length).toBeGreaterThan(0);
  });

  test("the policies take description, severity and remediation from the METADATA", () => {
    for (const policy of policies) {
      const metadata = policyMetadata(policy.name);
      expect([policy.description, policy.severity, policy.remediationSteps, policy.enforcementLevel]).toEqual(
        [metadata.description, metadata.severity, metadata.remediation, metadata.enforcementLevel],
      );
    }
  });
});
