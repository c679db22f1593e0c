#!/usr/bin/env bash
# As-of merge of 20M unsorted climate readings (200 stations × 100,000 s, gen_climate.py) with the
# same stations' model values every 60 s (~333k rows, shuffled): backward by station within 5
# minutes, written to Parquet. Weir's merge stage (the time of `weir run`) with the default budget
# and with `memory: 256MiB`, next to DuckDB (ASOF LEFT JOIN, COPY … TO parquet; the tolerance
# applied with CASE, as DuckDB has none) and polars (join_asof with by and tolerance, after the
# sort it needs). Wall time and peak RSS from /usr/bin/time -v; each tool runs ROUNDS times in
# turn, medians reported in bench/out/merge/results.md.
#
# usage: bench/merge_bench.sh [ROUNDS]   (default 3; REUSE=1 keeps the generated inputs; WEIR_BIN=path)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/measure.sh
rounds=${1:-3}
out=$PWD/bench/out/merge
left=$out/climate.parquet
right=$out/model.parquet
results=$out/results.md

# WEIR_BIN: a release build of weir made elsewhere (else it is built here).
if [[ -z "${WEIR_BIN:-}" ]]; then swift build -c release --product weir >/dev/null; fi
weir=${WEIR_BIN:-$PWD/.build/release/weir}
bash scripts/setup-python >/dev/null
python=$PWD/.venv-interop/bin/python
command -v /usr/bin/time >/dev/null || apt-get install -y time >/dev/null

mkdir -p "$out"
if [[ "${REUSE:-0}" != 1 || ! -f "$left" || ! -f "$right" ]]; then
    echo "Generating 20M readings with gen_climate.py and the model values…"
    "$python" ../shared/bench/gen_climate.py --parquet "$left" --stations 200 --seconds 100000
    "$python" bench/merge_peers.py model "$left" "$right"
fi
find "$out" -mindepth 1 -maxdepth 1 ! -name climate.parquet ! -name model.parquet -exec rm -rf {} +
ls -la "$left" "$right"
warm="$left $right"

project() { # folder, memory → a Weir project merging the inputs (linked in)
    mkdir -p "$1/data"
    ln -s "$left" "$1/data/readings.parquet"
    ln -s "$right" "$1/data/model.parquet"
    cat >"$1/weir.yaml" <<YAML
stages:
  matched:
    kind: merge
    left: data/readings.parquet
    right: data/model.parquet
    how: asof
    on: [station]
    asof: {left: time, right: time, direction: backward, tolerance: 5m}
    memory: $2
    out: data/matched
YAML
}

run_tool() { # tool round → one result line
    local folder=$out/$1-$2
    case $1 in
    weir) project "$folder" 1GiB && measure weir "$folder" "$weir" run ;;
    weir-256MiB) project "$folder" 256MiB && measure weir-256MiB "$folder" "$weir" run ;;
    duckdb) mkdir -p "$folder" && measure duckdb "$folder" "$python" "$PWD/bench/merge_peers.py" duckdb "$left" "$right" "$folder/out.parquet" ;;
    polars) mkdir -p "$folder" && measure polars "$folder" "$python" "$PWD/bench/merge_peers.py" polars "$left" "$right" "$folder/out.parquet" ;;
    esac
}

tools=(weir weir-256MiB duckdb polars)
lines=()
for round in $(seq 1 "$rounds"); do
    for step in 0 1 2 3; do
        line=$(run_tool "${tools[$(((round - 1 + step) % 4))]}" "$round")
        echo "$line"
        lines+=("$line")
    done
done

column_of() { printf '%s\n' "${lines[@]}" | awk -v n="$1" -v c="$2" '$1 == n {print $c}'; }
count() { "$python" -c "import duckdb, sys; print(duckdb.connect().execute(f\"select count(*) from '{sys.argv[1]}'\").fetchall()[0][0])" "$1"; }
matched() { "$python" -c "import duckdb, sys; print(duckdb.connect().execute(f\"select count(*), count(model_t) from '{sys.argv[1]}'\").fetchall()[0])" "$1"; }
{
    echo "# As-of merge of $(count "$left") readings with $(count "$right") model rows, $rounds rounds"
    echo
    echo "Output rows and rows with a model value: weir $(matched "$out/weir-1/data/matched/part-00000.parquet"), DuckDB $(matched "$out/duckdb-1/out.parquet"), polars $(matched "$out/polars-1/out.parquet")."
    echo
    echo "| tool | median wall (s) | median peak RSS (MiB) | every round (s) |"
    echo "|---|---|---|---|"
    for name in "${tools[@]}"; do
        echo "| $name | $(column_of "$name" 2 | median) | $(column_of "$name" 3 | median) | $(column_of "$name" 2 | paste -sd ' ') |"
    done
} | tee "$results"
grep -h "rows in" "$out"/weir-*.log | head -2
