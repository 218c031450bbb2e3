import type { Violation } from "../report/model";
import { aboutUnknownValues, couldNotJudge, pendingOperationReason, unreadableReasons } from "./unchecked";
import type { Unreadable } from "./values";

const showSecrets = "export with `pulumi stack export --show-secrets` to audit it";
const encrypted = (property: string): Unreadable => ({ property, reason: "encrypted" });

const reasons: Array<[string, Unreadable[], string[]]> = [
  [
    "the resource policy",
    [encrypted("policy")],
    [`the resource policy is encrypted in this export; ${showSecrets}`],
  ],
  [
    "two properties",
    [encrypted("policy"), encrypted("tags.owner")],
    [`the resource policy and \`tags.owner\` are encrypted in this export; ${showSecrets}`],
  ],
  [
    "more than five, counted",
    ["a", "b", "c", "d", "e", "f", "g"].map(encrypted),
    [`\`a\`, \`b\`, \`c\`, \`d\`, \`e\` and 2 more are encrypted in this export; ${showSecrets}`],
  ],
  [
    "one property twice (array elements of one name)",
    [encrypted("policy"), encrypted("policy")],
    [`the resource policy is encrypted in this export; ${showSecrets}`],
  ],
  [
    "each kind apart",
    [
      encrypted("policy"),
      { property: "body", reason: "unknown" },
      { property: "n", reason: "not-a-finite-number" },
    ],
    [
      `the resource policy is encrypted in this export; ${showSecrets}`,
      "`body` is not known in this export (an update did not finish); run `pulumi refresh` and export again",
      "`n` is NaN or infinite, which the policy pack cannot receive",
    ],
  ],
  ["nothing", [], []],
];

test.each(reasons)("unreadable values: %s", (_name, unreadable, expected) => {
  expect(unreadableReasons(unreadable)).toEqual(expected);
});

test("a megabyte key is cut in the reason", () => {
  const [reason] = unreadableReasons(["k".repeat(1024 * 1024), "j".repeat(1024 * 1024)].map(encrypted));
  expect(Buffer.byteLength(reason)).toBeLessThan(1024);
  expect(reason).toMatch(/^`k{200}…` and `j{200}…` are encrypted/);
});

const finding = (enforcementLevel: Violation["enforcementLevel"], message: string): Violation => ({
  policyName: "p",
  policyPackName: "pack",
  policyPackVersion: "1",
  description: "d",
  message,
  enforcementLevel,
  from: "resource",
});

const classified: Array<[string, Violation, boolean]> = [
  [
    "the SDK's unknown-value advisory",
    finding("advisory", "can't run policy 'p' from policy pack 'pack@v1' during preview: x"),
    true,
  ],
  [
    "this pack's unknown finding",
    finding(
      "advisory",
      "d\nendpointConfiguration.types is not known during preview, so …; it is enforced on update",
    ),
    true,
  ],
  ["an ordinary advisory", finding("advisory", "d\nthe statement grants nothing"), false],
  ["a mandatory violation, whatever it says", finding("mandatory", "d\nnot known during preview"), false],
];

test.each(classified)("about unknown values: %s → %s", (_name, violation, expected) => {
  expect(aboutUnknownValues(violation)).toBe(expected);
});

test("a policy that could not judge a resource says so, and how to fix it when secrets are the cause", () => {
  expect(couldNotJudge("p", false)).toBe(
    "p could not judge it: a value it needs is not readable in this export",
  );
  expect(couldNotJudge("p", true)).toBe(
    `p could not judge it: a value it needs is not readable in this export (see the encrypted values listed); ${showSecrets}`,
  );
});

test("a pending operation is state uncertain", () => {
  expect(pendingOperationReason({ urn: "u", type: "t", operation: "updating" })).toMatch(
    /^state uncertain: the operation `updating` was still pending when this export was taken/,
  );
});
