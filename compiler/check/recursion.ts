/**
 * Rego rules and functions must not depend on themselves, directly or through others. The
 * dependency graph has one node per rule path (`data.x.p`); a rule depends on every rule whose
 * path overlaps a document it reads (`data.x` reads all of x; `data.x.p.q` reads rule p;
 * `data[k].p` reads every package's p).
 */
import type { Module, Rule, Term } from "../syntax/ast";
import {
  ANY_NAME,
  resolveRefPattern,
  ruleDataPath,
  topLevelRuleNames,
  type PathPattern,
} from "../syntax/names";
import { visitRule, visitTerm } from "../syntax/visit";
import { CompileError } from "./errors";

interface RuleNode {
  path: string;
  parts: string[];
  /** The rule's name within its package (`p`, `a.b`), as OPA prints cycles. */
  name: string;
  /** Where the first rule with this path is written, for the error position. */
  first: Rule;
  reads: PathPattern[];
}

export function checkRecursion(modules: Module[]): CompileError[] {
  const nodes = new Map<string, RuleNode>();
  const rulesByPackage = topLevelRuleNames(modules);

  for (const module of modules) {
    const packageRules = rulesByPackage.get(module.package.join(".")) ?? new Set<string>();
    for (const rule of module.rules) {
      const parts = ruleDataPath(module, rule);
      const path = parts.join(".");
      const name = parts.slice(1 + module.package.length).join(".");
      const node = nodes.get(path) ?? { path, parts, name, first: rule, reads: [] };
      nodes.set(path, node);
      const locals = declaredVars(rule);
      visitRule(rule, {
        skipWithTargets: true,
        term(term) {
          if (term.value.type === "ref") {
            const read = resolveRefPattern(term.value.terms, module, packageRules, locals);
            if (read !== undefined) node.reads.push(read);
          } else if (
            term.value.type === "var" &&
            packageRules.has(term.value.name) &&
            !locals.has(term.value.name)
          ) {
            node.reads.push(["data", ...module.package, term.value.name]);
          }
        },
      });
    }
  }

  const index = new PathIndex();
  for (const node of nodes.values()) index.add(node);
  const edges = new Map<string, string[]>();
  for (const node of nodes.values()) {
    const read = new Set<RuleNode>();
    for (const pattern of node.reads) index.addOverlapping(pattern, read);
    // In declaration order, which decides where a cycle is reported from.
    const targets = [...nodes.values()].filter((other) => read.has(other));
    edges.set(
      node.path,
      targets.map((t) => t.path),
    );
  }
  return findCycles(edges).map((cycle) => {
    const node = nodes.get(cycle[0]) as RuleNode;
    return new CompileError(
      "rego_recursion_error",
      `rule ${node.path} is recursive: ${[...cycle, cycle[0]].map((path) => nodes.get(path)?.name).join(" -> ")}`,
      node.first.head.loc,
    );
  });
}

interface IndexLevel {
  /** The rules whose path ends at this level. */
  rules: RuleNode[];
  next: Map<string, IndexLevel>;
}

/**
 * The rule paths as a tree of segments. A read overlaps a rule when their common prefix matches
 * (the rule's document is read, or something inside it, or the document holding it), ANY_NAME
 * matching any segment; walking the read's own segments finds those rules without comparing the
 * read with every rule, which was quadratic in the rules of the policy.
 */
class PathIndex {
  private readonly root: IndexLevel = { rules: [], next: new Map() };

  add(node: RuleNode): void {
    let level = this.root;
    for (const part of node.parts) {
      let next = level.next.get(part);
      if (!next) level.next.set(part, (next = { rules: [], next: new Map() }));
      level = next;
    }
    level.rules.push(node);
  }

  /** Adds to `out` each rule whose document a read through `pattern` may touch. */
  addOverlapping(pattern: PathPattern, out: Set<RuleNode>, level = this.root, depth = 0): void {
    // A rule at a prefix of the pattern holds what is read; below the pattern's end, all is read.
    if (depth === pattern.length) return addAll(level, out);
    for (const rule of level.rules) out.add(rule);
    const segment = pattern[depth];
    if (segment === ANY_NAME) {
      for (const next of level.next.values()) this.addOverlapping(pattern, out, next, depth + 1);
    } else if (typeof segment === "string") {
      const next = level.next.get(segment);
      if (next) this.addOverlapping(pattern, out, next, depth + 1);
    }
    // NO_NAME (a number, boolean or null key) names no rule.
  }
}

function addAll(level: IndexLevel, out: Set<RuleNode>): void {
  for (const rule of level.rules) out.add(rule);
  for (const next of level.next.values()) addAll(next, out);
}

/**
 * Variables a rule declares itself (function arguments, `:=`, `some`, `every`), which shadow
 * rules of the same name. Over-approximated at rule level: shadowing anywhere in the rule counts.
 */
function declaredVars(rule: Rule): Set<string> {
  const names = new Set<string>();
  const addVars = (term: Term) =>
    visitTerm(term, {
      term(t) {
        if (t.value.type === "var") names.add(t.value.name);
      },
    });
  for (let r: Rule | undefined = rule; r !== undefined; r = r.else) r.head.args?.forEach(addVars);
  visitRule(rule, {
    expr(expr) {
      const kind = expr.kind;
      if (kind.type === "call" && kind.op.value.type === "ref" && kind.op.value.terms.length === 1) {
        const op = kind.op.value.terms[0].value;
        if (op.type === "var" && op.name === "assign") addVars(kind.args[0]);
      } else if (kind.type === "some") {
        for (const symbol of kind.symbols) {
          if (symbol.value.type === "call") symbol.value.args.slice(0, -1).forEach(addVars);
          else addVars(symbol);
        }
      } else if (kind.type === "every") {
        if (kind.key) addVars(kind.key);
        addVars(kind.value);
      }
    },
  });
  return names;
}

/**
 * Each elementary cycle found by a depth-first search, reported once per strongly connected
 * group, starting at its first node in declaration order.
 */
function findCycles(edges: Map<string, string[]>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, "active" | "done">();
  const stack: string[] = [];
  const reported = new Set<string>();

  const visit = (node: string) => {
    state.set(node, "active");
    stack.push(node);
    for (const next of edges.get(node) ?? []) {
      if (state.get(next) === "active") {
        const cycle = stack.slice(stack.indexOf(next));
        if (!cycle.some((n) => reported.has(n))) {
          cycle.forEach((n) => reported.add(n));
          cycles.push(cycle);
        }
      } else if (!state.has(next)) {
        visit(next);
      }
    }
    stack.pop();
    state.set(node, "done");
  };
  for (const node of edges.keys()) if (!state.has(node)) visit(node);
  return cycles;
}
