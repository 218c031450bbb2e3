import { RegoSyntaxError } from "./errors";
import { parseModule } from "./parser";

const parse = (source: string) => parseModule(source, "t.rego");

describe("METADATA annotations", () => {
  test("a block above a rule is attached to it with rule scope", () => {
    const m = parse(`package a

# METADATA
# title: Private APIs only
# description: REST APIs must be PRIVATE
# custom:
#   severity: high
#   tags: [aws, apigw]
# entrypoint: true
# organizations: [acme]
# related_resources:
# - https://example.com
# authors:
# - name: A
# schemas:
# - input: schema.input
# unknown_key: 7
deny contains msg if { msg := "x" }
`);
    expect(m.rules[0].annotations).toEqual({
      scope: "rule",
      title: "Private APIs only",
      description: "REST APIs must be PRIVATE",
      custom: { severity: "high", tags: ["aws", "apigw"] },
      entrypoint: true,
      organizations: ["acme"],
      related_resources: ["https://example.com"],
      authors: [{ name: "A" }],
      schemas: [{ input: "schema.input" }],
      extra: { unknown_key: 7 },
      loc: { file: "t.rego", row: 3, col: 1 },
    });
  });

  test.each([
    ["# METADATA\n# title: pkg\npackage a\np := 1", "package", "packageAnnotations"],
    ["# METADATA\n# scope: subpackages\npackage a\np := 1", "subpackages", "packageAnnotations"],
    ["package a\n# METADATA\n# scope: document\np := 1", "document", "rule"],
    ["package a\n# METADATA\n# title: t\np := 1", "rule", "rule"],
  ])("%j has scope %s on the %s", (source, scope, where) => {
    const m = parse(source);
    const annotations = where === "rule" ? m.rules[0].annotations : m.packageAnnotations[0];
    expect(annotations?.scope).toBe(scope);
    expect(where === "rule" ? m.packageAnnotations : [m.rules[0].annotations]).toEqual(
      where === "rule" ? [] : [undefined],
    );
  });

  // `opa check` accepts each of these keys with no value, as if it were not written.
  test.each([
    "scope",
    "title",
    "description",
    "custom",
    "entrypoint",
    "organizations",
    "related_resources",
    "authors",
    "schemas",
  ])("%s: with an empty value is left out", (key) => {
    const [other, value] = key === "title" ? ["description", "d"] : ["title", "t"];
    const m = parse(`package a\n# METADATA\n# ${other}: ${value}\n# ${key}:\np := 1`);
    expect(m.rules[0].annotations).toEqual({
      scope: "rule",
      [other]: value,
      loc: { file: "t.rego", row: 2, col: 1 },
    });
  });

  test("an unknown key with an empty value is kept, as null", () => {
    const m = parse("package a\n# METADATA\n# extra_key:\np := 1");
    expect(m.rules[0].annotations?.extra).toEqual({ extra_key: null });
  });

  test("ordinary comments and blocks not starting with METADATA are ignored", () => {
    const m = parse("package a\n# just a note\n# title: not metadata\np := 1\nq := 2 # METADATA");
    expect(m.rules.map((r) => r.annotations)).toEqual([undefined, undefined]);
  });

  test("the block goes to the next rule only", () => {
    const m = parse("package a\np := 1\n# METADATA\n# title: q\nq := 2\nr := 3");
    expect(m.rules.map((r) => r.annotations?.title)).toEqual([undefined, "q", undefined]);
  });

  test.each([
    ["package a\n# METADATA\n# title: [unclosed\np := 1", "invalid METADATA YAML"],
    ["package a\n# METADATA\n# scope: everywhere\np := 1", "invalid annotation scope"],
    ["package a\n# METADATA\n# scope: package\np := 1", "must be applied to a package"],
    ["# METADATA\n# scope: rule\npackage a", "must be applied to a rule"],
    ["package a\n# METADATA\n# entrypoint: yes please\np := 1", "entrypoint must be true or false"],
    ["package a\np := 1\n# METADATA\n# title: x", "not followed by a package or rule"],
  ])("rejects %j at the METADATA line", (source, message) => {
    let caught: unknown;
    try {
      parse(source);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(RegoSyntaxError);
    expect((caught as RegoSyntaxError).message).toContain(message);
    expect((caught as RegoSyntaxError).row).toBe(source.split("\n").findIndex((l) => l === "# METADATA") + 1);
  });
});
