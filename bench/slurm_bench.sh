#!/usr/bin/env bash
# The 5,000-file lab ingest on the local Slurm cluster (scripts/setup-slurm) with `shards: 1, 2, 4`,
# next to the local executor, in rounds; then the per-file and fixed costs that project the time on
# N nodes. Results go to bench/out/slurm/results.md.
#
# usage: bench/slurm_bench.sh [FILES] [ROWS] [ROUNDS]   (defaults: 5000 files of ~2000 rows; 3 rounds)
# The raw folder is shared with bench/ingest_bench.sh (bench/out/ingest/raw-FILES-ROWS).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/measure.sh # median
files=${1:-5000}
rows=${2:-2000}
rounds=${3:-3}
out=$PWD/bench/out/slurm
results=$out/results.md
raw=$PWD/bench/out/ingest/raw-$files-$rows

# WEIR names another release build of weir (one built with --scratch-path, say); by default, this one.
if [ -z "${WEIR:-}" ]; then swift build -c release --product weir >/dev/null; fi
weir=${WEIR:-$PWD/.build/release/weir}
command -v /usr/bin/time >/dev/null || apt-get install -y time >/dev/null
SLURM_CONF=$(bash scripts/setup-slurm start)
export SLURM_CONF
if [ ! -d "$raw" ]; then
    mkdir -p "$(dirname "$raw")"
    python3 ../shared/bench/gen_lab.py "$raw" --files "$files" --rows "$rows"
fi
mkdir -p "$out"

# The SPEC §10 ingest stage; each task of a sharded run stages on one core (cpus: 1), so Slurm runs as
# many tasks at once as the node has cores.
project() {
    local folder=$1 extra=$2
    rm -rf "$folder"
    mkdir -p "$folder"
    ln -s "$raw" "$folder/raw"
    cat >"$folder/weir.yaml" <<YAML
slurm: {cpus: 1, mem: 1G}
stages:
  stage:
    kind: ingest
    source: raw
    pattern: "{date:date}/{group}{chip:int}_{proc}_{idx:int}.csv"
    header_metadata: true
    timezone: America/Santiago
    partition_by: [proc, date]
$extra
    out: data/stage
YAML
}

configs=(local shards-1 shards-2 shards-4)
: >"$out/rounds.txt"
for round in $(seq "$rounds"); do
    for config in "${configs[@]}"; do
        folder=$out/$config
        case $config in
        local) project "$folder" "" ;;
        shards-*) project "$folder" "    executor: slurm
    shards: ${config#shards-}" ;;
        esac
        cat "$raw"/*/* >/dev/null
        sync
        start=$(date +%s.%N)
        (cd "$folder" && WEIR_TRACE=1 "$weir" run >"$folder.log" 2>"$folder.trace") || {
            cat "$folder.log" "$folder.trace" >&2
            exit 1
        }
        wall=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.2f", e - s }')
        # Staging phase (planned → all staged) and, for shards, the tasks' own staging times.
        staging=$(awk '/batch: discovered\+planned/ { gsub(/[^0-9.]/, "", $2); p = $2 } /batch: staged all/ { gsub(/[^0-9.]/, "", $2); s = $2 } END { printf "%.2f", s - p }' "$folder.trace")
        tasks=$( (cat "$folder"/.weir/runs/*/_logs/shards/task-*.stdout.log 2>/dev/null || true) | awk '/^task/ { print $(NF - 1) }' | paste -sd' ' -)
        echo "$round $config $wall $staging ${tasks:--}" | tee -a "$out/rounds.txt"
    done
done

local_wall=$(awk '$2 == "local" { print $3 }' "$out/rounds.txt" | median)
{
    echo "| executor | median wall (s) | staging phase (s) | tasks' own staging (s) | speed-up vs local |"
    echo "|---|---:|---:|---|---:|"
    for config in "${configs[@]}"; do
        wall=$(awk -v c="$config" '$2 == c { print $3 }' "$out/rounds.txt" | median)
        staging=$(awk -v c="$config" '$2 == c { print $4 }' "$out/rounds.txt" | median)
        tasks=$(awk -v c="$config" '$2 == c { t = ""; for (i = 5; i <= NF; i++) t = t " " $i; last = t } END { print last }' "$out/rounds.txt")
        echo "| $config | $wall | $staging |$tasks | $(awk -v l="$local_wall" -v w="$wall" 'BEGIN { printf "%.2f×", l / w }') |"
    done
    echo
    # Per-file cost on one core: the tasks' staging seconds over the files, from the 4-shard runs.
    per_file=$(awk -v f="$files" '$2 == "shards-4" { s = 0; for (i = 5; i <= NF; i++) s += $i; print s / f }' "$out/rounds.txt" | median)
    fixed=$(awk '$2 == "shards-4" { print $3 - $4 }' "$out/rounds.txt" | median)
    echo "per-file staging cost on one core: ${per_file} s; fixed cost outside the staging phase (discover, plan,"
    echo "commit): ${fixed} s; $files files, $rounds rounds, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)."
} | tee "$results"
