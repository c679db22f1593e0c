#!/usr/bin/env bash
# Staging a lab folder: Weir's ingest stage next to the seed-004 approach (Python and polars, one
# file at a time, a manifest at the end) and DuckDB (read_csv over the glob with union_by_name,
# COPY … PARTITION_BY), in one run on the same raw folder; then Weir's no-op re-run.
#
# Each round runs the three tools one after the other (starting with a different one each round),
# each into a fresh folder, after reading the
# raw folder once (so every tool starts with it in the page cache) and flushing the disk. Outputs
# are only deleted before the first round (and the disk given time to settle): on this file system,
# creating files right after deleting many is slower, and that would favour whichever tool ran last.
# Results (medians and every round) go to bench/out/ingest/results.md.
#
# usage: bench/ingest_bench.sh [FILES] [ROWS] [ROUNDS]   (defaults: 5000 files of ~2000 rows, ~441 MB; 6 rounds)
#        REUSE=1 keeps the raw folder of an earlier run with the same FILES and ROWS.
set -euo pipefail
cd "$(dirname "$0")/.."
files=${1:-5000}
rows=${2:-2000}
rounds=${3:-6}
out=$PWD/bench/out/ingest
results=$out/results.md
raw=$out/raw-$files-$rows

swift build -c release --product weir >/dev/null
weir=$PWD/.build/release/weir
bash scripts/setup-python >/dev/null
python=$PWD/.venv-interop/bin/python
command -v /usr/bin/time >/dev/null || apt-get install -y time >/dev/null

mkdir -p "$out"
find "$out" -mindepth 1 -maxdepth 1 ! -name "raw-$files-$rows" -exec rm -rf {} +
if [[ "${REUSE:-0}" != 1 || ! -d "$raw" ]]; then
    rm -rf "$raw"
    echo "Generating $files files of ~$rows rows with gen_lab.py…"
    python3 ../shared/bench/gen_lab.py "$raw" --files "$files" --rows "$rows"
fi
du -sh "$raw"
sync
sleep 30

measure() { # name, folder, command…  → "name wall_s peak_MiB"
    local name=$1 folder=$2; shift 2
    cat "$raw"/*/* >/dev/null
    sync
    (cd "$folder" && /usr/bin/time -f "%e %M" -o "$folder.time" "$@" >"$folder.log" 2>&1) || true
    if ! tail -1 "$folder.time" | grep -qE '^[0-9.]+ [0-9]+$'; then
        echo "$name failed; see $folder.log" >&2
        exit 1
    fi
    read -r wall kib < <(tail -1 "$folder.time")
    echo "$name $wall $((kib / 1024))"
}

project() { # folder: a Weir project whose raw folder is the generated one (a link)
    mkdir -p "$1"
    ln -s "$raw" "$1/raw"
    cat >"$1/weir.yaml" <<YAML
stages:
  stage:
    kind: ingest
    source: raw
    pattern: "{date:date}/{group}{chip:int}_{proc}_{idx:int}.csv"
    header_metadata: true
    timezone: America/Santiago
    partition_by: [proc, date]
    out: data/stage
YAML
}

run_tool() { # tool round → one result line
    case $1 in
    weir)
        project "$out/weir-$2"
        measure weir "$out/weir-$2" "$weir" run ;;
    seed004)
        mkdir -p "$out/seed004-$2"
        measure seed004 "$out/seed004-$2" "$python" "$PWD/bench/ingest_seed004.py" "$raw" "$out/seed004-$2/data" ;;
    duckdb)
        mkdir -p "$out/duckdb-$2"
        measure duckdb "$out/duckdb-$2" "$python" "$PWD/bench/ingest_duckdb.py" "$raw" "$out/duckdb-$2/data" ;;
    esac
}

# The order turns each round, so that every tool runs as often after each of the others (DuckDB
# leaves 2.4 GB of freed memory behind, which the next tool pays for on this virtual machine).
tools=(weir seed004 duckdb)
lines=()
for round in $(seq 1 "$rounds"); do
    for step in 0 1 2; do
        lines+=("$(run_tool "${tools[$(((round - 1 + step) % 3))]}" "$round")")
    done
done
lines+=("$(measure weir-noop "$out/weir-$rounds" "$weir" run)")
lines+=("$(measure weir-status "$out/weir-$rounds" "$weir" status)")

median() { # numbers on stdin → their median (the mean of the middle two for an even count)
    sort -n | awk '{v[NR]=$1} END {if (NR % 2) print v[(NR+1)/2]; else printf "%.2f\n", (v[NR/2] + v[NR/2+1]) / 2}'
}
walls() { printf '%s\n' "${lines[@]}" | awk -v n="$1" '$1 == n {print $2}'; }
peaks() { printf '%s\n' "${lines[@]}" | awk -v n="$1" '$1 == n {print $3}'; }

{
    echo "# Ingest of $files lab files (~$rows rows each, $(du -sh "$raw" | cut -f1)), $rounds rounds"
    echo
    echo "| tool | median wall (s) | median peak RSS (MiB) | Weir is faster by (median of the rounds' ratios) | every round (s) |"
    echo "|---|---|---|---|---|"
    for name in seed004 duckdb weir weir-noop weir-status; do
        wall=$(walls "$name" | median)
        peak=$(peaks "$name" | median)
        all=$(walls "$name" | paste -sd ' ')
        ratio="-"
        if [[ $name != weir* ]]; then
            # Conditions drift over a run; compare each tool with Weir's run of the same round.
            ratio=$(paste <(walls "$name") <(walls weir) | awk '{printf "%.3f\n", $1 / $2}' | median)×
        fi
        echo "| $name | $wall | $peak | $ratio | $all |"
    done
} | tee "$results"
tail -2 "$out/weir-$rounds.log"
