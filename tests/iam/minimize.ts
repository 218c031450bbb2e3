/**
 * Shrinks a resource policy that shows a failure to a smaller one that still shows it, so that a counterexample
 * can be read: statements are dropped, then conditions, operator blocks and keys, then lists (values, actions,
 * resources, principals) are cut to one of their elements, for as long as the failure persists.
 */
type Statement = Record<string, unknown>;
type Document = { Statement: Statement | Statement[] } & Record<string, unknown>;

const withStatements = (document: Document, statements: Statement[]): Document => ({
  ...document,
  Statement: statements,
});

/** The same object with one property changed, or removed when the value is undefined. */
function replaced(object: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const { [key]: _old, ...rest } = object;
  return value === undefined ? rest : { ...rest, [key]: value };
}

/** Each element of a list, as the list's replacement. */
const singletons = (value: unknown): unknown[] => (Array.isArray(value) && value.length > 1 ? value : []);

function* smallerConditions(condition: Record<string, Record<string, unknown>>): Generator<unknown> {
  yield undefined;
  for (const [operator, block] of Object.entries(condition)) {
    if (Object.keys(condition).length > 1) yield replaced(condition, operator, undefined);
    for (const [key, values] of Object.entries(block)) {
      if (Object.keys(block).length > 1) yield { ...condition, [operator]: replaced(block, key, undefined) };
      for (const value of singletons(values)) yield { ...condition, [operator]: { ...block, [key]: value } };
    }
  }
}

function* smallerStatements(statement: Statement): Generator<Statement> {
  if (statement.Condition) {
    for (const condition of smallerConditions(
      statement.Condition as Record<string, Record<string, unknown>>,
    )) {
      yield replaced(statement, "Condition", condition);
    }
  }
  for (const key of ["Action", "NotAction", "Resource", "NotResource"]) {
    for (const value of singletons(statement[key])) yield replaced(statement, key, value);
  }
  for (const key of ["Principal", "NotPrincipal"]) {
    const principal = statement[key];
    if (typeof principal !== "object" || principal === null) continue;
    for (const [kind, names] of Object.entries(principal)) {
      for (const name of singletons(names)) yield replaced(statement, key, { ...principal, [kind]: name });
    }
  }
}

function* smallerDocuments(document: Document): Generator<Document> {
  const statements = Array.isArray(document.Statement) ? document.Statement : [document.Statement];
  if (statements.length > 1) {
    for (let i = 0; i < statements.length; i++)
      yield withStatements(
        document,
        statements.filter((_, j) => j !== i),
      );
  }
  for (let i = 0; i < statements.length; i++) {
    for (const smaller of smallerStatements(statements[i])) {
      yield withStatements(
        document,
        statements.map((s, j) => (j === i ? smaller : s)),
      );
    }
  }
}

export async function minimize(
  document: unknown,
  fails: (document: unknown) => Promise<boolean>,
): Promise<unknown> {
  let current = document as Document;
  let shrunk = true;
  while (shrunk) {
    shrunk = false;
    for (const smaller of smallerDocuments(current)) {
      if (await fails(smaller)) {
        current = smaller;
        shrunk = true;
        break;
      }
    }
  }
  return current;
}
