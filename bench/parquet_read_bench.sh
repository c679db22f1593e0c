#!/usr/bin/env bash
# Parquet read: Weir's ParquetFileReader against pyarrow's pq.read_table on the gen_big columns
# (5M rows by default), written by pyarrow with each codec. Reports the reader's own wall time, the
# process CPU time and peak memory (/usr/bin/time -v).
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
    # Prints the program's JSON line with its CPU time (user + system, whole process) and peak
    # resident set size added: on a shared machine CPU time is steadier than wall time.
    local log line peak cpu
    log=$(mktemp)
    line=$(/usr/bin/time -v "$@" 2>"$log")
    peak=$(awk '/Maximum resident/ {printf "%.0f", $6 / 1024}' "$log")
    cpu=$(awk '/User time|System time/ {sum += $4} END {printf "%.2f", sum}' "$log")
    rm -f "$log"
    echo "${line%\}}, \"process_cpu_seconds\": $cpu, \"peak_rss_mib\": $peak}"
}

for codec in ${codecs//,/ }; do
    file="$out/gen_big_${rows}_${codec}.parquet"
    [ -f "$file" ] || .venv-interop/bin/python bench/parquet_read_peers.py write "$file" --rows "$rows" --compression "$codec" >/dev/null
    echo "# $codec: $(du -h "$file" | cut -f1) $file"
    for run in 1 2 3; do
        measure "$out/parquet_read_bench" "$file"
        measure "$out/parquet_read_bench" --keep "$file"
        measure .venv-interop/bin/python bench/parquet_read_peers.py read "$file"
    done
done
