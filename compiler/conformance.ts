/**
 * `npm run conformance -- [<dir>] [--plans [<dir>]] [--cases list.tsv] [--group name] [--baseline FILE]`
 *
 * Runs OPA's compliance suite against our compiler (source mode) or OPA's golden plans against our
 * back end (--plans), in worker threads with a per-case time limit; prints a per-group table and
 * ends with `conformance: P passed, F failed, S skipped`.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { loadRuntime } from "./wasm/runtime";
import { checkBaseline, type KnownFailure, readBaseline, writeBaseline } from "./conformance/baseline";
import { caseKey, loadCases, type Mode, readCaseList } from "./conformance/cases";
import { runPool } from "./conformance/pool";
import { SUITE_DIR } from "./conformance/suite";
import { Tally } from "./conformance/report";

const USAGE = `usage: conformance [<dir>] [--plans [<dir>]] [--cases list.tsv] [--group name]... [--note text]
                   [--baseline FILE] [--write-baseline FILE] [--jobs N] [--timeout ms] [--list-failures]`;

interface Options {
  mode: Mode;
  dir?: string;
  cases?: string;
  groups: string[];
  /** Only cases whose note contains this text. */
  note?: string;
  baseline?: string;
  writeBaseline?: string;
  jobs: number;
  timeoutMs: number;
  listFailures: boolean;
}

class UsageError extends Error {}

function parseArgs(args: string[]): Options {
  const options: Options = {
    mode: "source",
    groups: [],
    jobs: availableParallelism(),
    timeoutMs: 30_000,
    listFailures: false,
  };
  const value = (i: number, flag: string) => {
    const v = args[i + 1];
    if (v === undefined || v.startsWith("--")) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    switch (arg) {
      case "--plans":
        options.mode = "plans";
        if (args[i + 1] !== undefined && !args[i + 1].startsWith("--")) options.dir = args[++i];
        break;
      case "--cases":
        options.cases = value(i++, arg);
        break;
      case "--group":
        options.groups.push(...value(i++, arg).split(","));
        break;
      case "--note":
        options.note = value(i++, arg);
        break;
      case "--baseline":
        options.baseline = value(i++, arg);
        break;
      case "--write-baseline":
        options.writeBaseline = value(i++, arg);
        break;
      case "--jobs":
        options.jobs = positive(value(i++, arg), arg);
        break;
      case "--timeout":
        options.timeoutMs = positive(value(i++, arg), arg);
        break;
      case "--list-failures":
        options.listFailures = true;
        break;
      default:
        if (arg.startsWith("--") || options.dir !== undefined)
          throw new UsageError(`unexpected argument ${arg}`);
        options.dir = arg;
    }
  }
  return options;
}

function positive(text: string, flag: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`${flag} takes a positive integer`);
  return n;
}

/** Workers share one runtime build: built (or read) once here, handed over by path. */
async function shareRuntime(): Promise<void> {
  if (process.env.REGOC_RUNTIME) return;
  const path = join(mkdtempSync(join(tmpdir(), "regoc-")), "runtime.wasm");
  writeFileSync(path, await loadRuntime());
  process.env.REGOC_RUNTIME = path;
}

async function main(args: string[]): Promise<number> {
  const options = parseArgs(args);
  const dir = options.dir ?? join(SUITE_DIR, options.mode === "plans" ? "plans/v1" : "cases/v1");
  let cases = loadCases(dir, options.mode);
  if (options.groups.length > 0) cases = cases.filter((c) => options.groups.includes(c.group));
  if (options.note !== undefined) cases = cases.filter((c) => c.note.includes(options.note!));
  if (options.cases) {
    const listed = readCaseList(options.cases);
    cases = cases.filter((c) => listed.has(caseKey(c)));
  }
  if (cases.length === 0) throw new UsageError(`no cases selected under ${dir}`);
  await shareRuntime();

  const tally = new Tally();
  const failures: KnownFailure[] = [];
  const passed = new Set<string>();
  const started = Date.now();
  let done = 0;
  await runPool(
    cases,
    { mode: options.mode, jobs: options.jobs, timeoutMs: options.timeoutMs },
    (c, outcome) => {
      tally.add(c, outcome);
      if (outcome.status === "fail")
        failures.push({ file: c.file, note: c.note, reason: outcome.reason ?? "" });
      if (outcome.status === "pass") passed.add(caseKey(c));
      if (++done % 100 === 0)
        process.stderr.write(
          `${done}/${cases.length} cases, ${Math.round((Date.now() - started) / 1000)} s\n`,
        );
    },
  );

  console.log(tally.groupTable());
  console.log(tally.skipSummary());
  console.log(tally.compileSummary());
  console.log(`wall time: ${((Date.now() - started) / 1000).toFixed(1)} s for ${cases.length} cases`);
  if (options.listFailures) for (const f of failures) console.log(`FAIL ${f.file}\t${f.note}\t${f.reason}`);

  let exitCode = failures.length > 0 ? 1 : 0;
  if (options.writeBaseline) {
    writeBaseline(options.writeBaseline, failures);
    console.log(`baseline: wrote ${failures.length} known failures to ${options.writeBaseline}`);
    exitCode = 0;
  } else if (options.baseline) {
    const check = checkBaseline(readBaseline(options.baseline), failures, passed);
    for (const f of check.regressions) console.log(`REGRESSION ${f.file}\t${f.note}\t${f.reason}`);
    for (const f of check.fixed) console.log(`NOW PASSES ${f.file}\t${f.note} (remove it from the baseline)`);
    console.log(
      `baseline: ${check.regressions.length} regressions, ${check.fixed.length} baseline entries now pass`,
    );
    exitCode = check.regressions.length > 0 ? 1 : 0;
  }
  console.log(tally.finalLine());
  return exitCode;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: Error) => {
    console.error(error instanceof UsageError ? `${error.message}\n${USAGE}` : error.stack);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  },
);
