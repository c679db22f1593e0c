"""Counts a chip's runs per procedure and light condition from its history CSV (standard library only)."""
import csv
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
print(open(report).read(), end="")
