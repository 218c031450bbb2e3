/**
 * The processes this host started (programs and plugins), so that Cancel and the host's own shutdown reach
 * them: Cancel asks each to stop (SIGINT, as Ctrl-C would, so the SDK can finish its in-flight work), and a
 * host that exits takes them down with it instead of leaving them running without an engine.
 */
import type { ChildProcess } from "node:child_process";

const running = new Set<ChildProcess>();

export function track(child: ChildProcess): ChildProcess {
  running.add(child);
  child.once("exit", () => running.delete(child));
  child.once("error", () => running.delete(child));
  return child;
}

export function interruptAll(): void {
  for (const child of running) child.kill("SIGINT");
}

export function killAll(): void {
  for (const child of running) child.kill("SIGKILL");
}
