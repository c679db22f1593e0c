#!/usr/bin/env bash
# `weir status` and `weir log` on a 100,000-file project with the state in PostgreSQL next to SQLite:
# the status benchmark's project (bench/status_project.py), run once with each store, then each
# command timed REPEATS times, the stores alternating. Results go to bench/out/state/results.md.
#
# usage: bench/state_bench.sh [FILES] [REPEATS]   (defaults: 100000 files, 7 repeats)
# The PostgreSQL server is scripts/setup-postgres's (started if needed, left running).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/measure.sh # median
files=${1:-100000}
repeats=${2:-7}
out=$PWD/bench/out/state
results=$out/results.md

# WEIR names another release build of weir (one built with --scratch-path, say); by default, this one.
if [ -z "${WEIR:-}" ]; then swift build -c release --product weir >/dev/null; fi
weir=${WEIR:-$PWD/.build/release/weir}
command -v /usr/bin/time >/dev/null || apt-get install -y time >/dev/null
server=$(bash scripts/setup-postgres start)
database=weir_state_bench
psql "$server" -X -q -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" -c "CREATE DATABASE $database"
url=${server%/*}/$database

rm -rf "$out"
mkdir -p "$out/sqlite" "$out/postgres"
echo "Generating $files input files twice…"
python3 bench/status_project.py "$out/sqlite" "$files"
python3 bench/status_project.py "$out/postgres" "$files"
rm "$out/sqlite/dvc.yaml" "$out/postgres/dvc.yaml"
(cd "$out/sqlite" && "$weir" run >/dev/null)
(cd "$out/postgres" && WEIR_STATE=$url "$weir" run >/dev/null)
# Files written just before the first run are too recent for the stat cache; one status settles it.
sleep 1.1
(cd "$out/sqlite" && "$weir" status >/dev/null)
(cd "$out/postgres" && WEIR_STATE=$url "$weir" status >/dev/null)

# seconds of one command in a folder
seconds() {
    local folder=$1
    shift
    (cd "$folder" && /usr/bin/time -f "%e" -o "$out/time.txt" "$@" >/dev/null 2>"$out/stderr.txt") || {
        cat "$out/stderr.txt" >&2
        exit 1
    }
    cat "$out/time.txt"
}

for command in status log; do
    : >"$out/sqlite-$command.txt"
    : >"$out/postgres-$command.txt"
    for _ in $(seq "$repeats"); do
        seconds "$out/sqlite" "$weir" "$command" >>"$out/sqlite-$command.txt"
        seconds "$out/postgres" env WEIR_STATE="$url" "$weir" "$command" >>"$out/postgres-$command.txt"
    done
done
entries=$(psql "$url" -X -A -t -c "SELECT count(*) FROM stat_cache")
{
    echo "| command | SQLite median (s) | PostgreSQL median (s) |"
    echo "|---|---:|---:|"
    for command in status log; do
        echo "| weir $command | $(median <"$out/sqlite-$command.txt") | $(median <"$out/postgres-$command.txt") |"
    done
    echo
    echo "$files input files ($entries stat-cache entries), median of $repeats runs, $(nproc) cores,"
    echo "load average $(cut -d' ' -f1-3 /proc/loadavg), PostgreSQL on 127.0.0.1, weir $("$weir" --version)."
} | tee "$results"
