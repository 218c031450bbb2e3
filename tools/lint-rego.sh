#!/usr/bin/env bash
# OPA's own checks on rego/ (the last step of `npm run lint`): formatting, a strict compile, the Rego unit
# tests, then Regal's lint with .regal/config.yaml where a regal binary is at hand. Every check runs even
# when an earlier one fails, so one run shows everything to fix; the exit status is non-zero if any failed.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bin_dir="$repo/.tools/bin"
cd "$repo"
rego_dir=rego

# Regal is not among the built tools (the Go module proxy refuses it, tools/README.md): it runs when a regal
# binary is on PATH or in .tools/bin, and otherwise the run says it was not available.
regal=""
if [ -x "$bin_dir/regal" ]; then
  regal="$bin_dir/regal"
elif command -v regal >/dev/null 2>&1; then
  regal=$(command -v regal)
fi

if [ ! -x "$bin_dir/opa" ]; then
  if ! command -v go >/dev/null 2>&1; then
    if [ "${CI:-}" = "true" ]; then
      echo "lint-rego: opa not in .tools/bin and go not found to build it; CI=true requires OPA's checks" >&2
      exit 1
    fi
    echo "lint-rego: skipped OPA's checks (opa fmt, check, test): opa not built and go not found"
    exit 0
  fi
  bash tools/build.sh opa
fi

failed=()
run() {
  local label=$1
  shift
  echo "lint-rego: $label"
  if ! "$@"; then
    failed+=("$label")
  fi
}

# opa fmt -l names the files whose formatting differs; each is shown as a unified diff against what
# opa fmt would write (this OPA's own --diff prints the formatted file whole, which hides the change).
fmt_check() {
  local listed file
  listed=$("$bin_dir/opa" fmt -l "$rego_dir") || return 1
  [ -z "$listed" ] && return 0
  while IFS= read -r file; do
    "$bin_dir/opa" fmt "$file" | diff -u --label "$file" --label "$file (opa fmt)" "$file" - || true
  done <<<"$listed"
  echo "opa fmt: these files differ from opa fmt's output (opa fmt -w rewrites them):" >&2
  sed 's/^/  /' <<<"$listed" >&2
  return 1
}
run "opa fmt" fmt_check
run "opa check --strict" "$bin_dir/opa" check --strict "$rego_dir"
# Every *_test.rego under rego/ (opa test loads the folder and runs each test_ rule).
run "opa test" "$bin_dir/opa" test "$rego_dir"

if [ -n "$regal" ]; then
  regal_flags=(--config-file .regal/config.yaml)
  # Colour codes only for a terminal; logs (CI, npm run lint > file) stay plain.
  [ -t 1 ] || regal_flags+=(--no-color)
  run "regal lint" "$regal" lint "${regal_flags[@]}" "$rego_dir"
else
  echo "lint-rego: regal lint not run: no regal binary here, and the Go module proxy does not serve Regal"
fi

if [ "${#failed[@]}" -gt 0 ]; then
  echo "lint-rego: failed: ${failed[*]}" >&2
  exit 1
fi
echo "lint-rego: ok"
