#!/usr/bin/env bash
# Writes .tools/bin/private-api-guard-analyzer: this policy pack as a binary analyzer plugin, for
# `pulumi preview --policy-pack .tools/bin/private-api-guard-analyzer`. The Pulumi CLI starts a pack folder
# (PulumiPolicy.yaml, runtime nodejs) through pulumi-language-nodejs, which cannot be built here
# (tools/README.md); given an executable instead, it launches it with the engine's address as its only
# argument (pkg/resource/plugin/analyzer_plugin.go). The launcher runs the same pack the same way the
# language host does: @pulumi/pulumi's run-policy-pack, from the pack's folder, on the pack's program.
set -euo pipefail

bin_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/.tools/bin"
mkdir -p "$bin_dir"
launcher="$bin_dir/private-api-guard-analyzer"
cat >"$launcher.$$" <<'LAUNCHER'
#!/usr/bin/env bash
cd "$(dirname "$(readlink -f "$0")")/../.."
exec node ./node_modules/@pulumi/pulumi/cmd/run-policy-pack "$1" .
LAUNCHER
chmod +x "$launcher.$$"
mv -f "$launcher.$$" "$launcher"
rm -f "$bin_dir/pulumi-analyzer-policy-nodejs"
