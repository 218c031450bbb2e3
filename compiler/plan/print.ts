/**
 * A Policy as JSON text in the field order `opa build -t plan` prints, so our plans diff cleanly
 * against OPA's: statement fields first, then file, col, row; policies as static, plans, funcs.
 */
import type { Block, Func, Policy, Stmt } from "./ir";

export function printPolicy(policy: Policy): string {
  return `${JSON.stringify(ordered(policy), null, 2)}\n`;
}

function ordered(policy: Policy): unknown {
  const { strings, builtin_funcs: builtins, files } = policy.static;
  return {
    static: { strings, ...(builtins ? { builtin_funcs: builtins } : {}), files },
    plans: { plans: policy.plans.plans.map((p) => ({ name: p.name, blocks: p.blocks.map(block) })) },
    funcs: policy.funcs && { funcs: policy.funcs.funcs?.map(func) ?? null },
  };
}

function func(f: Func): unknown {
  return {
    name: f.name,
    params: f.params,
    return: f.return,
    blocks: f.blocks.map(block),
    ...(f.path ? { path: f.path } : {}),
  };
}

function block(b: Block): unknown {
  return { stmts: b.stmts.map(stmt) };
}

function stmt(s: Stmt): unknown {
  const { file, col, row, ...fields } = s.stmt as Record<string, unknown> & {
    file: number;
    col: number;
    row: number;
  };
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (key === "block") body.block = block(value as Block);
    else if (key === "blocks") body.blocks = value === null ? null : (value as Block[]).map(block);
    else body[key] = value;
  }
  return { type: s.type, stmt: { ...body, file, col, row } };
}
