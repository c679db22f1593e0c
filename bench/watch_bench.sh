#!/usr/bin/env bash
# What following a run costs it: the lab ingest of FILES files by `weir run`, alone and with a
# `weir watch --json` attached from another process, in alternating order over ROUNDS rounds, each
# into a fresh project; and the CPU time the watcher itself used.
#
# Each project reads the same generated raw folder through a link; the raw folder is read once
# before each run so both start with it in the page cache.
# Results (medians and every round) go to bench/out/watch/results.md.
#
# usage: bench/watch_bench.sh [FILES] [ROWS] [ROUNDS]   (defaults: 5000 files of ~2000 rows; 6 rounds)
#        REUSE=1 keeps the raw folder of an earlier run with the same FILES and ROWS.
set -euo pipefail
cd "$(dirname "$0")/.."
files=${1:-5000}
rows=${2:-2000}
rounds=${3:-6}
out=$PWD/bench/out/watch
results=$out/results.md
raw=$out/raw-$files-$rows

swift build -c release --product weir >/dev/null
weir=$PWD/.build/release/weir
command -v /usr/bin/time >/dev/null || apt-get install -y time >/dev/null

mkdir -p "$out"
find "$out" -mindepth 1 -maxdepth 1 ! -name "raw-$files-$rows" -exec rm -rf {} +
if [[ "${REUSE:-0}" != 1 || ! -d "$raw" ]]; then
    rm -rf "$raw"
    echo "Generating $files files of ~$rows rows with gen_lab.py…"
    python3 ../shared/bench/gen_lab.py "$raw" --files "$files" --rows "$rows"
fi
du -sh "$raw"

project() { # folder: a Weir project whose raw folder is the generated one (a link)
    mkdir -p "$1"
    ln -s "$raw" "$1/raw"
    cat >"$1/weir.yaml" <<YAML
stages:
  stage:
    kind: ingest
    source: raw
    pattern: "{date:date}/{group}{chip:int}_{proc}_{idx:int}.csv"
    header_metadata: true
    timezone: America/Santiago
    partition_by: [proc, date]
    out: data/stage
YAML
}

alone() { # round → "alone wall_s"
    local folder=$out/alone-$1
    project "$folder"
    cat "$raw"/*/* >/dev/null
    sync
    (cd "$folder" && /usr/bin/time -f "%e" -o "$folder.time" "$weir" run >"$folder.log" 2>&1)
    echo "alone $(tail -1 "$folder.time")"
}

watched() { # round → "watched wall_s watch_cpu_s watch_lines"
    local folder=$out/watched-$1
    project "$folder"
    cat "$raw"/*/* >/dev/null
    sync
    (cd "$folder" && /usr/bin/time -f "%e" -o "$folder.time" "$weir" run >"$folder.log" 2>&1) &
    local run=$!
    # Attach as soon as the session exists (until then watch finds no state and prints nothing).
    until (cd "$folder" && /usr/bin/time -f "%U %S" -o "$folder.watch-time" "$weir" watch --json \
        >"$folder.watch" 2>/dev/null) || [[ -s "$folder.watch" ]]; do
        sleep 0.02
    done
    wait "$run"
    read -r user system < <(tail -1 "$folder.watch-time")
    echo "watched $(tail -1 "$folder.time") $(echo "$user + $system" | bc) $(wc -l <"$folder.watch")"
}

lines=()
for round in $(seq 1 "$rounds"); do
    if ((round % 2)); then
        lines+=("$(alone "$round")" "$(watched "$round")")
    else
        lines+=("$(watched "$round")" "$(alone "$round")")
    fi
done

median() { # numbers on stdin → their median (the mean of the middle two for an even count)
    sort -n | awk '{v[NR]=$1} END {if (NR % 2) print v[(NR+1)/2]; else printf "%.3f\n", (v[NR/2] + v[NR/2+1]) / 2}'
}
column() { printf '%s\n' "${lines[@]}" | awk -v n="$1" -v c="$2" '$1 == n {print $c}'; }

{
    echo "# Ingest of $files lab files (~$rows rows each, $(du -sh "$raw" | cut -f1)) with and without weir watch, $rounds rounds"
    echo
    echo "| run | median wall (s) | every round (s) |"
    echo "|---|---|---|"
    for name in alone watched; do
        echo "| $name | $(column "$name" 2 | median) | $(column "$name" 2 | paste -sd ' ') |"
    done
    echo
    ratio=$(paste <(column watched 2) <(column alone 2) | awk '{printf "%.4f\n", $1 / $2}' | median)
    echo "Watched / alone, median of the rounds' ratios: $ratio"
    echo
    echo "weir watch: median CPU $(column watched 3 | median) s (user + system) for the whole run;" \
        "median $(column watched 4 | median) NDJSON lines."
} | tee "$results"
