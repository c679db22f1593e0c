#!/usr/bin/env bash
# Parquet read: Weir's ParquetFileReader against pyarrow's pq.read_table on the gen_big columns
# (5M rows by default), written by pyarrow with each codec. Reports wall time and peak memory.
# Usage: bash bench/parquet_read_bench.sh [rows] [codec,codec,...]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-python
rows=${1:-5000000}
codecs=${2:-snappy,zstd,none}
out=.build/bench
mkdir -p "$out"

# Build WeirParquet and its dependencies optimised, then link the bench program against them.
swift build -c release --target WeirParquet >/dev/null
objects=$(ls .build/release/WeirColumns.build/*.o .build/release/WeirCompression.build/*.o \
    .build/release/WeirParquet.build/*.o)
swiftc -O -I .build/release/Modules -I Sources/CZlib -I Sources/CBrotli bench/parquet_read_bench.swift \
    $objects -o "$out/parquet_read_bench"

measure() {
    # Prints the program's JSON line with the peak resident set size added.
    local log line peak
    log=$(mktemp)
    line=$(/usr/bin/time -v "$@" 2>"$log")
    peak=$(awk '/Maximum resident/ {printf "%.0f", $6 / 1024}' "$log")
    rm -f "$log"
    echo "${line%\}}, \"peak_rss_mib\": $peak}"
}

for codec in ${codecs//,/ }; do
    file="$out/gen_big_${rows}_${codec}.parquet"
    [ -f "$file" ] || .venv-interop/bin/python bench/parquet_read_peers.py write "$file" --rows "$rows" --compression "$codec" >/dev/null
    echo "# $codec: $(du -h "$file" | cut -f1) $file"
    for run in 1 2 3; do
        measure "$out/parquet_read_bench" "$file"
        measure .venv-interop/bin/python bench/parquet_read_peers.py read "$file"
    done
done
