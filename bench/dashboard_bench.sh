#!/usr/bin/env bash
# The dashboard's server time per page on a store with 10,000 runs, 1,000 versions and 1,000,000
# events: median and p95 of N requests each (curl's time to the last byte, on loopback).
# Usage: bench/dashboard_bench.sh [N]   (builds nothing: uses .build/debug/weir or WEIR_BIN)
set -euo pipefail
cd "$(dirname "$0")/.."
weir="${WEIR_BIN:-$PWD/.build/debug/weir}"
n="${1:-20}"
project="$(mktemp -d /tmp/weir-dash-bench.XXXXXX)"
cat > "$project/weir.yaml" <<'YAML'
stages:
  a: {cmd: "echo a > ${out}/a.txt", out: o/a}
  b: {cmd: "cat ${deps.a}/a.txt > ${out}/b.txt", deps: {a: "stage:a"}, out: o/b}
  c: {cmd: "echo c > ${out}/c.txt", deps: {b: "stage:b"}, out: o/c}
  d: {cmd: "echo d > ${out}/d.txt", deps: {b: "stage:b"}, out: o/d}
YAML
(cd "$project" && "$weir" run >/dev/null)
python3 bench/dashboard-store.py "$project"
"$weir" serve -C "$project" --port 0 > "$project/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$project"' EXIT
for _ in $(seq 50); do grep -q "http://" "$project/serve.log" 2>/dev/null && break; sleep 0.1; done
url="$(grep -o 'http://[^/]*' "$project/serve.log")"
run="$(curl -s "$url/api/runs?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["runs"][0]["id"])')"
cursor="$(curl -s "$url/api/runs?limit=500" | python3 -c 'import json,sys; print(json.load(sys.stdin)["next"])')"
printf '%-40s %10s %10s\n' page median_ms p95_ms
for path in / /api/status /runs "/runs?cursor=$cursor" /api/runs "/runs/$run" /versions /versions/1000 \
    "/versions/diff?from=1&to=1000" /metrics /api/metrics /api/live; do
    times=()
    for _ in $(seq "$n"); do
        times+=("$(curl -s -o /dev/null -w '%{time_total}' "$url$path")")
    done
    printf '%s\n' "${times[@]}" | python3 -c "
import sys, statistics
t = sorted(float(x) * 1000 for x in sys.stdin)
p95 = t[min(len(t) - 1, int(round(0.95 * (len(t) - 1))))]
print('%-40s %10.1f %10.1f' % (sys.argv[1][:40], statistics.median(t), p95))" "$path"
done
