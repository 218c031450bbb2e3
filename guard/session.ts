/**
 * The part of a guard run shared by check and audit: start the pack, learn its policies, configure it as the
 * engine would, analyze each target, and always stop the pack.
 */
import { start, type PolicyPackSession } from "../analyzer/driver";
import { reconcilePolicyConfig } from "../analyzer/config";
import type { AnalyzerInfo } from "../analyzer/types";
import type { StackContext } from "../analyzer/messages";
import { analyzeResources, type Progress } from "./analyze";
import { auditExport } from "./audit/judge";
import type { StackExport } from "./export";
import type { LocatedResource } from "./resource";
import type { Report, TargetReport, Unchecked } from "./report/model";

export interface Target {
  kind: TargetReport["kind"];
  path: string;
  project: string;
  stack: string;
  /** The stack's configuration the engine would send in ConfigureStack ("aws:region" → value). */
  config?: Record<string, string>;
  resources: LocatedResource[];
  /** Audit only: the export the resources were read from, with what it says of each besides properties. */
  stackExport?: StackExport;
  /** Check only: what the program run left unjudged (components it cannot expand, a failed program, …). */
  unchecked?: Unchecked[];
  /** Check only: the program failed, so nothing of it was judged (guard exits 2). */
  failed?: boolean;
}

/** What ConfigureStack says of a target, as the engine says it. */
export function stackContextOf(
  target: Pick<Target, "project" | "stack" | "config">,
  dryRun: boolean,
): StackContext {
  // The engine names the organization "organization" for stacks outside Pulumi Cloud.
  return {
    project: target.project,
    stack: target.stack,
    organization: "organization",
    dryRun,
    config: target.config,
  };
}

export interface AnalysisOptions {
  command: Report["command"];
  /** The user's policy-pack configuration (parsed JSON), if any. */
  policyConfig?: unknown;
  /** True for a preview of a program, false for deployed state. */
  dryRun: boolean;
  onProgress?: (target: Target) => Progress | undefined;
}

export class PackSession {
  private constructor(
    private readonly session: PolicyPackSession,
    readonly info: AnalyzerInfo,
  ) {}

  /** Starts the pack and configures it; a bad configuration stops the pack again before the error surfaces. */
  static async open(packDir: string, policyConfig: unknown, signal?: AbortSignal): Promise<PackSession> {
    const session = await start(packDir, { signal });
    try {
      const info = await session.info();
      if (info.supportsConfig) await session.configure(reconcilePolicyConfig(info, policyConfig ?? {}));
      return new PackSession(session, info);
    } catch (error) {
      await session.stop();
      throw error;
    }
  }

  async analyze(targets: Target[], options: AnalysisOptions): Promise<Report> {
    const reports: TargetReport[] = [];
    for (const target of targets) {
      await this.session.configureStack(stackContextOf(target, options.dryRun));
      const onProgress = options.onProgress?.(target);
      const { kind, path, project, stack } = target;
      const report = { kind, path, project, stack, resourceCount: target.resources.length };
      if (target.stackExport) {
        const findings = await auditExport(this.session, target.stackExport, onProgress);
        reports.push({ ...report, remediations: [], ...findings });
      } else {
        const findings = await analyzeResources(this.session, target.resources, {
          dryRun: options.dryRun,
          remediate: true,
          onProgress,
        });
        reports.push({
          ...report,
          ...findings,
          unchecked: target.unchecked ?? [],
          ...(target.failed ? { failed: true } : {}),
        });
      }
    }
    return {
      command: options.command,
      pack: { name: this.info.name, version: this.info.version, dir: this.session.packDir },
      policies: this.info.policies,
      targets: reports,
    };
  }

  stop(): Promise<void> {
    return this.session.stop();
  }
}
