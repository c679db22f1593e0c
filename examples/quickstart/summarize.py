"""Per-sensor count, mean, min and max; the precision comes from the params JSON file."""
import csv
import json
import os
import sys

source, out = sys.argv[1], sys.argv[2]
params = json.load(open(os.environ["WEIR_PARAMS"]))
digits = params["precision"]
stats = {}
with open(os.path.join(source, "readings.csv")) as handle:
    for row in csv.DictReader(handle):
        value = float(row["temperature"])
        entry = stats.setdefault(row["sensor"], {"count": 0, "sum": 0.0, "min": value, "max": value})
        entry["count"] += 1
        entry["sum"] += value
        entry["min"] = min(entry["min"], value)
        entry["max"] = max(entry["max"], value)
summary = {
    sensor: {
        "count": entry["count"],
        "mean": round(entry["sum"] / entry["count"], digits),
        "min": round(entry["min"], digits),
        "max": round(entry["max"], digits),
        "units": params["units"],
    }
    for sensor, entry in sorted(stats.items())
}
with open(os.path.join(out, "summary.json"), "w") as handle:
    json.dump(summary, handle, indent=2, sort_keys=True)
    handle.write("\n")
# Numbers the run reports about itself: 'metrics: metrics.json' in weir.yaml records them.
total = sum(entry["count"] for entry in stats.values())
metrics = {
    "readings": total,
    "mean": round(sum(entry["sum"] for entry in stats.values()) / total, digits) if total else 0,
    "sensors": len(stats),
}
with open(os.path.join(out, "metrics.json"), "w") as handle:
    json.dump(metrics, handle, indent=2, sort_keys=True)
    handle.write("\n")
for sensor, entry in summary.items():
    print(f"{sensor}: n={entry['count']} mean={entry['mean']} min={entry['min']} max={entry['max']}")
