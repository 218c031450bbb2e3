import { boundedMessage, maxMessageBytes, reportFindings } from "./report";

const description = "Every API Gateway resource policy must restrict who can invoke the API.";

describe("boundedMessage", () => {
  test.each([
    ["a short message", "statement 0 allows execute-api:Invoke from any network", false],
    ["ASCII past the limit", "x".repeat(200_000), true],
    ["multi-byte characters past the limit", "é€𝄞".repeat(40_000), true],
    ["exactly at the budget", "y".repeat(maxMessageBytes - Buffer.byteLength(description) - 128), false],
  ])("%s", (_name, message, cut) => {
    const bounded = boundedMessage(message, description);
    expect(Buffer.byteLength(`${description}\n${bounded}`)).toBeLessThanOrEqual(maxMessageBytes);
    expect(bounded === message).toBe(!cut);
    if (cut) {
      expect(bounded).toMatch(/ … \(cut: \d+ more bytes\)$/);
      expect(bounded).not.toContain("\uFFFD");
      expect(message.startsWith(bounded.replace(/ … \(cut: \d+ more bytes\)$/, ""))).toBe(true);
    }
  });
});

describe("reportFindings", () => {
  test.each([
    ["violation", "the policy's"],
    ["advisory", "advisory"],
    ["unknown", "advisory"],
    ["error", "mandatory"],
  ] as const)("a finding of kind %s is reported at %s level, bounded", (kind, level) => {
    const reported: unknown[] = [];
    const report = (violation: unknown, urn?: string) => reported.push({ violation, urn });
    reportFindings([{ kind, message: "m".repeat(100_000), urn: "urn:x" }], report as never, description);
    expect(reported).toHaveLength(1);
    const [{ violation, urn }] = reported as {
      violation: string | { message: string; enforcementLevel: string; urn: string };
      urn?: string;
    }[];
    const message = typeof violation === "string" ? violation : violation.message;
    expect(Buffer.byteLength(message)).toBeLessThanOrEqual(maxMessageBytes);
    if (level === "the policy's") {
      expect(typeof violation).toBe("string");
      expect(urn).toBe("urn:x");
    } else {
      expect(violation).toEqual(expect.objectContaining({ enforcementLevel: level, urn: "urn:x" }));
    }
  });
});
