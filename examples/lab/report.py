"""Counts a chip's runs per procedure and light condition from its history CSV (standard library only)."""
import csv
import json
import os
import sys
from collections import Counter

history, report = sys.argv[1], sys.argv[2]
with open(history, newline="") as f:
    rows = list(csv.DictReader(f))
counts = Counter((row["proc"], "light" if row["laser_wavelength_nm"] else "dark") for row in rows)
with open(report, "w") as out:
    out.write(f"{len(rows)} runs\n")
    for (proc, light), n in sorted(counts.items()):
        out.write(f"{proc:4} {light:5} {n}\n")
# The numbers 'metrics: metrics.json' records with the run, for 'weir compare'.
light = sum(n for (_, condition), n in counts.items() if condition == "light")
with open(os.path.join(os.path.dirname(report), "metrics.json"), "w") as out:
    json.dump({"runs": len(rows), "light": light, "dark": len(rows) - light}, out, sort_keys=True)
print(open(report).read(), end="")
