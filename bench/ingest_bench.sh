#!/usr/bin/env bash
# Staging a lab folder: Weir's ingest stage next to the seed-004 approach (Python and polars, one
# file at a time, a manifest at the end) and DuckDB (read_csv over the glob with union_by_name,
# COPY … PARTITION_BY), in one run on the same raw folder; then Weir's no-op re-run.
# Results go to bench/out/ingest/results.md.
#
# usage: bench/ingest_bench.sh [FILES] [ROWS]      (defaults: 5000 files of ~2000 rows, ~441 MB)
set -euo pipefail
cd "$(dirname "$0")/.."
files=${1:-5000}
rows=${2:-2000}
out=$PWD/bench/out/ingest
results=$out/results.md

swift build -c release --product weir >/dev/null
weir=$PWD/.build/release/weir
bash scripts/setup-python >/dev/null
python=$PWD/.venv-interop/bin/python
command -v /usr/bin/time >/dev/null || apt-get install -y time >/dev/null

rm -rf "$out"
mkdir -p "$out/weir"
raw=$out/weir/raw
echo "Generating $files files of ~$rows rows with gen_lab.py…"
python3 ../shared/bench/gen_lab.py "$raw" --files "$files" --rows "$rows"
du -sh "$raw"

measure() { # name, command…  → "name wall_s peak_MiB"
    local name=$1; shift
    /usr/bin/time -f "%e %M" -o "$out/$name.time" "$@" >"$out/$name.log" 2>&1
    if ! tail -1 "$out/$name.time" | grep -qE '^[0-9.]+ [0-9]+$'; then
        echo "$name failed; see $out/$name.log" >&2
        exit 1
    fi
    read -r wall kib < <(tail -1 "$out/$name.time")
    echo "$name $wall $((kib / 1024))"
}

cat >"$out/weir/weir.yaml" <<YAML
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
sync

lines=()
lines+=("$(measure seed004 "$python" bench/ingest_seed004.py "$raw" "$out/seed004")")
lines+=("$(measure duckdb "$python" bench/ingest_duckdb.py "$raw" "$out/duckdb")")
lines+=("$(cd "$out/weir" && measure weir "$weir" run)")
lines+=("$(cd "$out/weir" && measure weir-noop "$weir" run)")
lines+=("$(cd "$out/weir" && measure weir-status "$weir" status)")

{
    echo "# Ingest of $files lab files (~$rows rows each, $(du -sh "$raw" | cut -f1))"
    echo
    echo "| tool | wall (s) | peak RSS (MiB) | Weir is faster by |"
    echo "|---|---|---|---|"
    weir_wall=$(printf '%s\n' "${lines[@]}" | awk '$1 == "weir" {print $2}')
    for line in "${lines[@]}"; do
        set -- $line
        ratio=$(awk -v a="$2" -v w="$weir_wall" 'BEGIN { if ($1 == "weir") print "-"; else printf "%.1f×", a / w }')
        case $1 in weir|weir-noop|weir-status) ratio="-" ;; esac
        echo "| $1 | $2 | $3 | $ratio |"
    done
} | tee "$results"
tail -2 "$out/weir.log"
