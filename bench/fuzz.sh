#!/usr/bin/env bash
# Fuzzes the Parquet and CSV readers for as long as asked (release build): seeded mutations of a
# corpus of small files (pyarrow, DuckDB and polars files from bench/fuzz_corpus.py, Weir's own
# writer output and CSVs from `WeirBench fuzz-corpus`, lab dumps from gen_lab.py), each case in a
# worker subprocess under a watchdog and a memory ceiling. Prints cases/s; every new crash, hang,
# memory overrun or unlocated error is written with a note of its seed into
# Tests/WeirParquetTests/Fixtures/fuzz-regressions or Tests/WeirCSVTests/Fixtures/fuzz-regressions.
# Usage: bash bench/fuzz.sh [SECONDS] [SEED]   (defaults: 60 s, seed 1)
set -euo pipefail
cd "$(dirname "$0")/.."
# The data generators live in the project's shared folder, beside the checkout.
if [ -z "${SHARED:-}" ]; then
    for candidate in ../shared/bench ../../shared/bench /work/shared/bench; do
        [ -f "$candidate/gen_lab.py" ] && SHARED=$candidate && break
    done
fi
seconds=${1:-60}
seed=${2:-1}
bash scripts/setup-python
swift build -c release --product WeirBench >/dev/null
corpus=.build/bench/fuzz-corpus
# Written again whenever the corpus script changes.
marker="$corpus/.complete-$(cat bench/fuzz_corpus.py | cksum | cut -d' ' -f1)"
if [ ! -f "$marker" ]; then
    rm -rf "$corpus" && mkdir -p "$corpus"
    .venv-interop/bin/python bench/fuzz_corpus.py "$corpus"
    .build/release/WeirBench fuzz-corpus "$corpus"
    if [ -f "${SHARED:-}/gen_lab.py" ]; then
        lab=$(mktemp -d)
        .venv-interop/bin/python "$SHARED/gen_lab.py" "$lab" --files 8 --rows 40 --bad 0.5 --seed 3 >/dev/null
        find "$lab" -name '*.csv' -size -64k | sort | head -8 | while read -r file; do
            cp "$file" "$corpus/lab_$(basename "$file" | tr ' ' _)"
        done
        rm -rf "$lab"
    fi
    touch "$marker"
fi
echo "# corpus: $(ls "$corpus" | wc -l) files in $corpus; fuzzing for $seconds s with seed $seed" >&2
.build/release/WeirBench fuzz "$corpus" --seconds "$seconds" --seed "$seed" \
    --parquet-findings Tests/WeirParquetTests/Fixtures/fuzz-regressions \
    --csv-findings Tests/WeirCSVTests/Fixtures/fuzz-regressions
