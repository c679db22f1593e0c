#!/usr/bin/env bash
# `weir compare` on a chain of 1,000 versions (3 stages each, 4 user metrics, wall time and rows per
# run): the median of N runs of each form, whole process (start, open the store, read, render).
# Usage: bench/compare_bench.sh [N] [VERSIONS]   (builds nothing: uses .build/debug/weir or WEIR_BIN)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/measure.sh
weir="${WEIR_BIN:-$PWD/.build/debug/weir}"
n="${1:-5}"
versions="${2:-1000}"
project="$(mktemp -d /tmp/weir-compare-bench.XXXXXX)"
trap 'rm -rf "$project"' EXIT
cat > "$project/weir.yaml" <<'YAML'
stages:
  prep: {cmd: "echo p > ${out}/p.txt", out: o/prep}
YAML
(cd "$project" && "$weir" run >/dev/null)
python3 bench/compare-store.py "$project" "$versions"
printf '%-44s %10s %8s\n' command median_s peak_MiB
for form in "--limit $versions" "--limit $versions --json" "--limit $versions --csv" \
    "--limit $versions --sort eval:accuracy" "--limit $versions --stage train" "" ; do
    walls=()
    peak=0
    for i in $(seq "$n"); do
        read -r _ wall mib < <(measure compare "$project" "$weir" compare $form)
        walls+=("$wall")
        peak=$mib
    done
    rows=$(($(wc -l < "$project.log")))
    printf '%-44s %10s %8s   (%s lines)\n' "weir compare $form" "$(printf '%s\n' "${walls[@]}" | median)" "$peak" "$rows"
done
rm -f "$project.log" "$project.time"
