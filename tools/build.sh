#!/usr/bin/env bash
# Builds the pinned Go tools into .tools/bin, then runs every tools/*/install.sh.
#
# Each tool family is its own Go module under tools/ (go.mod + go.sum), so one tool's pins never move
# another's. A binary is rebuilt only when the hash of what decides it (its module's go.mod and go.sum, and
# its build recipe below) differs from the stamp written by its last successful build;
# otherwise it is reported "up to date" without starting Go, so a warm run takes about a second.
#
# Usage: bash tools/build.sh [binary ...]   (no argument: every tool; names as in the table below)
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tools_dir="$repo/tools"
bin_dir="$repo/.tools/bin"
stamp_dir="$repo/.tools/stamps"

if ! command -v go >/dev/null 2>&1; then
  if [ "${CI:-}" = "true" ]; then
    echo "tools: go not found on PATH, and CI=true requires the Go tools" >&2
    exit 1
  fi
  echo "tools: skipped, go not found"
  exit 0
fi

# The machine's own Go builds everything; never let a go.mod line fetch another toolchain behind our back.
export GOTOOLCHAIN=local
# go.mod and go.sum are committed pins: a build must never rewrite them.
export GOFLAGS="${GOFLAGS:-} -mod=readonly"

mkdir -p "$bin_dir" "$stamp_dir"

# The tools, one per line: module folder under tools/, binary name, main package, the module whose version
# is reported, and the variable stamped with that version at link time ("-": OPA's source carries its own).
# Regal and the Node.js language host are not here: the Go module proxy refuses them (tools/README.md); the
# host is stood in for by tools/nodejs-host, installed below with the other install.sh scripts.
tool_table=(
  "opa            opa                     github.com/open-policy-agent/opa                        github.com/open-policy-agent/opa  -"
  "pulumi         pulumi                  github.com/pulumi/pulumi/pkg/v3/cmd/pulumi              github.com/pulumi/pulumi/pkg/v3   github.com/pulumi/pulumi/sdk/v3/go/common/version.Version"
  "pulumi-yaml    pulumi-language-yaml    github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml  github.com/pulumi/pulumi-yaml     github.com/pulumi/pulumi-yaml/pkg/version.Version"
)

now() { printf '%s' "$EPOCHREALTIME"; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
report() { printf '%-30s %-10s %-34s %6ss\n' "$1" "$2" "$3" "$4"; }

# hash of everything that decides a binary: the module's pins and its recipe line.
inputs_hash() {
  local module=$1 recipe=$2
  {
    cat "$tools_dir/$module/go.mod" "$tools_dir/$module/go.sum"
    printf '%s\n' "$recipe"
  } | sha256sum | cut -d' ' -f1
}

# wanted NAME [ASKED...]: true when nothing was asked for, or NAME was.
wanted() {
  local name=$1 w
  shift
  [ "$#" -eq 0 ] && return 0
  for w in "$@"; do [ "$w" = "$name" ] && return 0; done
  return 1
}

for asked in "$@"; do
  known=no
  [ "$asked" = pulumi-resource-pulumi-nodejs ] && known=yes
  for row in "${tool_table[@]}"; do
    read -r _ name _ <<<"$row"
    [ "$name" = "$asked" ] && known=yes
  done
  if [ "$known" = no ]; then
    echo "tools: unknown tool '$asked'" >&2
    exit 2
  fi
done

total_start=$(now)
failed=0
for row in "${tool_table[@]}"; do
  read -r module name pkg version_module version_var <<<"$row"
  wanted "$name" "$@" || continue
  start=$(now)
  stamp="$stamp_dir/$name"
  hash=$(inputs_hash "$module" "$row")

  if [ -x "$bin_dir/$name" ] && [ -f "$stamp" ] && [ "$(head -n1 "$stamp")" = "$hash" ]; then
    report "$name" "$(sed -n 2p "$stamp")" "up to date" "$(elapsed "$start")"
    continue
  fi

  log="$stamp_dir/$name.log"
  version=$(cd "$tools_dir/$module" && go list -m -f '{{.Version}}' "$version_module")
  ldflags="-s -w"
  [ "$version_var" != "-" ] && ldflags="$ldflags -X $version_var=$version"

  # nice: the machine's two cores are shared; the Go build and module caches are Go's defaults, kept warm.
  # Written under a name of this run's own, then renamed: a concurrent run or a running binary never sees
  # half a file.
  partial="$bin_dir/.$name.$$"
  if (cd "$tools_dir/$module" && nice -n 10 go build -ldflags "$ldflags" -o "$partial" "$pkg") >"$log" 2>&1; then
    mv -f "$partial" "$bin_dir/$name"
    printf '%s\n%s\n' "$hash" "$version" >"$stamp"
    report "$name" "$version" "built" "$(elapsed "$start")"
  else
    rm -f "$partial"
    report "$name" "$version" "FAILED (see $log)" "$(elapsed "$start")"
    tail -n 20 "$log" | sed 's/^/  /' >&2
    failed=1
  fi
done

# Dynamic providers (pulumi.dynamic.Resource) run through the plugin pulumi-resource-pulumi-nodejs, a script
# that @pulumi/pulumi ships (Pulumi's release archives carry it next to the CLI): link the installed one, so
# it stays the version of node_modules. Without it the engine reports "no resource plugin
# 'pulumi-resource-pulumi-nodejs' found". Policy packs need no such script: with pulumi-language-nodejs on
# PATH the engine starts a pack through the language host.
if wanted pulumi-resource-pulumi-nodejs "$@"; then
  start=$(now)
  npm_pulumi="$repo/node_modules/@pulumi/pulumi"
  if [ -f "$npm_pulumi/pulumi-resource-pulumi-nodejs" ]; then
    ln -sfn "../../node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs" "$bin_dir/pulumi-resource-pulumi-nodejs"
    npm_version=$(sed -n 's/^ *"version": *"\([^"]*\)".*/v\1/p' "$npm_pulumi/package.json" | head -n1)
    report pulumi-resource-pulumi-nodejs "$npm_version" "linked from node_modules" "$(elapsed "$start")"
  else
    report pulumi-resource-pulumi-nodejs "-" "skipped: no node_modules/@pulumi/pulumi" "$(elapsed "$start")"
  fi
fi

# Other tool folders install themselves (e.g. a launcher written into .tools/bin); run each in turn.
# Skipped when only some binaries were asked for.
if [ "$#" -eq 0 ]; then
  for script in "$tools_dir"/*/install.sh; do
    [ -e "$script" ] || continue
    start=$(now)
    folder=$(basename "$(dirname "$script")")
    if bash "$script"; then
      report "$folder" "-" "install.sh ok" "$(elapsed "$start")"
    else
      report "$folder" "-" "FAILED (install.sh)" "$(elapsed "$start")"
      failed=1
    fi
  done
fi

report total "" "$([ "$failed" = 0 ] && echo ok || echo FAILED)" "$(elapsed "$total_start")"
exit "$failed"
