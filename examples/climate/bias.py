"""The model's bias per station: the mean of (model t2m_c - station temp_c_mean) over the hours
that have both, from the merged export. Standard library only.

usage: python3 bias.py MATCHED_CSV_GZ OUT_CSV
"""
import csv
import gzip
import sys

source, target = sys.argv[1], sys.argv[2]
sums, counts, hours = {}, {}, {}
with gzip.open(source, "rt", newline="") as handle:
    for row in csv.DictReader(handle):
        station = row["station"]
        hours[station] = hours.get(station, 0) + 1
        if row["temp_c_mean"] and row["t2m_c"]:
            sums[station] = sums.get(station, 0.0) + float(row["t2m_c"]) - float(row["temp_c_mean"])
            counts[station] = counts.get(station, 0) + 1
with open(target, "w", newline="") as handle:
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow(["station", "hours", "matched_hours", "bias_c"])
    for station in sorted(hours):
        n = counts.get(station, 0)
        writer.writerow([station, hours[station], n, f"{sums[station] / n:.3f}" if n else ""])
print(f"the bias of {len(counts)} of {len(hours)} stations (the others have no model value)")
