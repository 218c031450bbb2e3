/**
 * Why the pack blocks a document the simulator finds closed to outside callers, in a few named classes so that
 * the differential test's summary reads at a glance:
 * - what the pack objects to where the simulator sees no difference — a change after which the pack passes the
 *   document (dropping IP-operator values that are not addresses; writing "*" for a Deny's {"AWS": "*"});
 * - otherwise the part of the document that closes it, found by taking the document apart and asking the
 *   simulator again: if the API opens once the Denies naming a non-network key are removed, those Denies
 *   closed it; if it stays closed with no Deny at all, an Allow the pack objects to admits nobody from outside,
 *   and the first change to that Allow that lets someone in (dropping its non-network conditions, all its
 *   conditions, its principals) says why.
 */
import { parseBlock } from "./addresses";
import { packBlocks } from "./pack";
import { OutsideCallerOracle, baseOperator, type AuthorizationMode } from "./simulator";

type Statement = Record<string, unknown>;
type Condition = Record<string, Record<string, unknown>>;

const networkKeys = new Set(["aws:sourcevpce", "aws:sourcevpc", "aws:vpcsourceip", "aws:sourceip"]);
const isNetworkKey = (key: string) => networkKeys.has(key.toLowerCase());

function statementsOf(document: unknown): Statement[] {
  const statement = (document as { Statement: Statement | Statement[] }).Statement;
  return Array.isArray(statement) ? statement : [statement];
}

const conditionKeys = (statement: Statement) =>
  Object.values((statement.Condition ?? {}) as Condition).flatMap((block) => Object.keys(block));
const isDeny = (statement: Statement) => statement.Effect === "Deny";
const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);

const withStatements = (document: unknown, statements: Statement[]) => ({
  ...(document as object),
  Statement: statements,
});

/** The Allow's condition without the entries the predicate drops (and without blocks left empty). */
function keepConditionEntries(statement: Statement, keep: (key: string) => boolean): Statement {
  const { Condition, ...rest } = statement;
  const kept = Object.entries((Condition ?? {}) as Condition)
    .map(([operator, block]) => [
      operator,
      Object.fromEntries(Object.entries(block).filter(([key]) => keep(key))),
    ])
    .filter(([, block]) => Object.keys(block).length > 0);
  return kept.length > 0 ? { ...rest, Condition: Object.fromEntries(kept) } : rest;
}

function forEveryone(statement: Statement): Statement {
  const { NotPrincipal: _notPrincipal, ...rest } = statement;
  return { ...rest, Principal: "*" };
}

interface Change<T> {
  reason: string;
  change: (part: T) => T;
}

/** Each value of an IP operator's entries that is not an address or block dropped (and entries left empty). */
function withoutNonAddresses(statement: Statement): Statement {
  const { Condition, ...rest } = statement;
  if (!Condition) return statement;
  const cleaned = Object.entries(Condition as Condition).map(([operator, block]) => {
    if (!["ipaddress", "notipaddress"].includes(baseOperator(operator))) return [operator, block];
    const entries = Object.entries(block)
      .map(([key, values]) => [key, asList(values).filter((v) => typeof v === "string" && parseBlock(v))])
      .filter(([, values]) => values.length > 0);
    return [operator, Object.fromEntries(entries)];
  });
  const kept = cleaned.filter(([, block]) => Object.keys(block).length > 0);
  return kept.length > 0 ? { ...rest, Condition: Object.fromEntries(kept) } : rest;
}

const isAwsStar = (principal: unknown) =>
  typeof principal === "object" &&
  principal !== null &&
  asList((principal as { AWS?: unknown }).AWS ?? []).includes("*");

/**
 * Changes after which the pack passes a document it blocked: what the pack objects to, where the simulator
 * sees no difference (the document stays closed either way).
 */
const packChanges: Change<Statement[]>[] = [
  {
    reason: "an IP operator compares with a value that is not an address",
    change: (list) => list.map(withoutNonAddresses),
  },
  {
    reason: 'Deny names {"AWS": "*"}, not "*" (may not cover unauthenticated callers, the pack says)',
    change: (list) => list.map((s) => (isDeny(s) && isAwsStar(s.Principal) ? { ...s, Principal: "*" } : s)),
  },
];

/** Changes that remove one kind of Deny. */
const denyChanges: Change<Statement[]>[] = [
  {
    reason: "Deny conditioned on a non-network key",
    change: (list) => list.filter((s) => !(isDeny(s) && conditionKeys(s).some((key) => !isNetworkKey(key)))),
  },
  {
    reason: "Deny on network keys that the pack does not count (operator, values, principals or resources)",
    change: (list) => list.filter((s) => !(isDeny(s) && conditionKeys(s).length > 0)),
  },
  {
    reason: "Deny without condition",
    change: (list) => list.filter((s) => !(isDeny(s) && conditionKeys(s).length === 0)),
  },
];

/** Changes to one Allow the pack blocks on its own, in a document without Denies. */
const allowChanges: Change<Statement>[] = [
  {
    reason: "Allow condition on a non-network key that the simulator's contexts never satisfy",
    change: (allow) => keepConditionEntries(allow, isNetworkKey),
  },
  {
    reason:
      "Allow condition on a network key that no outside request meets, in a form the pack does not count",
    change: (allow) => keepConditionEntries(allow, () => false),
  },
  {
    reason: "Allow names no principal an outside caller of this mode has",
    change: (allow) => forEveryone(keepConditionEntries(allow, () => false)),
  },
];

const reasons = {
  denies: "Denies that close it only together",
  grantsNothing: "Allow grants no execute-api:Invoke on the API's methods",
  wholeDocument: "the pack blocks the document, but no single Allow in it",
};

/** Oracles of the changed documents, shared by the modes (each remembers the simulator's answers). */
const oracles = new Map<string, Promise<OutsideCallerOracle>>();

async function opens(document: unknown, mode: AuthorizationMode): Promise<boolean> {
  const key = JSON.stringify(document);
  if (!oracles.has(key)) oracles.set(key, OutsideCallerOracle.of(document));
  return (await oracles.get(key))?.entryFor(mode) !== undefined;
}

/**
 * What the pack objects to in a document the simulator finds closed, when a change the simulator would not
 * notice makes the pack pass it; undefined otherwise. Cheap: the pack alone is asked.
 */
export function packObjection(document: unknown, mode: AuthorizationMode): string | undefined {
  const statements = statementsOf(document);
  return packChanges.find(
    ({ change }) => !packBlocks(withStatements(document, change(statements)), [mode]).get(mode),
  )?.reason;
}

/**
 * The part of a document that keeps outsiders of this mode out, which the pack does not count. When the Denies
 * close it, the first kind of Deny whose removal opens it; otherwise an Allow the pack blocks by itself is what
 * the pack objects to, and the first change to that Allow that opens it names what keeps outsiders out. Asks
 * the simulator several times.
 */
export async function closingPart(document: unknown, mode: AuthorizationMode): Promise<string> {
  const statements = statementsOf(document);
  const allows = statements.filter((s) => !isDeny(s));
  if (await opens(withStatements(document, allows), mode)) {
    for (const { reason, change } of denyChanges) {
      if (await opens(withStatements(document, change(statements)), mode)) return reason;
    }
    return reasons.denies;
  }
  const blamed = allows.find((allow) => packBlocks(withStatements(document, [allow]), [mode]).get(mode));
  if (!blamed) return reasons.wholeDocument;
  for (const { reason, change } of allowChanges) {
    if (await opens(withStatements(document, [change(blamed)]), mode)) return reason;
  }
  return reasons.grantsNothing;
}
