/**
 * A compact text form of the AST for tests and debugging. Operators are printed as calls
 * (`plus(x, mul(y, 2))`), so the structure the parser chose — precedence, desugaring — is
 * visible at a glance; everything else reads like Rego.
 */
import type { Body, Expr, Rule, Term } from "./ast";
import { opName } from "./expressions";

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function formatTerm(term: Term): string {
  const v = term.value;
  switch (v.type) {
    case "null":
      return "null";
    case "boolean":
      return String(v.value);
    case "number":
      return v.text;
    case "string":
      return JSON.stringify(v.value);
    case "var":
      return v.name;
    case "ref":
      return v.terms
        .map((t, i) => {
          if (i === 0) return formatTerm(t);
          if (t.value.type === "string" && IDENTIFIER.test(t.value.value)) return `.${t.value.value}`;
          return `[${formatTerm(t)}]`;
        })
        .join("");
    case "array":
      return `[${v.items.map(formatTerm).join(", ")}]`;
    case "set":
      return v.items.length === 0 ? "set()" : `{${v.items.map(formatTerm).join(", ")}}`;
    case "object":
      return `{${v.items.map(([k, x]) => `${formatTerm(k)}: ${formatTerm(x)}`).join(", ")}}`;
    case "arraycompr":
      return `[${formatTerm(v.term)} | ${formatBody(v.body)}]`;
    case "setcompr":
      return `{${formatTerm(v.term)} | ${formatBody(v.body)}}`;
    case "objectcompr":
      return `{${formatTerm(v.key)}: ${formatTerm(v.value)} | ${formatBody(v.body)}}`;
    case "call":
      return `${formatOp(v.op)}(${v.args.map(formatTerm).join(", ")})`;
  }
}

function formatOp(op: Term): string {
  return opName(op) ?? formatTerm(op);
}

export function formatExpr(expr: Expr): string {
  const kind = expr.kind;
  let text: string;
  switch (kind.type) {
    case "term":
      text = formatTerm(kind.term);
      break;
    case "call":
      text = `${formatOp(kind.op)}(${kind.args.map(formatTerm).join(", ")})`;
      break;
    case "some":
      text = `some ${kind.symbols.map(formatTerm).join(", ")}`;
      break;
    case "every": {
      const vars = kind.key ? `${formatTerm(kind.key)}, ${formatTerm(kind.value)}` : formatTerm(kind.value);
      text = `every ${vars} in ${formatTerm(kind.domain)} { ${formatBody(kind.body)} }`;
      break;
    }
  }
  const withs = expr.with.map((w) => ` with ${formatTerm(w.target)} as ${formatTerm(w.value)}`).join("");
  return `${expr.negated ? "not " : ""}${text}${withs}`;
}

export function formatBody(body: Body): string {
  return body.map(formatExpr).join("; ");
}

/** `kind default? ref(args) contains key := value if { body } else ...`, one line. */
export function formatRule(rule: Rule): string {
  const parts: string[] = [];
  for (let r: Rule | undefined = rule; r !== undefined; r = r.else) {
    const head = r.head;
    let text =
      r === rule
        ? `${head.kind} ${rule.default ? "default " : ""}${formatTerm({ value: { type: "ref", terms: head.ref }, loc: head.loc })}`
        : "else";
    if (r === rule && head.args) text += `(${head.args.map(formatTerm).join(", ")})`;
    if (r === rule && head.kind === "partial_set" && head.key) text += ` contains ${formatTerm(head.key)}`;
    if (head.value) text += ` ${head.assign ? ":=" : "="} ${formatTerm(head.value)}`;
    text += ` if { ${formatBody(r.body)} }`;
    parts.push(text);
  }
  return parts.join(" ");
}
