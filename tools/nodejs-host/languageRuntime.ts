/**
 * The LanguageRuntime service this host offers the engine: what running a Node.js program or policy pack
 * needs (Handshake, GetRequiredPackages, GetPluginInfo, Run, RunPlugin, InstallDependencies, Cancel). The
 * rest — About, GetProgramDependencies, code generation, Pack, Link, templates — is left to grpc's default
 * answer, UNIMPLEMENTED, which the engine reports as such: the stand-in runs programs, it does not author them.
 */
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import * as languageProto from "@pulumi/pulumi/proto/language_pb";
import * as pluginProto from "@pulumi/pulumi/proto/plugin_pb";
import { LanguageRuntimeService } from "@pulumi/pulumi/proto/language_grpc_pb";
import { interruptAll } from "./children";
import { requiredPackages } from "./requiredPackages";
import { runProgram } from "./runProgram";
import { startPlugin } from "./runPlugin";
import { locateSdkModule } from "./sdkModule";

type Unary<Request, Response> = grpc.handleUnaryCall<Request, Response>;

export interface HostState {
  /** The engine's address: from the command line, or from Handshake. */
  engineAddress: string;
  /** The version this host reports: the SDK it runs programs with. */
  version: string;
}

function options(info: languageProto.ProgramInfo | undefined): Record<string, unknown> {
  return (info?.getOptions()?.toJavaScript() ?? {}) as Record<string, unknown>;
}

/** A handler's failure as a grpc status the engine prints, never an exception that takes the host down. */
function failure(error: unknown): grpc.ServiceError {
  const status = new Error(error instanceof Error ? error.message : String(error)) as grpc.ServiceError;
  status.code = grpc.status.UNKNOWN;
  status.details = status.message;
  return status;
}

export function languageRuntime(state: HostState): grpc.UntypedServiceImplementation {
  const handshake: Unary<languageProto.LanguageHandshakeRequest, languageProto.LanguageHandshakeResponse> = (
    call,
    callback,
  ) => {
    state.engineAddress = call.request.getEngineAddress();
    callback(null, new languageProto.LanguageHandshakeResponse());
  };

  const getRequiredPackages: Unary<
    languageProto.GetRequiredPackagesRequest,
    languageProto.GetRequiredPackagesResponse
  > = (call, callback) => {
    const programDir = call.request.getInfo()?.getProgramDirectory() ?? "";
    const found = requiredPackages(programDir);
    for (const problem of found.problems)
      process.stderr.write(`reading the program's packages: ${problem}\n`);
    const response = new languageProto.GetRequiredPackagesResponse();
    response.setPackagesList(
      found.packages.map((pkg) => {
        const dependency = new pluginProto.PackageDependency()
          .setName(pkg.name)
          .setKind(pkg.kind)
          .setVersion(pkg.version)
          .setServer(pkg.server);
        if (pkg.parameterization)
          dependency.setParameterization(
            new pluginProto.PackageParameterization()
              .setName(pkg.parameterization.name)
              .setVersion(pkg.parameterization.version)
              .setValue(pkg.parameterization.value),
          );
        return dependency;
      }),
    );
    callback(null, response);
  };

  const getPluginInfo: Unary<Empty, pluginProto.PluginInfo> = (_call, callback) => {
    callback(null, new pluginProto.PluginInfo().setVersion(state.version));
  };

  const run: Unary<languageProto.RunRequest, languageProto.RunResponse> = (call, callback) => {
    const request = call.request;
    const info = request.getInfo();
    const programDirectory = info?.getProgramDirectory() || request.getPwd();
    const config: Record<string, string> = {};
    request.getConfigMap().forEach((value, key) => (config[key] = value));
    runProgram(
      {
        monitorAddress: request.getMonitorAddress(),
        engineAddress: state.engineAddress,
        organization: request.getOrganization(),
        project: request.getProject(),
        stack: request.getStack(),
        rootDirectory: info?.getRootDirectory() ?? "",
        programDirectory,
        entryPoint: info?.getEntryPoint() || request.getProgram() || ".",
        args: request.getArgsList(),
        dryRun: request.getDryrun(),
        parallel: request.getParallel(),
        config,
        configSecretKeys: request.getConfigsecretkeysList(),
        options: options(info),
      },
      request.getPwd() || programDirectory,
    ).then(
      (outcome) =>
        callback(null, new languageProto.RunResponse().setError(outcome.error).setBail(outcome.bail)),
      (error) => callback(failure(error)),
    );
  };

  const runPlugin: grpc.handleServerStreamingCall<
    languageProto.RunPluginRequest,
    languageProto.RunPluginResponse
  > = (call) => {
    const request = call.request;
    let plugin;
    try {
      plugin = startPlugin(
        {
          kind: request.getKind(),
          programDirectory: request.getInfo()?.getProgramDirectory() ?? "",
          pwd: request.getPwd(),
          args: request.getArgsList(),
          env: request.getEnvList(),
          options: options(request.getInfo()),
        },
        {
          stdout: (chunk) => call.write(new languageProto.RunPluginResponse().setStdout(chunk)),
          stderr: (chunk) => call.write(new languageProto.RunPluginResponse().setStderr(chunk)),
        },
      );
    } catch (error) {
      call.emit("error", failure(error));
      return;
    }
    // The engine cancels the call when it is done with the plugin.
    call.on("cancelled", plugin.stop);
    plugin.done.then(
      () => call.end(),
      (error) => call.emit("error", failure(error)),
    );
  };

  /**
   * Installing packages is npm's business, and `npm ci` in this repository has done it: the stand-in checks
   * that the SDK resolves from the program and says so, or fails saying what to run.
   */
  const installDependencies: grpc.handleServerStreamingCall<
    languageProto.InstallDependenciesRequest,
    languageProto.InstallDependenciesResponse
  > = (call) => {
    const programDir = call.request.getInfo()?.getProgramDirectory() ?? "";
    try {
      const sdk = locateSdkModule("@pulumi/pulumi", programDir, `npm install in ${programDir}`);
      call.write(
        new languageProto.InstallDependenciesResponse().setStdout(
          Buffer.from(
            `Dependencies already installed (@pulumi/pulumi at ${sdk}); this host installs nothing.\n`,
          ),
        ),
      );
      call.end();
    } catch (error) {
      call.emit("error", failure(error));
    }
  };

  const cancel: Unary<Empty, Empty> = (_call, callback) => {
    interruptAll();
    callback(null, new Empty());
  };

  return { handshake, getRequiredPackages, getPluginInfo, run, runPlugin, installDependencies, cancel };
}

export { LanguageRuntimeService };
