/**
 * The required fields and enumerations of the SARIF 2.1.0 schema (sarif-schema-2.1.0.json) for the objects
 * guard emits, plus what GitHub code scanning additionally needs to place a result (a physical location with
 * an artifact URI). Returns one message per problem.
 */
type Json = Record<string, unknown>;

const levels = ["none", "note", "warning", "error"];

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function requireFields(value: unknown, at: string, fields: string[], problems: string[]): value is Json {
  if (!isObject(value)) {
    problems.push(`${at} must be an object`);
    return false;
  }
  for (const field of fields) if (!(field in value)) problems.push(`${at}.${field} is required`);
  return true;
}

function multiformatMessage(value: unknown, at: string, problems: string[]): void {
  if (value !== undefined && requireFields(value, at, ["text"], problems) && typeof value.text !== "string") {
    problems.push(`${at}.text must be a string`);
  }
}

function message(value: unknown, at: string, problems: string[]): void {
  if (!isObject(value)) return void problems.push(`${at} must be an object`);
  if (typeof value.text !== "string" && typeof value.id !== "string") problems.push(`${at} needs text or id`);
}

function location(value: unknown, at: string, problems: string[]): void {
  if (!isObject(value)) return void problems.push(`${at} must be an object`);
  const physical = value.physicalLocation;
  if (!requireFields(physical, `${at}.physicalLocation`, [], problems)) return;
  if (!isObject(physical.artifactLocation) && physical.address === undefined) {
    problems.push(`${at}.physicalLocation needs artifactLocation or address`);
  }
  if (isObject(physical.artifactLocation) && typeof physical.artifactLocation.uri !== "string") {
    problems.push(`${at}.physicalLocation.artifactLocation.uri must be a string (GitHub needs it)`);
  }
  const region = physical.region;
  if (isObject(region)) {
    for (const key of ["startLine", "startColumn"]) {
      if (key in region && !(Number.isInteger(region[key]) && (region[key] as number) >= 1)) {
        problems.push(`${at}.physicalLocation.region.${key} must be an integer ≥ 1`);
      }
    }
  }
}

export function sarifProblems(log: unknown): string[] {
  const problems: string[] = [];
  if (!requireFields(log, "sarifLog", ["version", "runs"], problems)) return problems;
  if (log.version !== "2.1.0") problems.push(`sarifLog.version must be "2.1.0"`);
  if (!Array.isArray(log.runs)) return [...problems, "sarifLog.runs must be an array"];
  log.runs.forEach((run, runIndex) => {
    const at = `runs[${runIndex}]`;
    if (!requireFields(run, at, ["tool"], problems)) return;
    if (!requireFields(run.tool, `${at}.tool`, ["driver"], problems)) return;
    const driver = (run.tool as Json).driver;
    if (!requireFields(driver, `${at}.tool.driver`, ["name"], problems)) return;
    const rules = Array.isArray(driver.rules) ? driver.rules : [];
    rules.forEach((rule, index) => {
      const ruleAt = `${at}.tool.driver.rules[${index}]`;
      if (!requireFields(rule, ruleAt, ["id"], problems)) return;
      multiformatMessage(rule.shortDescription, `${ruleAt}.shortDescription`, problems);
      multiformatMessage(rule.fullDescription, `${ruleAt}.fullDescription`, problems);
      multiformatMessage(rule.help, `${ruleAt}.help`, problems);
      const level = isObject(rule.defaultConfiguration) ? rule.defaultConfiguration.level : undefined;
      if (level !== undefined && !levels.includes(level as string))
        problems.push(`${ruleAt} has level ${level}`);
    });
    const results = Array.isArray(run.results) ? run.results : [];
    results.forEach((result, index) => {
      const resultAt = `${at}.results[${index}]`;
      if (!requireFields(result, resultAt, ["message"], problems)) return;
      if ("message" in result) message(result.message, `${resultAt}.message`, problems);
      if (result.level !== undefined && !levels.includes(result.level as string)) {
        problems.push(`${resultAt}.level ${result.level} is not a SARIF level`);
      }
      if (result.ruleIndex !== undefined) {
        const ruleIndex = result.ruleIndex as number;
        if (!Number.isInteger(ruleIndex) || ruleIndex < 0 || ruleIndex >= rules.length) {
          problems.push(`${resultAt}.ruleIndex ${ruleIndex} names no rule`);
        } else if ((rules[ruleIndex] as Json).id !== result.ruleId) {
          problems.push(`${resultAt}.ruleIndex points at another rule than ruleId`);
        }
      }
      const locations = Array.isArray(result.locations) ? result.locations : [];
      if (locations.length === 0) problems.push(`${resultAt} has no location (GitHub needs one)`);
      locations.forEach((entry, locationIndex) =>
        location(entry, `${resultAt}.locations[${locationIndex}]`, problems),
      );
    });
  });
  return problems;
}
