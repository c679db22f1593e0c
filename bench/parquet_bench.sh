#!/usr/bin/env bash
# Parquet write and read: Weir against pyarrow on the gen_big columns (issue 2).
#
#   bash bench/parquet_bench.sh [ROWS] [REPEATS]     # defaults: 5000000 rows, 5 repeats
#
# Each repeat runs, each in a fresh process under /usr/bin/time -v: the two writes (pyarrow first
# in odd repeats, Weir first in even ones), then Weir and pyarrow reading both files. Outputs are
# deleted before every write so that both writers create a new file. The "timed" figures are the
# operation alone (the columns are built in memory first and not counted): its wall time and the
# CPU time of all the process's threads during it; process wall and peak RSS cover the whole run.
#
# On a virtual machine, memory the guest has never touched is slow to fault in the first time
# (150 MB of new file pages took 0.9 s cold and 0.07 s warm here), so the script first touches
# and frees 3 GiB to keep that cost out of whichever tool happens to run first.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-5000000}
repeats=${2:-5}

swift build -c release --product WeirBench >/dev/null
bash scripts/setup-python >/dev/null
python=.venv-interop/bin/python
weir=.build/release/WeirBench

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
results="$work/results.tsv"

# run LABEL COMMAND...: appends "label  timed  wall  user  sys  rss_kb" to the results.
run() {
    local label=$1
    shift
    /usr/bin/time -v "$@" >"$work/out.json" 2>"$work/time.txt"
    "$python" bench/parquet_bench.py collect "$label" "$work/out.json" "$work/time.txt" >>"$results"
}

"$python" -c 'block = b"\x01" * (3 << 30)'

for repeat in $(seq "$repeats"); do
    rm -f "$work/pyarrow.parquet" "$work/weir.parquet"
    if ((repeat % 2 == 1)); then
        run "write pyarrow" "$python" bench/parquet_bench.py write "$work/pyarrow.parquet" --rows "$rows"
        run "write weir" "$weir" parquet-write "$work/weir.parquet" --rows "$rows"
    else
        run "write weir" "$weir" parquet-write "$work/weir.parquet" --rows "$rows"
        run "write pyarrow" "$python" bench/parquet_bench.py write "$work/pyarrow.parquet" --rows "$rows"
    fi
    for file in weir pyarrow; do
        run "read $file-file weir" "$weir" parquet-read "$work/$file.parquet"
        run "read $file-file pyarrow" "$python" bench/parquet_bench.py read "$work/$file.parquet"
    done
done

echo "rows: $rows, repeats: $repeats, machine: $(nproc) cores, load average before the report: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "file sizes: weir $(stat -c %s "$work/weir.parquet") bytes, pyarrow $(stat -c %s "$work/pyarrow.parquet") bytes"
"$python" bench/parquet_bench.py report "$results"
