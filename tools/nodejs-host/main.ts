/**
 * Entry point of pulumi-language-nodejs (the launcher install.sh writes): serves the LanguageRuntime service
 * on a loopback port chosen by the system and prints that port, the first line of stdout, which is how the
 * engine learns where to connect. Arguments as the engine passes them: flags (`--tracing`, `--runtime`,
 * `--version`), then the engine's address.
 */
import * as grpc from "@grpc/grpc-js";
import { readFileSync } from "node:fs";
import { killAll } from "./children";
import { languageRuntime, LanguageRuntimeService } from "./languageRuntime";

/** The SDK version programs run with when they resolve the host's own SDK: what this host reports. */
function sdkVersion(): string {
  const manifest = require.resolve("@pulumi/pulumi/package.json");
  return (JSON.parse(readFileSync(manifest, "utf8")) as { version: string }).version;
}

function parseArguments(argv: string[]): { engineAddress: string; version: boolean } {
  let engineAddress = "";
  let version = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--version" || arg === "-version") version = true;
    else if (/^--?(tracing|runtime)$/.test(arg)) {
      const value = argv[++i];
      if (arg.endsWith("runtime") && value !== "nodejs") fail(`unsupported runtime: ${value}`);
    } else if (/^--?(tracing|runtime)=/.test(arg)) {
      if (arg.includes("runtime=") && !arg.endsWith("=nodejs"))
        fail(`unsupported runtime: ${arg.split("=")[1]}`);
    } else if (arg.startsWith("-")) fail(`flag provided but not defined: ${arg}`);
    else if (!engineAddress) engineAddress = arg;
  }
  return { engineAddress, version };
}

function fail(message: string): never {
  process.stderr.write(`pulumi-language-nodejs: ${message}\n`);
  process.exit(2);
}

/**
 * The engine starts the host and kills it when done; should the engine die first, the host is re-parented.
 * Checking for that once a second keeps an orphaned host (and the programs it runs) from living on.
 */
function exitWithParent(): void {
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) {
      killAll();
      process.exit(1);
    }
  }, 1000).unref();
}

function main(): void {
  const args = parseArguments(process.argv.slice(2));
  const version = sdkVersion();
  if (args.version) {
    process.stdout.write(`${version}\n`);
    return;
  }
  // The engine sends whole programs' worth of configuration and large plugin outputs: its own limit, 400 MiB.
  const maxMessage = 400 * 1024 * 1024;
  const server = new grpc.Server({
    "grpc.max_receive_message_length": maxMessage,
    "grpc.max_send_message_length": maxMessage,
  });
  server.addService(LanguageRuntimeService, languageRuntime({ engineAddress: args.engineAddress, version }));
  server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, port) => {
    if (error) fail(`could not start language host RPC server: ${error.message}`);
    process.stdout.write(`${port}\n`);
  });
  exitWithParent();
  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.on(signal, () => {
      killAll();
      process.exit(0);
    });
}

main();
