#!/usr/bin/env bash
# Installs the AWS provider stand-in (see README.md): compiles it to .tools/aws-standin (plain JavaScript, so
# the engine's provider starts without a TypeScript compiler), derives the package schema there, and writes
# the launcher .tools/bin/pulumi-resource-aws, which the Pulumi engine takes from PATH.
#
# Skipped when nothing that decides the result changed (the sources, the installed @pulumi/aws, node): a build
# takes about 40 s, mostly deriving the schema. The new build is assembled beside the old one and swapped in,
# so a provider started meanwhile still finds a complete installation.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$repo/.tools/aws-standin"
bin="$repo/.tools/bin"
launcher="$bin/pulumi-resource-aws"
node="$(command -v node)"

stamp="$(
  cd "$repo"
  {
    cat tools/aws-standin/*.ts tools/aws-standin/tsconfig.json tools/aws-standin/install.sh
    cat node_modules/@pulumi/aws/package.json node_modules/typescript/package.json
    echo "$node"
  } | sha256sum | cut -d' ' -f1
)"
if [ -x "$launcher" ] && [ "$(cat "$out/stamp" 2>/dev/null)" = "$stamp" ]; then
  echo "aws-standin: up to date ($launcher)"
  exit 0
fi

next="$out.next.$$"
trap 'rm -rf "$next"' EXIT
mkdir -p "$next" "$bin"
"$node" "$repo/node_modules/typescript/bin/tsc" -p "$repo/tools/aws-standin/tsconfig.json" --noEmit false --outDir "$next"
"$node" "$next/generateSchema.js" "$next"
echo "$stamp" >"$next/stamp"

rm -rf "$out.previous"
if [ -d "$out" ]; then mv "$out" "$out.previous"; fi
mv "$next" "$out"
rm -rf "$out.previous"

cat >"$launcher" <<LAUNCHER
#!/bin/sh
# The AWS provider stand-in from tools/aws-standin, written by tools/aws-standin/install.sh.
AWS_STANDIN_SCHEMA_DIR="\${AWS_STANDIN_SCHEMA_DIR:-$out}" exec "$node" "$out/main.js" "\$@"
LAUNCHER
chmod +x "$launcher"
echo "aws-standin: installed $launcher"
