#!/usr/bin/env bash
# Pipeline status on 100,000 unchanged input files: `weir status` with a cold and a warm stat cache
# next to `dvc status` on the same three-stage pipeline, in one run. Results go to
# bench/out/status/results.md.
#
# usage: bench/status_bench.sh [FILES] [REPEATS]     (defaults: 100000 files, 5 repeats; dvc with an
# emptied cache, which rehashes everything, is measured twice). REUSE=1 measures again on the projects
# a previous run generated.
set -euo pipefail
cd "$(dirname "$0")/.."
files=${1:-100000}
repeats=${2:-5}
out=$PWD/bench/out/status
results=$out/results.md

swift build -c release --product weir >/dev/null
weir=$PWD/.build/release/weir
if [ ! -x .venv-bench/bin/dvc ]; then
    python3 -m venv .venv-bench
    .venv-bench/bin/pip install -q dvc
fi
dvc=$PWD/.venv-bench/bin/dvc
command -v /usr/bin/time >/dev/null || { echo "install GNU time: apt-get install -y time" >&2; exit 1; }

if [ "${REUSE:-0}" = 1 ] && [ -d "$out/weir/.weir" ] && [ -d "$out/dvc/.dvc" ]; then
    echo "Reusing the projects in $out"
else
    rm -rf "$out"
    mkdir -p "$out/weir" "$out/dvc"
    echo "Generating $files input files twice…"
    python3 bench/status_project.py "$out/weir" "$files"
    python3 bench/status_project.py "$out/dvc" "$files"
    rm "$out/weir/dvc.yaml" "$out/dvc/weir.yaml"

    echo "First runs (hash everything once)…"
    (cd "$out/weir" && "$weir" run >/dev/null)
    (cd "$out/dvc" && "$dvc" init --no-scm -q && "$dvc" config --local core.site_cache_dir "$out/dvc-site" &&
        "$dvc" repro -q >/dev/null)
fi
# Files written just before the first run are too recent for the stat cache; one status settles it.
sleep 1.1
(cd "$out/weir" && "$weir" status >/dev/null)
(cd "$out/dvc" && "$dvc" status >/dev/null)

# seconds and peak RSS (KiB) of one command, run in a folder: "<seconds> <kib>"
measure() {
    local folder=$1
    shift
    (cd "$folder" && /usr/bin/time -f "%e %M" -o "$out/time.txt" "$@" >"$out/stdout.txt" 2>&1) || {
        cat "$out/stdout.txt" >&2
        exit 1
    }
    cat "$out/time.txt"
}

# median of the first fields on stdin, and the largest second field: "<median seconds> <max kib>"
summarize() {
    sort -n | awk '{ t[NR] = $1; if ($2 > m) m = $2 } END { if (NR % 2) med = t[(NR + 1) / 2]; else med = (t[NR / 2] + t[NR / 2 + 1]) / 2; printf "%.3f %d\n", med, m }'
}

echo "Measuring ($repeats repeats each, weir and dvc alternating)…"
: >"$out/weir_warm.txt"
: >"$out/dvc_warm.txt"
for _ in $(seq "$repeats"); do
    measure "$out/weir" "$weir" status >>"$out/weir_warm.txt"
    measure "$out/dvc" "$dvc" status >>"$out/dvc_warm.txt"
done
weir_warm=$(summarize <"$out/weir_warm.txt")
dvc_warm=$(summarize <"$out/dvc_warm.txt")
weir_cold=$(for _ in $(seq "$repeats"); do
    sqlite3 "$out/weir/.weir/state.sqlite" "DELETE FROM stat_cache"
    measure "$out/weir" "$weir" status
done | summarize)
dvc_cold=$(for _ in 1 2; do
    rm -rf "$out/dvc-site"
    measure "$out/dvc" "$dvc" status
done | summarize)
(cd "$out/weir" && "$weir" status) | grep -q "will run" && { echo "weir status found changes" >&2; exit 1; }
(cd "$out/dvc" && "$dvc" status) | grep -q "up to date" || { echo "dvc status found changes" >&2; exit 1; }

read -r ww wm <<<"$weir_warm"
read -r wc wcm <<<"$weir_cold"
read -r dw dm <<<"$dvc_warm"
read -r dc dcm <<<"$dvc_cold"
ratio() { awk -v d="$1" -v w="$2" 'BEGIN { printf "%.1f", d / w }'; }
{
    echo "| command | stat cache | median wall (s) | peak RSS (MiB) | dvc / weir |"
    echo "|---|---|---:|---:|---:|"
    echo "| weir status | warm | $ww | $((wm / 1024)) | $(ratio "$dw" "$ww")× |"
    echo "| dvc status | warm | $dw | $((dm / 1024)) | |"
    echo "| weir status | cold (emptied) | $wc | $((wcm / 1024)) | $(ratio "$dc" "$wc")× |"
    echo "| dvc status | cold (emptied) | $dc | $((dcm / 1024)) | |"
    echo
    echo "$files input files in 200 folders, median of $repeats runs (2 for cold dvc), $(nproc) cores,"
    echo "load average $(cut -d' ' -f1-3 /proc/loadavg), dvc $("$dvc" --version), weir $("$weir" --version)."
} | tee "$results"
