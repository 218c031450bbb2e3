/**
 * The checks the planner relies on, in OPA's order: zero-argument calls of rules become refs,
 * resolve names, rename locals, finish template strings, rewrite print calls, reorder bodies for safety. The result is a list of modules whose bodies can be planned top to bottom with
 * every variable bound before it is read. Problems are thrown as CompileErrors (all of them).
 */
import type { Module } from "../syntax/ast";
import { lookupBuiltin } from "../check/builtins";
import { CompileErrors, sortErrors } from "../check/errors";
import { renameLocals } from "../check/locals";
import { rewritePrintCalls } from "../check/print";
import { rewriteRuleCalls } from "../check/ruleCalls";
import { resolveModules } from "../check/resolve";
import { reorderForSafety } from "../check/safety";
import { rewriteTemplateStrings } from "../check/templates";
import { RuleTrie } from "./trie";

export interface PreparedModules {
  modules: Module[];
  /** Generated local names → the names the author wrote. */
  originalNames: Map<string, string>;
}

export function prepareModules(modules: Module[]): PreparedModules {
  const renamed = renameLocals(resolveModules(rewriteRuleCalls(modules)));
  const trie = new RuleTrie(renamed.modules);
  const arityOf = (name: string) => trie.functionArity(name) ?? lookupBuiltin(name)?.arity;
  const rulesAt = (path: string[]) => trie.find(path)?.rules.map((placed) => placed.rule) ?? [];
  const templated = rewriteTemplateStrings(renamed.modules, rulesAt, renamed.originalNames);
  // After renaming, as in OPA: a var print reads is the one declared before it in its scope.
  const printed = rewritePrintCalls(templated.modules, renamed.originalNames);
  // OPA stops at an undeclared template or print variable, before its safety check would report it again.
  const undeclared = [...templated.errors, ...printed.errors];
  if (undeclared.length > 0) throw new CompileErrors(sortErrors([...renamed.errors, ...undeclared]));
  const safe = reorderForSafety(printed.modules, arityOf, renamed.originalNames);
  const errors = [...renamed.errors, ...safe.errors];
  if (errors.length > 0) throw new CompileErrors(sortErrors(errors));
  return { modules: safe.modules, originalNames: renamed.originalNames };
}
