#!/usr/bin/env bash
# Resampling 20M unsorted climate readings (200 stations × 100,000 s) to 10-minute buckets per
# station (mean/min/max of temp_c, sum of rain_mm, written to Parquet): Weir's resample stage (the
# time of `weir run`), with the default budget and with `memory: 128MiB` (it must spill), next to
# DuckDB (time_bucket … GROUP BY, COPY … TO parquet) and polars (group_by on truncated time,
# sink_parquet). Wall time and peak RSS from /usr/bin/time -v; each tool runs ROUNDS times in
# turn, medians reported in bench/out/resample/results.md.
#
# usage: bench/resample_bench.sh [ROUNDS]   (default 3; REUSE=1 keeps the generated input; WEIR_BIN=path)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/measure.sh
rounds=${1:-3}
out=$PWD/bench/out/resample
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
ls -la "$input"
warm=$input

project() { # folder, memory → a Weir project resampling the input (linked in)
    mkdir -p "$1/data"
    ln -s "$input" "$1/data/readings.parquet"
    cat >"$1/weir.yaml" <<YAML
stages:
  ten_min:
    kind: resample
    input: data/readings.parquet
    time: time
    every: 10m
    group_by: [station]
    aggregate: {temp_c: [mean, min, max], rain_mm: sum}
    memory: $2
    out: data/ten_min
YAML
}

run_tool() { # tool round → one result line
    local folder=$out/$1-$2
    case $1 in
    weir) project "$folder" 1GiB && measure weir "$folder" "$weir" run ;;
    weir-128MiB) project "$folder" 128MiB && measure weir-128MiB "$folder" "$weir" run ;;
    duckdb) mkdir -p "$folder" && measure duckdb "$folder" "$python" "$PWD/bench/resample_peers.py" duckdb "$input" "$folder/out.parquet" ;;
    polars) mkdir -p "$folder" && measure polars "$folder" "$python" "$PWD/bench/resample_peers.py" polars "$input" "$folder/out.parquet" ;;
    esac
}

tools=(weir weir-128MiB duckdb polars)
lines=()
for round in $(seq 1 "$rounds"); do
    for step in 0 1 2 3; do
        line=$(run_tool "${tools[$(((round - 1 + step) % 4))]}" "$round")
        echo "$line"
        lines+=("$line")
    done
done

column_of() { printf '%s\n' "${lines[@]}" | awk -v n="$1" -v c="$2" '$1 == n {print $c}'; }
rows=$("$python" -c "import duckdb, sys; print(duckdb.connect().execute(f\"select count(*) from '{sys.argv[1]}'\").fetchall()[0][0])" "$input")
groups=$("$python" -c "import duckdb, sys; print(duckdb.connect().execute(f\"select count(*) from '{sys.argv[1]}/data/ten_min/*.parquet'\").fetchall()[0][0])" "$out/weir-1")
{
    echo "# Resample of $rows rows to $groups 10-minute buckets per station, $rounds rounds"
    echo
    echo "| tool | median wall (s) | median peak RSS (MiB) | every round (s) |"
    echo "|---|---|---|---|"
    for name in "${tools[@]}"; do
        echo "| $name | $(column_of "$name" 2 | median) | $(column_of "$name" 3 | median) | $(column_of "$name" 2 | paste -sd ' ') |"
    done
} | tee "$results"
grep -h "rows in" "$out"/weir-*.log | head -2
