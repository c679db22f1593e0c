#!/usr/bin/env python3
"""pyarrow's side of bench/parquet_read_bench.sh.

  parquet_read_peers.py write OUT --rows N [--compression snappy]  # the gen_big columns, written by pyarrow
  parquet_read_peers.py read FILE                                  # times pq.read_table
Each prints one JSON object.
"""
import argparse, json, os, time
import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq


def table(n, seed=42):
    # The columns and distributions of /work/shared/bench/gen_big.py.
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


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["write", "read"])
    parser.add_argument("path")
    parser.add_argument("--rows", type=int, default=5_000_000)
    parser.add_argument("--compression", default="snappy")
    args = parser.parse_args()
    if args.mode == "write":
        pq.write_table(table(args.rows), args.path, compression=args.compression)
        print(json.dumps({"rows": args.rows, "bytes": os.path.getsize(args.path)}))
    else:
        start = time.perf_counter()
        rows = pq.read_table(args.path).num_rows
        print(json.dumps({"reader": "pyarrow", "rows": rows, "seconds": round(time.perf_counter() - start, 3)}))


if __name__ == "__main__":
    main()
