/**
 * METADATA annotations: a comment block whose first line is `# METADATA`, written directly
 * above a `package` or a rule. The lines after it are YAML (OPA's annotation schema) and become
 * an `Annotations` value on that rule, or on the module for package/subpackages scope.
 */
import { parse as parseYaml } from "yaml";
import type { Annotations, Module, Position } from "./ast";
import type { Comment } from "./lexer";
import { RegoSyntaxError, sourceLineAt } from "./errors";

export interface MetadataBlock {
  /** Where `# METADATA` is written. */
  loc: Position;
  /** The last row of the comment block. */
  endRow: number;
  yaml: string;
}

const KNOWN_KEYS = new Set([
  "scope",
  "title",
  "description",
  "custom",
  "entrypoint",
  "organizations",
  "related_resources",
  "authors",
  "schemas",
]);
const RULE_SCOPES = new Set(["rule", "document"]);
const PACKAGE_SCOPES = new Set(["package", "subpackages"]);

/** Groups comments on consecutive rows into blocks and keeps those that start with `METADATA`. */
export function findMetadataBlocks(comments: Comment[], source: string, file: string): MetadataBlock[] {
  const blocks: MetadataBlock[] = [];
  let i = 0;
  while (i < comments.length) {
    let j = i + 1;
    while (j < comments.length && comments[j].row === comments[j - 1].row + 1) j++;
    const group = comments.slice(i, j);
    if (group[0].text.trim() === "METADATA" && onlyCommentOnLine(group[0], source)) {
      blocks.push({
        loc: { file, row: group[0].row, col: group[0].col },
        endRow: group[group.length - 1].row,
        yaml: group
          .slice(1)
          .map((c) => c.text)
          .join("\n"),
      });
    }
    i = j;
  }
  return blocks;
}

function onlyCommentOnLine(comment: Comment, source: string): boolean {
  return (
    sourceLineAt(source, comment.row)
      .slice(0, comment.col - 1)
      .trim() === ""
  );
}

/** Attaches each block to the package or rule that starts right after it. */
export function attachAnnotations(module: Module, blocks: MetadataBlock[], source: string): void {
  for (const block of blocks) {
    const fail = (message: string): never => {
      throw new RegoSyntaxError(block.loc.file, block.loc.row, block.loc.col, message, source);
    };
    const rule = module.rules.find((r) => r.loc.row > block.endRow);
    const targetIsPackage = module.packageLoc.row > block.endRow;
    if (!targetIsPackage && rule === undefined) fail("METADATA block is not followed by a package or rule");
    const annotations = toAnnotations(block, targetIsPackage ? "package" : "rule", fail);
    if (targetIsPackage) {
      if (!PACKAGE_SCOPES.has(annotations.scope))
        fail(`annotation scope '${annotations.scope}' must be applied to a rule`);
      module.packageAnnotations.push(annotations);
    } else if (PACKAGE_SCOPES.has(annotations.scope)) {
      fail(`annotation scope '${annotations.scope}' must be applied to a package`);
    } else if (rule !== undefined) {
      rule.annotations = annotations;
    }
  }
}

function toAnnotations(
  block: MetadataBlock,
  defaultScope: Annotations["scope"],
  fail: (m: string) => never,
): Annotations {
  let doc: unknown;
  try {
    doc = parseYaml(block.yaml);
  } catch (err) {
    return fail(`invalid METADATA YAML: ${(err as Error).message.split("\n")[0]}`);
  }
  if (doc === null || doc === undefined) doc = {};
  if (typeof doc !== "object" || Array.isArray(doc)) return fail("METADATA must be a YAML mapping");
  // A known key written without a value is YAML null; OPA decodes it into its field's zero value,
  // which is the same as leaving the key out.
  const fields = Object.fromEntries(
    Object.entries(doc as Record<string, unknown>).filter(
      ([key, value]) => !(KNOWN_KEYS.has(key) && value === null),
    ),
  );
  const scope = fields.scope ?? defaultScope;
  if (typeof scope !== "string" || !(RULE_SCOPES.has(scope) || PACKAGE_SCOPES.has(scope))) {
    return fail(`invalid annotation scope '${String(scope)}': use rule, document, package or subpackages`);
  }
  const annotations: Annotations = { scope: scope as Annotations["scope"], loc: block.loc };
  const stringField = (key: string): string | undefined => {
    const value = fields[key];
    if (value === undefined) return undefined;
    if (typeof value !== "string") return fail(`METADATA ${key} must be a string`);
    return value;
  };
  annotations.title = stringField("title");
  annotations.description = stringField("description");
  if (fields.custom !== undefined) {
    if (typeof fields.custom !== "object" || fields.custom === null || Array.isArray(fields.custom)) {
      fail("METADATA custom must be a mapping");
    }
    annotations.custom = fields.custom as Record<string, unknown>;
  }
  if (fields.entrypoint !== undefined) {
    if (typeof fields.entrypoint !== "boolean") fail("METADATA entrypoint must be true or false");
    annotations.entrypoint = fields.entrypoint as boolean;
  }
  if (fields.organizations !== undefined) {
    const orgs = fields.organizations;
    if (!Array.isArray(orgs) || orgs.some((o) => typeof o !== "string"))
      fail("METADATA organizations must be a list of strings");
    annotations.organizations = orgs as string[];
  }
  for (const key of ["related_resources", "authors", "schemas"] as const) {
    if (fields[key] === undefined) continue;
    if (!Array.isArray(fields[key])) fail(`METADATA ${key} must be a list`);
    annotations[key] = fields[key] as unknown[];
  }
  const extra = Object.fromEntries(Object.entries(fields).filter(([k]) => !KNOWN_KEYS.has(k)));
  if (Object.keys(extra).length > 0) annotations.extra = extra;
  for (const key of Object.keys(annotations) as (keyof Annotations)[]) {
    if (annotations[key] === undefined) delete annotations[key];
  }
  return annotations;
}
