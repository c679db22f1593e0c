"""Nested Parquet benchmark helpers: `write FILE --rows N` writes the file; `pyarrow FILE OUT`
reads it to JSON lines the fastest reasonable pyarrow way."""
import argparse, json, sys

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq


def write(path, rows):
    rng = np.random.default_rng(14)
    # Lists of 0 to 4 int64 values, one in ten null; points with one in ten null and one in
    # twenty null y.
    lengths = rng.integers(0, 5, rows)
    offsets = np.zeros(rows + 1, dtype=np.int32)
    np.cumsum(lengths, out=offsets[1:])
    values = pa.array(rng.integers(-1_000_000, 1_000_000, int(offsets[-1])), pa.int64())
    list_nulls = pa.array(rng.random(rows) < 0.1)
    lists = pa.ListArray.from_arrays(pa.array(offsets), values, mask=list_nulls)
    x = pa.array(rng.random(rows) * 1000)
    labels = np.array(["alpha", "beta", "gamma", "delta", "epsilon"], dtype=object)
    y = pa.array(labels[rng.integers(0, 5, rows)].tolist(), pa.string(), mask=rng.random(rows) < 0.05)
    points = pa.StructArray.from_arrays([x, y], names=["x", "y"], mask=pa.array(rng.random(rows) < 0.1))
    table = pa.table({"id": pa.array(np.arange(rows, dtype=np.int64)), "l": lists, "p": points})
    pq.write_table(table, path)


def to_jsonl(path, out):
    # Row groups one at a time; to_pylist turns each into Python objects, json.dumps writes them.
    source = pq.ParquetFile(path)
    dumps = json.JSONEncoder(separators=(",", ":")).encode
    with open(out, "w", encoding="utf-8") as f:
        for group in range(source.num_row_groups):
            rows = source.read_row_group(group).to_pylist()
            f.write("\n".join(map(dumps, rows)))
            f.write("\n")


parser = argparse.ArgumentParser()
parser.add_argument("action", choices=["write", "pyarrow"])
parser.add_argument("file")
parser.add_argument("out", nargs="?")
parser.add_argument("--rows", type=int, default=5_000_000)
args = parser.parse_args()
if args.action == "write":
    write(args.file, args.rows)
else:
    to_jsonl(args.file, args.out)
