#!/usr/bin/env bash
# `weir query` next to DuckDB and polars on one staged lab dataset: a chip history on the
# manifest, a data query that partitions and statistics prune, the data of one chip (manifest
# columns; a join for the peers) and a full scan written as Parquet. Results go to
# bench/out/query/results.md.
#
# usage: bench/query_bench.sh [FILES] [ROWS] [REPEATS]     (defaults: 2000 files, 2000 rows, 3 repeats)
# GEN_LAB names the lab-folder generator (default /work/shared/bench/gen_lab.py).
set -euo pipefail
cd "$(dirname "$0")/.."
files=${1:-2000}
rows=${2:-2000}
repeats=${3:-3}
gen_lab=${GEN_LAB:-/work/shared/bench/gen_lab.py}
out=$PWD/bench/out/query
results=$out/results.md
python=$PWD/.venv-interop/bin/python
command -v /usr/bin/time >/dev/null || { echo "install GNU time: apt-get install -y time" >&2; exit 1; }
[ -x "$python" ] || bash scripts/setup-python

# A scratch path of its own, so that debug builds can go on meanwhile.
swift build -c release --product weir --scratch-path .build-release >/dev/null
weir=$PWD/.build-release/release/weir

rm -rf "$out"
mkdir -p "$out/project"
echo "Generating $files files of about $rows rows and staging them…"
"$python" "$gen_lab" "$out/project/raw" --files "$files" --rows "$rows" --days 60
cat >"$out/project/weir.yaml" <<'YAML'
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
(cd "$out/project" && "$weir" run >/dev/null)
dataset=$out/project/data/stage

# seconds and peak RSS (KiB) of one command: "<seconds> <kib>"; its stdout goes to $out/stdout.txt
measure() {
    (cd "$out/project" && /usr/bin/time -f "%e %M" -o "$out/time.txt" "$@" >"$out/stdout.txt" 2>"$out/stderr.txt") || {
        cat "$out/stderr.txt" >&2
        exit 1
    }
    cat "$out/time.txt"
}

# median of the first fields on stdin, and the largest second field: "<median seconds> <max kib>"
summarize() {
    sort -n | awk '{ t[NR] = $1; if ($2 > m) m = $2 } END { if (NR % 2) med = t[(NR + 1) / 2]; else med = (t[NR / 2] + t[NR / 2 + 1]) / 2; printf "%.3f %d\n", med, m }'
}

# rows in a result file
count() {
    "$python" -c "import sys, duckdb; print(duckdb.sql(f\"select count(*) from '{sys.argv[1]}'\").fetchall()[0][0])" "$1"
}

declare -A where=(
    [history]="chip_number = 67"
    [pruned]="proc = 'IV' and vsd_v < -4.5"
    [chip]="manifest.chip_number = 67 and proc = 'IV'"
    [scan]="i_a > 0"
)
weir_args() {
    case $1 in
    history) echo "--manifest --order-by start_time --seq-by chip_number --select seq,start_time_local_date,proc,source_path" ;;
    pruned | chip) echo "--select run_id,vsd_v,i_a" ;;
    scan) echo "" ;;
    esac
}

{
    echo "| query | tool | rows | wall s (median of $repeats) | peak RSS MiB |"
    echo "| --- | --- | --- | --- | --- |"
} >"$results"
for query in history pruned chip scan; do
    extension=csv
    [ "$query" = scan ] && extension=parquet
    # shellcheck disable=SC2046
    weir_run=$(for _ in $(seq "$repeats"); do
        measure "$weir" query data/stage --where "${where[$query]}" $(weir_args "$query") \
            --format "$extension" --out "$out/weir.$extension"
    done | summarize)
    weir_rows=$(count "$out/weir.$extension")
    echo "| $query | weir | $weir_rows | ${weir_run% *} | $(( ${weir_run#* } / 1024 )) |" >>"$results"
    for engine in duckdb polars; do
        peer_run=$(for _ in $(seq "$repeats"); do
            measure "$python" "$PWD/bench/query_peers.py" "$engine" "$query" "$dataset" "$out/$engine.$extension"
        done | summarize)
        peer_rows=$(cat "$out/stdout.txt")
        [ "$peer_rows" = "$weir_rows" ] || echo "warning: $engine wrote $peer_rows rows for $query, weir $weir_rows" >&2
        echo "| $query | $engine | $peer_rows | ${peer_run% *} | $(( ${peer_run#* } / 1024 )) |" >>"$results"
    done
done
(cd "$out/project" && "$weir" query data/stage --where "${where[pruned]}" --select run_id,vsd_v,i_a --explain) >"$out/explain.txt"
cat "$results"
echo
cat "$out/explain.txt"
