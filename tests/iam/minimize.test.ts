/**
 * The shrinker the differential test uses on its counterexamples: it keeps only what the failure needs.
 */
import { minimize } from "./minimize";
import { OutsideCallerOracle } from "./simulator";

const opensToAnonymous = async (document: unknown) =>
  (await OutsideCallerOracle.of(document)).entryFor("NONE") !== undefined;

test("an open document shrinks to the one Allow that opens it, without its irrelevant parts", async () => {
  const document = {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Deny",
        Principal: "*",
        Action: "execute-api:Invoke",
        Resource: "execute-api:/dev/*",
        Condition: { StringNotEquals: { "aws:SourceVpce": "vpce-0a1b2c3d4e5f67890" } },
      },
      {
        Effect: "Allow",
        Principal: { AWS: ["arn:aws:iam::111122223333:root", "*"] },
        Action: ["s3:GetObject", "execute-api:Invoke"],
        Resource: ["execute-api:/prod/*", "execute-api:/dev/*"],
        Condition: {
          StringLike: { "aws:SourceVpce": "vpce-*", "aws:PrincipalOrgID": ["o-a1b2c3d4e5", "o-*"] },
          Bool: { "aws:SecureTransport": "true" },
        },
      },
    ],
  };
  expect(await opensToAnonymous(document)).toBe(true);
  expect(await minimize(document, opensToAnonymous)).toEqual({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { AWS: "*" },
        Action: "execute-api:Invoke",
        Resource: "execute-api:/prod/*",
      },
    ],
  });
});

test("a document that shows nothing smaller stays as it is", async () => {
  const document = {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }],
  };
  expect(await minimize(document, opensToAnonymous)).toEqual(document);
});
