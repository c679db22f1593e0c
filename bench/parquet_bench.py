#!/usr/bin/env python3
"""pyarrow's side of bench/parquet_bench.sh, and its bookkeeping.

  parquet_bench.py write OUT --rows N          # builds the gen_big columns with numpy, times pq.write_table (snappy)
  parquet_bench.py read FILE                   # times pq.read_table
  parquet_bench.py collect LABEL OUT.json TIME.txt   # one result line from a run and its /usr/bin/time -v report
  parquet_bench.py report RESULTS.tsv          # the Markdown table of medians and ratios
write and read print one JSON object: rows, seconds of the timed operation and, for write, the file size.
"""
import argparse, json, os, re, statistics, sys, time
import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq


def table(n, seed=42):
    # The distributions of /work/shared/bench/gen_big.py.
    rng = np.random.default_rng(seed)
    t0 = np.datetime64("2025-10-18T09:00:00", "ms")
    return pa.table({
        "timestamp": pa.array(t0 + (np.arange(n) * 100).astype("timedelta64[ms]"), pa.timestamp("ms")),
        "chip_number": pa.array(rng.integers(1, 100, n), pa.int64()),
        "proc": pa.array(np.array(["IV", "IVg", "ITS"])[rng.integers(0, 3, n)], pa.string()),
        "vg_v": pa.array(rng.uniform(-5, 5, n).round(6)),
        "vds_v": pa.array(rng.uniform(0, 1, n).round(6)),
        "i_a": pa.array(rng.normal(0, 1e-6, n)),
        "has_light": pa.array(rng.integers(0, 2, n).astype(bool)),
    })


def collect(label, out_path, time_path):
    result = json.load(open(out_path))
    timed, timed_cpu = result["seconds"], result["cpu_seconds"]
    report = open(time_path).read()
    def field(name):
        return re.search(re.escape(name) + r": (.*)", report).group(1).strip()
    wall = 0.0
    for part in field("Elapsed (wall clock) time (h:mm:ss or m:ss)").split(":"):
        wall = wall * 60 + float(part)
    print("\t".join([label, f"{timed:.4f}", f"{timed_cpu:.4f}", f"{wall:.3f}", field("User time (seconds)"),
                     field("System time (seconds)"), field("Maximum resident set size (kbytes)")]))


def report(path):
    rows = {}
    for line in open(path):
        label, *numbers = line.rstrip("\n").split("\t")
        rows.setdefault(label, []).append([float(n) for n in numbers])
    def median(label, column):
        return statistics.median(r[column] for r in rows[label])
    def best(label):
        return min(r[0] for r in rows[label])
    print("| operation | tool | timed wall s (median) | timed wall s (best) | timed CPU s (median) | process wall s | "
          "process CPU s | peak RSS MiB | Weir / pyarrow: timed wall | timed CPU | peak RSS |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    operations = []
    for label in rows:
        operation = label.rsplit(" ", 1)[0]
        if operation not in operations: operations.append(operation)
    for operation in operations:
        for tool in ["weir", "pyarrow"]:
            label = f"{operation} {tool}"
            peer = f"{operation} pyarrow"
            cpu = statistics.median(r[3] + r[4] for r in rows[label])
            ratios = [median(label, c) / median(peer, c) for c in (0, 1, 5)]
            print(f"| {operation} | {tool} | {median(label, 0):.3f} | {best(label):.3f} | {median(label, 1):.3f} | "
                  f"{median(label, 2):.2f} | {cpu:.2f} | {median(label, 5) / 1024:.0f} | "
                  + " | ".join(f"{r:.2f}" for r in ratios) + " |")


def main():
    if sys.argv[1:2] == ["collect"]:
        return collect(*sys.argv[2:5])
    if sys.argv[1:2] == ["report"]:
        return report(sys.argv[2])
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["write", "read"])
    parser.add_argument("path")
    parser.add_argument("--rows", type=int, default=5_000_000)
    args = parser.parse_args()
    if args.mode == "write":
        data = table(args.rows)
        start, cpu = time.perf_counter(), time.process_time()
        pq.write_table(data, args.path, compression="snappy")
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        print(json.dumps({"rows": args.rows, "seconds": seconds, "cpu_seconds": cpu,
                          "bytes": os.path.getsize(args.path)}))
    else:
        start, cpu = time.perf_counter(), time.process_time()
        rows = pq.read_table(args.path).num_rows
        print(json.dumps({"rows": rows, "seconds": time.perf_counter() - start,
                          "cpu_seconds": time.process_time() - cpu}))


if __name__ == "__main__":
    main()
