/**
 * `rego.metadata.rule()` and `rego.metadata.chain()` are known when compiling, so OPA's compiler
 * replaces them with constants: the METADATA of the rule being planned, and the chain of
 * annotations that apply to it (rule, document, then its packages from the innermost out).
 */
import type { Annotations, Position, Term } from "../syntax/ast";
import type { PlanState } from "./state";

export const METADATA_CALLS: ReadonlySet<string> = new Set(["rego.metadata.rule", "rego.metadata.chain"]);

/** The constant a metadata call evaluates to in the rule being planned. */
export function metadataConstant(s: PlanState, name: string, loc: Position): Term {
  const current = s.currentRule;
  if (name === "rego.metadata.rule") {
    return jsonTerm(current?.rule.annotations ? annotationsJson(current.rule.annotations) : {}, loc);
  }
  const chain: unknown[] = [];
  if (current) {
    const own = current.rule.annotations;
    chain.push(
      own && own.scope === "rule"
        ? { path: current.path, annotations: annotationsJson(own) }
        : { path: current.path },
    );
    for (const placed of s.trie.find(current.path)?.rules ?? []) {
      const doc = placed.rule.annotations;
      if (doc?.scope === "document") chain.push({ path: current.path, annotations: annotationsJson(doc) });
    }
    const pkg = current.packagePath;
    for (let depth = pkg.length; depth > 0; depth--) {
      const path = pkg.slice(0, depth);
      for (const ann of s.trie.packageAnnotations(path)) {
        if (ann.scope === "package" && depth !== pkg.length) continue;
        chain.push({ path, annotations: annotationsJson(ann) });
      }
    }
  }
  return jsonTerm(chain, loc);
}

/** Annotations as OPA prints them: authors as {name, email}, related resources as {ref}. */
function annotationsJson(ann: Annotations): Record<string, unknown> {
  const out: Record<string, unknown> = { scope: ann.scope };
  if (ann.title !== undefined) out.title = ann.title;
  if (ann.description !== undefined) out.description = ann.description;
  if (ann.organizations) out.organizations = ann.organizations;
  if (ann.related_resources) {
    out.related_resources = ann.related_resources.map((r) => (typeof r === "string" ? { ref: r } : r));
  }
  if (ann.authors) out.authors = ann.authors.map((a) => (typeof a === "string" ? author(a) : a));
  if (ann.schemas) out.schemas = ann.schemas;
  if (ann.entrypoint !== undefined) out.entrypoint = ann.entrypoint;
  if (ann.custom) out.custom = ann.custom;
  return out;
}

/** `Jane Doe <jane@example.com>` → {name, email}. */
function author(text: string): Record<string, string> {
  const match = /^(.*?)\s*<([^>]*)>\s*$/.exec(text.trim());
  if (!match) return { name: text.trim() };
  return match[1] ? { name: match[1], email: match[2] } : { email: match[2] };
}

function jsonTerm(value: unknown, loc: Position): Term {
  if (value === null || value === undefined) return { value: { type: "null" }, loc };
  if (typeof value === "boolean") return { value: { type: "boolean", value }, loc };
  if (typeof value === "number") return { value: { type: "number", text: String(value) }, loc };
  if (typeof value === "string") return { value: { type: "string", value }, loc };
  if (Array.isArray(value))
    return { value: { type: "array", items: value.map((v) => jsonTerm(v, loc)) }, loc };
  const items = Object.entries(value as Record<string, unknown>).map(([k, v]): [Term, Term] => [
    jsonTerm(k, loc),
    jsonTerm(v, loc),
  ]);
  return { value: { type: "object", items }, loc };
}
