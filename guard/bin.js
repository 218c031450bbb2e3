#!/usr/bin/env node
// The package's `private-api-guard` bin. guard is TypeScript; this shim compiles it on the fly with ts-node
// (a production dependency) in transpile-only mode, so an installed package needs no build step and no tsx.
"use strict";
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS shim: require is how it loads ts-node and guard */
const path = require("node:path");

require("ts-node").register({
  transpileOnly: true,
  // Once installed, guard lives under node_modules, which ts-node skips by default; only .ts is compiled anyway.
  skipIgnore: true,
  skipProject: true,
  compilerOptions: { module: "commonjs", target: "es2022", esModuleInterop: true },
});

require(path.join(__dirname, "cli.ts")).runFromProcess();
