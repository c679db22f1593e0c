# usage: sh clean.sh RAW_FOLDER MIN MAX OUT_FOLDER
raw=$1 min=$2 max=$3 out=$4
awk -F, -v min="$min" -v max="$max" '
    NR == 1 { print; next }
    $3 >= min && $3 <= max { print; kept++ ; next }
    { dropped++ }
    END { printf "kept %d readings, dropped %d outside [%s, %s]\n", kept, dropped, min, max > "/dev/stderr" }
' "$raw/readings.csv" > "$out/readings.csv"
