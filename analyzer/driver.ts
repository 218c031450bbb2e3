/**
 * The one driver of the Pulumi analyzer protocol in this project (used by guard, the pack's end-to-end tests
 * and the benchmarks). It starts a policy pack exactly as the Pulumi engine does — `run-policy-pack` from the
 * pack's own @pulumi/pulumi, in the pack's directory, port read from the first stdout line — and calls the
 * pack's Analyzer gRPC service with the SDK's generated stubs.
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import {
  analyzeRequest,
  analyzeResultFromProto,
  analyzeStackRequest,
  analyzerInfoFromProto,
  configureRequest,
  configureStackRequest,
  remediateResultFromProto,
  type StackContext,
} from "./messages";
import type {
  AnalyzedResource,
  AnalyzeResult,
  AnalyzerInfo,
  PolicyPackConfig,
  RemediateResult,
} from "./types";

export interface StartOptions {
  /** How long the pack may take to print its port (ts-node type-checks the pack first, as under Pulumi). */
  startupTimeoutMs?: number;
  /** Deadline of each RPC. */
  callTimeoutMs?: number;
  /** Extra environment for the pack process. */
  env?: Record<string, string>;
  /** Aborting kills a pack that is still starting (e.g. when the caller's other work already failed). */
  signal?: AbortSignal;
}

export interface PolicyPackSession {
  readonly packDir: string;
  info(): Promise<AnalyzerInfo>;
  configure(config: PolicyPackConfig): Promise<void>;
  configureStack(context: StackContext): Promise<void>;
  /** Runs the policies configured at the "remediate" level; the engine does this before Analyze. */
  remediate(resource: AnalyzedResource): Promise<RemediateResult>;
  analyze(resource: AnalyzedResource): Promise<AnalyzeResult>;
  analyzeStack(resources: AnalyzedResource[]): Promise<AnalyzeResult>;
  /** What the pack wrote to stderr and to stdout after its port (its console and log output). */
  output(): string;
  stop(): Promise<void>;
}

export class PolicyPackError extends Error {
  constructor(
    message: string,
    readonly output: string,
  ) {
    super(output.trim() ? `${message}\n${output.trim()}` : message);
    this.name = "PolicyPackError";
  }
}

const defaultStartupTimeoutMs = 120_000;
const defaultCallTimeoutMs = 300_000;
/** The engine's own limit for analyzer messages (stack exports can be large). */
const maxMessageBytes = 400 * 1024 * 1024;
const keptOutputChars = 64 * 1024;

/** The pack's own SDK runs the pack, as under Pulumi; ours is the fallback when the pack has none. */
function runPolicyPackScript(packDir: string): string {
  let sdkManifest: string;
  try {
    sdkManifest = require.resolve("@pulumi/pulumi/package.json", { paths: [packDir] });
  } catch {
    sdkManifest = require.resolve("@pulumi/pulumi/package.json");
  }
  return path.join(path.dirname(sdkManifest), "cmd", "run-policy-pack");
}

/** Keeps the tail of a stream: enough to explain a failure without holding a chatty pack's whole output. */
class OutputTail {
  private text = "";
  append(chunk: string): void {
    this.text = (this.text + chunk).slice(-keptOutputChars);
  }
  toString(): string {
    return this.text;
  }
}

function waitForPort(child: ChildProcess, output: OutputTail, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let stdout = "";
    let settled = false;
    const finish = (error: Error | undefined, port?: number) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.stdout?.off("data", onData);
      child.off("exit", onExit);
      child.off("error", onError);
      if (error) reject(error);
      else resolve(port!);
    };
    const onData = (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
      const newline = stdout.indexOf("\n");
      if (newline < 0) return;
      const firstLine = stdout.slice(0, newline).trim();
      output.append(stdout.slice(newline + 1));
      const port = Number(firstLine);
      if (Number.isInteger(port) && port > 0) finish(undefined, port);
      else
        finish(
          new PolicyPackError(
            `the policy pack printed "${firstLine}" instead of its port`,
            output.toString(),
          ),
        );
    };
    const onExit = (code: number | null, signal: string | null) =>
      finish(
        new PolicyPackError(
          `the policy pack exited (${signal ?? `code ${code}`}) before serving`,
          output.toString() + stdout,
        ),
      );
    const onError = (error: Error) =>
      finish(new PolicyPackError(`cannot start the policy pack: ${error.message}`, ""));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      finish(new PolicyPackError(`the policy pack did not serve within ${timeoutMs} ms`, output.toString()));
    }, timeoutMs);
    child.stdout?.on("data", onData);
    child.once("exit", onExit);
    child.once("error", onError);
  });
}

/** Wraps one unary call of the generated client in a promise with a deadline. */
function unary<Request, Response>(
  call: (
    request: Request,
    metadata: grpc.Metadata,
    options: Partial<grpc.CallOptions>,
    callback: (error: grpc.ServiceError | null, response: Response) => void,
  ) => grpc.ClientUnaryCall,
  request: Request,
  timeoutMs: number,
  what: string,
  output: () => string,
): Promise<Response> {
  return new Promise((resolve, reject) => {
    call(request, new grpc.Metadata(), { deadline: Date.now() + timeoutMs }, (error, response) => {
      if (error) reject(new PolicyPackError(`${what} failed: ${error.details || error.message}`, output()));
      else resolve(response);
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const forceTimer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    child.once("exit", () => {
      clearTimeout(forceTimer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

export async function start(packDir: string, options: StartOptions = {}): Promise<PolicyPackSession> {
  const absolutePackDir = path.resolve(packDir);
  const output = new OutputTail();
  // run-policy-pack takes the engine's address first and discards it: the SDK connects to an engine only when
  // PULUMI_NODEJS_ENGINE names one. Leaving that unset sends the pack's log calls to its console, captured here.
  const child = spawn(
    process.execPath,
    [runPolicyPackScript(absolutePackDir), "127.0.0.1:0", absolutePackDir],
    {
      cwd: absolutePackDir,
      env: { ...process.env, ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  child.stderr?.on("data", (chunk: Buffer) => output.append(chunk.toString("utf8")));
  const abort = () => child.kill("SIGKILL");
  options.signal?.addEventListener("abort", abort, { once: true });
  if (options.signal?.aborted) abort();
  let port: number;
  try {
    port = await waitForPort(child, output, options.startupTimeoutMs ?? defaultStartupTimeoutMs);
  } finally {
    options.signal?.removeEventListener("abort", abort);
  }
  child.stdout?.on("data", (chunk: Buffer) => output.append(chunk.toString("utf8")));

  const client = new AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
    "grpc.max_receive_message_length": maxMessageBytes,
    "grpc.max_send_message_length": maxMessageBytes,
  });
  const timeoutMs = options.callTimeoutMs ?? defaultCallTimeoutMs;
  const outputText = () => output.toString();

  return {
    packDir: absolutePackDir,
    async info() {
      const call = client.getAnalyzerInfo.bind(client);
      return analyzerInfoFromProto(await unary(call, new Empty(), timeoutMs, "GetAnalyzerInfo", outputText));
    },
    async configure(config) {
      await unary(
        client.configure.bind(client),
        configureRequest(config),
        timeoutMs,
        "Configure",
        outputText,
      );
    },
    async configureStack(context) {
      const request = configureStackRequest(context);
      await unary(client.configureStack.bind(client), request, timeoutMs, "ConfigureStack", outputText);
    },
    async remediate(resource) {
      const request = analyzeRequest(resource);
      const call = client.remediate.bind(client);
      return remediateResultFromProto(
        await unary(call, request, timeoutMs, `Remediate ${resource.urn}`, outputText),
      );
    },
    async analyze(resource) {
      const request = analyzeRequest(resource);
      const what = `Analyze ${resource.urn}`;
      return analyzeResultFromProto(
        await unary(client.analyze.bind(client), request, timeoutMs, what, outputText),
      );
    },
    async analyzeStack(resources) {
      const request = analyzeStackRequest(resources);
      const call = client.analyzeStack.bind(client);
      return analyzeResultFromProto(await unary(call, request, timeoutMs, "AnalyzeStack", outputText));
    },
    output: outputText,
    async stop() {
      client.close();
      await stopChild(child);
    },
  };
}
