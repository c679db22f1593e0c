#!/usr/bin/env bash
# Writing nested Parquet: `weir parquet rewrite` next to pyarrow (read_table + write_table),
# DuckDB (COPY … TO … (FORMAT parquet)) and polars (scan_parquet + sink_parquet), all Snappy, on
# the file of bench/nested_bench.sh (ROWS rows: an int64 id, a list<int64> and a
# struct<x: double, y: string>). Each tool reads the file and writes it again; prints
# "tool median_seconds peak_MiB" and checks that pyarrow reads the same rows from every output.
#
# usage: bench/nested_write_bench.sh [ROWS] [REPEATS]     (defaults: 5000000 rows, 3 repeats; WEIR_BIN=path)
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-5000000}
repeats=${2:-3}
source bench/measure.sh
peer_python

release_weir
out=$PWD/bench/out/nested-write
mkdir -p "$out/weir" "$out/pyarrow" "$out/duckdb" "$out/polars" "$PWD/bench/out/nested"
file=$PWD/bench/out/nested/nested_$rows.parquet
[ -f "$file" ] || "$python" bench/nested_peers.py write "$file" --rows "$rows"
echo "# $(du -h "$file" | cut -f1) $file, $rows rows"
warm=$file

for run in $(seq "$repeats"); do
    rm -f "$out"/*.parquet
    measure weir "$out/weir" "$WEIR_BIN" parquet rewrite "$file" "$out/weir.parquet" --codec snappy
    measure pyarrow "$out/pyarrow" "$python" -c \
        "import pyarrow.parquet as pq; pq.write_table(pq.read_table('$file'), '$out/pyarrow.parquet', compression='snappy')"
    measure duckdb "$out/duckdb" "$python" -c \
        "import duckdb; duckdb.sql(\"COPY (SELECT * FROM '$file') TO '$out/duckdb.parquet' (FORMAT parquet, COMPRESSION snappy)\")"
    measure polars "$out/polars" "$python" -c \
        "import polars as pl; pl.scan_parquet('$file').sink_parquet('$out/polars.parquet', compression='snappy')"
done >"$out/runs.txt"
for tool in weir pyarrow duckdb polars; do
    awk -v t=$tool '$1 == t {print $2}' "$out/runs.txt" | median | tr '\n' ' ' | sed "s/^/$tool /"
    awk -v t=$tool '$1 == t && $3 > m {m = $3} END {printf "%s ", m}' "$out/runs.txt"
    du -m "$out/$tool.parquet" | cut -f1 | sed 's/$/ MB/'
done

# Every output holds the input's rows (pyarrow reads them; types cast to the input's).
"$python" - "$file" "$out"/{weir,pyarrow,duckdb,polars}.parquet <<'PY'
import sys, pyarrow.parquet as pq
source = pq.read_table(sys.argv[1])
for path in sys.argv[2:]:
    table = pq.read_table(path)
    table = table.select(source.column_names).cast(source.schema)
    if not table.equals(source):
        sys.exit(f"{path} differs from the input")
print(f"# all outputs hold the input's {source.num_rows} rows")
PY
