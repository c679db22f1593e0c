#!/usr/bin/env bash
# A quality stage on 20M unsorted climate readings (200 stations × 100,000 s): the five rules of
# SPEC §10 (not_null, range, unique, time_gaps, row_count) per station, plus every column's count,
# nulls, min and max — Weir's `quality` stage (the time of `weir run`) next to one DuckDB query that
# computes the same figures. Wall time and peak RSS from /usr/bin/time; ROUNDS rounds in turn,
# medians in bench/out/quality/results.md.
#
# usage: bench/quality_bench.sh [ROUNDS]   (default 3; REUSE=1 keeps the generated input; WEIR_BIN=path)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/measure.sh
rounds=${1:-3}
out=$PWD/bench/out/quality
input=$out/climate.parquet
results=$out/results.md

release_weir
weir=$WEIR_BIN
bash scripts/setup-python >/dev/null
python=$PWD/.venv-interop/bin/python
command -v /usr/bin/time >/dev/null || apt-get install -y time >/dev/null

mkdir -p "$out"
if [[ "${REUSE:-0}" != 1 || ! -f "$input" ]]; then
    echo "Generating 20M rows with gen_climate.py…"
    "$python" ../shared/bench/gen_climate.py --parquet "$input" --stations 200 --seconds 100000
fi
find "$out" -mindepth 1 -maxdepth 1 ! -name climate.parquet -exec rm -rf {} +

cat >"$out/duckdb_quality.py" <<'PY'
import sys, duckdb
con = duckdb.connect()
row = con.execute(f"""
    WITH t AS (
        SELECT *, time - lag(time) OVER (PARTITION BY station ORDER BY time) AS gap
        FROM read_parquet('{sys.argv[1]}'))
    SELECT
        count(*) FILTER (WHERE time IS NULL OR temp_c IS NULL) AS not_null_failed,
        count(*) FILTER (WHERE temp_c < -60 OR temp_c > 60 OR isnan(temp_c)) AS range_failed,
        count(*) - count(DISTINCT (station, time)) AS unique_failed,
        count(*) FILTER (WHERE gap > INTERVAL 10 MINUTE) AS gaps_failed, max(gap) AS largest_gap,
        count(*) AS row_count, count(DISTINCT station) AS groups,
        count(station), min(station), max(station), count(time), min(time), max(time),
        count(temp_c), min(temp_c), max(temp_c), count(rain_mm), min(rain_mm), max(rain_mm),
        count(rh_pct), min(rh_pct), max(rh_pct)
    FROM t""").fetchone()
print(row)
PY

mkdir -p "$out/project/data"
ln -s "$input" "$out/project/data/readings.parquet"
cat >"$out/project/weir.yaml" <<YAML
stages:
  checked:
    kind: quality
    input: data/readings.parquet
    group_by: [station]
    rules:
      - {check: not_null, columns: [time, temp_c], mostly: 0.99}
      - {check: range, column: temp_c, min: -60, max: 60}
      - {check: unique, columns: [station, time]}
      - {check: time_gaps, column: time, every: 10m, severity: warn}
      - {check: row_count, min: 1}
    out: data/checked
YAML

warm=$input
mkdir -p "$out/duckdb"

lines=()
for round in $(seq 1 "$rounds"); do
    rm -rf "$out/project/.weir" "$out/project/data/checked"
    if ((round % 2)); then
        lines+=("$(measure weir "$out/project" "$weir" run)")
        lines+=("$(measure duckdb "$out/duckdb" "$python" "$out/duckdb_quality.py" "$input")")
    else
        lines+=("$(measure duckdb "$out/duckdb" "$python" "$out/duckdb_quality.py" "$input")")
        lines+=("$(measure weir "$out/project" "$weir" run)")
    fi
done

{
    echo "# Quality of 20,000,000 rows (5 rules per station + column statistics), $rounds rounds, load $(cut -d' ' -f1-3 /proc/loadavg)"
    echo
    echo "| tool | median wall (s) | median peak RSS (MiB) | every round (s) |"
    echo "|---|---|---|---|"
    for name in weir duckdb; do
        walls=$(printf '%s\n' "${lines[@]}" | awk -v n="$name" '$1 == n {print $2}')
        peaks=$(printf '%s\n' "${lines[@]}" | awk -v n="$name" '$1 == n {print $3}')
        echo "| $name | $(median <<<"$walls") | $(median <<<"$peaks") | $(paste -sd ' ' <<<"$walls") |"
    done
    echo
    echo "DuckDB's figures: $(tail -1 "$out/duckdb.log")"
    echo "Weir's report: $(python3 -c "import json,sys; d=json.load(open('$out/project/data/checked/quality.json')); print(d['status'], [(r['check'], r['failed'], r['total'], r.get('largest_gap_seconds')) for r in d['rules']])")"
} | tee "$results"
