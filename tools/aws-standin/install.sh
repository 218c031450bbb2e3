#!/usr/bin/env bash
# Installs the AWS provider stand-in (see README.md): compiles it to .tools/aws-standin (plain JavaScript, so
# the engine's provider starts without a TypeScript compiler), derives the package schema there, and writes
# the launcher .tools/bin/pulumi-resource-aws, which the Pulumi engine takes from PATH.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$repo/.tools/aws-standin"
bin="$repo/.tools/bin"
node="$(command -v node)"

rm -rf "$out"
mkdir -p "$out" "$bin"
"$node" "$repo/node_modules/typescript/bin/tsc" -p "$repo/tools/aws-standin/tsconfig.json" --noEmit false --outDir "$out"
"$node" "$out/generateSchema.js" "$out"

launcher="$bin/pulumi-resource-aws"
cat >"$launcher" <<LAUNCHER
#!/bin/sh
# The AWS provider stand-in from tools/aws-standin, written by tools/aws-standin/install.sh.
AWS_STANDIN_SCHEMA_DIR="\${AWS_STANDIN_SCHEMA_DIR:-$out}" exec "$node" "$out/main.js" "\$@"
LAUNCHER
chmod +x "$launcher"
echo "installed $launcher"
