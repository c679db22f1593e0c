#!/usr/bin/env bash
# CSV → Parquet: Weir against DuckDB, pyarrow and polars on one large file (gen_big.py, 5 M rows,
# ~386 MB), then Weir against DuckDB on a folder of 5,000 small instrument files (gen_lab.py).
# Prints wall time, CPU time, peak memory and Weir's ratio to each peer (median of RUNS runs).
#
#   bash bench/csv_bench.sh                 # ROWS=5000000 FILES=5000 RUNS=3 by default
#   ROWS=1000000 FILES=500 RUNS=1 bash bench/csv_bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${ROWS:-5000000}
FILES=${FILES:-5000}
RUNS=${RUNS:-3}
DATA=${DATA:-${TMPDIR:-/tmp}/weir-csv-bench}
# The data generators live in the project's shared folder, beside the checkout.
if [ -z "${SHARED:-}" ]; then
    for candidate in ../shared/bench ../../shared/bench /work/shared/bench; do
        [ -f "$candidate/gen_big.py" ] && SHARED=$candidate && break
    done
fi

bash scripts/setup-python >/dev/null
python=.venv-interop/bin/python
[ -x /usr/bin/time ] || apt-get install -y time >/dev/null
swift build -c release --product weir >/dev/null
weir=$PWD/.build/release/weir
mkdir -p "$DATA"

big=$DATA/big_$ROWS.csv
[ -s "$big" ] || $python "$SHARED/gen_big.py" "$big" --rows "$ROWS"
lab=$DATA/lab_$FILES
[ -d "$lab" ] || $python "$SHARED/gen_lab.py" "$lab" --files "$FILES"

# run NAME OUTPUT COMMAND…: RUNS timed runs; prints "wall cpu peak_mb" of the median run.
run() {
    local name=$1 output=$2
    shift 2
    local results=()
    for _ in $(seq "$RUNS"); do
        rm -rf "$output"
        /usr/bin/time -v -o "$DATA/time.txt" "$@" >/dev/null 2>"$DATA/stderr.txt" || {
            echo "$name failed:" >&2
            cat "$DATA/stderr.txt" >&2
            exit 1
        }
        results+=("$(awk -F': ' '
            /Elapsed \(wall clock\)/ { n = split($2, p, ":"); wall = (n == 3 ? p[1] * 3600 + p[2] * 60 + p[3] : p[1] * 60 + p[2]) }
            /User time/ { cpu += $2 } /System time/ { cpu += $2 }
            /Maximum resident set size/ { mb = $2 / 1024 }
            END { printf "%.2f %.2f %.0f\n", wall, cpu, mb }' "$DATA/time.txt")")
    done
    printf '%s\n' "${results[@]}" | sort -n | sed -n "$(((RUNS + 1) / 2))p"
}

report() {
    local title=$1
    shift
    echo
    echo "$title"
    printf '%-22s %8s %8s %9s %12s\n' tool "wall s" "cpu s" "peak MB" "Weir faster"
    local weir_wall
    weir_wall=$(echo "$1" | cut -d'|' -f2 | cut -d' ' -f1)
    for entry in "$@"; do
        local name=${entry%%|*} figures=${entry#*|}
        read -r wall cpu mb <<<"$figures"
        printf '%-22s %8s %8s %9s %11.2fx\n' "$name" "$wall" "$cpu" "$mb" "$(echo "$wall / $weir_wall" | bc -l)"
    done
}

out=$DATA/out
mkdir -p "$out"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ { print $2 }') GiB; load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "input: $big ($(du -Lm "$big" | cut -f1) MB, $ROWS rows)"
weir_big=$(run weir "$out/weir.parquet" "$weir" convert "$big" "$out/weir.parquet")
duckdb_big=$(run duckdb "$out/duckdb.parquet" $python bench/csv_peers.py duckdb "$big" "$out/duckdb.parquet")
pyarrow_big=$(run pyarrow "$out/pyarrow.parquet" $python bench/csv_peers.py pyarrow "$big" "$out/pyarrow.parquet")
polars_big=$(run polars "$out/polars.parquet" $python bench/csv_peers.py polars "$big" "$out/polars.parquet")
for tool in weir duckdb pyarrow polars; do
    rows=$($python bench/csv_peers.py rows "$out/$tool.parquet")
    [ "$rows" = "$ROWS" ] || { echo "$tool wrote $rows rows, not $ROWS" >&2; exit 1; }
done
report "One file, $ROWS rows (snappy):" "weir|$weir_big" "duckdb|$duckdb_big" "pyarrow|$pyarrow_big" "polars|$polars_big"

echo
echo "input: $lab ($(find -L "$lab" -name '*.csv' | wc -l) files, $(du -sLm "$lab" | cut -f1) MB)"
weir_lab=$(run weir "$out/weir_lab" "$weir" convert "$lab/*/*.csv" "$out/weir_lab")
duckdb_lab=$(run duckdb "$out/duckdb_lab.parquet" $python bench/csv_peers.py duckdb-glob "$lab/*/*.csv" "$out/duckdb_lab.parquet")
weir_rows=$($python bench/csv_peers.py rows "$out/weir_lab")
duckdb_rows=$($python bench/csv_peers.py rows "$out/duckdb_lab.parquet")
[ "$weir_rows" = "$duckdb_rows" ] || { echo "row counts differ: weir $weir_rows, duckdb $duckdb_rows" >&2; exit 1; }
report "Folder of $FILES files, $weir_rows rows (Weir: one Parquet per file; DuckDB: one file):" \
    "weir|$weir_lab" "duckdb (glob)|$duckdb_lab"
