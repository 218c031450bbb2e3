/**
 * Property: any operator tree, printed with only the parentheses OPA's precedence requires,
 * parses back to the same tree. Precedence (loosest first) is OPA's: `in`, comparisons, `|`,
 * `&`, `+ -`, `* / %`; all are left-associative.
 */
import fc from "fast-check";
import { formatBody } from "./format";
import { parseModule } from "./parser";

interface Leaf {
  leaf: string;
}
interface Node {
  op: string;
  left: Tree;
  right: Tree;
}
type Tree = Leaf | Node;

const LEVELS: Record<string, [number, string]> = {
  in: [1, "internal.member_2"],
  "==": [2, "equal"],
  "!=": [2, "neq"],
  "<": [2, "lt"],
  "<=": [2, "lte"],
  ">": [2, "gt"],
  ">=": [2, "gte"],
  "|": [3, "or"],
  "&": [4, "and"],
  "+": [5, "plus"],
  "-": [5, "minus"],
  "*": [6, "mul"],
  "/": [6, "div"],
  "%": [6, "rem"],
};

const leaf = fc.constantFrom<Tree>(
  { leaf: "a" },
  { leaf: "b.c" },
  { leaf: "1" },
  { leaf: "-2" },
  { leaf: "f(x)" },
  { leaf: "[y]" },
);
const tree: fc.Arbitrary<Tree> = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc.record({ op: fc.constantFrom(...Object.keys(LEVELS)), left: tie("tree"), right: tie("tree") }),
  ),
})).tree;

const level = (t: Tree) => ("op" in t ? LEVELS[t.op][0] : 99);

/** Rego text with parentheses only where precedence or left-associativity needs them. */
function print(t: Tree): string {
  if (!("op" in t)) return t.leaf;
  const [own] = LEVELS[t.op];
  const left = level(t.left) < own ? `(${print(t.left)})` : print(t.left);
  const right = level(t.right) <= own ? `(${print(t.right)})` : print(t.right);
  return `${left} ${t.op} ${right}`;
}

/** The tree in format.ts's call notation. */
function expected(t: Tree): string {
  return "op" in t ? `${LEVELS[t.op][1]}(${expected(t.left)}, ${expected(t.right)})` : t.leaf;
}

describe("operator precedence", () => {
  test("printed trees parse back to themselves", () => {
    fc.assert(
      fc.property(tree, (t) => {
        const body = parseModule(`package t\np if {\n  r := ${print(t)}\n}`, "t.rego").rules[0].body;
        expect(formatBody(body)).toBe(`assign(r, ${expected(t)})`);
      }),
      { numRuns: 300 },
    );
  });
});
