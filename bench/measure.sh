# Sourced by the benchmark scripts: `measure NAME FOLDER COMMAND…` runs COMMAND in FOLDER under
# /usr/bin/time -v (its output in FOLDER.log) and prints "NAME wall_seconds peak_MiB". Set
# `warm` to files to read once first, so every tool starts with them in the page cache.
measure() {
    local name=$1 folder=$2; shift 2
    local file
    for file in ${warm:-}; do cat "$file" >/dev/null; done
    (cd "$folder" && /usr/bin/time -v -o "$folder.time" "$@" >"$folder.log" 2>&1) || {
        echo "$name failed; see $folder.log" >&2
        exit 1
    }
    local wall kib
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$folder.time")
    kib=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$folder.time")
    echo "$name $wall $((kib / 1024))"
}

# `median` of the numbers on standard input.
median() { sort -n | awk '{v[NR]=$1} END {if (NR % 2) print v[(NR+1)/2]; else printf "%.2f\n", (v[NR/2] + v[NR/2+1]) / 2}'; }

# `release_weir`: sets WEIR_BIN to a release build of weir, made into .build-release (a scratch path
# of its own, so that debug builds can go on meanwhile) unless WEIR_BIN names one already.
release_weir() {
    if [ -z "${WEIR_BIN:-}" ]; then
        swift build -c release --product weir --scratch-path .build-release >/dev/null
        WEIR_BIN=$PWD/.build-release/release/weir
    fi
}

# `peer_python`: sets python to the interop venv's interpreter (made by scripts/setup-python when
# missing) and checks that GNU time, which `measure` needs, is installed.
peer_python() {
    command -v /usr/bin/time >/dev/null || { echo "install GNU time: apt-get install -y time" >&2; exit 1; }
    python=$PWD/.venv-interop/bin/python
    [ -x "$python" ] || bash scripts/setup-python
}
