/**
 * The pack as `pulumi policy publish` ships it: `npm pack`, unpacked into a temporary directory, production
 * dependencies installed there, started from there with run-policy-pack and asked to analyze a resource.
 * Proves the compiled module and its metadata are in the tarball and that nothing builds at install time.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { start } from "../../analyzer/driver";
import { resource, types } from "./resources";

const projectDir = path.join(__dirname, "..", "..");
const npm = (args: string[], cwd: string) =>
  execFileSync("npm", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 600_000 });

let workDir: string;

beforeAll(() => {
  workDir = mkdtempSync(path.join(tmpdir(), "private-api-guard-published-"));
});

afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
});

test("the tarball installs with production dependencies only and analyzes a resource", async () => {
  npm(["pack", "--pack-destination", workDir, "--ignore-scripts"], projectDir);
  const tarball = readdirSync(workDir).find((f) => f.endsWith(".tgz"))!;
  execFileSync("tar", ["xzf", tarball], { cwd: workDir });
  const packDir = path.join(workDir, "package");
  expect(existsSync(path.join(packDir, "policies", "generated", "policy.wasm"))).toBe(true);
  expect(existsSync(path.join(packDir, "policies", "generated", "policy.wasm.metadata.json"))).toBe(true);

  npm(
    [
      "install",
      "--omit=dev",
      "--ignore-scripts",
      "--prefer-offline",
      "--no-audit",
      "--no-fund",
      "--no-package-lock",
    ],
    packDir,
  );
  expect(existsSync(path.join(packDir, "node_modules", "assemblyscript"))).toBe(false);

  const session = await start(packDir, { startupTimeoutMs: 300_000 });
  try {
    expect((await session.info()).policies).toHaveLength(4);
    const { diagnostics } = await session.analyze(
      resource(types.restApi, "api", { endpointConfiguration: { types: "EDGE" } }),
    );
    expect(diagnostics.map((d) => [d.policyName, d.enforcementLevel])).toEqual([
      ["apigateway-rest-api-private", "mandatory"],
    ]);
  } finally {
    await session.stop();
  }
}, 900_000);
