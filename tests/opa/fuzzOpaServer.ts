/**
 * OPA's interpreter as the reference: `opa run --server` on a loopback port, with the generated
 * modules loaded at start, answers one POST /v1/data/<package>/result per program (an error in one
 * program does not stop the others, as it would in one `opa eval`). `opa check` runs first, so that a
 * module OPA rejects is reported as such instead of keeping the server from starting.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { createServer } from "node:net";
import type { Outcome } from "./fuzzOutcome";

/** Files `opa check` rejects, each with its first error message. */
export async function rejectedByOpa(opa: string, files: string[]): Promise<Map<string, string>> {
  const rejected = new Map<string, string>();
  if (files.length === 0) return rejected;
  const output = await new Promise<string>((resolve, reject) =>
    execFile(
      opa,
      ["check", "--format", "json", "--max-errors", "-1", ...files],
      { maxBuffer: 64 << 20 },
      (error, stdout, stderr) => {
        // A non-zero exit is how `opa check` reports rejected files; only a missing report is a failure.
        const text = `${stdout}`.trim() || `${stderr}`.trim();
        if (text === "" && error) reject(error);
        else resolve(text);
      },
    ),
  );
  if (output === "") return rejected;
  const report = JSON.parse(output) as { errors?: { message: string; location?: { file: string } }[] };
  for (const error of report.errors ?? []) {
    const file = error.location?.file ?? "";
    if (!rejected.has(file)) rejected.set(file, error.message);
  }
  return rejected;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

export class OpaServer {
  private constructor(
    private readonly process: ChildProcess,
    private readonly base: string,
  ) {}

  /** Starts a server with `files` loaded; resolves when it answers /health. */
  static async start(opa: string, files: string[]): Promise<OpaServer> {
    const port = await freePort();
    const child = spawn(
      opa,
      ["run", "--server", "--addr", `127.0.0.1:${port}`, "--log-level", "error", ...files],
      {
        stdio: ["ignore", "ignore", "pipe"],
      },
    );
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const server = new OpaServer(child, `http://127.0.0.1:${port}`);
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`opa run exited with ${child.exitCode}: ${stderr.trim()}`);
      try {
        if ((await fetch(`${server.base}/health`)).ok) return server;
      } catch {
        // Not listening yet.
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    child.kill();
    throw new Error(`opa run did not answer /health within 120 s: ${stderr.trim()}`);
  }

  /** The document `data.<path>` for `inputText` (JSON text), in OPA's default mode. */
  async query(path: string[], inputText: string): Promise<Outcome> {
    const url = `${this.base}/v1/data/${path.join("/")}`;
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: `{"input": ${inputText}}`,
    });
    const body = (await response.json()) as {
      result?: unknown;
      message?: string;
      errors?: { message: string }[];
    };
    if (!response.ok) {
      const detail = body.errors?.map((e) => e.message).join("; ");
      return { kind: "error", message: [body.message, detail].filter(Boolean).join(": ") };
    }
    return "result" in body ? { kind: "value", value: body.result } : { kind: "undefined" };
  }

  /** Replaces (or adds) one module; a module OPA rejects comes back as its error. */
  async putPolicy(id: string, source: string): Promise<string | undefined> {
    const response = await fetch(`${this.base}/v1/policies/${id}`, { method: "PUT", body: source });
    if (response.ok) return undefined;
    const body = (await response.json()) as { message?: string; errors?: { message: string }[] };
    return [body.message, ...(body.errors ?? []).map((e) => e.message)].filter(Boolean).join(": ");
  }

  async stop(): Promise<void> {
    if (this.process.exitCode !== null) return;
    const exited = new Promise((resolve) => this.process.once("exit", resolve));
    this.process.kill();
    await exited;
  }
}
