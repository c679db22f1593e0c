"""Times pyarrow's codecs on the same inputs as bench/compression_bench.swift, best of 5."""
import sys
import time

import pyarrow as pa

paths = sys.argv[1].split(",")
codecs = sys.argv[2].split(",") if len(sys.argv) > 2 else ["snappy", "lz4_raw", "zstd", "gzip", "brotli"]
levels = {"zstd": 1, "gzip": 6, "brotli": 1}


def best(body, rounds=5):
    fastest = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        body()
        fastest = min(fastest, time.process_time() - start)
    return fastest


for path in paths:
    data = open(path, "rb").read()
    megabytes = len(data) / 1e6
    for name in codecs:
        codec = pa.Codec(name, compression_level=levels.get(name))
        compressed = codec.compress(data, asbytes=True)
        compress_time = best(lambda: codec.compress(data, asbytes=True))
        buffer = pa.py_buffer(compressed)
        decompress_time = best(lambda: codec.decompress(buffer, decompressed_size=len(data)))
        print(
            f"pyarrow {path.split('/')[-1]} {name} ratio {len(data) / len(compressed)} "
            f"compress {int(megabytes / compress_time)} MB/s decompress {int(megabytes / decompress_time)} MB/s"
        )
