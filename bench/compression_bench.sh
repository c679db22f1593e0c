#!/usr/bin/env bash
# Block codec throughput, Weir against pyarrow (C++ snappy, lz4, zstd, zlib, brotli) on the same inputs.
# Usage: bash bench/compression_bench.sh [codec,codec,...]
# Builds bench/compression_bench.swift together with Sources/WeirCompression, optimised, outside the package's targets.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-python
out=.build/bench
data=$out/compression-data
mkdir -p "$data"
[ -f "$data/random.bin" ] || .venv-interop/bin/python bench/compression_data.py "$data"
cp bench/compression_bench.swift "$out/main.swift"
swiftc -O -package-name weir -module-name CompressionBench -I Sources/CZlib -I Sources/CBrotli \
    $(find Sources/WeirCompression -name '*.swift') "$out/main.swift" -o "$out/compression_bench"
inputs="$data/csv.bin,$data/doubles.bin,$data/ints.bin,$data/random.bin"
codecs=${1:-snappy,lz4_raw,zstd,gzip,brotli}
"$out/compression_bench" "$inputs" "$codecs"
.venv-interop/bin/python bench/compression_peers.py "$inputs" "$codecs"
