#!/usr/bin/env bash
# Installs the Node.js language host stand-in (see README.md): compiles it to .tools/nodejs-host (plain
# JavaScript, so the engine starts it without a TypeScript compiler) and writes the launcher
# .tools/bin/pulumi-language-nodejs, which the Pulumi CLI takes from PATH.
#
# Skipped when nothing that decides the result changed (the sources, node, the TypeScript compiler). The new
# build is assembled beside the old one and swapped in, so a host started meanwhile finds a whole one.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$repo/.tools/nodejs-host"
bin="$repo/.tools/bin"
launcher="$bin/pulumi-language-nodejs"
node="$(command -v node)"

stamp="$(
  cd "$repo"
  {
    cat tools/nodejs-host/*.ts tools/nodejs-host/tsconfig.json tools/nodejs-host/install.sh
    cat node_modules/typescript/package.json
    echo "$node"
  } | sha256sum | cut -d' ' -f1
)"
if [ -x "$launcher" ] && [ "$(cat "$out/stamp" 2>/dev/null)" = "$stamp" ]; then
  echo "nodejs-host: up to date ($launcher)"
  exit 0
fi

next="$out.next.$$"
trap 'rm -rf "$next"' EXIT
mkdir -p "$next" "$bin"
"$node" "$repo/node_modules/typescript/bin/tsc" -p "$repo/tools/nodejs-host/tsconfig.json" --noEmit false --outDir "$next"
echo "$stamp" >"$next/stamp"

rm -rf "$out.previous"
if [ -d "$out" ]; then mv "$out" "$out.previous"; fi
mv "$next" "$out"
rm -rf "$out.previous"

cat >"$launcher.$$" <<LAUNCHER
#!/bin/sh
# The Node.js language host stand-in from tools/nodejs-host, written by tools/nodejs-host/install.sh.
exec "$node" "$out/main.js" "\$@"
LAUNCHER
chmod +x "$launcher.$$"
mv -f "$launcher.$$" "$launcher"
echo "nodejs-host: installed $launcher"
