/**
 * The rule trie: every rule placed at its path under `data` (package path, then the ground
 * string prefix of its head ref). The planner walks it to decide whether a ref reaches base
 * data, a rule's func, or a prefix that holds rules (whose value merges both).
 */
import type { Annotations, Module, Rule, Term } from "../syntax/ast";

export type RuleKind = "complete" | "partial_set" | "partial_object" | "function";

/** A rule as the planner sees it: what it defines and where. */
export interface RuleShape {
  kind: RuleKind;
  /** Path under `data`, e.g. ["pkg", "p"]. */
  path: string[];
  /**
   * The head ref terms after the path: `p[k] := v` → [k]; `p[a].b[c] := v` → [a, "b", c]
   * (nested objects); `p[a] contains x` → [a] (objects whose leaves are sets).
   */
  keys: Term[];
  /** Partial set element. */
  element?: Term;
  /** Rule value (complete rules, functions, partial objects); `true` when absent. */
  value?: Term;
}

export interface PlacedRule {
  rule: Rule;
  shape: RuleShape;
}

export interface TrieNode {
  key: string;
  path: string[];
  children: Map<string, TrieNode>;
  /** The rules defined exactly at this path, in source order. */
  rules: PlacedRule[];
}

export class RuleTrie {
  readonly root: TrieNode = { key: "data", path: [], children: new Map(), rules: [] };
  private readonly packageMetadata = new Map<string, Annotations[]>();

  constructor(modules: Module[]) {
    for (const mod of modules) {
      // A package without rules still exists: its document is an empty object.
      this.node(mod.package);
      const key = mod.package.join(".");
      this.packageMetadata.set(key, [...(this.packageMetadata.get(key) ?? []), ...mod.packageAnnotations]);
      for (const rule of mod.rules) {
        const shape = ruleShape(mod, rule);
        this.node(shape.path).rules.push({ rule, shape });
      }
    }
  }

  private node(path: string[]): TrieNode {
    let node = this.root;
    for (const key of path) {
      let child = node.children.get(key);
      if (!child) {
        child = { key, path: [...node.path, key], children: new Map(), rules: [] };
        node.children.set(key, child);
      }
      node = child;
    }
    return node;
  }

  /** Package and subpackages METADATA of the package at `path`, from all its modules. */
  packageAnnotations(path: string[]): Annotations[] {
    return this.packageMetadata.get(path.join(".")) ?? [];
  }

  /** The node at `path` (under data), if rules live at or below it. */
  find(path: string[]): TrieNode | undefined {
    let node: TrieNode | undefined = this.root;
    for (const key of path) {
      node = node.children.get(key);
      if (!node) return undefined;
    }
    return node;
  }

  /** Arity of the user function at dotted `data.a.f`, or undefined when it is no function. */
  functionArity(name: string): number | undefined {
    if (!name.startsWith("data.")) return undefined;
    const node = this.find(name.split(".").slice(1));
    const args = node?.rules[0]?.rule.head.args;
    return args ? args.length : undefined;
  }
}

/** Children in OPA's order (sorted by key), so extents and plans are deterministic. */
export function sortedChildren(node: TrieNode): TrieNode[] {
  return [...node.children.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export function ruleShape(mod: Pick<Module, "package">, rule: Rule): RuleShape {
  const head = rule.head;
  const first = head.ref[0];
  const path = [...mod.package, first.value.type === "var" ? first.value.name : ""];
  let i = 1;
  for (; i < head.ref.length; i++) {
    const v = head.ref[i].value;
    if (v.type !== "string") break;
    path.push(v.value);
  }
  const keys = head.ref.slice(i);
  if (head.kind === "function" || head.args) return { kind: "function", path, keys: [], value: head.value };
  if (head.kind === "partial_set") return { kind: "partial_set", path, keys, element: head.key };
  if (keys.length > 0) return { kind: "partial_object", path, keys, value: head.value };
  return { kind: "complete", path, keys: [], value: head.value };
}
