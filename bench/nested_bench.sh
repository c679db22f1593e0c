#!/usr/bin/env bash
# Nested Parquet to JSON lines: `weir parquet cat --format jsonl` next to pyarrow (row groups
# through to_pylist and json) and DuckDB (COPY … TO … (FORMAT json)) on a file of ROWS rows with
# an int64 id, a list<int64> and a struct<x: double, y: string> written by pyarrow. Prints
# "tool median_seconds peak_MiB" and checks that the three outputs hold the same rows.
#
# usage: bench/nested_bench.sh [ROWS] [REPEATS]     (defaults: 5000000 rows, 3 repeats)
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-5000000}
repeats=${2:-3}
source bench/measure.sh
peer_python

release_weir
out=$PWD/bench/out/nested
mkdir -p "$out/weir" "$out/pyarrow" "$out/duckdb"
file=$out/nested_$rows.parquet
[ -f "$file" ] || "$python" bench/nested_peers.py write "$file" --rows "$rows"
echo "# $(du -h "$file" | cut -f1) $file, $rows rows"
warm=$file

for run in $(seq "$repeats"); do
    measure weir "$out/weir" "$WEIR_BIN" parquet cat --format jsonl "$file"
    measure pyarrow "$out/pyarrow" "$python" "$PWD/bench/nested_peers.py" pyarrow "$file" "$out/pyarrow.jsonl"
    measure duckdb "$out/duckdb" "$python" -c \
        "import duckdb; duckdb.sql(\"COPY (SELECT * FROM '$file') TO '$out/duckdb.jsonl' (FORMAT json)\")"
done >"$out/runs.txt"
for tool in weir pyarrow duckdb; do
    awk -v t=$tool '$1 == t {print $2}' "$out/runs.txt" | median | tr '\n' ' ' | sed "s/^/$tool /"
    awk -v t=$tool '$1 == t && $3 > m {m = $3} END {print m}' "$out/runs.txt"
done

# The three outputs hold the same rows (JSON values compared, in order).
"$python" - "$out/weir.log" "$out/pyarrow.jsonl" "$out/duckdb.jsonl" <<'PY'
import json, sys
def rows(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            yield json.loads(line)
names = ["weir", "pyarrow", "duckdb"]
count = 0
for count, triple in enumerate(zip(*(rows(p) for p in sys.argv[1:])), 1):
    if not (triple[0] == triple[1] == triple[2]):
        sys.exit(f"row {count} differs: " + " | ".join(f"{n}: {r}" for n, r in zip(names, triple)))
print(f"# outputs agree on {count} rows")
PY
