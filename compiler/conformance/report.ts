/** Tallies of a conformance run: per group, skip reasons, compile times, and the final line. */
import type { ConformanceCase } from "./cases";
import type { Outcome, Status } from "./runCase";

type Counts = Record<Status, number>;

export class Tally {
  private readonly groups = new Map<string, Counts>();
  private readonly skipReasons = new Map<string, number>();
  private readonly compileTimes: number[] = [];
  readonly total: Counts = { pass: 0, fail: 0, skip: 0 };

  add(c: ConformanceCase, outcome: Outcome): void {
    const group = this.groups.get(c.group) ?? { pass: 0, fail: 0, skip: 0 };
    group[outcome.status]++;
    this.groups.set(c.group, group);
    this.total[outcome.status]++;
    if (outcome.status === "skip") {
      const reason = outcome.reason ?? "unknown";
      this.skipReasons.set(reason, (this.skipReasons.get(reason) ?? 0) + 1);
    }
    if (outcome.compileMs !== undefined) this.compileTimes.push(outcome.compileMs);
  }

  groupTable(): string {
    const rows = [...this.groups].sort(([a], [b]) => a.localeCompare(b));
    const width = Math.max(5, ...rows.map(([name]) => name.length));
    const line = (name: string, pass: number | string, fail: number | string, skip: number | string) =>
      `${name.padEnd(width)}  ${String(pass).padStart(6)} ${String(fail).padStart(6)} ${String(skip).padStart(6)}`;
    return [
      line("group", "passed", "failed", "skipped"),
      ...rows.map(([name, c]) => line(name, c.pass, c.fail, c.skip)),
    ].join("\n");
  }

  skipSummary(): string {
    return [...this.skipReasons].map(([reason, n]) => `skipped (${reason}): ${n}`).join("\n");
  }

  compileSummary(): string {
    const times = [...this.compileTimes].sort((a, b) => a - b);
    if (times.length === 0) return "compile: no case compiled";
    const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(0);
    const mean = times.reduce((sum, t) => sum + t, 0) / times.length;
    return `compile per case (ms): mean ${mean.toFixed(0)}, median ${at(0.5)}, p95 ${at(0.95)}, max ${at(1)} over ${times.length}`;
  }

  finalLine(): string {
    return `conformance: ${this.total.pass} passed, ${this.total.fail} failed, ${this.total.skip} skipped`;
  }
}
